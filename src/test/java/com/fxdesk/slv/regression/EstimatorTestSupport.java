package com.fxdesk.slv.regression;

import java.util.Arrays;

/** Out-of-sample accuracy of a fit against a known conditional mean (shared by tests and the accuracy study). */
public final class EstimatorTestSupport {
    private EstimatorTestSupport() {
    }

    /** Sorted test points from the law of x, and the indices splitting the central 98% from the outer 2%. */
    public record TestSet(double[] x, double[] truth, int coreFrom, int coreTo) {
        public static TestSet of(SyntheticHestonSamples s, long seed, int n) {
            double[] x = new double[n];
            s.sampleX(seed, x, n);
            Arrays.sort(x);
            double[] truth = new double[n];
            for (int i = 0; i < n; i++) {
                truth[i] = s.mean(x[i]);
            }
            return new TestSet(x, truth, (int) (0.01 * n), (int) (0.99 * n));
        }
    }

    /** {relative RMS error over the central 98%, over the outer 2%}. */
    public static double[] relativeRms(RegressionFit fit, TestSet t) {
        int n = t.x().length;
        double[] out = new double[n];
        fit.values(t.x(), out, n);
        double core = 0.0;
        double tails = 0.0;
        for (int i = 0; i < n; i++) {
            double e = out[i] / t.truth()[i] - 1.0;
            if (i >= t.coreFrom() && i < t.coreTo()) {
                core += e * e;
            } else {
                tails += e * e;
            }
        }
        int nc = t.coreTo() - t.coreFrom();
        return new double[] {Math.sqrt(core / nc), Math.sqrt(tails / (n - nc))};
    }
}
