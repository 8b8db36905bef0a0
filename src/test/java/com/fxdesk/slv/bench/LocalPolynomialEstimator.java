package com.fxdesk.slv.bench;

import com.fxdesk.slv.regression.ConditionalExpectationEstimator;
import com.fxdesk.slv.regression.RegressionDiagnostics;
import com.fxdesk.slv.regression.RegressionFit;
import java.util.Arrays;

/**
 * A study-only reference smoother of E[V | ln S]: local polynomial regression of degree p (0 Nadaraya–Watson, 1 local
 * linear, 2 local quadratic, 3 local cubic) with a Gaussian kernel of bandwidth h = c · Silverman's h. Why: every
 * smoother of degree ≤ 1 has the bias ½ h² μ₂ m''(x); a convex E[V | S] is then overstated in the wings. Degree 2 or 3
 * removes that term (bias O(h⁴)), so comparing degrees on the same particles measures the smoothing bias directly.
 * The samples are first aggregated into 8,192 equal-width cells (count, Σx, Σy; the within-cell spread is below
 * 10⁻³ h, far below anything measured here). Evaluated directly at each requested point (window ±6 h).
 */
final class LocalPolynomialEstimator implements ConditionalExpectationEstimator {
    private static final int CELLS = 8192;
    private final int degree;
    private final double bandwidthFactor;
    /** Minimum kernel-weighted sample count for the full degree; below it the degree is lowered (sparse far wing). */
    private final double minEffective;

    LocalPolynomialEstimator(int degree, double bandwidthFactor, double minEffective) {
        this.degree = degree;
        this.bandwidthFactor = bandwidthFactor;
        this.minEffective = minEffective;
    }

    /** {mean, Σ (x − mean)²} of x[0..n). */
    static double[] meanAndSumOfSquares(double[] x, int n) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += x[i];
        }
        mean /= n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            ss += (x[i] - mean) * (x[i] - mean);
        }
        return new double[] {mean, ss};
    }

    static double silverman(double[] x, int n) {
        double sd = Math.sqrt(meanAndSumOfSquares(x, n)[1] / Math.max(1, n - 1));
        double[] a = Arrays.copyOf(x, n);
        Arrays.sort(a);
        double iqr = a[(int) (0.75 * (n - 1))] - a[(int) (0.25 * (n - 1))];
        double sigma = iqr > 0 ? Math.min(sd, iqr / 1.34) : sd;
        return Math.pow(4.0 * Math.pow(sigma, 5) / (3.0 * n), 0.2);
    }

    @Override
    public RegressionFit fit(double[] x, double[] y, int n) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            lo = Math.min(lo, x[i]);
            hi = Math.max(hi, x[i]);
        }
        double h = bandwidthFactor * silverman(x, n);
        double width = Math.max(hi - lo, 1e-12) / CELLS;
        double[] cn = new double[CELLS];
        double[] cx = new double[CELLS];
        double[] cy = new double[CELLS];
        for (int i = 0; i < n; i++) {
            int c = Math.min(CELLS - 1, (int) ((x[i] - lo) / width));
            cn[c] += 1;
            cx[c] += x[i];
            cy[c] += y[i];
        }
        int k = 0;
        for (int c = 0; c < CELLS; c++) {
            if (cn[c] > 0) {
                cn[k] = cn[c];
                cx[k] = cx[c] / cn[c];
                cy[k] = cy[c] / cn[c];
                k++;
            }
        }
        return new Fit(Arrays.copyOf(cx, k), Arrays.copyOf(cy, k), Arrays.copyOf(cn, k), h, degree, minEffective);
    }

    private record Fit(double[] px, double[] py, double[] pw, double h, int degree, double minEffective)
            implements RegressionFit {
        @Override
        public double value(double x0) {
            int from = lowerBound(px, x0 - 6 * h);
            int to = lowerBound(px, x0 + 6 * h);
            int p = degree;
            double[] s = new double[2 * p + 1];
            double[] t = new double[p + 1];
            double eff = 0;
            for (int i = from; i < to; i++) {
                double u = (px[i] - x0) / h;
                double w = pw[i] * Math.exp(-0.5 * u * u);
                eff += w;
                double pw2 = w;
                for (int j = 0; j <= 2 * p; j++) {
                    s[j] += pw2;
                    if (j <= p) {
                        t[j] += pw2 * py[i];
                    }
                    pw2 *= u;
                }
            }
            if (eff <= 0) {
                // no data within the window: the nearest cell's mean
                int j = Math.min(px.length - 1, Math.max(0, from));
                return Math.max(py[j], 1e-8);
            }
            int deg = p;
            while (deg > 0 && eff < minEffective * (deg + 1)) {
                deg--;
            }
            for (; deg >= 0; deg--) {
                double v = solve(s, t, deg);
                if (Double.isFinite(v)) {
                    return Math.max(v, 1e-8);
                }
            }
            return Math.max(t[0] / s[0], 1e-8);
        }

        /** The intercept of the weighted least-squares polynomial of degree d (Gaussian elimination, pivoting). */
        private static double solve(double[] s, double[] t, int d) {
            int m = d + 1;
            double[][] a = new double[m][m + 1];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    a[i][j] = s[i + j];
                }
                a[i][m] = t[i];
            }
            for (int c = 0; c < m; c++) {
                int piv = c;
                for (int r = c + 1; r < m; r++) {
                    if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                        piv = r;
                    }
                }
                double[] tmp = a[c];
                a[c] = a[piv];
                a[piv] = tmp;
                if (Math.abs(a[c][c]) < 1e-12 * Math.abs(s[0])) {
                    return Double.NaN;
                }
                for (int r = c + 1; r < m; r++) {
                    double f = a[r][c] / a[c][c];
                    for (int j = c; j <= m; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
            double[] b = new double[m];
            for (int i = m - 1; i >= 0; i--) {
                double v = a[i][m];
                for (int j = i + 1; j < m; j++) {
                    v -= a[i][j] * b[j];
                }
                b[i] = v / a[i][i];
            }
            return b[0];
        }

        private static int lowerBound(double[] a, double v) {
            int lo = 0;
            int hi = a.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (a[mid] < v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        @Override
        public RegressionDiagnostics diagnostics() {
            return new RegressionDiagnostics("LOCAL_POLY" + degree, h, -1, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, 0, 0, 0);
        }
    }
}
