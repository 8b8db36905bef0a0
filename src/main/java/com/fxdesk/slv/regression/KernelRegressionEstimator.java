package com.fxdesk.slv.regression;

/**
 * Nadaraya–Watson and local linear kernel regression (SPEC.md section 5) with Silverman, fixed or leave-one-out
 * cross-validated bandwidth.
 *
 * <p>Fast and N-independent after one O(N) pass: the samples are linearly binned onto nodes δ ≤ h/16 apart
 * ({@link NodeGrid}); the kernel sums S_k = Σ K((x_i − x)/h)(x_i − x)^k and T_k = Σ K(·)(x_i − x)^k y_i at every node
 * are discrete convolutions with one table of K(dδ/h), over the kernel's (truncated) window; no sort and no
 * per-pair exp. The moments (x_i − x)^k use the samples' exact offsets, so NW returns a constant target exactly
 * and local linear a linear one; only the kernel weight is taken at the node, a relative error O((δ/h)²) ≈ 10⁻³
 * at most, far below the sampling error. Between nodes m is interpolated linearly; beyond the data it is flat.
 *
 * <p>Leave-one-out CV: for each h on a grid of multiples 2^{j/3} (j = −6..6) of Silverman's h, plus one parabolic
 * refinement in ln h, the LOO prediction at sample i interpolates the node estimates at its two nodes after
 * removing exactly i's own contribution to those nodes' sums: O(N + nodes × window) per h instead of O(N²).
 */
final class KernelRegressionEstimator implements ConditionalExpectationEstimator {
    static final int NODES_PER_BANDWIDTH = 16;
    private static final int CV_STEPS = 6;
    /** Relative determinant 1 − corr² below which local linear falls back to Nadaraya–Watson. */
    private static final double SINGULAR = 1e-8;

    private final EstimatorConfig config;
    private final boolean linear;

    KernelRegressionEstimator(EstimatorConfig config) {
        if (config.type() != EstimatorType.NADARAYA_WATSON && config.type() != EstimatorType.LOCAL_LINEAR) {
            throw new IllegalArgumentException("not a kernel regression: " + config.type());
        }
        this.config = config;
        this.linear = config.type() == EstimatorType.LOCAL_LINEAR;
    }

    @Override
    public RegressionFit fit(double[] x, double[] y, int n) {
        long t0 = System.nanoTime();
        SampleStats st = SampleStats.of(x, y, n);
        String name = config.type().name();
        if (n == 1 || st.maxX <= st.minX) {
            RegressionDiagnostics d = new RegressionDiagnostics(name, Double.NaN, -1, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, 0, 0, micros(t0));
            return new PiecewiseLinearFit(new double[] {st.minX}, new double[] {st.meanY}, null, config.floor(), d);
        }
        double h;
        double cvScore = Double.NaN;
        switch (config.bandwidth().rule()) {
            case FIXED -> h = config.bandwidth().value();
            case SILVERMAN -> h = st.silvermanBandwidth(x);
            default -> {
                double[] best = crossValidate(x, y, n, st, st.silvermanBandwidth(x));
                h = best[0];
                cvScore = best[1];
            }
        }
        NodeGrid grid = NodeGrid.bin(x, y, n, st.minX, st.maxX,
                NodeGrid.nodesFor(st.minX, st.maxX, h / NODES_PER_BANDWIDTH), linear);
        Sums s = sums(grid, h);
        int size = grid.size;
        double[] knots = new double[size];
        double[] values = new double[size];
        boolean[] fellBack = linear ? new boolean[size] : null;
        boolean gaps = false;
        for (int g = 0; g < size; g++) {
            knots[g] = grid.node(g);
            double v = linear ? localLinear(s.s0[g], s.s1[g], s.s2[g], s.t0[g], s.t1[g]) : Double.NaN;
            if (linear && Double.isNaN(v)) {
                fellBack[g] = true;
            }
            if (Double.isNaN(v)) {
                v = s.s0[g] > 0.0 ? s.t0[g] / s.s0[g] : Double.NaN;
            }
            gaps |= Double.isNaN(v);
            values[g] = v;
        }
        if (gaps) {
            fillGaps(values, st.meanY);
        }
        RegressionDiagnostics d = new RegressionDiagnostics(name, h, -1, Double.NaN, Double.NaN, Double.NaN,
                cvScore, linear ? 0 : -1, 0, micros(t0));
        return new PiecewiseLinearFit(knots, values, fellBack, config.floor(), d);
    }

    /** Local linear α, or NaN where the 2×2 system is (numerically) singular. */
    private static double localLinear(double s0, double s1, double s2, double t0, double t1) {
        double det = s0 * s2 - s1 * s1;
        if (!(s0 > 0.0) || !(det > SINGULAR * s0 * s2)) {
            return Double.NaN;
        }
        return (s2 * t0 - s1 * t1) / det;
    }

    private double estimate(double s0, double s1, double s2, double t0, double t1) {
        if (linear) {
            double v = localLinear(s0, s1, s2, t0, t1);
            if (!Double.isNaN(v)) {
                return v;
            }
        }
        return s0 > 1e-12 ? t0 / s0 : Double.NaN;
    }

    /** Nodes without data in their window (compact kernels, tiny h) take the nearest defined value. */
    private static void fillGaps(double[] v, double fallback) {
        int n = v.length;
        double last = Double.NaN;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(v[i])) {
                v[i] = last;
            } else {
                last = v[i];
            }
        }
        // leading gaps: from the first defined value; still NaN only if nothing was defined at all
        double first = Double.NaN;
        for (int i = 0; i < n && Double.isNaN(first); i++) {
            first = v[i];
        }
        for (int i = 0; i < n && Double.isNaN(v[i]); i++) {
            v[i] = Double.isNaN(first) ? fallback : first;
        }
    }

    /** Kernel sums at every node: convolution of the node moments with the kernel table K(dδ/h). */
    private Sums sums(NodeGrid g, double h) {
        double[] kt = kernelTable(g, h);
        int r = kt.length - 1;
        int size = g.size;
        Sums s = new Sums(size, linear);
        double[] w = g.w;
        double[] y = g.y;
        for (int c = 0; c < size; c++) {
            int dLo = Math.max(-r, -c);
            int dHi = Math.min(r, size - 1 - c);
            double s0 = 0.0;
            double t0 = 0.0;
            if (!linear) {
                for (int d = dLo; d <= dHi; d++) {
                    double k = kt[d < 0 ? -d : d];
                    s0 += k * w[c + d];
                    t0 += k * y[c + d];
                }
            } else {
                double[] e1 = g.e1;
                double[] e2 = g.e2;
                double[] ey = g.ey;
                double s1 = 0.0;
                double s2 = 0.0;
                double t1 = 0.0;
                for (int d = dLo; d <= dHi; d++) {
                    int j = c + d;
                    double k = kt[d < 0 ? -d : d];
                    double wj = w[j];
                    if (wj == 0.0) {
                        continue;
                    }
                    double e1j = e1[j];
                    double yj = y[j];
                    s0 += k * wj;
                    s1 += k * (e1j + d * wj);
                    s2 += k * (e2[j] + d * (2.0 * e1j + d * wj));
                    t0 += k * yj;
                    t1 += k * (ey[j] + d * yj);
                }
                s.s1[c] = s1;
                s.s2[c] = s2;
                s.t1[c] = t1;
            }
            s.s0[c] = s0;
            s.t0[c] = t0;
        }
        return s;
    }

    private double[] kernelTable(NodeGrid g, double h) {
        Kernel kernel = config.kernel();
        double step = g.delta / h;
        int r = (int) Math.min(g.size - 1, Math.floor(kernel.radius() / step));
        double[] kt = new double[r + 1];
        for (int d = 0; d <= r; d++) {
            kt[d] = kernel.value(d * step);
        }
        return kt;
    }

    /** Returns {h, LOO score} minimising the leave-one-out squared error. */
    private double[] crossValidate(double[] x, double[] y, int n, SampleStats st, double hS) {
        int m = 2 * CV_STEPS + 1;
        double[] scores = new double[m];
        int best = 0;
        for (int j = 0; j < m; j++) {
            scores[j] = looScore(x, y, n, st, hS * Math.pow(2.0, (j - CV_STEPS) / 3.0));
            if (scores[j] < scores[best]) {
                best = j;
            }
        }
        double bestLog = (best - CV_STEPS) / 3.0;
        double bestScore = scores[best];
        if (best > 0 && best < m - 1) {
            // parabola through the three scores around the minimum, in log2 h
            double a = scores[best - 1];
            double b = scores[best];
            double c = scores[best + 1];
            double denom = a - 2.0 * b + c;
            if (denom > 0.0) {
                double shift = 0.5 * (a - c) / denom / 3.0;
                double trial = looScore(x, y, n, st, hS * Math.pow(2.0, bestLog + shift));
                if (trial < bestScore) {
                    bestScore = trial;
                    bestLog += shift;
                }
            }
        }
        return new double[] {hS * Math.pow(2.0, bestLog), bestScore};
    }

    /** Mean squared leave-one-out error at bandwidth h (package-private for tests). */
    double looScore(double[] x, double[] y, int n, SampleStats st, double h) {
        NodeGrid g = NodeGrid.bin(x, y, n, st.minX, st.maxX,
                NodeGrid.nodesFor(st.minX, st.maxX, h / NODES_PER_BANDWIDTH), linear);
        Sums s = sums(g, h);
        double[] kt = kernelTable(g, h);
        double k0 = kt[0];
        double k1 = kt.length > 1 ? kt[1] : 0.0;
        double inv = 1.0 / g.delta;
        int last = g.size - 2;
        boolean lin = linear;
        double sse = 0.0;
        for (int i = 0; i < n; i++) {
            double t = (x[i] - g.lo) * inv;
            int k = NodeGrid.cell(t, last);
            double u = t - k;
            double yi = y[i];
            // sample i's own share of node k's sums (offset u) and of node k+1's (offset u − 1)
            double ca = (1.0 - u) * k0 + u * k1;
            double cb = (1.0 - u) * k1 + u * k0;
            double v = u - 1.0;
            double ma;
            double mb;
            if (lin) {
                ma = estimate(s.s0[k] - ca, s.s1[k] - ca * u, s.s2[k] - ca * u * u, s.t0[k] - ca * yi,
                        s.t1[k] - ca * u * yi);
                mb = estimate(s.s0[k + 1] - cb, s.s1[k + 1] - cb * v, s.s2[k + 1] - cb * v * v,
                        s.t0[k + 1] - cb * yi, s.t1[k + 1] - cb * v * yi);
            } else {
                double da = s.s0[k] - ca;
                double db = s.s0[k + 1] - cb;
                ma = da > 1e-12 ? (s.t0[k] - ca * yi) / da : Double.NaN;
                mb = db > 1e-12 ? (s.t0[k + 1] - cb * yi) / db : Double.NaN;
            }
            double pred;
            if (Double.isNaN(ma)) {
                pred = Double.isNaN(mb) ? st.meanY : mb;
            } else {
                pred = Double.isNaN(mb) ? ma : (1.0 - u) * ma + u * mb;
            }
            double e = yi - pred;
            sse += e * e;
        }
        return sse / n;
    }

    private static long micros(long t0) {
        return (System.nanoTime() - t0) / 1000L;
    }

    private static final class Sums {
        final double[] s0;
        final double[] t0;
        final double[] s1;
        final double[] s2;
        final double[] t1;

        Sums(int size, boolean linear) {
            s0 = new double[size];
            t0 = new double[size];
            s1 = linear ? new double[size] : null;
            s2 = linear ? new double[size] : null;
            t1 = linear ? new double[size] : null;
        }
    }
}
