package com.fxdesk.slv.regression;

/**
 * Estimator of m(x) = E[Y | X = x] from samples (SPEC.md section 5). In the SLV engine x = ln S and y = V.
 * Implementations are immutable and thread-safe; a fit may allocate O(N) work arrays but never per sample.
 */
public interface ConditionalExpectationEstimator {

    /** Fits on the first n samples; the arrays are not modified. */
    RegressionFit fit(double[] x, double[] y, int n);
}
