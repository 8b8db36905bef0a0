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
        this.quadraticFrom = quadraticFrom(theta * oneMinus, expKd, c1, c2);
    }

    /**
     * Every v ≥ this takes the quadratic branch ({@link #exponentialBranch} is false): a cheap pre-test that lets the
     * vectorised stepper skip m and s² for almost every path in its exponential fix-up pass. With m = a + e·v and
     * s² = c1·v + c2 the branch is ψ = s²/m² &gt; ψ_c, i.e. the convex quadratic ψ_c(a + e v)² − c1 v − c2 &lt; 0, so
     * beyond its larger root (or its vertex) it is never taken. The bound is checked, not trusted: the quadratic with
     * s² inflated by 1e-9 (far above the rounding of m and s²) must be positive and increasing there, and s² positive;
     * otherwise +∞ (no pre-test).
     */
    final double quadraticFrom;

    static double quadraticFrom(double a, double e, double c1, double c2) {
        double qa = PSI_C * e * e;
        double qb = 2 * PSI_C * a * e - c1;
        double qc = PSI_C * a * a - c2;
        if (!(qa > 0) || !Double.isFinite(qb) || !Double.isFinite(qc)) {
            return Double.POSITIVE_INFINITY;
        }
        double vertex = -qb / (2 * qa);
        double disc = qb * qb - 4 * qa * qc;
        double root = disc > 0 ? (-qb + Math.sqrt(disc)) / (2 * qa) : vertex;
        double v = Math.max(Math.max(root, vertex), 0.0);
        v = v * (1 + 1e-6) + 1e-12;
        double margin = 1 + 1e-9;
        double m = a + e * v;
        double s2 = c1 * v + c2;
        boolean positive = PSI_C * m * m > s2 * margin;
        boolean increasing = 2 * PSI_C * e * m >= c1 * margin;
        return positive && increasing && s2 > 0 && Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
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
