package com.fxdesk.slv.calibration;

/**
 * How the calibration's regression grid is refined where E[V | S] moves fast (see {@link RegressionGrid}): the interval
 * after time t is at most max(h_min, α (t − a)), a the last anchor (t = 0, and each surface or quote expiry when
 * {@code afterExpiries}), and at most max(1 day, f / κ). Propagation steps starting at τ are at most
 * max(Δt/64, β τ): a fixed number of steps per doubling of time near t = 0, where the frozen-leverage (Euler) error
 * of a step is largest relative to the option's life (a 1W 10Δ put priced with daily steps on a steep skew is off by
 * tens of bp even under pure local vol).
 *
 * @param growth        α &gt; 0 (infinite: no grading)
 * @param kappaFraction f &gt; 0 (infinite: no mean-reversion rule)
 * @param afterExpiries whether expiries are anchors as well as t = 0
 * @param stepGrowth    β &gt; 0 (infinite: propagation steps Δt / subSteps from t = 0 on)
 */
public record GridGrading(double growth, double kappaFraction, boolean afterExpiries, double stepGrowth) {

    /** The uniform Δt grid with only the short-end points Δt/2, …, Δt/2^refine (the default before grading). */
    public static final GridGrading NONE = new GridGrading(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, false,
            Double.POSITIVE_INFINITY);

    public GridGrading {
        if (!(growth > 0) || !(kappaFraction > 0) || !(stepGrowth > 0)) {
            throw new IllegalArgumentException("grid grading needs growth, kappaFraction and stepGrowth > 0");
        }
    }

    public boolean none() {
        return Double.isInfinite(growth) && Double.isInfinite(kappaFraction) && Double.isInfinite(stepGrowth);
    }
}
