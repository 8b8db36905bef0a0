package com.fxdesk.slv.web.support;

/**
 * Units of the cost estimates that admission control ({@link ComputeGate}) compares with
 * {@code slv.compute.heavy-cost}: path-steps (one Monte Carlo path over one time step, ≈ 10 ns of one core). Each
 * feature estimates its requests from the validated request before any work starts (e.g. {@code PricingCost});
 * an estimate, not a bound: the deadline bounds the actual work.
 */
public final class CostEstimate {
    /** A Heston calibration (a few hundred analytic strip pricings, capped by its time budget). */
    public static final long HESTON_CALIBRATION = 20_000_000L;
    /** Building the implied-vol surface and Dupire local vol of one market. */
    public static final long SURFACE = 200_000L;
    /**
     * The arbitrage scan of a served surface (measured 24–74 ms on one thread at load 5–7 for the example markets,
     * docs/hardening.md): paid once per cached surface, so only by a surface request whose market's scan is not
     * cached yet. Above the default heavy-cost: such a request is large.
     */
    public static final long ARBITRAGE_SCAN = 5_000_000L;
    /** One analytic Heston price (an adaptive Gauss–Kronrod integral). */
    public static final long HESTON_ANALYTIC = 20_000L;
    /** One point of a local-vol grid or surface query. */
    public static final long SURFACE_POINT = 50L;

    private CostEstimate() {
    }
}
