package com.fxdesk.slv.model;

/**
 * The weak order 2.0 terms of one step of dx = (μ − ½L²V)dt + L(x)√V dW for the spatial variation of L (leverage, or
 * σ_LV with V ≡ 1), added to the log-Euler step that freezes L at the step start: the simplified Itô–Taylor scheme of
 * Kloeden–Platen (14.2.1) for the x-dependence of L, with ΔM = ∫√V dW_S the step's stochastic integral (as the
 * Euler part builds it) and V̄ the step's average variance:
 * <pre>
 *   ½ L L' (ΔM² − V̄Δ) + ½ ΔM Δ (a L' + ½ L² V̄ L'' − L² V̄ L' + ½ ρξ L L') − ½ Δ² V̄ (a L L' + ½ L² V̄ (L'² + L L'')
 *   + ρξ L² L'),   a = μ − ½ L² V̄.
 * </pre>
 * The ρξ terms are the generator's cross term ρ b ξ√V ∂ₓ∂_V applied to b = L√V and to a (dV = … + ξ√V dW_V,
 * d⟨W_S, W_V⟩ = ρ dt; ρξ = 0 for local vol): found missing by a review, without them the corrected step moved the
 * forward at first order when ρ ≠ 0 (E[S_T]/F − 1 = +5.5e-4 at 6 steps to 3M with ρ = −0.7, ξ = 1.5). The variance
 * part (Andersen QE) is unchanged; the terms that involve no x-derivative of L are the Euler/QE step's.
 *
 * <p>Why: a frozen L is a first-order weak scheme whose constant grows with (L'√(VΔ))² — on a crisis skew's first week
 * (σ_LV 0.75 → 0.22 within ±0.05 in ln S) daily steps price 1W ATM +213 bp off, 35 steps still +63 bp; with these
 * terms +88 / +11 bp (LocalVolEulerStudy, docs/calibration-quality.md 9.1). On ordinary smiles the terms are
 * negligible, so they are gated: {@link #of} returns null (no correction, the step bit-identical to plain Euler)
 * unless the lattice's steepness over the step, max √(E[V]Δ)|L'| (how much the step's sd changes across one sd),
 * reaches {@link #STEEP}. The slope alone: with √|L L''| added the kinks of the piecewise-linear leverage switched
 * the gate on for 2,021 of EURUSD's 2,106 steps.
 *
 * <p>L' and L'' are central differences on the lattice's uniform nodes over a stencil of about half a step's
 * standard deviation (at least {@link #MIN_NODES} nodes): L itself is piecewise linear (kinked at every node), whose
 * second difference over one node would be noise; zero at the end nodes (L is flat beyond them); each capped at node
 * level so that |L'|√(V̄Δ) ≤ {@link #CAP} and |L''| L V̄Δ ≤ {@link #CAP_CURVATURE} (a wing's steep end cannot blow
 * the Milstein term up), and per path with the path's own V̄ ({@link #increment}).
 * Read back per path by linear interpolation on the lattice's nodes. Immutable.
 */
public final class SpatialCorrection {
    /**
     * Steepness from which the correction is on (dimensionless). Over 20,000-particle calibrations the max steepness
     * was 0.041 on EURUSD 2018 and 0.043 on the GBPUSD event (no step corrected), 0.10–0.55 on the 2008 crisis.
     */
    public static final double STEEP = 0.05;
    /** Cap on |L'|√(V̄Δ), at the nodes (with E[V]) and per path (with the path's V̄). */
    public static final double CAP = 1.0;
    /** Half-width of the difference stencil for L', L'' in step standard deviations (at least one node). */
    static final double STENCIL = 0.5;
    /**
     * ... and at least this many nodes: the leverage is a regression's output, noisy from node to node; on the crisis
     * market (QualityEvidence, docs/calibration-quality.md 9.1) 1 / 4 / 8 nodes gave 20.7 / 12.5 / 10.4 bp RMS, the
     * 1W–1M points 3.7–5.8 / 2.8–6.6 / 4.5–8.9 bp; a stencil of 1 or 2 sd instead gave 14.7 / 11.1, 1W 4.8 / 7.7.
     */
    static final int MIN_NODES = 4;
    /** Cap on |L''| L V̄Δ, likewise. */
    public static final double CAP_CURVATURE = 1.0;

    final double xMin;
    final double invDx;
    final double top;
    final double[] d1;
    final double[] s1;
    final double[] d2;
    final double[] s2;
    private final double steepness;

    private SpatialCorrection(double xMin, double invDx, double[] d1, double[] d2, double steepness) {
        this.xMin = xMin;
        this.invDx = invDx;
        this.top = d1.length - 1;
        this.d1 = d1;
        this.d2 = d2;
        this.s1 = slopes(d1);
        this.s2 = slopes(d2);
        this.steepness = steepness;
    }

    /**
     * The correction of a step of length dt over which V averages about meanVariance (1 for local vol), or null when
     * the lattice is not uniform or its steepness is below {@link #STEEP}.
     */
    public static SpatialCorrection of(LogSpotLattice lattice, double meanVariance, double dt) {
        return of(lattice, meanVariance, dt, STEEP);
    }

    /** As {@link #of(LogSpotLattice, double, double)} with the gate's threshold given (0: always; ∞: never). */
    public static SpatialCorrection of(LogSpotLattice lattice, double meanVariance, double dt, double steep) {
        if (!lattice.uniform() || !(steep < Double.POSITIVE_INFINITY)) {
            return null;
        }
        double[] l = lattice.values();
        int m = l.length;
        if (m < 3) {
            return null;
        }
        double dx = 1 / lattice.invDx();
        double q = Math.max(meanVariance, 0) * dt;
        double sd = Math.sqrt(q);
        double lMid = l[m / 2];
        // at least MIN_NODES (noise), at most what the lattice holds on each side of its centre (a coarse lattice:
        // fewer nodes rather than an index off its end)
        int h = (int) Math.min((m - 1) / 2, Math.max(MIN_NODES, Math.round(STENCIL * lMid * sd / dx)));
        double[] d1 = new double[m];
        double[] d2 = new double[m];
        double steepness = 0;
        for (int j = 1; j < m - 1; j++) {
            int lo = Math.max(j - h, 0);
            int hi = Math.min(j + h, m - 1);
            double a = (l[hi] - l[lo]) / ((hi - lo) * dx);
            int c = Math.min(Math.max(j, h), m - 1 - h);
            double b = (l[c + h] - 2 * l[c] + l[c - h]) / (h * dx * h * dx);
            double capA = CAP / sd;
            double capB = l[j] > 0 ? CAP_CURVATURE / (l[j] * q) : 0;
            d1[j] = Math.max(-capA, Math.min(capA, a));
            d2[j] = Math.max(-capB, Math.min(capB, b));
            steepness = Math.max(steepness, sd * Math.abs(d1[j]));
        }
        if (!(steepness >= steep)) {
            return null;
        }
        return new SpatialCorrection(lattice.xMin(), lattice.invDx(), d1, d2, steepness);
    }

    /** max over the nodes of √(E[V]Δ)|L'| (after the caps). */
    public double steepness() {
        return steepness;
    }

    /** L' at log-spot x (the nodes' values read linearly, the end value beyond: 0). */
    public double slope(double x) {
        double u = clamp(x);
        int j = (int) u;
        return d1[j] + (u - j) * s1[j];
    }

    /** L'' at log-spot x. */
    public double curvature(double x) {
        double u = clamp(x);
        int j = (int) u;
        return d2[j] + (u - j) * s2[j];
    }

    private double clamp(double x) {
        double u = (x - xMin) * invDx;
        u = u > 0 ? u : 0.0;
        return u < top ? u : top;
    }

    /**
     * The weak-2 terms of one path's step (see the class comment): l = L at the step start, l1 = L', l2 = L'', vBar the
     * step's average variance, sq = √(vBar dt), dM = ∫√V dW_S over the step, dt, drift μ, rhoXi = ρ ξ of the
     * simulated variance (0 for local vol). The one formula of the engine and the oracle.
     */
    public static double increment(double l, double l1, double l2, double vBar, double sq, double dM, double dt,
                                   double drift, double rhoXi) {
        // the node caps again with the path's own V̄ (Heston's V reaches many times its mean, and the Milstein term
        // grows with √(V̄/E[V]): paths blew up at 3Y on the crisis market without this); a branch, not a division,
        // since it is rarely taken (measured: two divisions per path doubled the corrected step's cost)
        double q = sq * sq;
        if (Math.abs(l1) * sq > CAP) {
            l1 = Math.copySign(CAP / sq, l1);
        }
        if (Math.abs(l2) * l * q > CAP_CURVATURE) {
            l2 = Math.copySign(CAP_CURVATURE / (l * q), l2);
        }
        double llv = l * l * vBar;
        double a = drift - 0.5 * llv;
        return 0.5 * l * l1 * (dM * dM - q)
                + 0.5 * dM * dt * (a * l1 + 0.5 * llv * l2 - llv * l1 + 0.5 * rhoXi * l * l1)
                - 0.5 * dt * dt * vBar * (a * l * l1 + 0.5 * llv * (l1 * l1 + l * l2) + rhoXi * l * l * l1);
    }

    private static double[] slopes(double[] d) {
        double[] s = new double[d.length];
        for (int j = 0; j + 1 < d.length; j++) {
            s[j] = d[j + 1] - d[j];
        }
        return s;
    }
}
