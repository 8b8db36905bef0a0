package com.fxdesk.slv.model;

import com.fxdesk.slv.heston.HestonParameters;

/**
 * One time step of dS/S = μ dt + L √V dW_S, dV = κ(θ − V)dt + ξ √V dW_V, d&lt;W_S, W_V&gt; = ρ dt, for a block of
 * particles in x = ln S. Pure Heston is L ≡ 1; local vol is {@link #localVolStep} (V ≡ 1, L = σ_LV).
 *
 * <p>Variance: Andersen QE. Log-spot: the leverage is frozen at the start of the step (L(S_n, t_n)) and the
 * correlated part of ∫√V dW_S is recovered from the variance increment (Andersen 2008, as in QuantLib's
 * HestonSLVProcess):
 * Δx = μΔt − ½ L² V̄ Δt + (ρ/ξ) L (V_{n+1} − V_n − κθΔt + κ V̄ Δt) + L √((1 − ρ²) V̄ Δt) Z_S, with V̄ the trapezoid
 * average of V over the step. This keeps the spot–vol correlation exact in distribution at weekly steps.
 * When ξ is (numerically) zero V is deterministic and the step reduces to log-Euler with √V̄.
 * Stateless apart from precomputed coefficients: one instance per (parameters, Δt); thread-safe.
 */
public final class SlvStepper {
    private final double dt;
    private final double drift;
    private final double kappa;
    private final double theta;
    private final double rhoOverXi;
    private final double rhoXi;
    private final double sqrtOneMinusRho2;
    private final boolean deterministicVariance;
    private final AndersenQe qe;
    private final double expKd;

    /**
     * @param params Heston parameters of the variance as simulated (already mixed: ξ here is η·ξ)
     * @param dt     step length in years
     * @param drift  rd − rf averaged over the step
     */
    public SlvStepper(HestonParameters params, double dt, double drift) {
        this.dt = dt;
        this.drift = drift;
        this.kappa = params.kappa();
        this.theta = params.theta();
        this.deterministicVariance = params.xi() < 1e-10;
        this.rhoOverXi = deterministicVariance ? 0.0 : params.rho() / params.xi();
        this.rhoXi = deterministicVariance ? 0.0 : params.rho() * params.xi();
        this.sqrtOneMinusRho2 = Math.sqrt(1 - params.rho() * params.rho());
        this.qe = new AndersenQe(params.kappa(), params.theta(), params.xi(), dt);
        this.expKd = Math.exp(-params.kappa() * dt);
    }

    public double dt() {
        return dt;
    }

    /**
     * Advances particles [from, to): x[i] (ln S) and v[i] (variance) in place.
     *
     * @param lev leverage L(S_i, t_n) per particle (1 for pure Heston)
     * @param zS  independent standard normals for the spot
     * @param zV  standard normals for the variance
     */
    public void step(double[] x, double[] v, double[] lev, double[] zS, double[] zV, int from, int to) {
        step(x, v, lev, zS, zV, null, from, to);
    }

    /**
     * As above, plus (spatial not null) the weak order 2.0 terms of L's x-dependence, L' and L'' read at the
     * step-start x, ΔM = ∫√V dW_S the step's stochastic integral as the Euler part builds it.
     */
    public void step(double[] x, double[] v, double[] lev, double[] zS, double[] zV, SpatialCorrection spatial,
                     int from, int to) {
        if (deterministicVariance) {
            for (int i = from; i < to; i++) {
                double vn = v[i];
                double vNext = theta + (vn - theta) * expKd;
                double vBar = 0.5 * (vn + vNext);
                double l = lev[i];
                double l2v = l * l * vBar;
                double x0 = x[i];
                x[i] += (drift - 0.5 * l2v) * dt + Math.sqrt(l2v * dt) * zS[i];
                if (spatial != null) {
                    x[i] += SpatialCorrection.increment(l, spatial.slope(x0), spatial.curvature(x0), vBar,
                            Math.sqrt(vBar * dt), Math.sqrt(vBar * dt) * zS[i], dt, drift, 0);
                }
                v[i] = vNext;
            }
            return;
        }
        for (int i = from; i < to; i++) {
            double vn = v[i];
            double vNext = qe.next(vn, zV[i]);
            double vBar = 0.5 * (vn + vNext);
            double l = lev[i];
            double corr = rhoOverXi * (vNext - vn - kappa * theta * dt + kappa * vBar * dt);
            double dM = corr + sqrtOneMinusRho2 * Math.sqrt(vBar * dt) * zS[i];
            double x0 = x[i];
            x[i] += (drift - 0.5 * l * l * vBar) * dt + l * corr
                    + l * sqrtOneMinusRho2 * Math.sqrt(vBar * dt) * zS[i];
            if (spatial != null) {
                x[i] += SpatialCorrection.increment(l, spatial.slope(x0), spatial.curvature(x0), vBar,
                        Math.sqrt(vBar * dt), dM, dt, drift, rhoXi);
            }
            v[i] = vNext;
        }
    }

    /** Local-vol (or Black–Scholes) step: V ≡ 1, L = σ per particle; exact for constant σ over the step. */
    public static void localVolStep(double[] x, double[] sigma, double[] z, double dt, double drift, int from, int to) {
        double sqrtDt = Math.sqrt(dt);
        for (int i = from; i < to; i++) {
            double s = sigma[i];
            x[i] += (drift - 0.5 * s * s) * dt + s * sqrtDt * z[i];
        }
    }
}
