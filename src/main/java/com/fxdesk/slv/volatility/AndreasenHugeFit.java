package com.fxdesk.slv.volatility;

/**
 * Fits one Andreasen–Huge (2011) step: the local vol σ(k) of an expiry interval, piecewise linear in x = ln k between
 * knots (flat beyond the outer ones), such that the prices u = M(σ)⁻¹ u_prev of one implicit step over the interval
 * reproduce target call prices. Unknowns θ_p = ln σ(x_p); residuals are price errors divided by Black vega, i.e. vol
 * errors to first order. Levenberg–Marquardt (Gauss–Newton when the step is accepted) with the exact Jacobian
 * ∂u/∂θ_p = M⁻¹ (τ σ ∂σ/∂θ_p ⊙ L u), one tridiagonal solve per knot.
 * <p>Whatever σ comes out, the step's prices are convex in k and not below u_prev (M-matrix property), so a target that
 * is not reachable without arbitrage is simply not met: the residual says by how much.
 */
final class AndreasenHugeFit {
    /** Stop when every residual is below this (vol units): 1e-5 bp. */
    static final double TOLERANCE = 1e-9;
    private static final int MAX_ITERATIONS = 60;
    private static final double MIN_SIGMA = 1e-4;
    private static final double MAX_SIGMA = 20.0;

    /** Fitted step: σ² per node, prices at the end of the step, knot log-vols and the weighted residuals. */
    record Result(double[] variance, double[] prices, double[] theta, double[] residuals, int iterations) {
        double maxAbsResidual() {
            double m = 0;
            for (double r : residuals) {
                m = Math.max(m, Math.abs(r));
            }
            return m;
        }
    }

    private final StrikeLattice lat;
    private final double[] prev;
    private final double tau;
    private final double[] knotX;
    private final double[] targetK;
    private final double[] targetPrice;
    private final double[] weight;
    // node → knot interpolation: σ_j = (1 − wgt_j) σ_{left_j} + wgt_j σ_{left_j + 1}
    private final int[] left;
    private final double[] wgt;
    // target → lattice cell
    private final int[] cell;
    private final double[] cellW;

    private AndreasenHugeFit(StrikeLattice lat, double[] prev, double tau, double[] knotX, double[] targetK,
                             double[] targetPrice, double[] weight) {
        this.lat = lat;
        this.prev = prev;
        this.tau = tau;
        this.knotX = knotX;
        this.targetK = targetK;
        this.targetPrice = targetPrice;
        this.weight = weight;
        int n = lat.n;
        int p = knotX.length;
        left = new int[n];
        wgt = new double[n];
        int q = 0;
        for (int j = 0; j < n; j++) {
            double xj = lat.x[j];
            if (p == 1 || xj <= knotX[0]) {
                left[j] = 0;
                wgt[j] = 0;
            } else if (xj >= knotX[p - 1]) {
                left[j] = p - 2;
                wgt[j] = 1;
            } else {
                while (xj > knotX[q + 1]) {
                    q++;
                }
                left[j] = q;
                wgt[j] = (xj - knotX[q]) / (knotX[q + 1] - knotX[q]);
            }
        }
        cell = new int[targetK.length];
        cellW = new double[targetK.length];
        for (int m = 0; m < targetK.length; m++) {
            int c = lat.cell(targetK[m]);
            cell[m] = c;
            cellW[m] = (targetK[m] - lat.k[c]) / (lat.k[c + 1] - lat.k[c]);
        }
    }

    /**
     * @param knotX       strictly increasing knot positions in x = ln k
     * @param targetK     target moneyness (inside the lattice)
     * @param targetPrice normalised call prices to reproduce
     * @param weight      1 / vega per target (residuals in vol units)
     * @param sigma0      starting local vol at each knot
     */
    static Result fit(StrikeLattice lat, double[] prev, double tau, double[] knotX, double[] targetK,
                      double[] targetPrice, double[] weight, double[] sigma0) {
        return new AndreasenHugeFit(lat, prev, tau, knotX, targetK, targetPrice, weight).run(sigma0);
    }

    private double sigma(double[] theta, int j) {
        int l = left[j];
        if (theta.length == 1) {
            return Math.exp(theta[0]);
        }
        return (1 - wgt[j]) * Math.exp(theta[l]) + wgt[j] * Math.exp(theta[l + 1]);
    }

    private double[] variance(double[] theta) {
        double[] v = new double[lat.n];
        for (int j = 0; j < lat.n; j++) {
            double s = sigma(theta, j);
            v[j] = s * s;
        }
        return v;
    }

    private double modelPrice(double[] u, int m) {
        int c = cell[m];
        return u[c] + cellW[m] * (u[c + 1] - u[c]);
    }

    private double residuals(double[] u, double[] r) {
        double cost = 0;
        for (int m = 0; m < r.length; m++) {
            r[m] = (modelPrice(u, m) - targetPrice[m]) * weight[m];
            cost += r[m] * r[m];
        }
        return cost;
    }

    private Result run(double[] sigma0) {
        int p = knotX.length;
        int mT = targetK.length;
        int n = lat.n;
        double[] theta = new double[p];
        for (int i = 0; i < p; i++) {
            theta[i] = Math.log(Math.max(MIN_SIGMA, Math.min(MAX_SIGMA, sigma0[i])));
        }
        double[] var = variance(theta);
        ImplicitStep step = new ImplicitStep(lat, tau, var);
        double[] u = new double[n];
        step.solve(prev, u);
        double[] r = new double[mT];
        double cost = residuals(u, r);
        double mu = 1e-6;
        double[] lu = new double[n];
        double[] rhs = new double[n];
        double[] du = new double[n];
        double[][] jac = new double[mT][p];
        int iter = 0;
        while (iter < MAX_ITERATIONS && maxAbs(r) > TOLERANCE) {
            iter++;
            lat.apply(u, lu);
            for (int q = 0; q < p; q++) {
                java.util.Arrays.fill(rhs, 0);
                double eq = Math.exp(theta[q]);
                for (int j = 1; j + 1 < n; j++) {
                    double ds = p == 1 ? eq
                            : left[j] == q ? (1 - wgt[j]) * eq : left[j] + 1 == q ? wgt[j] * eq : 0;
                    if (ds != 0) {
                        rhs[j] = tau * Math.sqrt(var[j]) * ds * lu[j];
                    }
                }
                step.solve(rhs, du);
                for (int m = 0; m < mT; m++) {
                    jac[m][q] = modelPrice(du, m) * weight[m];
                }
            }
            double[][] a = new double[p][p];
            double[] g = new double[p];
            for (int m = 0; m < mT; m++) {
                for (int i = 0; i < p; i++) {
                    g[i] += jac[m][i] * r[m];
                    for (int q = 0; q <= i; q++) {
                        a[i][q] += jac[m][i] * jac[m][q];
                    }
                }
            }
            boolean accepted = false;
            while (!accepted && mu < 1e12) {
                double[][] sys = new double[p][p];
                for (int i = 0; i < p; i++) {
                    for (int q = 0; q <= i; q++) {
                        sys[i][q] = a[i][q];
                        sys[q][i] = a[i][q];
                    }
                    sys[i][i] = a[i][i] * (1 + mu) + 1e-30;
                }
                double[] d = solveSymmetric(sys, g);
                double[] trial = theta.clone();
                double maxStep = 0;
                for (int i = 0; i < p; i++) {
                    trial[i] -= Math.max(-1.0, Math.min(1.0, d[i]));
                    trial[i] = Math.max(Math.log(MIN_SIGMA), Math.min(Math.log(MAX_SIGMA), trial[i]));
                    maxStep = Math.max(maxStep, Math.abs(trial[i] - theta[i]));
                }
                double[] tv = variance(trial);
                ImplicitStep ts = new ImplicitStep(lat, tau, tv);
                double[] tu = new double[n];
                ts.solve(prev, tu);
                double[] tr = new double[mT];
                double tc = residuals(tu, tr);
                if (tc < cost) {
                    theta = trial;
                    var = tv;
                    step = ts;
                    u = tu;
                    r = tr;
                    accepted = true;
                    boolean stalled = cost - tc < 1e-14 * cost && maxStep < 1e-12;
                    cost = tc;
                    mu = Math.max(mu * 0.2, 1e-12);
                    if (stalled) {
                        iter = MAX_ITERATIONS;
                    }
                } else {
                    mu *= 8;
                }
            }
            if (!accepted) {
                break; // no descent direction left: the closest reachable prices
            }
        }
        return new Result(var, u, theta, r, iter);
    }

    private static double maxAbs(double[] r) {
        double m = 0;
        for (double v : r) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** Cholesky solve of a symmetric positive (semi)definite system; tiny pivots are regularised. */
    private static double[] solveSymmetric(double[][] a, double[] b) {
        int p = b.length;
        double[][] l = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int q = 0; q < j; q++) {
                    s -= l[i][q] * l[j][q];
                }
                if (i == j) {
                    l[i][i] = Math.sqrt(Math.max(s, 1e-300 + 1e-14 * Math.abs(a[i][i])));
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        double[] y = new double[p];
        for (int i = 0; i < p; i++) {
            double s = b[i];
            for (int q = 0; q < i; q++) {
                s -= l[i][q] * y[q];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[p];
        for (int i = p - 1; i >= 0; i--) {
            double s = y[i];
            for (int q = i + 1; q < p; q++) {
                s -= l[q][i] * x[q];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }
}
