package com.fxdesk.slv.volatility;

import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Fits a raw SVI slice to (y, vol) points of one expiry.
 * <ul>
 *   <li>Residuals are vega-scaled total-variance errors (w − w_i)/(2Tσ_i), i.e. vol errors to first order; the reported
 *       residuals are exact vol differences in basis points.</li>
 *   <li>Start: Zeliade's quasi-explicit idea — for (m, σ) on a grid, (a, b, bρ) by linear least squares, keeping
 *       feasible candidates — then Levenberg–Marquardt (commons-math3) on all five parameters with b = β², ρ = tanh r,
 *       σ = e^s so that bounds hold.</li>
 *   <li>With fewer than five points the slice is constrained: m = 0 and σ = √(w_ATM) are fixed and (a, b, ρ) fitted
 *       (exactly for three points).</li>
 *   <li>If the fit has butterfly arbitrage (Gatheral–Jacquier g(y) &lt; 0 on a wide y grid, negative variance, or a
 *       wing slope above 2) it is refitted with penalty residuals on g, the minimum variance and the wing slopes; the
 *       result says whether the final slice is arbitrage-free.</li>
 * </ul>
 */
public final class SviFitter {
    private static final double G_BUFFER = 1e-6;
    private static final double MAX_WING = 1.98;
    private static final int G_POINTS = 121;
    /** Bounds that keep the slice smooth (no kink): |ρ| ≤ 0.999, σ ≥ 2% of the mean point spacing. */
    private static final double RHO_MAX = 0.999;

    /** Fitted slice with exact vol residuals (model − market) in basis points per input point. */
    public record Result(SviSmile smile, double[] residualsBps, double minG, boolean arbitrageFree, boolean penalised) {
        public double maxAbsResidualBps() {
            double m = 0;
            for (double r : residualsBps) {
                m = Math.max(m, Math.abs(r));
            }
            return m;
        }
    }

    private SviFitter() {
    }

    public static Result fit(double expiry, double[] y, double[] vols) {
        return fit(expiry, y, vols, null);
    }

    /** @param warmStart a previous solution to start from (e.g. in a market-strangle iteration), or null */
    public static Result fit(double expiry, double[] y, double[] vols, SviSmile warmStart) {
        int n = y.length;
        if (n == 0 || vols.length != n || !(expiry > 0)) {
            throw new IllegalArgumentException("SVI fit needs points and a positive expiry");
        }
        double[] w = new double[n];
        double[] scale = new double[n];
        double vMin = Double.POSITIVE_INFINITY;
        double vMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (!(vols[i] > 0) || !Double.isFinite(vols[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("vols must be finite and > 0 (expiry " + expiry + ")");
            }
            w[i] = vols[i] * vols[i] * expiry;
            scale[i] = 1.0 / (2 * expiry * vols[i]);
            vMin = Math.min(vMin, vols[i]);
            vMax = Math.max(vMax, vols[i]);
        }
        if (n == 1 || vMax - vMin <= 1e-14 * vMax) {
            double wf = 0;
            for (double wi : w) {
                wf += wi / n;
            }
            return result(SviSmile.flat(wf), expiry, y, vols, false);
        }
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        double wAtm = w[0];
        double yAtm = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            yMin = Math.min(yMin, y[i]);
            yMax = Math.max(yMax, y[i]);
            if (Math.abs(y[i]) < yAtm) {
                yAtm = Math.abs(y[i]);
                wAtm = w[i];
            }
        }
        double gridHalfWidth = Math.max(Math.abs(yMin), Math.abs(yMax)) + 8 * Math.sqrt(Math.max(wAtm, 1e-8));
        Problem pr = new Problem(y, w, scale, gridHalfWidth, 0.02 * (yMax - yMin) / (n - 1));

        boolean[] free = {true, true, true, true, true};
        SviSmile start;
        if (n < 5) {
            free[3] = false;
            free[4] = false;
            start = constrainedStart(pr, Math.sqrt(wAtm));
        } else {
            start = warmStart != null ? warmStart : quasiExplicitStart(pr, yMin, yMax);
        }
        SviSmile best = levenbergMarquardt(pr, start, free, false);
        if (n >= 5 && cost(pr, best) > 1e-14 * n) { // worse than ~0.01 bp: other starts
            SviSmile[] starts = warmStart == null ? new SviSmile[] {constrainedStart(pr, Math.sqrt(wAtm))}
                    : new SviSmile[] {quasiExplicitStart(pr, yMin, yMax), constrainedStart(pr, Math.sqrt(wAtm))};
            for (SviSmile st : starts) {
                SviSmile alt = levenbergMarquardt(pr, st, free, false);
                if (cost(pr, alt) < cost(pr, best)) {
                    best = alt;
                }
            }
        }
        boolean penalised = false;
        if (!arbitrageFree(best, pr)) {
            best = levenbergMarquardt(pr, best, free, true);
            penalised = true;
        }
        return result(best, expiry, y, vols, penalised, pr);
    }

    private static Result result(SviSmile s, double expiry, double[] y, double[] vols, boolean penalised) {
        return result(s, expiry, y, vols, penalised, new Problem(y, new double[y.length], new double[y.length],
                maxAbs(y) + 8 * Math.sqrt(Math.max(s.w(0), 1e-8)), 0.0));
    }

    private static Result result(SviSmile s, double expiry, double[] y, double[] vols, boolean penalised, Problem pr) {
        double[] res = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            res[i] = (Math.sqrt(Math.max(s.w(y[i]), 0) / expiry) - vols[i]) * 1e4;
        }
        double minG = minG(s, pr);
        boolean ok = minG >= 0 && s.minimumVariance() > 0 && s.maxWingSlope() <= 2;
        return new Result(s, res, minG, ok, penalised);
    }

    private static double maxAbs(double[] y) {
        double m = 0;
        for (double v : y) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** Least-squares data with the y grid on which g is checked. */
    private record Problem(double[] y, double[] w, double[] scale, double gridHalfWidth, double sigmaMin) {
        double gridY(int j) {
            return -gridHalfWidth + 2 * gridHalfWidth * j / (G_POINTS - 1);
        }
    }

    private static double minG(SviSmile s, Problem pr) {
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < G_POINTS; j++) {
            min = Math.min(min, s.g(pr.gridY(j)));
        }
        return min;
    }

    private static boolean arbitrageFree(SviSmile s, Problem pr) {
        return s.minimumVariance() > 0 && s.maxWingSlope() <= 2 && minG(s, pr) >= 0;
    }

    private static double cost(Problem pr, SviSmile s) {
        double c = 0;
        for (int i = 0; i < pr.y.length; i++) {
            double r = (s.w(pr.y[i]) - pr.w[i]) * pr.scale[i];
            c += r * r;
        }
        return c;
    }

    /** m = 0, σ fixed; (a, b, c = bρ) by weighted least squares, projected onto the feasible set. */
    private static SviSmile constrainedStart(Problem pr, double sigma) {
        double[] abc = linearFit(pr, 0.0, sigma);
        SviSmile s = feasible(abc, 0.0, sigma);
        if (s != null) {
            return s;
        }
        double wMean = 0;
        for (double wi : pr.w) {
            wMean += wi / pr.w.length;
        }
        return new SviSmile(wMean - 0.1 * wMean, 0.1 * wMean / sigma, 0.0, 0.0, sigma);
    }

    private static SviSmile quasiExplicitStart(Problem pr, double yMin, double yMax) {
        double range = Math.max(yMax - yMin, 1e-6);
        SviSmile best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        double[] sigmas = {0.02, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2};
        for (int im = 0; im <= 8; im++) {
            double m = yMin + range * (im - 2) / 4.0; // from yMin - range/2 to yMax + range/2
            for (double sr : sigmas) {
                double sigma = sr * range;
                SviSmile s = feasible(linearFit(pr, m, sigma), m, sigma);
                if (s != null) {
                    double c = cost(pr, s);
                    if (c < bestCost) {
                        bestCost = c;
                        best = s;
                    }
                }
            }
        }
        return best != null ? best : constrainedStart(pr, 0.5 * range);
    }

    /** Weighted LS of w on [1, √((y−m)²+σ²), (y−m)] via 3×3 normal equations; null when singular. */
    private static double[] linearFit(Problem pr, double m, double sigma) {
        double[][] ata = new double[3][3];
        double[] atb = new double[3];
        double[] row = new double[3];
        for (int i = 0; i < pr.y.length; i++) {
            double x = pr.y[i] - m;
            double s2 = pr.scale[i] * pr.scale[i];
            row[0] = 1;
            row[1] = Math.sqrt(x * x + sigma * sigma);
            row[2] = x;
            for (int p = 0; p < 3; p++) {
                atb[p] += s2 * row[p] * pr.w[i];
                for (int q = 0; q < 3; q++) {
                    ata[p][q] += s2 * row[p] * row[q];
                }
            }
        }
        try {
            return new org.apache.commons.math3.linear.LUDecomposition(new Array2DRowRealMatrix(ata, false), 1e-300)
                    .getSolver().solve(new ArrayRealVector(atb, false)).toArray();
        } catch (RuntimeException singular) {
            return null;
        }
    }

    private static SviSmile feasible(double[] abc, double m, double sigma) {
        if (abc == null || !(abc[1] > 0) || !(Math.abs(abc[2]) < 0.999 * abc[1])) {
            return null;
        }
        SviSmile s = new SviSmile(abc[0], abc[1], abc[2] / abc[1], m, sigma);
        return s.minimumVariance() > 0 ? s : null;
    }

    // ---- Levenberg–Marquardt in transformed parameters p = (a, β, r, m, s): b = β², ρ = tanh r, σ = e^s ----

    private static SviSmile fromParams(double[] p, double sigmaMin) {
        return new SviSmile(p[0], p[1] * p[1], RHO_MAX * Math.tanh(p[2]), p[3], sigmaMin + Math.exp(p[4]));
    }

    private static double[] toParams(SviSmile s, double sigmaMin) {
        double rho = Math.max(-0.999999, Math.min(0.999999, s.rho() / RHO_MAX));
        return new double[] {s.a(), Math.sqrt(s.b()), 0.5 * Math.log((1 + rho) / (1 - rho)), s.m(),
            Math.log(Math.max(s.sigma() - sigmaMin, 1e-3 * sigmaMin))};
    }

    private static SviSmile levenbergMarquardt(Problem pr, SviSmile start, boolean[] free, boolean penalty) {
        final int nFree = countFree(free);
        int[] idx = new int[nFree];
        for (int k = 0, j = 0; k < 5; k++) {
            if (free[k]) {
                idx[j++] = k;
            }
        }
        double[] base = toParams(start, pr.sigmaMin);
        if (start.b() == 0) {
            base[1] = 1e-4 * Math.sqrt(Math.max(start.a(), 1e-12)); // β = 0 is a stationary point of b = β²
        }
        int nData = pr.y.length;
        int nRows = nData + (penalty ? G_POINTS + 2 : 0);
        MultivariateJacobianFunction model = point -> {
            double[] p = base.clone();
            for (int j = 0; j < nFree; j++) {
                p[idx[j]] = point.getEntry(j);
            }
            double[] val = residuals(pr, p, penalty, nRows);
            double[][] jac = new double[nRows][nFree];
            SviSmile s = fromParams(p, pr.sigmaMin);
            double rho = s.rho();
            double sigX = s.sigma() - pr.sigmaMin; // dσ/ds
            for (int i = 0; i < nData; i++) {
                double x = pr.y[i] - s.m();
                double r = Math.sqrt(x * x + s.sigma() * s.sigma());
                double[] dw = {1.0, 2 * p[1] * (rho * x + r), (RHO_MAX - rho * rho / RHO_MAX) * s.b() * x,
                    s.b() * (-rho - x / r), sigX * s.b() * s.sigma() / r};
                for (int j = 0; j < nFree; j++) {
                    jac[i][j] = dw[idx[j]] * pr.scale[i];
                }
            }
            if (penalty) { // forward differences for the penalty rows
                for (int j = 0; j < nFree; j++) {
                    double[] q = p.clone();
                    double h = 1e-7 * Math.max(1e-3, Math.abs(q[idx[j]]));
                    q[idx[j]] += h;
                    double[] v2 = residuals(pr, q, true, nRows);
                    for (int i = nData; i < nRows; i++) {
                        jac[i][j] = (v2[i] - val[i]) / h;
                    }
                }
            }
            return new Pair<RealVector, RealMatrix>(new ArrayRealVector(val, false),
                    new Array2DRowRealMatrix(jac, false));
        };
        double[] startFree = new double[nFree];
        for (int j = 0; j < nFree; j++) {
            startFree[j] = base[idx[j]];
        }
        LeastSquaresOptimizer.Optimum opt;
        try {
            opt = new LevenbergMarquardtOptimizer()
                    .withCostRelativeTolerance(1e-15).withParameterRelativeTolerance(1e-13).withOrthoTolerance(1e-15)
                    .optimize(new LeastSquaresBuilder().model(model).target(new double[nRows])
                            .start(startFree).maxEvaluations(5000).maxIterations(2000).lazyEvaluation(false).build());
        } catch (RuntimeException e) { // too many evaluations etc.: keep the start, the caller checks residuals
            return start;
        }
        double[] p = base.clone();
        RealVector sol = opt.getPoint();
        for (int j = 0; j < nFree; j++) {
            p[idx[j]] = sol.getEntry(j);
        }
        SviSmile s = fromParams(p, pr.sigmaMin);
        return cost(pr, s) <= cost(pr, start) || penalty ? s : start;
    }

    private static int countFree(boolean[] free) {
        int c = 0;
        for (boolean f : free) {
            c += f ? 1 : 0;
        }
        return c;
    }

    private static double[] residuals(Problem pr, double[] p, boolean penalty, int nRows) {
        SviSmile s = fromParams(p, pr.sigmaMin);
        double[] r = new double[nRows];
        int n = pr.y.length;
        for (int i = 0; i < n; i++) {
            r[i] = (s.w(pr.y[i]) - pr.w[i]) * pr.scale[i];
        }
        if (penalty) {
            for (int j = 0; j < G_POINTS; j++) {
                double g = s.g(pr.gridY(j));
                r[n + j] = g < G_BUFFER ? Math.min(G_BUFFER - g, 1.0) : 0.0;
            }
            double wing = s.maxWingSlope();
            r[n + G_POINTS] = wing > MAX_WING ? wing - MAX_WING : 0.0;
            double minVar = s.minimumVariance();
            double floor = 1e-3 * pr.w[0];
            r[n + G_POINTS + 1] = minVar < floor ? (floor - minVar) / Math.max(pr.w[0], 1e-12) : 0.0;
        }
        return r;
    }
}
