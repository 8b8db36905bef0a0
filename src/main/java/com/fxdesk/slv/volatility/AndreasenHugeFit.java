package com.fxdesk.slv.volatility;

/**
 * Fits one Andreasen–Huge (2011) interval: the local vol σ(k) of an expiry interval, piecewise linear in x = ln k
 * between knots and flat beyond the outer ones (a local vol bounded in the wings gives bounded implied vols there,
 * well inside Lee's moment bound; continuing the outer slope made the crisis call wing collapse to the 1% floor), such that the exact flow
 * u = e^{τA(σ)} u_prev of the lattice forward equation over the interval ({@link ExponentialStep}) reproduces target call
 * prices. Unknowns θ_p = ln σ(x_p); residuals are price errors divided by Black vega, i.e. vol errors to first order.
 * Levenberg–Marquardt on the exact Jacobian (contour integral, {@link #exactJacobian}), carried between refreshes by
 * Broyden's rank-one updates. The fit's exponentials and Jacobians run on the band of nodes whose prices move over
 * the interval ({@link #band}; a short interval touches a few ATM sd around the money), the band's end nodes held at
 * their previous prices; the stored prices are the band's, with the held nodes' previous prices outside it (they
 * move by less than the band's criterion; FitBandTest checks them against the whole lattice's flow), and a band that
 * turns out too narrow for the fitted σ is dropped (the fit goes on on the whole lattice).
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
    // the band of nodes the fit's exponentials run on (the whole lattice until chosen): nodes ba..ba+band.n−1
    private StrikeLattice band;
    private int ba;
    private double[] bandPrev;
    private int[] bandCell;
    /** Scratch arrays of the fit's exponentials and Jacobians. */
    private final ExponentialStep.Work work = new ExponentialStep.Work();

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
        useBand(0, lat.n - 1);
    }

    /** Runs the fit's exponentials on nodes a..b, the end nodes held at their previous prices. */
    private void useBand(int a, int b) {
        band = lat.band(a, b);
        ba = a;
        bandPrev = java.util.Arrays.copyOfRange(prev, a, b + 1);
        bandCell = new int[cell.length];
        for (int m = 0; m < cell.length; m++) {
            bandCell[m] = cell[m] - a;
        }
    }

    /**
     * @param tau         length of the interval
     * @param knotX       strictly increasing knot positions in x = ln k
     * @param targetK     target moneyness (inside the lattice)
     * @param targetPrice normalised call prices to reproduce
     * @param weight      1 / vega per target (residuals in vol units)
     * @param sigma0      starting local vol at each knot
     * @param altSigma    another start (e.g. the previous interval's local vol at the knots), or null: the fit starts
     *                    from whichever of the two is closer to the targets
     */
    static Result fit(StrikeLattice lat, double[] prev, double tau, double[] knotX,
                      double[] targetK, double[] targetPrice, double[] weight, double[] sigma0, double[] altSigma) {
        return new AndreasenHugeFit(lat, prev, tau, knotX, targetK, targetPrice, weight).run(sigma0, altSigma);
    }

    /** Prices at the end of the interval on the band: the exact flow of the semi-discrete equation from prev. */
    private double[] propagate(double[] bandVariance) {
        double[] u = new double[band.n];
        new ExponentialStep(band, tau, bandVariance).advance(bandPrev, u, work);
        return u;
    }

    /** Prices at the end of the interval on the whole lattice. */
    private double[] propagateFull(double[] variance) {
        double[] u = new double[lat.n];
        new ExponentialStep(lat, tau, variance).advance(prev, u, work);
        return u;
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

    /** σ² per node of the band: the knots' σ = e^θ once, then per node the arithmetic of {@link #sigma}. */
    private double[] variance(double[] theta) {
        return variance(theta, ba, ba + band.n - 1);
    }

    /** σ² on nodes a..b (index j − a). */
    private double[] variance(double[] theta, int a, int b) {
        double[] e = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            e[i] = Math.exp(theta[i]);
        }
        double[] v = new double[b - a + 1];
        for (int j = a; j <= b; j++) {
            double s;
            if (kind[j] == FLAT) {
                s = e[0];
            } else if (kind[j] == INSIDE) {
                double w = pos[j];
                s = (1 - w) * e[ia[j]] + w * e[ib[j]];
            } else {
                s = e[ia[j]];
            }
            v[j - a] = s * s;
        }
        return v;
    }

    /** Weighted residuals of band prices u (or of whole-lattice prices when full), returns their sum of squares. */
    private double residuals(double[] u, double[] r, boolean full) {
        double cost = 0;
        for (int m = 0; m < r.length; m++) {
            int c = full ? cell[m] : bandCell[m];
            r[m] = (u[c] + cellW[m] * (u[c + 1] - u[c]) - targetPrice[m]) * weight[m];
            cost += r[m] * r[m];
        }
        return cost;
    }

    private double residuals(double[] u, double[] r) {
        return residuals(u, r, false);
    }

    // the Levenberg–Marquardt state
    private double[] theta;
    private double[] r;
    private double cost;
    private int iter;
    /** Band prices at θ. */
    private double[] u;

    private double[] logSigma(double[] sigma) {
        double[] t = new double[sigma.length];
        for (int i = 0; i < sigma.length; i++) {
            t[i] = Math.log(Math.max(MIN_SIGMA, Math.min(MAX_SIGMA, sigma[i])));
        }
        return t;
    }

    private Result run(double[] sigma0, double[] altSigma) {
        int mT = targetK.length;
        int n = lat.n;
        theta = logSigma(sigma0);
        double[] first = propagateFull(variance(theta, 0, n - 1));
        r = new double[mT];
        cost = residuals(first, r, true);
        chooseBand(first);
        u = java.util.Arrays.copyOfRange(first, ba, ba + band.n);
        double[][] startJac = null;
        if (altSigma != null) { // a second start (the previous interval's local vol): keep the closer one
            double[] alt = logSigma(altSigma);
            double[] ar = new double[mT];
            // its prices come with the exact Jacobian there, for about the Jacobian's cost alone: the second start
            // is the closer one on almost every interval (USDTRY: 13 of 14), and then that Jacobian is the fit's first
            double[] au = new double[band.n];
            double[][] aj = exactJacobian(alt, variance(alt), au);
            double ac = residuals(au, ar);
            if (ac < cost) {
                theta = alt;
                r = ar;
                cost = ac;
                u = au;
                startJac = aj;
            }
        }
        iterate(startJac);
        if (band.n < n && bandTooNarrow()) {
            useBand(0, n - 1); // the band was too narrow for the fitted local vol: go on on the whole lattice
            u = propagateFull(variance(theta));
            cost = residuals(u, r);
            iterate(null);
        }
        double[] var = variance(theta, 0, n - 1);
        // the band's prices, the held nodes' previous ones outside it (they move by less than the band's criterion)
        double[] prices = u;
        if (band.n < n) {
            prices = prev.clone();
            System.arraycopy(u, 0, prices, ba, band.n);
        }
        double[] rf = r;
        return new Result(var, new double[][] {prices}, theta, rf, iter);
    }

    /**
     * Whether the band was too narrow for the fitted σ: the prices next to its held end nodes moved over the interval
     * by more than the band's criterion. (By the maximum principle the band's prices differ from the whole lattice's
     * by at most what the end nodes would gain over the interval; time value decays outward, so that is below what
     * their inner neighbours gain. FitBandTest checks the stored prices against the whole lattice's flow.)
     */
    private boolean bandTooNarrow() {
        int last = band.n - 1;
        return ba > 0 && moved(u[1], bandPrev[1]) || ba + last < lat.n - 1 && moved(u[last - 1], bandPrev[last - 1]);
    }

    private static boolean moved(double now, double before) {
        return Math.abs(now - before) > BAND_CHANGE + BAND_RELATIVE * Math.abs(before);
    }

    private void chooseBand(double[] first) {
        int[] ab = band(prev, first, cell);
        if (ab[1] - ab[0] + 1 < lat.n) {
            useBand(ab[0], ab[1]);
        }
    }

    /**
     * The band of nodes the fit's exponentials run on: the nodes whose price moves over the interval at the first
     * start (first = e^{τA}prev on the whole lattice) by more than {@value #BAND_CHANGE} + {@value #BAND_RELATIVE} of
     * the price (the relative part lies above the contour rule's own error, e^{τA}1 = 1 − 2.2e-14, which moves every
     * deep in-the-money price by that much), and the target cells, widened by {@value #BAND_MARGIN} nodes each side
     * (room for the fit's changes of σ; checked at the end, {@link #bandTooNarrow}).
     */
    static int[] band(double[] prev, double[] first, int[] cells) {
        int n = prev.length;
        int lo = -1;
        int hi = -1;
        for (int j = 0; j < n; j++) {
            if (moved(first[j], prev[j])) {
                lo = lo < 0 ? j : lo;
                hi = j;
            }
        }
        for (int c : cells) {
            lo = lo < 0 ? c : Math.min(lo, c);
            hi = Math.max(hi, c + 1);
        }
        return new int[] {Math.max(0, lo - BAND_MARGIN), Math.min(n - 1, hi + BAND_MARGIN)};
    }

    /** Nodes added to each side of the active band. */
    static final int BAND_MARGIN = 16;
    /** A price move below this (absolute, of the forward) plus {@link #BAND_RELATIVE} of the price is no move. */
    static final double BAND_CHANGE = 1e-30;
    static final double BAND_RELATIVE = 1e-13;

    /**
     * Levenberg–Marquardt from (theta, r, cost) on the band, exact Jacobian carried by Broyden updates; jac0: the exact
     * Jacobian at theta if already known, else null.
     */
    private void iterate(double[][] jac0) {
        int p = knotX.length;
        int mT = targetK.length;
        double mu = 1e-6;
        int its = 0;
        int slow = 0;
        // the exact Jacobian at the current θ (fresh), or one carried along by Broyden's rank-one updates (stale)
        double[][] jac = jac0;
        boolean fresh = jac0 != null;
        while (its < MAX_ITERATIONS && maxAbs(r) > TOLERANCE) {
            its++;
            iter++;
            if (jac == null) {
                jac = exactJacobian(theta, variance(theta), null);
                fresh = true;
            }
            double[][] a = new double[p][p];
            double[] g = new double[p];
            for (int m = 0; m < mT; m++) {
                double[] jm = jac[m];
                for (int i = 0; i < p; i++) {
                    g[i] += jm[i] * r[m];
                    for (int q = 0; q <= i; q++) {
                        a[i][q] += jm[i] * jm[q];
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
                double[] step0 = solveSymmetric(sys, g);
                double pred = 0; // predicted cut of the cost by the linear model: 2δᵀg − δᵀAδ
                for (int i = 0; i < p; i++) {
                    double ad = 0;
                    for (int q = 0; q < p; q++) {
                        ad += (q <= i ? a[i][q] : a[q][i]) * step0[q];
                    }
                    pred += step0[i] * (2 * g[i] - ad);
                }
                double[] trial = theta.clone();
                double maxStep = 0;
                for (int i = 0; i < p; i++) {
                    trial[i] -= Math.max(-1.0, Math.min(1.0, step0[i]));
                    trial[i] = Math.max(Math.log(MIN_SIGMA), Math.min(Math.log(MAX_SIGMA), trial[i]));
                    maxStep = Math.max(maxStep, Math.abs(trial[i] - theta[i]));
                }
                double[] tr = new double[mT];
                double[] tu = propagate(variance(trial));
                double tc = residuals(tu, tr);
                if (tc < cost) {
                    broyden(jac, theta, trial, r, tr);
                    boolean wasFresh = fresh;
                    fresh = false;
                    theta = trial;
                    r = tr;
                    u = tu;
                    accepted = true;
                    double rho = (cost - tc) / Math.max(pred, 1e-300);
                    // Broyden's update keeps the Jacobian while its model predicts the cut; refresh it when not
                    if (!wasFresh && (rho < 0.25 || tc > 0.25 * cost)) {
                        jac = null;
                    }
                    // stalled: counted on exact Jacobians only (a least-squares end point must not depend on the path)
                    slow = cost - tc < 1e-3 * cost ? slow + (wasFresh ? 1 : 0) : 0;
                    cost = tc;
                    mu = Math.max(mu * 0.2, 1e-12);
                    if (slow >= 5 || maxStep < 1e-13) {
                        its = MAX_ITERATIONS; // no real progress: the closest reachable prices
                    }
                } else if (!fresh) {
                    break; // an updated Jacobian failed: refresh it before damping more
                } else {
                    mu *= 8;
                }
            }
            if (!accepted && !fresh) {
                jac = null;
                continue;
            }
            if (!accepted) {
                break; // no descent direction left: the closest reachable prices
            }
        }
    }

    /** Broyden's rank-one update J += (Δr − J Δθ) Δθᵀ / Δθᵀ Δθ after an accepted step (secant condition). */
    private static void broyden(double[][] jac, double[] theta, double[] trial, double[] r, double[] tr) {
        int p = theta.length;
        double[] d = new double[p];
        double dd = 0;
        for (int i = 0; i < p; i++) {
            d[i] = trial[i] - theta[i];
            dd += d[i] * d[i];
        }
        if (!(dd > 0)) {
            return;
        }
        for (int m = 0; m < jac.length; m++) {
            double jd = 0;
            for (int i = 0; i < p; i++) {
                jd += jac[m][i] * d[i];
            }
            double f = (tr[m] - r[m] - jd) / dd;
            for (int i = 0; i < p; i++) {
                jac[m][i] += f * d[i];
            }
        }
    }

    /**
     * Exact weighted Jacobian ∂r_m/∂θ_q of u = e^{τA} prev at the targets: d e^{τA} c = (2πi)⁻¹ ∫ e^z R(z) τ dA R(z) c dz
     * with R(z) = (zI − τA)⁻¹ and dA = diag(σ ∂σ/∂θ_q) L, on the exponential's own contour rule
     * ({@link ExponentialStep#derivatives}: all knots' solves in one sweep per contour point). flow: if not null,
     * receives the band's prices e^{τA} prev at θ as well.
     */
    private double[][] exactJacobian(double[] theta, double[] var, double[] flow) {
        int nb = band.n;
        int p = knotX.length;
        int mT = targetK.length;
        int[] q1 = new int[nb];
        int[] q2 = new int[nb];
        double[] g1 = new double[nb];
        double[] g2 = new double[nb];
        double[] d = new double[2];
        for (int i = 0; i < nb; i++) {
            int j = i + ba;
            double s = sigma(theta, j, d);
            q1[i] = ia[j];
            g1[i] = tau * s * d[0];
            q2[i] = kind[j] == FLAT ? -1 : ib[j];
            g2[i] = kind[j] == FLAT ? 0 : tau * s * d[1];
        }
        double[][] jac = new double[mT][p];
        new ExponentialStep(band, tau, var).derivatives(bandPrev, p, q1, g1, q2, g2, bandCell, cellW, jac, work, flow);
        for (int m = 0; m < mT; m++) {
            for (int q = 0; q < p; q++) {
                jac[m][q] *= weight[m];
            }
        }
        return jac;
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
