package com.fxdesk.slv.calibration;

import com.fxdesk.slv.regression.ConditionalExpectationEstimator;
import com.fxdesk.slv.regression.RegressionDiagnostics;
import com.fxdesk.slv.regression.RegressionFit;
import java.util.Arrays;

/** Test-only estimators: equal-count binning (van der Stoep et al.) so the calibration can be tested alone. */
final class TestEstimators {

    private TestEstimators() {
    }

    /** B equal-count bins on sorted x; bin means interpolated linearly between bin centres (mean x), flat beyond. */
    static ConditionalExpectationEstimator binning(int bins) {
        return (x, y, n) -> {
            Integer[] idx = new Integer[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            Arrays.sort(idx, (a, b) -> Double.compare(x[a], x[b]));
            int b = Math.min(bins, n);
            double[] cx = new double[b];
            double[] cy = new double[b];
            for (int k = 0; k < b; k++) {
                int from = (int) ((long) k * n / b);
                int to = (int) ((long) (k + 1) * n / b);
                double sx = 0;
                double sy = 0;
                for (int i = from; i < to; i++) {
                    sx += x[idx[i]];
                    sy += y[idx[i]];
                }
                cx[k] = sx / (to - from);
                cy[k] = sy / (to - from);
            }
            RegressionDiagnostics diag = new RegressionDiagnostics("BINNING", Double.NaN, b, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, 0, 0, 0);
            return new RegressionFit() {
                @Override
                public double value(double at) {
                    if (at <= cx[0]) {
                        return cy[0];
                    }
                    if (at >= cx[b - 1]) {
                        return cy[b - 1];
                    }
                    int k = Arrays.binarySearch(cx, at);
                    if (k >= 0) {
                        return cy[k];
                    }
                    int hi = -k - 1;
                    double w = (at - cx[hi - 1]) / (cx[hi] - cx[hi - 1]);
                    return cy[hi - 1] + w * (cy[hi] - cy[hi - 1]);
                }

                @Override
                public RegressionDiagnostics diagnostics() {
                    return diag;
                }
            };
        };
    }
}
