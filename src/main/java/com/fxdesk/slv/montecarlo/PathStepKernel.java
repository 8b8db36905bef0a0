package com.fxdesk.slv.montecarlo;

import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.model.AndersenQe;
import com.fxdesk.slv.model.SlvStepper;

/**
 * The {@link SlvStepper} step for pricing paths, rewritten as branch-free passes the JIT compiles to packed
 * (AVX) divisions and square roots: the QE quadratic branch for every path, a scalar fix-up pass that redoes the
 * paths whose ψ &gt; ψ_c (or s² ≤ 0) with {@link AndersenQe#next}, then the log-spot update fused with the step's
 * integrated variance L² V̄ Δt for the barrier correction. Same expressions in the same order as SlvStepper and
 * AndersenQe, so the results are bit-identical to them (PathStepKernelTest pins this); only the branch per path
 * is gone. Immutable per (parameters, Δt); thread-safe (scratch is the caller's).
 */
final class PathStepKernel {
    private static final double PSI_C = 1.5;

    private final SlvStepper scalar;
    private final AndersenQe qe;
    private final boolean deterministicVariance;
    private final double dt;
    private final double halfDt;
    private final double drift;
    private final double kappa;
    private final double theta;
    private final double rhoOverXi;
    private final double sqrtOneMinusRho2;
    private final double expKd;
    private final double c1;
    private final double c2;

    PathStepKernel(HestonParameters params, double dt, double drift) {
        this.scalar = new SlvStepper(params, dt, drift);
        this.qe = new AndersenQe(params.kappa(), params.theta(), params.xi(), dt);
        this.dt = dt;
        this.halfDt = 0.5 * scalar.dt();
        this.drift = drift;
        this.kappa = params.kappa();
        this.theta = params.theta();
        this.deterministicVariance = params.xi() < 1e-10;
        this.rhoOverXi = deterministicVariance ? 0.0 : params.rho() / params.xi();
        this.sqrtOneMinusRho2 = Math.sqrt(1 - params.rho() * params.rho());
        // as AndersenQe computes them
        double xi = params.xi();
        this.expKd = Math.exp(-kappa * dt);
        double oneMinus = -Math.expm1(-kappa * dt);
        this.c1 = xi * xi * expKd * oneMinus / kappa;
        this.c2 = theta * xi * xi * oneMinus * oneMinus / (2 * kappa);
    }

    double dt() {
        return dt;
    }

    /**
     * Advances paths [0, count): x (ln S) and v in place; stepVar[i] = L² (V_n + V_{n+1}) Δt/2.
     * next and psi are scratch of length ≥ count.
     */
    void step(double[] x, double[] v, double[] lev, double[] zS, double[] zV, double[] stepVar, double[] next,
              double[] psi, int count) {
        if (deterministicVariance) {
            System.arraycopy(v, 0, stepVar, 0, count);
            scalar.step(x, v, lev, zS, zV, 0, count);
            for (int i = 0; i < count; i++) {
                double l = lev[i];
                stepVar[i] = l * l * (stepVar[i] + v[i]) * halfDt;
            }
            return;
        }
        double th = theta;
        double ek = expKd;
        double a1 = c1;
        double a2 = c2;
        for (int i = 0; i < count; i++) {
            double vn = v[i];
            double m = th + (vn - th) * ek;
            double s2 = vn * a1 + a2;
            double p = s2 / (m * m);
            double twoOverPsi = 2 / p;
            double b2 = twoOverPsi - 1 + Math.sqrt(twoOverPsi) * Math.sqrt(twoOverPsi - 1);
            double a = m / (1 + b2);
            double bz = Math.sqrt(b2) + zV[i];
            next[i] = a * bz * bz;
            psi[i] = p;
        }
        for (int i = 0; i < count; i++) {
            double s2 = v[i] * a1 + a2;
            if (!(s2 > 0) || !(psi[i] <= PSI_C)) {
                next[i] = qe.next(v[i], zV[i]);
            }
        }
        double mu = drift;
        double d = dt;
        double k = kappa;
        double r = rhoOverXi;
        double sr = sqrtOneMinusRho2;
        double h = halfDt;
        for (int i = 0; i < count; i++) {
            double vn = v[i];
            double vNext = next[i];
            double vBar = 0.5 * (vn + vNext);
            double l = lev[i];
            double corr = r * (vNext - vn - k * th * d + k * vBar * d);
            x[i] += (mu - 0.5 * l * l * vBar) * d + l * corr
                    + l * sr * Math.sqrt(vBar * d) * zS[i];
            v[i] = vNext;
            stepVar[i] = l * l * (vn + vNext) * h;
        }
    }
}
