package com.fxdesk.slv.bench;

import com.fxdesk.slv.regression.ConditionalExpectationEstimator;
import com.fxdesk.slv.regression.RegressionFit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Study-only: wraps the calibration's estimator (which it returns unchanged, so the calibration is the same) and at
 * every fit also evaluates, at fixed quantiles of the particles' ln S, local polynomials of degree 1, 2 and 3 on the
 * same particles. Printed by time window: each estimator's mean relative deviation from the local quadratic — the
 * smoothing bias ½ h² μ₂ m'' of a degree-≤ 1 smoother shows as a positive deviation in the wings where E[V | S] is
 * convex — and the local quadratic's own shape m(x_p)/m(median).
 */
final class SmoothingProbe implements ConditionalExpectationEstimator {
    static final double[] P = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.975, 0.99, 0.995};
    private static final String[] NAMES = {"used", "LL h", "LL h/2", "LQ h", "LC 1.5h"};
    private final ConditionalExpectationEstimator delegate;
    private final ConditionalExpectationEstimator[] refs = {
        new LocalPolynomialEstimator(1, 1.0, 0), new LocalPolynomialEstimator(1, 0.5, 0),
        new LocalPolynomialEstimator(2, 1.0, 0), new LocalPolynomialEstimator(3, 1.5, 0)};
    /** Per fit: [estimator][quantile] values; and the quantiles' z = (x − median)/sd. */
    private final List<double[][]> rows = new ArrayList<>();
    private final List<double[]> zs = new ArrayList<>();

    SmoothingProbe(ConditionalExpectationEstimator delegate) {
        this.delegate = delegate;
    }

    @Override
    public RegressionFit fit(double[] x, double[] y, int n) {
        RegressionFit used = delegate.fit(x, y, n);
        double[] sorted = Arrays.copyOf(x, n);
        Arrays.sort(sorted);
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += x[i];
        }
        mean /= n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            ss += (x[i] - mean) * (x[i] - mean);
        }
        double sd = Math.sqrt(ss / n);
        double[] at = new double[P.length];
        double[] z = new double[P.length];
        for (int q = 0; q < P.length; q++) {
            at[q] = sorted[(int) Math.round(P[q] * (n - 1))];
            z[q] = (at[q] - sorted[n / 2]) / sd;
        }
        double[][] v = new double[1 + refs.length][P.length];
        for (int q = 0; q < P.length; q++) {
            v[0][q] = used.value(at[q]);
        }
        for (int e = 0; e < refs.length; e++) {
            RegressionFit f = refs[e].fit(x, y, n);
            for (int q = 0; q < P.length; q++) {
                v[1 + e][q] = f.value(at[q]);
            }
        }
        synchronized (this) {
            rows.add(v);
            zs.add(z);
        }
        return used;
    }

    /** Fit k was made at regressionTimes[k + 1] (no fit at t = 0). Windows end at the expiries. */
    void print(double[] regressionTimes, double[] expiries) {
        double lo = 0;
        for (double hi : expiries) {
            int count = 0;
            double[][] sum = new double[NAMES.length][P.length];
            double[][] sq = new double[NAMES.length][P.length];
            double[] shape = new double[P.length];
            double[] zMean = new double[P.length];
            for (int k = 0; k < rows.size(); k++) {
                double t = regressionTimes[k + 1];
                if (t <= lo + 1e-12 || t > hi + 1e-12) {
                    continue;
                }
                count++;
                double[][] v = rows.get(k);
                int lq = 3;
                for (int q = 0; q < P.length; q++) {
                    for (int e = 0; e < NAMES.length; e++) {
                        double d = 100 * (v[e][q] / v[lq][q] - 1);
                        sum[e][q] += d;
                        sq[e][q] += d * d;
                    }
                    shape[q] += v[lq][q] / v[lq][6];
                    zMean[q] += zs.get(k)[q];
                }
            }
            if (count > 0) {
                System.out.printf(Locale.ROOT, "window (%.4f, %.4f]: %d fits; %% deviation from LQ h (mean ± sd)%n",
                        lo, hi, count);
                StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-9s", "p"));
                StringBuilder zl = new StringBuilder(String.format(Locale.ROOT, "%-9s", "z"));
                StringBuilder sh = new StringBuilder(String.format(Locale.ROOT, "%-9s", "LQ/med"));
                for (int q = 0; q < P.length; q++) {
                    head.append(String.format(Locale.ROOT, "%13.3f", P[q]));
                    zl.append(String.format(Locale.ROOT, "%13.2f", zMean[q] / count));
                    sh.append(String.format(Locale.ROOT, "%13.3f", shape[q] / count));
                }
                System.out.println(head);
                System.out.println(zl);
                System.out.println(sh);
                for (int e = 0; e < NAMES.length; e++) {
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-9s", NAMES[e]));
                    for (int q = 0; q < P.length; q++) {
                        double m = sum[e][q] / count;
                        double sdv = Math.sqrt(Math.max(0, sq[e][q] / count - m * m));
                        line.append(String.format(Locale.ROOT, "%7.2f±%5.2f", m, sdv));
                    }
                    System.out.println(line);
                }
            }
            lo = hi;
        }
    }
}
