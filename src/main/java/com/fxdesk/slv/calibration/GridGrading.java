package com.fxdesk.slv.calibration;

/**
 * How the calibration's regression grid is refined where E[V | S] moves fast (see {@link RegressionGrid}): the interval
 * after time t is at most max(h_min, α (t − a)), a the last anchor (t = 0, and each surface or quote expiry when
 * {@code afterExpiries}), and at most max(1 day, f / κ). Propagation steps starting at τ are at most
 * max(h₀, β τ), h₀ = min(Δt, 1 day)/64: a fixed number of steps per doubling of time near t = 0, where the
 * frozen-leverage (Euler) error of a step is largest relative to the option's life (a 1W 10Δ put priced with daily
 * steps on a steep skew is off by tens of bp even under pure local vol).
 *
 * @param growth        α &gt; 0 (infinite: no grading)
 * @param kappaFraction f &gt; 0 (infinite: no mean-reversion rule)
 * @param afterExpiries whether expiries are anchors as well as t = 0
 * @param stepGrowth    β &gt; 0 (infinite: propagation steps Δt / subSteps from t = 0 on)
 * @param initialGrowth α₀ &gt; 0: near t = 0 the regression interval after t is also at most max(h₀, α₀ t), so
 *                      the young cloud is regressed about every propagation step (infinite: no such bound). Why: at
 *                      high vol-of-vol E[V | S] reshapes within hours of t = 0 and carrying the last fit forward
 *                      leaves the 1W–2W smile too low at every strike (section 7 of docs/calibration-quality.md).
 * @param stepKappaFraction f_s &gt; 0: propagation steps are also at most max(half a day, f_s / κ) (infinite: no
 *                      such bound). Why: with fast mean reversion (κ ≈ 30) the QE step's error at κ Δt ≈ 0.08 (daily
 *                      steps) shows in the 2M–3M 10Δ call at −5 to −7 bp; the half-day floor bounds the cost (at most
 *                      twice the steps, and none added below half-day steps).
 * @param trendCarry    whether E[V | S] is carried between regressions along its trend over the last regression
 *                      interval rather than frozen (see {@code SlvCalibrator}), at vol-of-vol ηξ ≥
 *                      {@link #HIGH_VOL_OF_VOL}. Why: the cloud widens under a convex
 *                      E[V | S], so at fixed spot the fit relaxes between regressions; the frozen fit overstates the
 *                      wings by 0.5–2% by the end of an interval and leaves the 10Δ wings of a high vol-of-vol smile
 *                      1–2 bp low (docs/calibration-quality.md 7.5).
 * @param highVolOfVolStepGrowth β_h &gt; 0: the step growth when the vol-of-vol ηξ ≥ {@link #HIGH_VOL_OF_VOL}
 *                      ({@link #stepGrowthFor}; = β: no such rule)
 */
public record GridGrading(double growth, double kappaFraction, boolean afterExpiries, double stepGrowth,
                          double initialGrowth, double stepKappaFraction, boolean trendCarry,
                          double highVolOfVolStepGrowth) {

    /**
     * The vol-of-vol ηξ (of the mixed Heston the particles follow) from which propagation steps grow by
     * {@link #highVolOfVolStepGrowth} instead of {@link #stepGrowth} and the {@link #trendCarry} applies (below it
     * the carry improved the USDJPY 2024 and SABR grids but made USDTRY 0.2–0.6 bp RMS worse: not taken there). Why: at ηξ ≈ 1.4 (GBPUSD event) steps of 0.01 t
     * instead of 0.02 t moved the 1W 10Δ put from −3.5 to −1.2 bp (16 seeds), while under local vol (η = 0) the same
     * change moved nothing: the gain is in the variance part of the step, so low vol-of-vol markets keep the cheaper
     * grid (docs/calibration-quality.md 7.5).
     */
    public static final double HIGH_VOL_OF_VOL = 1.0;

    /** With the same step growth at any vol-of-vol. */
    public GridGrading(double growth, double kappaFraction, boolean afterExpiries, double stepGrowth,
                       double initialGrowth, double stepKappaFraction, boolean trendCarry) {
        this(growth, kappaFraction, afterExpiries, stepGrowth, initialGrowth, stepKappaFraction, trendCarry,
                stepGrowth);
    }

    /** The step growth for a variance of vol-of-vol {@code volOfVol} (ηξ; +∞ for the finest grid any fit gives). */
    public double stepGrowthFor(double volOfVol) {
        return volOfVol >= HIGH_VOL_OF_VOL ? Math.min(stepGrowth, highVolOfVolStepGrowth) : stepGrowth;
    }

    /** The uniform Δt grid with only the short-end points Δt/2, …, Δt/2^refine (the default before grading). */
    public static final GridGrading NONE = new GridGrading(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, false,
            Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

    /** A grading whose fits are frozen between regressions (no {@link #trendCarry}). */
    public GridGrading(double growth, double kappaFraction, boolean afterExpiries, double stepGrowth,
                       double initialGrowth, double stepKappaFraction) {
        this(growth, kappaFraction, afterExpiries, stepGrowth, initialGrowth, stepKappaFraction, false);
    }

    /**
     * The shipped grading from {@link #DENSE_FROM_PARTICLES} particles on: the short-dated refinements (α₀, f_s),
     * steps growing by β = 0.02 (β_h = 0.01 at vol-of-vol ηξ ≥ 1), regressions near t = 0 at most every
     * max(h₀, α₀ t) with α₀ = 0.02, and the trend carry. Why α₀ = 0.02 rather than 0.05 (a regression every 2–3 steps):
     * the fit frozen over the steps goes stale — at fixed ln S it overstates the wings of a convex E[V | S] by 0.5–2%
     * by the end of the interval (the cloud widens under it); regressing at every step of the first weeks lifted the
     * GBPUSD event smile (ξη ≈ 1.4) by 1–2 bp (docs/calibration-quality.md 8.5). Why the trend carry and β_h
     * (section 7.5): the carry removes the rest of that staleness between regressions everywhere (mean 1W–3M 10Δ put
     * error of the GBPUSD event over 16 seeds −3.2 → −1.9 bp, at no extra regression), and steps of 0.01 t the
     * step's own error in a high vol-of-vol young cloud (1W 10P −3.5 → −1.2 bp, 1M 10P −2.1 → +0.7 bp; about 200
     * more steps, no more regressions). The regions are log-spaced, so the cost is nearly independent of the maturity.
     */
    public static final GridGrading DEFAULT = new GridGrading(0.25, 0.1, true, 0.02, 0.02, 0.02, true, 0.01);

    /**
     * The shipped grading below {@link #DENSE_FROM_PARTICLES} particles: no α₀ or f_s rule, steps growing by β = 0.05.
     * Why: at 2,048 particles the regression noise, not the time step, dominates; the dense grading doubles the steps
     * (538 → 1,090 to 5Y) and did not improve the 20-seed study (docs/calibration-quality.md section 7.4).
     */
    public static final GridGrading SPARSE = new GridGrading(0.25, 0.1, true, 0.05, Double.POSITIVE_INFINITY,
            Double.POSITIVE_INFINITY);

    /** Particle count from which {@link #DEFAULT} is used when the caller did not choose a grading. */
    public static final int DENSE_FROM_PARTICLES = 10_000;

    /** The grading a calibration uses: the one chosen, or for {@link #DEFAULT} the one suited to the particles. */
    public GridGrading forParticles(int particles) {
        return equals(DEFAULT) && particles < DENSE_FROM_PARTICLES ? SPARSE : this;
    }

    public GridGrading {
        if (!(growth > 0) || !(kappaFraction > 0) || !(stepGrowth > 0) || !(initialGrowth > 0)
                || !(stepKappaFraction > 0) || !(highVolOfVolStepGrowth > 0)) {
            throw new IllegalArgumentException("grid grading needs growth, kappaFraction, stepGrowth, initialGrowth, "
                    + "stepKappaFraction and highVolOfVolStepGrowth > 0");
        }
    }

    public boolean none() {
        return Double.isInfinite(growth) && Double.isInfinite(kappaFraction) && Double.isInfinite(stepGrowth)
                && Double.isInfinite(highVolOfVolStepGrowth)
                && Double.isInfinite(initialGrowth) && Double.isInfinite(stepKappaFraction);
    }
}
