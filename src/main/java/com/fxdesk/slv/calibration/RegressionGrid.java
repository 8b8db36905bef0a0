package com.fxdesk.slv.calibration;

import java.util.Arrays;

/**
 * The particle method's time grid (not the Monte Carlo's simulation dates, which are {@code montecarlo.TimeGrid}):
 * the regression times t_0 = 0 < t_1 < … < t_K = maturity and the propagation grid τ_0 = 0 < … < τ_J = maturity
 * that splits each [t_n, t_{n+1}] into equal sub-steps no longer than Δt / subSteps.
 *
 * <p>Regression times are laid out forward from 0 with the interval
 * <pre>h(t) = min(Δt, max(h_min, α (t − a)), max(h_κ, f / κ), max(h₀, (T_next − T_prev) / 8))</pre>
 * where a is the last anchor (0, and each mandatory time when {@link GridGrading#afterExpiries}), h_min = Δt / 2^refine,
 * h_κ = one day; mandatory times (surface
 * and quote expiries) are always regression times, and each interval between consecutive mandatory times holds at
 * least {@link #MIN_REGRESSIONS_PER_EXPIRY_INTERVAL} regressions (an overnight pillar is not priced on one frozen fit). Why: between regressions the calibration carries E[V | S] from the
 * last fit, which is only accurate while the particle cloud changes little. The cloud is young near t = 0 (its
 * width grows like √t, so a step of α t widens it by √(1 + α)), the leverage changes shape at each expiry, and the
 * conditional variance relaxes on the time scale 1/κ. Far from those the interval is Δt. Near t = 0 the interval is also
 * at most max(h₀, α₀ t) (h₀ = min(Δt, 1 day)/64, {@link GridGrading#initialGrowth}): the young cloud is regressed
 * about every propagation step. Propagation steps are at most min(Δt / subSteps, max(h₀, β τ), max(½ day, f_s / κ),
 * max(¼ day, the leverage's steepness bound)) ({@link GridGrading#stepGrowth}, {@link GridGrading#stepKappaFraction},
 * {@link SlvCalibrationInput.Particles#stepBound}).
 */
final class RegressionGrid {
    /** Grid points closer than this to a mandatory time are dropped in its favour (half a day). */
    private static final double MERGE = 0.5 / 365.0;
    /** The shortest propagation step is min(Δt, 1 day) / this. */
    private static final int MIN_STEP_FRACTION = 64;
    private static final double DAY = 1 / 365.0;
    /** The mean-reversion bound on propagation steps never goes below this (half a day): at most twice the steps. */
    private static final double KAPPA_STEP_FLOOR = 0.5 * DAY;
    /**
     * The steepness bound on propagation steps ({@link SlvCalibrationInput.Particles#stepBound}) never goes below this
     * (a quarter of a day: at most four times the daily steps). On the 2008 USDJPY crisis the bound asks for 0.16-day
     * steps; a quarter of a day took the mean 6M–3Y round-trip error over five seeds from +12.5 bp (daily) and +5.7
     * (half a day) to +0.4 (docs/calibration-quality.md 9.3). Finer than {@link #KAPPA_STEP_FLOOR}; admission
     * counts it wherever it can apply ({@link SlvCalibrationInput#gridSize(double, int, int, double[], double)}).
     */
    static final double STEP_BOUND_FLOOR = 0.25 * DAY;
    /**
     * Every interval between consecutive mandatory times (0, the expiries, the maturity) holds at least this many
     * regressions. Why: between regressions E[V | S] is carried from the last fit, and a short option whose whole life
     * lies inside one regression interval sees only that frozen fit. An overnight pillar after t = 0 with the sparse
     * grading's first interval of 0.625 day merged into the 1-day expiry: m ≡ v0 over the option's life, while at
     * ρ ≈ 0.56 and ξ ≈ 0.76 E[V | S] moves by ~30% of v0 across the 10Δ strikes within that day (USDTRY at 2,048
     * particles: ON 10Δ call +107 bp at every seed; with this rule +0.9 bp).
     */
    static final int MIN_REGRESSIONS_PER_EXPIRY_INTERVAL = 8;

    final double[] regressionTimes;
    final double[] stepTimes;
    /** For each propagation step j, the regression interval n it belongs to. */
    final int[] stepInterval;

    private RegressionGrid(double[] regressionTimes, double[] stepTimes, int[] stepInterval) {
        this.regressionTimes = regressionTimes;
        this.stepTimes = stepTimes;
        this.stepInterval = stepInterval;
    }

    int steps() {
        return stepTimes.length - 1;
    }

    /** The largest number of propagation steps in one regression interval. */
    int maxStepsPerInterval() {
        int max = 0;
        int run = 0;
        for (int j = 0; j < stepInterval.length; j++) {
            run = j > 0 && stepInterval[j] == stepInterval[j - 1] ? run + 1 : 1;
            max = Math.max(max, run);
        }
        return max;
    }

    /** The earlier uniform grid: Δt steps, mandatory times and the short-end points Δt/2, …, Δt/2^refine. */
    static RegressionGrid build(double maturity, double dt, int subSteps, int refine, double[] mandatory) {
        double[] must = mandatorySorted(maturity, mandatory);
        int nGrid = (int) Math.ceil(maturity / dt - 1e-9);
        double[] all = new double[nGrid + must.length + refine + 2];
        int k = 0;
        all[k++] = 0.0;
        for (int r = 1; r <= refine; r++) {
            double t = dt / (1 << r);
            if (t < maturity - 1e-12 && !closeTo(must, t)) {
                all[k++] = t;
            }
        }
        for (int i = 1; i < nGrid; i++) {
            double t = i * dt;
            if (!closeTo(must, t)) {
                all[k++] = t;
            }
        }
        for (double t : must) {
            all[k++] = t;
        }
        all[k++] = maturity;
        double[] reg = Arrays.copyOf(all, k);
        Arrays.sort(reg);
        return withSubSteps(reg, maturity, dt / subSteps, 0, Double.POSITIVE_INFINITY);
    }

    /**
     * The graded grid of the class comment; with {@link GridGrading#NONE} the same regression times as
     * {@link #build(double, double, int, int, double[])} up to the placement of the Δt points (here laid out
     * from the last regression time rather than on multiples of Δt). {@code NONE} is the former uniform grid a caller
     * chose explicitly, and is exempt from {@link #MIN_REGRESSIONS_PER_EXPIRY_INTERVAL}.
     *
     * @param kappa mean reversion of the variance (1/κ is the time scale on which E[V | S] relaxes); the step growth
     *              is that of the finest grid (vol-of-vol +∞)
     */
    static RegressionGrid graded(double maturity, double dt, int subSteps, int refine, double[] mandatory, double kappa,
                           GridGrading grading) {
        return graded(maturity, dt, subSteps, refine, mandatory, kappa, Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY, grading);
    }

    /**
     * As {@link #graded(double, double, int, int, double[], double, GridGrading)} for a variance of vol-of-vol
     * {@code volOfVol} (ηξ of the mixed Heston; +∞: the finest grid any fit can produce: the propagation steps grow by
     * {@link GridGrading#stepGrowthFor}), with propagation steps also at most max({@link #STEP_BOUND_FLOOR},
     * {@code stepBound}) (years; +∞: none), the bound from the leverage's steepness through E[V | S]
     * ({@link SlvCalibrationInput.Particles#stepBound}).
     */
    static RegressionGrid graded(double maturity, double dt, int subSteps, int refine, double[] mandatory, double kappa,
                                 double volOfVol, double stepBound, GridGrading grading) {
        if (grading.none()) {
            return build(maturity, dt, subSteps, refine, mandatory);
        }
        double[] must = mandatorySorted(maturity, mandatory);
        double hMin = dt / (1 << refine);
        double hKappa = Math.min(dt, Math.max(DAY, kappa > 0 && Double.isFinite(grading.kappaFraction())
                ? grading.kappaFraction() / kappa : Double.POSITIVE_INFINITY));
        double[] reg = new double[64];
        int k = 0;
        reg[k++] = 0.0;
        double t = 0.0;
        double anchor = 0.0;
        double lastMust = 0.0;
        int nextMust = 0;
        while (t < maturity - 1e-12) {
            double nextMustTime = nextMust < must.length ? must[nextMust] : maturity;
            double h = Math.min(dt, hKappa);
            h = Math.min(h, Math.max(minStep(dt), (nextMustTime - lastMust) / MIN_REGRESSIONS_PER_EXPIRY_INTERVAL));
            h = Math.min(h, Math.max(hMin, grading.growth() * (t - anchor)));
            if (!Double.isInfinite(grading.initialGrowth())) { // ∞ · 0 would be NaN at t = 0
                h = Math.min(h, Math.max(minStep(dt), grading.initialGrowth() * t));
            }
            double next = t + h;
            boolean isMust = false;
            // snap to the expiry when it is closer than half a day, or than half the interval where that is shorter
            if (nextMust < must.length && must[nextMust] <= next + Math.min(MERGE, 0.5 * h)) {
                next = must[nextMust++];
                isMust = true;
            }
            if (next > maturity - Math.min(MERGE, 0.5 * h)) { // the maturity is the last mandatory time
                next = maturity;
            }
            if (k == reg.length) {
                reg = Arrays.copyOf(reg, 2 * k);
            }
            reg[k++] = next;
            t = next;
            if (isMust) {
                lastMust = t;
                if (grading.afterExpiries()) {
                    anchor = t;
                }
            }
        }
        // no rule (an infinite fraction) or no κ: no bound; ∞/∞ would be NaN and collapse the sub-steps
        double kappaStep = kappa > 0 && Double.isFinite(grading.stepKappaFraction())
                ? Math.max(KAPPA_STEP_FLOOR, grading.stepKappaFraction() / kappa) : Double.POSITIVE_INFINITY;
        double steepStep = stepBound < Double.POSITIVE_INFINITY ? Math.max(STEP_BOUND_FLOOR, stepBound)
                : Double.POSITIVE_INFINITY;
        return withSubSteps(Arrays.copyOf(reg, k), maturity, Math.min(dt / subSteps, Math.min(kappaStep, steepStep)),
                minStep(dt), grading.stepGrowthFor(volOfVol));
    }

    /** The shortest propagation step (and regression interval near t = 0): min(Δt, 1 day) / 64. */
    private static double minStep(double dt) {
        return Math.min(dt, DAY) / MIN_STEP_FRACTION;
    }

    /** Interval [t_n, t_{n+1}] in equal steps of at most min(subDt, max(minStep, stepGrowth · t_n)). */
    private static RegressionGrid withSubSteps(double[] reg, double maturity, double subDt, double minStep,
                                         double stepGrowth) {
        int total = 0;
        int[] counts = new int[reg.length - 1];
        for (int n = 0; n + 1 < reg.length; n++) {
            double h = Double.isInfinite(stepGrowth) ? subDt : Math.min(subDt, Math.max(minStep, stepGrowth * reg[n]));
            counts[n] = Math.max(1, (int) Math.ceil((reg[n + 1] - reg[n]) / h - 1e-9));
            total += counts[n];
        }
        double[] steps = new double[total + 1];
        int[] interval = new int[total];
        int j = 0;
        for (int n = 0; n + 1 < reg.length; n++) {
            double h = (reg[n + 1] - reg[n]) / counts[n];
            for (int s = 0; s < counts[n]; s++) {
                steps[j] = s == 0 ? reg[n] : reg[n] + s * h;
                interval[j] = n;
                j++;
            }
        }
        steps[total] = maturity;
        return new RegressionGrid(reg, steps, interval);
    }

    private static double[] mandatorySorted(double maturity, double[] mandatory) {
        return Arrays.stream(mandatory).filter(t -> t > 1e-12 && t < maturity - 1e-12).sorted().distinct().toArray();
    }

    private static boolean closeTo(double[] sorted, double t) {
        for (double m : sorted) {
            if (Math.abs(m - t) < MERGE) {
                return true;
            }
        }
        return false;
    }
}
