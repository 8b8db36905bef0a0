package com.fxdesk.slv.calibration;

import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.math.Normal;
import com.fxdesk.slv.random.ZigguratNormals;

/**
 * The {@link com.fxdesk.slv.model.SlvStepper} step (Andersen QE variance, log-spot with the correlated part
 * recovered from the variance increment, leverage frozen over the step) rewritten for throughput, with the
 * leverage lookup and the step's normals ({@link ZigguratNormals}) prepared per chunk. Same formulas, different
 * rounding (ParticleKernelTest pins them together).
 *
 * <p>Why: at daily steps the particle step is bound by the floating-point divide/square-root unit (the QE
 * quadratic branch takes 3 divisions and 3 square roots per particle, the spot one more). Here the quadratic branch
 * is a branch-free loop (one division for 1/ψ, √(u(u−1)) for √u·√(u−1)) that the JIT compiles to packed AVX
 * square roots and divisions; the rare particles with ψ &gt; ψ_c (exponential branch) are redone in a scalar
 * fix-up pass that tests s² &gt; ψ_c m² without a division; the spot update is a second branch-free loop.
 * Immutable per (parameters, Δt); thread-safe (all scratch is the caller's).
 */
final class ParticleKernel {
    private static final double PSI_C = 1.5;

    private final double dt;
    private final double drift;
    private final double theta;
    private final double expKd;
    private final double c1;
    private final double c2;
    private final double corrConst;
    private final double corrV;
    private final double rhoOverXi;
    private final double diffusion;
    private final boolean deterministicVariance;

    /**
     * @param mixed variance dynamics as simulated (ξ already multiplied by η)
     * @param dt    step length in years
     * @param drift rd − rf averaged over the step
     */
    ParticleKernel(HestonParameters mixed, double dt, double drift) {
        double kappa = mixed.kappa();
        double xi = mixed.xi();
        this.dt = dt;
        this.drift = drift;
        this.theta = mixed.theta();
        this.expKd = Math.exp(-kappa * dt);
        double oneMinus = -Math.expm1(-kappa * dt);
        this.c1 = xi * xi * expKd * oneMinus / kappa;
        this.c2 = theta * xi * xi * oneMinus * oneMinus / (2 * kappa);
        this.deterministicVariance = xi < 1e-10;
        this.rhoOverXi = deterministicVariance ? 0.0 : mixed.rho() / xi;
        // ρ/ξ (V' − V − κθΔ + κ V̄ Δ) with V̄ = (V + V')/2: ρ/ξ ((1 + κΔ/2) V' − (1 − κΔ/2) V − κθΔ)
        this.corrConst = -kappa * theta * dt;
        this.corrV = 0.5 * kappa * dt;
        this.diffusion = Math.sqrt(1 - mixed.rho() * mixed.rho()) * Math.sqrt(dt);
    }

    /**
     * Fills lev[i] with L at x[i] (linear in ln S on the uniform grid values, flat beyond it) and zS, then zV (zS
     * only when the variance is deterministic), with normals from the SplitMix64 stream at {@code state}.
     */
    void prepare(double[] x, double[] lev, double[] zS, double[] zV, int from, int to, double[] values, double gx0,
                 double invDx, long state) {
        SlvCalibrator.interpolate(x, lev, from, to, values, gx0, invDx);
        long s = ZigguratNormals.fill(zS, from, to, state);
        if (!deterministicVariance) {
            ZigguratNormals.fill(zV, from, to, s);
        }
    }

    /** Advances particles [from, to) in place; next is scratch (V at the step's end). */
    void step(double[] x, double[] v, double[] lev, double[] zS, double[] zV, double[] next, int from, int to) {
        if (deterministicVariance) {
            for (int i = from; i < to; i++) {
                double v0 = v[i];
                double v1 = theta + (v0 - theta) * expKd;
                double vBar = 0.5 * (v0 + v1);
                double l = lev[i];
                double l2v = l * l * vBar;
                x[i] += (drift - 0.5 * l2v) * dt + Math.sqrt(l2v * dt) * zS[i];
                v[i] = v1;
            }
            return;
        }
        // QE quadratic branch for everyone (branch-free: vectorised)
        for (int i = from; i < to; i++) {
            double v0 = v[i];
            double m = theta + (v0 - theta) * expKd;
            double s2 = v0 * c1 + c2;
            double u = 2 * m * m / s2; // 2/ψ
            double b2 = u - 1 + Math.sqrt(u * (u - 1));
            double bz = Math.sqrt(b2) + zV[i];
            next[i] = m / (1 + b2) * bz * bz;
        }
        // exponential branch where ψ > ψ_c (rare at daily steps), tested without a division
        for (int i = from; i < to; i++) {
            double v0 = v[i];
            double m = theta + (v0 - theta) * expKd;
            double s2 = v0 * c1 + c2;
            if (s2 > PSI_C * m * m || !(s2 > 0)) {
                next[i] = exponential(m, s2, zV[i]);
            }
        }
        // log-spot (branch-free: vectorised)
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

    private static double exponential(double m, double s2, double z) {
        if (!(s2 > 0)) {
            return m;
        }
        double psi = s2 / (m * m);
        double p = (psi - 1) / (psi + 1);
        double u = Normal.cdfFast(z);
        if (u <= p) {
            return 0.0;
        }
        double beta = (1 - p) / m;
        return Math.log((1 - p) / (1 - u)) / beta;
    }
}
