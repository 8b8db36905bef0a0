package com.fxdesk.slv.volatility;

/**
 * Fits one Andreasen–Huge (2011) interval: the local vol σ(k) of an expiry interval, piecewise linear in x = ln k
 * between knots and flat beyond the outer ones (a local vol bounded in the wings keeps the total implied variance
 * asymptotically linear in |ln k|, within Lee's moment bound; continuing the outer slope made the crisis call wing
 * collapse to the 1% floor), such that the exact flow
 * u = e^{τA(σ)} u_prev of the lattice forward equation over the interval ({@link ExponentialStep}) reproduces target call
 * prices. Unknowns θ_p = ln σ(x_p); residuals are price errors divided by Black vega, i.e. vol errors to first order.
 * Levenberg–Marquardt; the Jacobian is first that of a few implicit Euler steps (cheap), then the exact one by the
 * contour integral.
 * <p>Whatever σ comes out, the prices are convex in k and not below u_prev (e^{τA} of a Metzler matrix), so a target
 * that is not reachable without arbitrage is simply not met: the residual says by how much.
 */
final class AndreasenHugeFit {
    /** Stop when every residual is below this (vol units): 1e-5 bp. */
    static final double TOLERANCE = 1e-9;
    private static final int MAX_ITERATIONS = 60;
    private static final double MIN_SIGMA = 1e-4;
    private static final double MAX_SIGMA = 20.0;

    /** Fitted step: σ² per node, prices at the end of the step, knot log-vols and the weighted residuals. */
    record Result(double[] variance, double[][] path, double[] theta, double[] residuals, int iterations) {
        /** Prices at the end of the interval. */
        double[] prices() {
            return path[path.length - 1];
        }

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
    // node → knots: σ_j depends on θ[ia_j] and θ[ib_j] (interior: linear in σ; wings: the outer knot's, ib = ia)
    private final int[] ia;
    private final int[] ib;
    private final int[] kind;
    private final double[] pos;
    // target → lattice cell
    private final int[] cell;
    private final double[] cellW;
    private static final int FLAT = 0;
    private static final int INSIDE = 1;
    private static final int WING = 2;

    private AndreasenHugeFit(StrikeLattice lat, double[] prev, double tau, double[] knotX,
                             double[] targetK, double[] targetPrice, double[] weight) {
        this.lat = lat;
        this.prev = prev;
        this.tau = tau;
        this.knotX = knotX;
        this.targetK = targetK;
        this.targetPrice = targetPrice;
        this.weight = weight;
        int n = lat.n;
        int p = knotX.length;
        ia = new int[n];
        ib = new int[n];
        kind = new int[n];
        pos = new double[n];
        int q = 0;
        for (int j = 0; j < n; j++) {
            double xj = lat.x[j];
            if (p == 1) {
                kind[j] = FLAT;
            } else if (xj <= knotX[0]) {
                kind[j] = WING;
                ia[j] = 0;
                ib[j] = 0;
            } else if (xj >= knotX[p - 1]) {
                kind[j] = WING;
                ia[j] = p - 1;
                ib[j] = p - 1;
            } else {
                while (xj > knotX[q + 1]) {
                    q++;
                }
                kind[j] = INSIDE;
                ia[j] = q;
                ib[j] = q + 1;
                pos[j] = (xj - knotX[q]) / (knotX[q + 1] - knotX[q]);
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
     * @param tau         length of the interval
     * @param knotX       strictly increasing knot positions in x = ln k
     * @param targetK     target moneyness (inside the lattice)
     * @param targetPrice normalised call prices to reproduce
     * @param weight      1 / vega per target (residuals in vol units)
     * @param sigma0      starting local vol at each knot
     */
    static Result fit(StrikeLattice lat, double[] prev, double tau, double[] knotX,
                      double[] targetK, double[] targetPrice, double[] weight, double[] sigma0) {
        return new AndreasenHugeFit(lat, prev, tau, knotX, targetK, targetPrice, weight).run(sigma0);
    }

    /** Prices at the end of the interval: the exact flow of the semi-discrete equation from prev. */
    private double[][] propagate(ExponentialStep step) {
        double[] u = new double[lat.n];
        step.advance(prev, u);
        return new double[][] {u};
    }

    /** σ at node j; d[0], d[1] = ∂σ/∂θ[ia_j], ∂σ/∂θ[ib_j]. */
    private double sigma(double[] theta, int j, double[] d) {
        switch (kind[j]) {
            case FLAT -> {
                double s = Math.exp(theta[0]);
                d[0] = s;
                d[1] = 0;
                return s;
            }
            case INSIDE -> {
                double a = Math.exp(theta[ia[j]]);
                double b = Math.exp(theta[ib[j]]);
                double w = pos[j];
                d[0] = (1 - w) * a;
                d[1] = w * b;
                return (1 - w) * a + w * b;
            }
            default -> { // beyond the outer knot: flat
                double s = Math.exp(theta[ia[j]]);
                d[0] = s;
                d[1] = 0;
                return s;
            }
        }
    }

    private double[] variance(double[] theta) {
        double[] v = new double[lat.n];
        double[] d = new double[2];
        for (int j = 0; j < lat.n; j++) {
            double s = sigma(theta, j, d);
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
        ExponentialStep step = new ExponentialStep(lat, tau, var);
        double[][] path = propagate(step);
        double[] u = path[0];
        double[] r = new double[mT];
        double cost = residuals(u, r);
        double mu = 1e-6;
        double[] du = new double[n];
        double[][] jac = new double[mT][p];
        double[] sig = new double[n];
        double[] dA = new double[n];
        double[] dB = new double[n];
        // nodes whose σ depends on knot q: a contiguous range (ia, ib are monotone in j)
        int[] qLo = new int[p];
        int[] qHi = new int[p];
        java.util.Arrays.fill(qLo, n);
        java.util.Arrays.fill(qHi, -1);
        for (int j = 0; j < n; j++) {
            for (int q : new int[] {ia[j], kind[j] == FLAT ? ia[j] : ib[j]}) {
                qLo[q] = Math.min(qLo[q], j);
                qHi[q] = Math.max(qHi[q], j);
            }
        }
        int iter = 0;
        int slow = 0;
        boolean needJacobian = true;
        boolean exact = false;
        double[][] a = new double[p][p];
        while (iter < MAX_ITERATIONS && maxAbs(r) > TOLERANCE) {
            iter++;
            if (!exact && iter > CHEAP_ITERATIONS) {
                exact = true; // not converged on the cheap Jacobian: finish on the exact one
                needJacobian = true;
                mu = 1e-6;
            }
            if (needJacobian) {
                double[] d = new double[2];
                for (int j = 0; j < n; j++) {
                    sig[j] = sigma(theta, j, d);
                    dA[j] = d[0];
                    dB[j] = d[1];
                }
                double[][] cols = exact ? exactColumns(var, sig, dA, dB, qLo, qHi) : implicitColumns(var, sig, dA, dB, qLo, qHi);
                for (int q = 0; q < p; q++) {
                    du = cols[q];
                    for (int m = 0; m < mT; m++) {
                        jac[m][q] = modelPrice(du, m) * weight[m];
                    }
                }
                a = new double[p][p];
                for (int m = 0; m < mT; m++) {
                    for (int i = 0; i < p; i++) {
                        for (int q = 0; q <= i; q++) {
                            a[i][q] += jac[m][i] * jac[m][q];
                        }
                    }
                }
            }
            boolean fresh = needJacobian;
            double[] g = new double[p];
            for (int m = 0; m < mT; m++) {
                for (int i = 0; i < p; i++) {
                    g[i] += jac[m][i] * r[m];
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
                double[] step0 = solveSymmetric(sys, g);
                double[] trial = theta.clone();
                double maxStep = 0;
                for (int i = 0; i < p; i++) {
                    trial[i] -= Math.max(-1.0, Math.min(1.0, step0[i]));
                    trial[i] = Math.max(Math.log(MIN_SIGMA), Math.min(Math.log(MAX_SIGMA), trial[i]));
                    maxStep = Math.max(maxStep, Math.abs(trial[i] - theta[i]));
                }
                double[] tv = variance(trial);
                ExponentialStep ts = new ExponentialStep(lat, tau, tv);
                double[][] tp = propagate(ts);
                double[] tu = tp[0];
                double[] tr = new double[mT];
                double tc = residuals(tu, tr);
                if (tc < cost) {
                    theta = trial;
                    var = tv;
                    step = ts;
                    path = tp;
                    u = tu;
                    r = tr;
                    accepted = true;
                    // keep the Jacobian (chord step) while it still cuts the cost by 4
                    needJacobian = tc > 0.25 * cost;
                    slow = cost - tc < 1e-3 * cost ? slow + 1 : 0;
                    if (!exact && fresh && tc > 0.5 * cost && maxStep < 0.5) {
                        exact = true; // the implicit-Euler Jacobian no longer leads: use the exact one from now on
                        needJacobian = true;
                    }
                    cost = tc;
                    mu = Math.max(mu * 0.2, 1e-12);
                    if (exact && slow >= 5 || maxStep < 1e-13) {
                        iter = MAX_ITERATIONS; // no real progress: the closest reachable prices
                    }
                } else if (!fresh) {
                    break; // a stale Jacobian failed: refresh it before damping more
                } else {
                    mu *= 8;
                }
            }
            if (!accepted && !fresh) {
                needJacobian = true;
                continue;
            }
            if (!accepted && !exact) {
                exact = true;
                needJacobian = true;
                mu = 1e-6;
                continue;
            }
            if (!accepted) {
                break; // no descent direction left: the closest reachable prices
            }
        }
        return new Result(var, path, theta, r, iter);
    }

    /** Iterations on the cheap Jacobian before the exact one takes over. */
    private static final int CHEAP_ITERATIONS = 10;
    /** Implicit sub-steps of the approximate (cheap) Jacobian. */
    private static final int JACOBIAN_STEPS = 4;

    /**
     * ∂u/∂θ_q of {@value #JACOBIAN_STEPS} implicit Euler steps over the interval (real tridiagonal solves): an
     * approximation of the exact Jacobian that is good enough to lead Gauss–Newton from afar at a fraction of its cost
     * (forward sensitivities M du_s = du_{s−1} + h σ ∂σ/∂θ_q ⊙ L u_s).
     */
    private double[][] implicitColumns(double[] var, double[] sig, double[] dA, double[] dB, int[] qLo, int[] qHi) {
        int n = lat.n;
        int p = knotX.length;
        double h = tau / JACOBIAN_STEPS;
        ImplicitStep step = new ImplicitStep(lat, h, var);
        double[][] src = new double[JACOBIAN_STEPS][n];
        double[] u = prev.clone();
        double[] lu = new double[n];
        for (int s = 0; s < JACOBIAN_STEPS; s++) {
            step.solve(u, u);
            lat.apply(u, lu);
            for (int j = 0; j < n; j++) {
                src[s][j] = h * sig[j] * lu[j];
            }
        }
        double[][] cols = new double[p][n];
        for (int q = 0; q < p; q++) {
            double[] du = cols[q];
            for (int s = 0; s < JACOBIAN_STEPS; s++) {
                for (int j = qLo[q]; j <= qHi[q]; j++) {
                    du[j] += ((ia[j] == q ? dA[j] : 0) + (ib[j] == q && kind[j] != FLAT ? dB[j] : 0)) * src[s][j];
                }
                step.solve(du, du);
            }
        }
        return cols;
    }

    /**
     * Exact ∂u/∂θ_q of u = e^{τA} prev: d e^{τA} c = (2πi)⁻¹ ∫ e^z R(z) τ dA R(z) c dz with R(z) = (zI − τA)⁻¹ and
     * dA = diag(σ ∂σ/∂θ_q) L, on the same contour rule; per node y = R c and s = τ σ ⊙ L y once, then one complex
     * solve per knot.
     */
    private double[][] exactColumns(double[] var, double[] sig, double[] dA, double[] dB, int[] qLo, int[] qHi) {
        int n = lat.n;
        int p = knotX.length;
        ExponentialStep jstep = new ExponentialStep(lat, tau, var);
        int nodes = jstep.solves;
        double[][] sR = new double[nodes][n];
        double[][] sI = new double[nodes][n];
        double[] yr = new double[n];
        double[] yi = new double[n];
        for (int k = 0; k < nodes; k++) {
            jstep.solve(k, prev, null, yr, yi);
            lat.apply(yr, sR[k]);
            lat.apply(yi, sI[k]);
            for (int j = 0; j < n; j++) {
                sR[k][j] *= tau * sig[j];
                sI[k][j] *= tau * sig[j];
            }
        }
        double[] rr = new double[n];
        double[] ri = new double[n];
        double[][] cols = new double[p][n];
        for (int q = 0; q < p; q++) {
            double[] du = cols[q];
            for (int k = 0; k < nodes; k++) {
                java.util.Arrays.fill(rr, 0);
                java.util.Arrays.fill(ri, 0);
                for (int j = qLo[q]; j <= qHi[q]; j++) {
                    double dq = (ia[j] == q ? dA[j] : 0) + (ib[j] == q && kind[j] != FLAT ? dB[j] : 0);
                    rr[j] = dq * sR[k][j];
                    ri[j] = dq * sI[k][j];
                }
                jstep.solve(k, rr, ri, yr, yi);
                double cr = jstep.weightRe(k);
                double ci = jstep.weightIm(k);
                for (int j = 0; j < n; j++) {
                    du[j] += cr * yr[j] - ci * yi[j];
                }
            }
        }
        return cols;
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
