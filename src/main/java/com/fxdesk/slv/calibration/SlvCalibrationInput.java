package com.fxdesk.slv.calibration;

import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.regression.ConditionalExpectationEstimator;
import com.fxdesk.slv.volatility.ImpliedVolSurface;
import com.fxdesk.slv.volatility.LocalVolSurface;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.DoubleStream;

/**
 * Everything one SLV particle calibration needs (SPEC.md sections 3, 4 and 7), grouped by concern; each group holds
 * its own defaults (the paper's choices where it makes them). Start from {@link #of} and replace groups with the
 * {@code with…} methods.
 *
 * @param market     what the market gives: spot, curves, local and implied vol, expiries, maturity
 * @param heston     the Heston parameters and the mixing η
 * @param particles  the particle cloud and its time grid
 * @param regression how E[V | ln S] is estimated and where L is stored
 * @param bounds     the clipping of L and of the conditional variance
 * @param repricing  the round trip: the vanillas to reprice and its Monte Carlo
 */
public record SlvCalibrationInput(Market market, Heston heston, Particles particles, Regression regression,
                                  LeverageBounds bounds, Repricing repricing) {

    public SlvCalibrationInput {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(heston, "heston");
        Objects.requireNonNull(particles, "particles");
        Objects.requireNonNull(regression, "regression");
        Objects.requireNonNull(bounds, "bounds");
        Objects.requireNonNull(repricing, "repricing");
    }

    /**
     * The defaults of every group around what has none: no round-trip quotes, the round trip's seed derived from
     * the particles' ({@link RoundTripConfig#seedFor}).
     */
    public static SlvCalibrationInput of(Market market, HestonParameters heston,
                                         ConditionalExpectationEstimator estimator) {
        return new SlvCalibrationInput(market, Heston.of(heston), Particles.DEFAULTS, Regression.of(estimator),
                LeverageBounds.DEFAULTS, Repricing.of(List.of(), Particles.DEFAULTS.seed()));
    }

    public SlvCalibrationInput withMarket(Market m) {
        return new SlvCalibrationInput(m, heston, particles, regression, bounds, repricing);
    }

    public SlvCalibrationInput withHeston(Heston h) {
        return new SlvCalibrationInput(market, h, particles, regression, bounds, repricing);
    }

    public SlvCalibrationInput withParticles(Particles p) {
        return new SlvCalibrationInput(market, heston, p, regression, bounds, repricing);
    }

    public SlvCalibrationInput withRegression(Regression r) {
        return new SlvCalibrationInput(market, heston, particles, r, bounds, repricing);
    }

    public SlvCalibrationInput withBounds(LeverageBounds b) {
        return new SlvCalibrationInput(market, heston, particles, regression, b, repricing);
    }

    public SlvCalibrationInput withRepricing(Repricing r) {
        return new SlvCalibrationInput(market, heston, particles, regression, bounds, r);
    }

    /**
     * What the market gives.
     *
     * @param fx         spot and curves (the drift of ln S is rd − rf)
     * @param localVol   Dupire σ_LV(t, S)
     * @param impliedVol the implied surface (optional; round-trip quotes carry their market vols)
     * @param expiries   expiries of the surface: each one ≤ maturity becomes a regression time
     * @param maturity   last calibrated time (years)
     */
    public record Market(FxMarket fx, LocalVolSurface localVol, ImpliedVolSurface impliedVol, double[] expiries,
                         double maturity) {
        public Market {
            Objects.requireNonNull(fx, "fx");
            Objects.requireNonNull(localVol, "localVol");
            expiries = expiries == null ? new double[0] : expiries.clone();
            if (!(maturity > 0) || !Double.isFinite(maturity)) {
                throw new IllegalArgumentException("maturity must be finite and > 0");
            }
        }

        /** Calibrated up to the last expiry. */
        public static Market of(FxMarket fx, LocalVolSurface localVol, ImpliedVolSurface impliedVol,
                                double... expiries) {
            double last = 0;
            for (double e : expiries) {
                last = Math.max(last, e);
            }
            return new Market(fx, localVol, impliedVol, expiries, last);
        }

        @Override
        public double[] expiries() {
            return expiries.clone();
        }

        public Market withMaturity(double t) {
            return new Market(fx, localVol, impliedVol, expiries, t);
        }

        public Market withLocalVol(LocalVolSurface lv) {
            return new Market(fx, lv, impliedVol, expiries, maturity);
        }
    }

    /**
     * @param parameters Heston parameters as calibrated (unmixed: the SLV variance uses ξ·mixing)
     * @param mixing     η ∈ [0, 1]
     */
    public record Heston(HestonParameters parameters, double mixing) {
        /** The paper's η. */
        public static final double DEFAULT_MIXING = 0.66;

        public Heston {
            Objects.requireNonNull(parameters, "heston");
            if (!(mixing >= 0 && mixing <= 1)) {
                throw new IllegalArgumentException("mixing must be in [0, 1]");
            }
        }

        public static Heston of(HestonParameters parameters) {
            return new Heston(parameters, DEFAULT_MIXING);
        }

        public Heston withMixing(double eta) {
            return new Heston(parameters, eta);
        }

        /** The SLV model's variance process: ξ scaled by η. */
        public HestonParameters mixed() {
            return parameters.withMixing(mixing);
        }
    }

    /**
     * The particle cloud and its time grid ({@link RegressionGrid}).
     *
     * @param count              N
     * @param timeStepDays       regression step Δt in days (ACT/365)
     * @param subSteps           propagation sub-steps per regression step (1: propagate on the regression grid; 0:
     *                           automatic, {@link #defaultSubSteps}: below 10,000 particles the estimator's sampling
     *                           noise dominates the round-trip error, so propagation stays on the 5-day grid (about
     *                           half the cost, +1 to +3 bp RMS over seeds at 2,048); from 10,000 particles on,
     *                           holding L over a 5-day step dominates (100,000 particles: 5.4 bp RMS weekly vs 2.9 bp
     *                           daily), so daily
     * @param shortEndRefinement the finest regression interval is Δt/2^r (0: Δt)
     * @param grading            where the regression grid is refined ({@link GridGrading})
     * @param seed               the particles' seed
     * @param chunkSize          particles per parallel chunk (with the seed, fixes the random numbers)
     */
    public record Particles(int count, int timeStepDays, int subSteps, int shortEndRefinement, GridGrading grading,
                            long seed, int chunkSize) {
        /** The most propagation sub-steps the automatic choice uses (callers bounding work count with it). */
        public static final int MAX_DEFAULT_SUB_STEPS = 5;

        /**
         * The paper's 2,048 particles and 5-day regression steps; automatic sub-steps; the grid graded near t = 0,
         * after expiries and for fast mean reversion, finest regression interval Δt/2^3; chunks of 1,024 particles
         * (small enough to share 2,048 particles between two threads, large enough to amortise a chunk's set-up;
         * 16 KB of x and V per chunk stay in L1/L2 through an interval's steps).
         */
        public static final Particles DEFAULTS = new Particles(2048, 5, 0, 3, GridGrading.DEFAULT, 42L, 1024);

        public Particles {
            Objects.requireNonNull(grading, "grading");
            if (shortEndRefinement < 0 || shortEndRefinement > 20) {
                throw new IllegalArgumentException("shortEndRefinement must be in [0, 20]");
            }
            if (count < 2 || timeStepDays < 1 || subSteps < 0 || chunkSize < 2) {
                throw new IllegalArgumentException("need particles >= 2, timeStepDays >= 1, subSteps >= 0 "
                        + "(0: automatic), chunkSize >= 2");
            }
        }

        public Particles withCount(int n) {
            return new Particles(n, timeStepDays, subSteps, shortEndRefinement, grading, seed, chunkSize);
        }

        public Particles withTimeStepDays(int days) {
            return new Particles(count, days, subSteps, shortEndRefinement, grading, seed, chunkSize);
        }

        public Particles withSubSteps(int s) {
            return new Particles(count, timeStepDays, s, shortEndRefinement, grading, seed, chunkSize);
        }

        public Particles withSeed(long s) {
            return new Particles(count, timeStepDays, subSteps, shortEndRefinement, grading, s, chunkSize);
        }

        public Particles withChunkSize(int c) {
            return new Particles(count, timeStepDays, subSteps, shortEndRefinement, grading, seed, c);
        }

        /** Regression step in years. */
        public double timeStep() {
            return timeStepDays / 365.0;
        }

        /** The grading the calibration uses ({@link GridGrading#forParticles}). */
        public GridGrading effectiveGrading() {
            return grading.forParticles(count);
        }

        /** Sub-steps the calibration propagates with: the chosen ones, or {@link #defaultSubSteps} when 0. */
        public int effectiveSubSteps() {
            return subSteps > 0 ? subSteps : defaultSubSteps(count);
        }

        /**
         * Regression steps of the grid in units of {@link #timeStep}: 2 on the sparse grid (below
         * {@link GridGrading#DENSE_FROM_PARTICLES} particles) with automatic sub-steps (each regression interval then
         * holds two propagation steps of {@code timeStepDays}), else 1. Why: the companion control's second fit
         * doubles a regression's cost, and at 2,048 particles the fits are most of the calibration's CPU (85–95% under
         * load); regressing on every other propagation step (586 → 575 steps to 5Y on EURUSD, about half the
         * regressions) holds the added CPU to about 15% instead of about 2×, for a time-discretisation cost of 0.3–1 bp
         * in the round trip, against a 3–9 fold fall of its noise (docs/calibration-quality.md 2.7). On the dense grid
         * the propagation step is the regression step's sub-step already, and the fits are a smaller share.
         */
        public int regressionStride() {
            return count < GridGrading.DENSE_FROM_PARTICLES && subSteps <= 0 ? 2 : 1;
        }

        /** The regression grid's step Δt in years: {@link #timeStep} × {@link #regressionStride}. */
        public double regressionStep() {
            return timeStep() * regressionStride();
        }

        /** Propagation steps per regression step Δt of the grid: {@link #effectiveSubSteps} × {@link #regressionStride}. */
        public int gridSubSteps() {
            return effectiveSubSteps() * regressionStride();
        }

        /** Propagation sub-steps per regression step when the caller does not choose: see {@code subSteps}. */
        public static int defaultSubSteps(int particles) {
            return particles < DAILY_FROM_PARTICLES ? 1 : MAX_DEFAULT_SUB_STEPS;
        }

        /**
         * From this many particles automatic propagation is daily ({@link #defaultSubSteps}) and steepness-bound: the
         * dense grading's threshold, where the estimator's noise stops dominating the step's error.
         */
        public static final int DAILY_FROM_PARTICLES = GridGrading.DENSE_FROM_PARTICLES;

        /**
         * Largest ½|ρ|ξ√(Δ/θ) (mixed ξ) a propagation step may have under the automatic choice: see {@link #stepBound}.
         */
        public static final double MAX_VARIANCE_STEEPNESS = 0.05;

        /**
         * The propagation step bound (years; +∞: none) from how steep the leverage L = σ_LV/√E[V | S] gets through
         * E[V | S]: with correlation ρ and vol-of-vol ξ, E[V | S] moves by about ρξ per unit of ln S against a level
         * θ, so √E[V | S], and with it L, changes by ½|ρ|ξ/θ · √(θΔ) = ½|ρ|ξ√(Δ/θ) of itself across one step's sd
         * of ln S. Where that is large, a daily step holds L (frozen at the step start, with the weak-2 terms of
         * {@link com.fxdesk.slv.model.SpatialCorrection} for its slope) across a steep part, a first-order bias that
         * the particle method feeds back into every later leverage: on the 2008 USDJPY crisis (ρ = −0.66, mixed ξ =
         * 2.0, θ = 0.077: 0.125 per daily step) the mean 6M–3Y round-trip error over five seeds was +12.5 bp at daily
         * steps (+5 to +17 by seed), +5.7 at half a day and +0.4 at a quarter of a day (−5 to +6 by seed;
         * docs/calibration-quality.md 9.3). Bound: steps with ½|ρ|ξ√(Δ/θ) ≤
         * {@link #MAX_VARIANCE_STEEPNESS} (0.05: every other shipped market has at most 0.048 at daily steps, so their
         * grids and bits do not change), i.e. Δ ≤ θ (2 · 0.05 / (|ρ|ξ))², not below a quarter of a day
         * ({@link RegressionGrid#STEP_BOUND_FLOOR}). Only for the automatic choice from {@link #DAILY_FROM_PARTICLES}
         * particles on (below, the estimator's noise dominates and propagation stays on the regression grid); chosen
         * sub-steps win.
         */
        public double stepBound(com.fxdesk.slv.heston.HestonParameters mixed) {
            if (!stepBoundApplies()) {
                return Double.POSITIVE_INFINITY;
            }
            double slope = 0.5 * Math.abs(mixed.rho()) * mixed.xi();
            if (!(slope > 0) || !(mixed.theta() > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            double r = MAX_VARIANCE_STEEPNESS / slope;
            return mixed.theta() * r * r;
        }

        private boolean stepBoundApplies() {
            return subSteps <= 0 && count >= DAILY_FROM_PARTICLES;
        }
    }

    /**
     * @param estimator    E[V | ln S] estimator, fitted on all particles at every regression time
     * @param spotGridSize points of the spot grid on which L is stored, uniform in ln S
     * @param gridQuantile the grid spans the particles' [q, 1 − q] quantiles of ln S; L is flat beyond
     */
    public record Regression(ConditionalExpectationEstimator estimator, int spotGridSize, double gridQuantile) {
        public static final int DEFAULT_SPOT_GRID_SIZE = 200;
        /** The grid spans the 0.1%–99.9% quantiles. */
        public static final double DEFAULT_GRID_QUANTILE = 0.001;

        public Regression {
            Objects.requireNonNull(estimator, "estimator");
            if (spotGridSize < 2) {
                throw new IllegalArgumentException("spotGridSize must be >= 2");
            }
            if (!(gridQuantile >= 0 && gridQuantile < 0.5)) {
                throw new IllegalArgumentException("gridQuantile must be in [0, 0.5)");
            }
        }

        public static Regression of(ConditionalExpectationEstimator estimator) {
            return new Regression(estimator, DEFAULT_SPOT_GRID_SIZE, DEFAULT_GRID_QUANTILE);
        }

        public Regression withSpotGridSize(int m) {
            return new Regression(estimator, m, gridQuantile);
        }

        public Regression withGridQuantile(double q) {
            return new Regression(estimator, spotGridSize, q);
        }

        public Regression withEstimator(ConditionalExpectationEstimator e) {
            return new Regression(e, spotGridSize, gridQuantile);
        }
    }

    /**
     * @param floor         L is clipped to [floor, cap]; clipped grid points are counted
     * @param cap           see floor
     * @param varianceFloor m(s) is floored here before L = σ_LV / √m
     */
    public record LeverageBounds(double floor, double cap, double varianceFloor) {
        /** L in [0.05, 10], m floored at 10⁻⁶. */
        public static final LeverageBounds DEFAULTS = new LeverageBounds(0.05, 10.0, 1e-6);

        public LeverageBounds {
            if (!(floor > 0 && cap > floor) || !(varianceFloor > 0)) {
                throw new IllegalArgumentException("need 0 < leverageFloor < leverageCap and varianceFloor > 0");
            }
        }

        public LeverageBounds withClip(double lo, double hi) {
            return new LeverageBounds(lo, hi, varianceFloor);
        }
    }

    /**
     * The round trip.
     *
     * @param quotes vanillas to reprice; their expiries ≤ maturity also become regression times
     * @param config its Monte Carlo settings
     */
    public record Repricing(List<RoundTripQuote> quotes, RoundTripConfig config) {
        public Repricing {
            Objects.requireNonNull(config, "roundTrip");
            quotes = quotes == null ? List.of() : List.copyOf(quotes);
        }

        /** The default Monte Carlo with its seed derived from the particles' seed. */
        public static Repricing of(List<RoundTripQuote> quotes, long particleSeed) {
            return new Repricing(quotes, RoundTripConfig.defaults(RoundTripConfig.seedFor(particleSeed)));
        }

        public static Repricing disabled() {
            return new Repricing(List.of(), RoundTripConfig.disabled());
        }

        /** True when it runs: enabled and with something to reprice. */
        public boolean runs() {
            return config.enabled() && !quotes.isEmpty();
        }
    }

    /**
     * Regression times and propagation steps of a calibration's time grid, and an upper bound on the round trip's
     * steps (the slice times and expiries, sub-stepped to κ·Δt ≤ {@link RoundTrip#MAX_KAPPA_STEP}).
     */
    public record GridSize(int regressions, int steps, long roundTripSteps) {
    }

    /**
     * The largest grid any Heston fit can give the calibration with the default grading and short-end refinement,
     * for bounding work and memory before the fit: the finest step growth (vol-of-vol +∞) and each count the largest
     * over κ up to {@code kappaMax}; without the steepness bound, which the engine applies only as far as the job's
     * budget allows ({@code SlvCalibrator.affordableStepBound}) — the counts are not monotone in κ (a regression interval of f/κ that is not a whole number of
     * floor steps rounds up), so κ is swept ({@value #ADMISSION_KAPPAS} values log-spaced from 10⁻³, and κ_max).
     *
     * @param mandatory surface and quote expiries (years)
     * @param kappaMax  the largest κ a fit can give ({@link com.fxdesk.slv.heston.HestonCalibrator#KAPPA_MAX}, or a
     *                  given Heston's κ when larger); +∞ is read as KAPPA_MAX
     */
    public static GridSize gridSize(double maturity, int timeStepDays, int particles, double[] mandatory,
                                    double kappaMax) {
        Particles p = Particles.DEFAULTS.withCount(particles).withTimeStepDays(timeStepDays);
        double top = Math.max(com.fxdesk.slv.heston.HestonCalibrator.KAPPA_MAX,
                Double.isFinite(kappaMax) ? kappaMax : 0);
        int regressions = 0;
        int steps = 0;
        long roundTrip = 0;
        for (int i = 0; i <= ADMISSION_KAPPAS; i++) {
            double kappa = i == ADMISSION_KAPPAS ? top : 1e-3 * Math.pow(top / 1e-3, i / (double) ADMISSION_KAPPAS);
            GridSize g = gridSize(maturity, p, mandatory, kappa, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
            regressions = Math.max(regressions, g.regressions());
            steps = Math.max(steps, g.steps());
            roundTrip = Math.max(roundTrip, g.roundTripSteps());
        }
        return new GridSize(regressions, steps, roundTrip);
    }

    /** κ values {@link #gridSize(double, int, int, double[], double)} sweeps (plus κ_max). */
    static final int ADMISSION_KAPPAS = 64;

    /**
     * The grid the calibration uses, exactly, for a fit's κ, its vol-of-vol ηξ ({@link GridGrading#stepGrowthFor}) and
     * steepness bound ({@link Particles#stepBound}), and a bound on the round trip's grid on its leverage times (the
     * maturity counted as a quote expiry: the round trip's horizon is the last quote at or before it).
     */
    public static GridSize gridSize(double maturity, Particles p, double[] mandatory, double kappa, double volOfVol,
                                    double stepBound) {
        RegressionGrid g = RegressionGrid.graded(maturity, p.regressionStep(), p.gridSubSteps(),
                p.shortEndRefinement(), mandatory, kappa, volOfVol, stepBound, p.effectiveGrading());
        int regressions = g.regressionTimes.length - 1;
        double[] expiries = DoubleStream.concat(Arrays.stream(mandatory).filter(t -> t > 0 && t < maturity),
                DoubleStream.of(maturity)).toArray();
        return new GridSize(regressions, g.steps(), RoundTrip.grid(g.stepTimes, expiries, kappa).steps());
    }

    /**
     * Work of one calibration job in particle-step units, the one budget for calibration and round trip: particles
     * × propagation steps, plus per regression two fits (E[V | S] and the Heston companion's control variate), each
     * one pass over the particles and a fixed {@link #REGRESSION_FIXED_WORK}, plus round-trip paths × its steps (the
     * slice times and expiries, sub-stepped for κ·Δt ≤ 0.1: {@link GridSize#roundTripSteps}). A fit as one pass:
     * measured at 100,000 particles (LeverageProfile, EURUSD 2018 to 5Y, 713 regressions, one thread, load 8):
     * 0.96–1.46 ms of CPU per fit against about 15 ns per particle-step in the same runs, i.e. 0.6–1.0 passes (the
     * former count of two passes per fit was from before the grid's ends and the dip guard read a 16,384-particle
     * stride). At the measured 1.35·10⁸ particle-steps per second on 2 cores, 2.5·10⁹ units are about 18 s.
     */
    public static long work(int particles, GridSize grid, int roundTripPaths) {
        long perRegression = 2 * ((long) particles + REGRESSION_FIXED_WORK);
        return (long) particles * grid.steps() + (long) grid.regressions() * perRegression
                + (long) roundTripPaths * grid.roundTripSteps();
    }

    /** A regression's fixed cost in particle-step units (about 0.2 ms: the RBF normal equations and Cholesky). */
    public static final long REGRESSION_FIXED_WORK = 30_000;

    /**
     * Cost of one particle- or path-step with the weak-2 spatial terms ({@link com.fxdesk.slv.model.SpatialCorrection}
     * gated on) in plain particle-step units. Measured (StepKernelBenchmark, thread CPU per particle, best of 30,
     * EURUSD mixed Heston, daily step; docs/calibration-quality.md section 5): lookup 1.45 + normals 5.08 + plain step
     * 2.96 = 9.5 ns against 1.45 + 5.08 + corrected step 14.67 = 21.2 ns, a ratio of 2.23, rounded up (the earlier
     * 2.82 / 13.4 ns step figures give 2.13). The gate is known only once the
     * leverage (calibration) or the kernel's grid (round trip) is, so admission ({@link #work}) counts plain steps;
     * what actually ran is counted with this weight ({@link #correctedExtraWork}).
     */
    public static final double CORRECTED_STEP_WEIGHT = 2.25;

    /**
     * Work of {@code correctedPathSteps} corrected particle- or path-steps on top of their plain count (each is
     * already counted once as a plain step): (weight − 1) × count, rounded up; 0 for none.
     */
    public static long correctedExtraWork(long correctedPathSteps) {
        return correctedPathSteps <= 0 ? 0 : (long) Math.ceil((CORRECTED_STEP_WEIGHT - 1) * correctedPathSteps);
    }
}
