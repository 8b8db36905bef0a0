package com.fxdesk.slv.regression;

/** A fitted m(x), evaluable anywhere, with what the estimator used. */
public interface RegressionFit {

    double value(double x);

    /** Values on an increasing grid (fast path: implementations sweep the sorted grid once). */
    default void values(double[] increasingX, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = value(increasingX[i]);
        }
    }

    RegressionDiagnostics diagnostics();
}
