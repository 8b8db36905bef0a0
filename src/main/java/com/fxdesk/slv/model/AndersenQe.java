package com.fxdesk.slv.model;

import com.fxdesk.slv.math.Normal;

/**
 * Andersen's (2008) quadratic-exponential step of the CIR variance dV = κ(θ − V)dt + ξ√V dW over one step Δ.
 * Matches the first two conditional moments exactly, keeps V ≥ 0, and is accurate at weekly steps where
 * Euler schemes are biased. One instance per step size (coefficients precomputed); immutable, thread-safe.
 */
public final class AndersenQe {
    /** Switching level between the quadratic and exponential branches (Andersen's ψ_c). */
    private static final double PSI_C = 1.5;

    final double theta;
    final double expKd;
    final double c1; // ξ² e^{-κΔ}(1 − e^{-κΔ})/κ, multiplies V
    final double c2; // θ ξ² (1 − e^{-κΔ})² / (2κ)

    public AndersenQe(double kappa, double theta, double xi, double dt) {
        this.theta = theta;
        this.expKd = Math.exp(-kappa * dt);
        double oneMinus = -Math.expm1(-kappa * dt);
        this.c1 = xi * xi * expKd * oneMinus / kappa;
        this.c2 = theta * xi * xi * oneMinus * oneMinus / (2 * kappa);
    }

    /** Conditional mean E[V(t+Δ) | V(t) = v]. */
    public double mean(double v) {
        return theta + (v - theta) * expKd;
    }

    /**
     * Next variance from the current one and a standard normal draw z (the variance's own shock; its
     * uniform U = Φ(z) drives the exponential branch, so a larger z always gives a larger V: the map is monotone).
     */
    public double next(double v, double z) {
        double m = theta + (v - theta) * expKd;
        double s2 = v * c1 + c2;
        if (s2 <= 0) {
            return m;
        }
        double psi = s2 / (m * m);
        if (psi <= PSI_C) {
            double twoOverPsi = 2 / psi;
            double b2 = twoOverPsi - 1 + Math.sqrt(twoOverPsi) * Math.sqrt(twoOverPsi - 1);
            double a = m / (1 + b2);
            double bz = Math.sqrt(b2) + z;
            return a * bz * bz;
        }
        return exponential(m, s2, z);
    }

    /** Whether (m, s²) take the exponential branch (ψ = s²/m² &gt; ψ_c), tested without a division. */
    static boolean exponentialBranch(double m, double s2) {
        return s2 > PSI_C * m * m || !(s2 > 0);
    }

    /**
     * The exponential branch: V' = 0 with probability p = (ψ − 1)/(ψ + 1), else exponential with the matching
     * mean; U = Φ(z). With s² ≤ 0 (no randomness left) V' = m.
     */
    static double exponential(double m, double s2, double z) {
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
