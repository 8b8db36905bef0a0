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
    /** Per fit: the previous fit at this fit's quantiles, read at fixed ln S and at fixed (x − mean)/sd; level. */
    private final List<double[][]> carried = new ArrayList<>();
    private RegressionFit previous;
    private double prevMean;
    private double prevSd;

    SmoothingProbe(ConditionalExpectationEstimator delegate) {
        this.delegate = delegate;
    }

    @Override
    public RegressionFit fit(double[] x, double[] y, int n) {
        RegressionFit used = delegate.fit(x, y, n);
        double[] sorted = Arrays.copyOf(x, n);
        Arrays.sort(sorted);
        double[] moments = LocalPolynomialEstimator.meanAndSumOfSquares(x, n);
        double mean = moments[0];
        double sd = Math.sqrt(moments[1] / n);
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
        double[][] c = new double[3][P.length];
        if (previous != null) {
            for (int q = 0; q < P.length; q++) {
                c[0][q] = previous.value(at[q]);
                c[1][q] = previous.value(prevMean + (at[q] - mean) * prevSd / sd);
            }
            // the previous fit averaged over today's particles against their mean V (every 10th particle)
            double sp = 0;
            double sv = 0;
            int cnt = 0;
            for (int i = 0; i < n; i += 10) {
                sp += previous.value(x[i]);
                sv += y[i];
                cnt++;
            }
            c[2][0] = sp / cnt;
            c[2][1] = sv / cnt;
        }
        synchronized (this) {
            rows.add(v);
            zs.add(z);
            carried.add(previous == null ? null : c);
        }
        previous = used;
        prevMean = mean;
        prevSd = sd;
        return used;
    }

    private static double g(com.fxdesk.slv.heston.HestonParameters h, double t) {
        return h.theta() + (h.v0() - h.theta()) * Math.exp(-h.kappa() * t);
    }

    /** Fit k was made at regressionTimes[k + 1] (no fit at t = 0). Windows end at the expiries. */
    void print(double[] regressionTimes, double[] expiries) {
        print(regressionTimes, expiries, null);
    }

    /**
     * Also, with the mixed Heston parameters: the previous fit carried by g(t_k)/g(t_{k−1}) (as the calibration does at
     * fixed ln S, and alternatively at fixed standardised x) against the fresh fit, % (mean over the window's fits).
     */
    void print(double[] regressionTimes, double[] expiries, com.fxdesk.slv.heston.HestonParameters h) {
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
                if (h != null) {
                    double[][] cs = new double[3][P.length];
                    double[] sq2 = new double[P.length];
                    int cc = 0;
                    for (int k = 1; k < rows.size(); k++) {
                        double t = regressionTimes[k + 1];
                        if (t <= lo + 1e-12 || t > hi + 1e-12 || carried.get(k) == null) {
                            continue;
                        }
                        double ratio = g(h, t) / g(h, regressionTimes[k]);
                        double[][] c = carried.get(k);
                        for (int q = 0; q < P.length; q++) {
                            double dq = 100 * (c[0][q] * ratio / rows.get(k)[0][q] - 1);
                            cs[0][q] += dq;
                            sq2[q] += dq * dq;
                            cs[1][q] += 100 * (c[1][q] * ratio / rows.get(k)[0][q] - 1);
                        }
                        cs[2][0] += 100 * (c[2][0] * ratio / c[2][1] - 1);
                        cc++;
                    }
                    StringBuilder a = new StringBuilder(String.format(Locale.ROOT, "%-9s", "carry x"));
                    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-9s", "carry z"));
                    for (int q = 0; q < P.length; q++) {
                        a.append(String.format(Locale.ROOT, "%13.3f", cs[0][q] / cc));
                        b.append(String.format(Locale.ROOT, "%13.3f", cs[1][q] / cc));
                    }
                    StringBuilder sdl = new StringBuilder(String.format(Locale.ROOT, "%-9s", "  sd x"));
                    for (int q = 0; q < P.length; q++) {
                        double mq = cs[0][q] / cc;
                        sdl.append(String.format(Locale.ROOT, "%13.3f", Math.sqrt(Math.max(0, sq2[q] / cc - mq * mq))));
                    }
                    System.out.println(a);
                    System.out.println(sdl);
                    System.out.println(b);
                    System.out.printf(Locale.ROOT, "carried fit's particle mean vs mean V: %.3f %%%n", cs[2][0] / cc);
                }
            }
            lo = hi;
        }
    }
}

