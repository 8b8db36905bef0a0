package com.fxdesk.slv.model;

import com.fxdesk.slv.heston.HestonParameters;

/**
 * One time step of dS/S = μ dt + L √V dW_S, dV = κ(θ − V)dt + ξ √V dW_V, d&lt;W_S, W_V&gt; = ρ dt for a block of
 * paths in x = ln S: the one SLV step of the calibration's particles, the round trip and the pricing paths (pure
 * Heston is L ≡ 1; {@link #localVol} is the V ≡ 1, L = σ_LV case).
 *
 * <p>Scheme (Andersen 2008, as QuantLib's HestonSLVProcess): variance by {@link AndersenQe}; the leverage frozen at
 * the start of the step, L(S_n, t_n); the correlated part of ∫√V dW_S recovered from the variance increment:
 * Δx = μΔt − ½ L² V̄ Δt + (ρ/ξ) L (V_{n+1} − V_n − κθΔt + κ V̄ Δt) + L √((1 − ρ²) V̄ Δt) Z_S, V̄ the trapezoid average
 * of V over the step. With ξ (numerically) zero V is deterministic and the step is log-Euler with √V̄. Optionally
 * the step's integrated variance L² V̄ Δt, which the pricing's Brownian-bridge barrier correction needs. On steps
 * where L is steep against the step's sd the caller passes a {@link SpatialCorrection}: the weak order 2.0 terms of
 * L's x-dependence are then added (a separate pass before the Euler part, so that without it the step's arithmetic
 * and bits are exactly as before).
 *
 * <p>Why this shape: the step is bound by the floating-point divide/square-root unit. The QE quadratic branch runs
 * for every path as a branch-free loop (one division for 1/ψ, √(u(u−1)) for √u·√(u−1)) that the JIT compiles to
 * packed AVX instructions; the rare paths with ψ &gt; ψ_c are redone in a scalar fix-up pass; the spot update is a
 * second branch-free loop. The scalar form of the same formulas (src/test SlvStepper) is the test oracle: equal up to
 * rounding. Immutable per (parameters, Δt); thread-safe (all scratch is the caller's).
 */
public final class SlvStep {
    private final AndersenQe qe;
    private final double dt;
    private final double halfDt;
    private final double drift;
    private final double corrConst;
    private final double corrV;
    private final double rhoOverXi;
    private final double rhoXi; // ρ ξ: the spatial correction's cross terms (SpatialCorrection)
    private final double diffusion;
    private final double sqrtDt;
    private final boolean deterministicVariance;

    /**
     * @param mixed variance dynamics as simulated (for SLV ξ already multiplied by the mixing η)
     * @param dt    step length in years
     * @param drift rd − rf averaged over the step
     */
    public SlvStep(HestonParameters mixed, double dt, double drift) {
        double kappa = mixed.kappa();
        double xi = mixed.xi();
        this.qe = new AndersenQe(kappa, mixed.theta(), xi, dt);
        this.dt = dt;
        this.halfDt = 0.5 * dt;
        this.drift = drift;
        this.deterministicVariance = xi < 1e-10;
        this.rhoOverXi = deterministicVariance ? 0.0 : mixed.rho() / xi;
        this.rhoXi = deterministicVariance ? 0.0 : mixed.rho() * xi;
        // ρ/ξ (V' − V − κθΔ + κ V̄ Δ) with V̄ = (V + V')/2: ρ/ξ ((1 + κΔ/2) V' − (1 − κΔ/2) V − κθΔ)
        this.corrConst = -kappa * mixed.theta() * dt;
        this.corrV = 0.5 * kappa * dt;
        this.diffusion = Math.sqrt(1 - mixed.rho() * mixed.rho()) * Math.sqrt(dt);
        this.sqrtDt = Math.sqrt(dt);
    }

    /** Whether V is deterministic (ξ ≈ 0): then zV is not read and need not be drawn. */
    public boolean deterministicVariance() {
        return deterministicVariance;
    }

    /**
     * Advances paths [from, to) in place: x (ln S) and v.
     *
     * @param lev     L(S_n, t_n) per path (1 for pure Heston)
     * @param zS      independent standard normals for the spot
     * @param zV      standard normals for the variance (unread when the variance is deterministic)
     * @param next    scratch (V at the step's end)
     * @param stepVar null, or receives L² (V_n + V_{n+1}) Δt/2 per path
     */
    public void step(double[] x, double[] v, double[] lev, double[] zS, double[] zV, double[] next, double[] stepVar,
                     int from, int to) {
        step(x, v, lev, zS, zV, next, stepVar, null, from, to);
    }

    /**
     * As above, and advances a companion log-spot {@code heston} (null: none) by the same step with L ≡ 1: the pure
     * Heston path driven by the same variance path and the same spot normals (the variance does not depend on L),
     * whose vanilla prices are known in closed form — the round trip's control variate. Costs one more log-spot
     * update per path; x and v are advanced exactly as without it.
     */
    public void step(double[] x, double[] v, double[] lev, double[] zS, double[] zV, double[] next, double[] stepVar,
                     double[] heston, int from, int to) {
        double theta = qe.theta;
        double expKd = qe.expKd;
        if (deterministicVariance) {
            for (int i = from; i < to; i++) {
                double v0 = v[i];
                double v1 = theta + (v0 - theta) * expKd;
                double vBar = 0.5 * (v0 + v1);
                if (heston != null) {
                    heston[i] += (drift - 0.5 * vBar) * dt + Math.sqrt(vBar * dt) * zS[i];
                }
                double l = lev[i];
                double l2v = l * l * vBar;
                x[i] += (drift - 0.5 * l2v) * dt + Math.sqrt(l2v * dt) * zS[i];
                v[i] = v1;
                if (stepVar != null) {
                    stepVar[i] = l * l * (v0 + v1) * halfDt;
                }
            }
            return;
        }
        quadratic(v, zV, next, from, to);
        exponentialPass(v, zV, next, from, to);
        if (stepVar != null) {
            for (int i = from; i < to; i++) {
                double l = lev[i];
                stepVar[i] = l * l * (v[i] + next[i]) * halfDt;
            }
        }
        if (heston != null) {
            companionLogSpot(v, zS, next, heston, from, to);
        }
        logSpot(x, v, lev, zS, next, from, to);
    }

    /**
     * As above, with the weak order 2.0 terms of L's spatial variation ({@link SpatialCorrection}) added to x when
     * {@code spatial} is not null (the companion is not corrected: L ≡ 1 there). With null, exactly the step above
     * (the same method: the corrected step is its own method, so that the plain step's compiled code and speed stay
     * as they were — measured 2.8 against 5.1 ns per particle when the null check sat inside the plain step).
     */
    public void step(double[] x, double[] v, double[] lev, double[] zS, double[] zV, double[] next, double[] stepVar,
                     double[] heston, SpatialCorrection spatial, int from, int to) {
        if (spatial == null) {
            step(x, v, lev, zS, zV, next, stepVar, heston, from, to);
        } else {
            corrected(x, v, lev, zS, zV, next, stepVar, heston, spatial, from, to);
        }
    }

    /** The step with the spatial terms: a pass before the Euler part, which reads the step-start x. */
    private void corrected(double[] x, double[] v, double[] lev, double[] zS, double[] zV, double[] next,
                           double[] stepVar, double[] heston, SpatialCorrection spatial, int from, int to) {
        if (deterministicVariance) {
            spatialDeterministic(x, v, lev, zS, spatial, from, to);
            step(x, v, lev, zS, zV, next, stepVar, heston, from, to);
            return;
        }
        quadratic(v, zV, next, from, to);
        exponentialPass(v, zV, next, from, to);
        spatial(x, v, lev, zS, next, spatial, from, to);
        if (stepVar != null) {
            for (int i = from; i < to; i++) {
                double l = lev[i];
                stepVar[i] = l * l * (v[i] + next[i]) * halfDt;
            }
        }
        if (heston != null) {
            companionLogSpot(v, zS, next, heston, from, to);
        }
        logSpot(x, v, lev, zS, next, from, to);
    }

    /**
     * The L ≡ 1 companion += its log-spot increment, from the step-start v and next (before {@link #logSpot} moves v
     * on). Its own loop, not fused into logSpot's: the fused loop stored to two arrays and ran at 6.8 against 4.1 ns
     * per particle for the plain step (StepKernelBenchmark, thread CPU), the separate loops at the figure in
     * docs/calibration-quality.md 13.
     */
    private void companionLogSpot(double[] v, double[] zS, double[] next, double[] heston, int from, int to) {
        for (int i = from; i < to; i++) {
            double v0 = v[i];
            double v1 = next[i];
            double vBar = 0.5 * (v0 + v1);
            double corr = rhoOverXi * ((1 + corrV) * v1 - (1 - corrV) * v0 + corrConst);
            heston[i] += (drift - 0.5 * vBar) * dt + corr + diffusion * Math.sqrt(vBar) * zS[i];
        }
    }

    /** QE quadratic branch for everyone into next (branch-free: vectorised). */
    private void quadratic(double[] v, double[] zV, double[] next, int from, int to) {
        double theta = qe.theta;
        double expKd = qe.expKd;
        double c1 = qe.c1;
        double c2 = qe.c2;
        for (int i = from; i < to; i++) {
            double v0 = v[i];
            double m = theta + (v0 - theta) * expKd;
            double s2 = v0 * c1 + c2;
            double u = 2 * m * m / s2; // 2/ψ
            double b2 = u - 1 + Math.sqrt(u * (u - 1));
            double bz = Math.sqrt(b2) + zV[i];
            next[i] = m / (1 + b2) * bz * bz;
        }
    }

    /** The exponential branch where ψ &gt; ψ_c (rare at daily steps; only below qe.quadraticFrom, NaN included). */
    private void exponentialPass(double[] v, double[] zV, double[] next, int from, int to) {
        double quadraticFrom = qe.quadraticFrom;
        for (int i = from; i < to; i++) {
            if (!(v[i] >= quadraticFrom)) {
                exponentialFixUp(v, zV, next, i);
            }
        }
    }

    /** x += the log-spot increment, v = next (branch-free: vectorised). */
    private void logSpot(double[] x, double[] v, double[] lev, double[] zS, double[] next, int from, int to) {
        for (int i = from; i < to; i++) {
            double v0 = v[i];
            double v1 = next[i];
            double vBar = 0.5 * (v0 + v1);
            double l = lev[i];
            double corr = rhoOverXi * ((1 + corrV) * v1 - (1 - corrV) * v0 + corrConst);
            x[i] += (drift - 0.5 * l * l * vBar) * dt + l * corr + l * diffusion * Math.sqrt(vBar) * zS[i];
            v[i] = v1;
        }
    }

    /** x += the weak-2 terms of L's x-dependence, ΔM = (ρ/ξ)(…) + √((1 − ρ²) V̄ Δt) Z_S as the Euler part builds it. */
    private void spatial(double[] x, double[] v, double[] lev, double[] zS, double[] next, SpatialCorrection c,
                         int from, int to) {
        double lo = c.xMin;
        double inv = c.invDx;
        double top = c.top;
        double[] d1 = c.d1;
        double[] s1 = c.s1;
        double[] d2 = c.d2;
        double[] s2 = c.s2;
        for (int i = from; i < to; i++) {
            double xi = x[i];
            double u = (xi - lo) * inv;
            u = u > 0 ? u : 0.0;
            u = u < top ? u : top;
            int j = (int) u;
            double w = u - j;
            double v0 = v[i];
            double v1 = next[i];
            double vBar = 0.5 * (v0 + v1);
            double root = Math.sqrt(vBar);
            double dM = rhoOverXi * ((1 + corrV) * v1 - (1 - corrV) * v0 + corrConst) + diffusion * root * zS[i];
            x[i] = xi + SpatialCorrection.increment(lev[i], d1[j] + w * s1[j], d2[j] + w * s2[j], vBar,
                    root * sqrtDt, dM, dt, drift, rhoXi);
        }
    }

    /** The same with V deterministic: ΔM = √(V̄ Δt) Z_S. */
    private void spatialDeterministic(double[] x, double[] v, double[] lev, double[] zS, SpatialCorrection c,
                                      int from, int to) {
        for (int i = from; i < to; i++) {
            double xi = x[i];
            double v0 = v[i];
            double vBar = 0.5 * (v0 + qe.theta + (v0 - qe.theta) * qe.expKd);
            double sq = Math.sqrt(vBar * dt);
            x[i] = xi + SpatialCorrection.increment(lev[i], c.slope(xi), c.curvature(xi), vBar, sq, sq * zS[i], dt,
                    drift, 0);
        }
    }

    /**
     * Local vol's weak-2 terms ({@link SpatialCorrection} with V ≡ 1), to be applied before {@link #localVol} on the
     * same step-start x and σ: ΔW = a zA[i] + b zB[i] (zB null: a zA[i] alone).
     */
    public static void localVolCorrection(double[] x, double[] sigma, double[] zA, double[] zB, double a, double b,
                                          SpatialCorrection c, double dt, double drift, int from, int to) {
        double sqrtDt = Math.sqrt(dt);
        for (int i = from; i < to; i++) {
            double xi = x[i];
            double dW = zB == null ? a * zA[i] : a * zA[i] + b * zB[i];
            x[i] = xi + SpatialCorrection.increment(sigma[i], c.slope(xi), c.curvature(xi), 1.0, sqrtDt, dW, dt,
                    drift, 0);
        }
    }

    /** Path i with v below qe.quadraticFrom: the exponential branch if ψ &gt; ψ_c (out of line: keeps the scan small). */
    private void exponentialFixUp(double[] v, double[] zV, double[] next, int i) {
        double v0 = v[i];
        double m = qe.theta + (v0 - qe.theta) * qe.expKd;
        double s2 = v0 * qe.c1 + qe.c2;
        if (AndersenQe.exponentialBranch(m, s2)) {
            next[i] = AndersenQe.exponential(m, s2, zV[i]);
        }
    }

    /** Local-vol (or Black–Scholes) step: V ≡ 1, L = σ per path; exact for constant σ over the step. */
    public static void localVol(double[] x, double[] sigma, double[] z, double dt, double drift, int from, int to) {
        double sqrtDt = Math.sqrt(dt);
        for (int i = from; i < to; i++) {
            double s = sigma[i];
            x[i] += (drift - 0.5 * s * s) * dt + s * sqrtDt * z[i];
        }
    }
}
