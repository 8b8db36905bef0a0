package com.fxdesk.slv.calibration;

import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.regression.ConditionalExpectationEstimator;
import com.fxdesk.slv.volatility.ImpliedVolSurface;
import com.fxdesk.slv.volatility.LocalVolSurface;
import java.util.List;
import java.util.Objects;

/**
 * Everything one SLV particle calibration needs (SPEC.md sections 3, 4 and 7). Build with {@link #builder}.
 *
 * @param market          spot and curves (the drift of ln S is rd − rf)
 * @param localVol        Dupire σ_LV(t, S)
 * @param impliedVol      the implied surface (optional; round-trip quotes carry their market vols)
 * @param surfaceExpiries expiries of the surface: each one ≤ maturity becomes a regression time
 * @param roundTripQuotes vanillas to reprice; their expiries ≤ maturity also become regression times
 * @param heston          Heston parameters as calibrated (unmixed: the SLV variance uses ξ·mixing)
 * @param mixing          η ∈ [0, 1]
 * @param particles       N
 * @param timeStepDays    regression step Δt in days (ACT/365)
 * @param subSteps        propagation sub-steps per regression step (1: propagate on the regression grid; 0, the
 *                        builder's default: automatic, depending on N ({@link #defaultSubSteps}): below 10,000 particles the estimator's
 *                        sampling noise dominates the round-trip error, so propagation stays on the 5-day grid (about
 *                        half the cost, +1 to +3 bp RMS over seeds at 2,048); from 10,000 particles on, holding L over
 *                        a 5-day step dominates (100,000 particles: 5.4 bp RMS weekly vs 2.9 bp daily), so daily.
 * @param shortEndRefinement the finest regression interval is Δt/2^r (0: Δt)
 * @param grading         where the regression grid is refined ({@link GridGrading}; default {@link #DEFAULT_GRADING})
 * @param maturity        last time (years)
 * @param estimator       E[V | ln S] estimator, fitted on all particles at every regression time
 * @param spotGridSize    points of the spot grid on which L is stored, uniform in ln S
 * @param gridQuantile    the grid spans the particles' [q, 1 − q] quantiles of ln S; L is flat beyond
 * @param seed            particles' seed
 * @param leverageFloor   L is clipped to [leverageFloor, leverageCap]; clipped grid points are counted
 * @param leverageCap     see leverageFloor
 * @param varianceFloor   m(s) is floored here before L = σ_LV / √m
 * @param chunkSize       particles per parallel chunk (with the seed, fixes the random numbers)
 * @param roundTrip       round-trip Monte Carlo settings
 */
public record SlvCalibrationInput(FxMarket market, LocalVolSurface localVol, ImpliedVolSurface impliedVol,
                                  double[] surfaceExpiries, List<RoundTripQuote> roundTripQuotes,
                                  HestonParameters heston, double mixing, int particles, int timeStepDays,
                                  int subSteps, int shortEndRefinement, GridGrading grading, double maturity, ConditionalExpectationEstimator estimator,
                                  int spotGridSize, double gridQuantile, long seed, double leverageFloor,
                                  double leverageCap, double varianceFloor, int chunkSize,
                                  RoundTripConfig roundTrip) {

    public SlvCalibrationInput {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(localVol, "localVol");
        Objects.requireNonNull(heston, "heston");
        Objects.requireNonNull(estimator, "estimator");
        Objects.requireNonNull(roundTrip, "roundTrip");
        Objects.requireNonNull(grading, "grading");
        surfaceExpiries = surfaceExpiries == null ? new double[0] : surfaceExpiries.clone();
        roundTripQuotes = roundTripQuotes == null ? List.of() : List.copyOf(roundTripQuotes);
        if (!(mixing >= 0 && mixing <= 1)) {
            throw new IllegalArgumentException("mixing must be in [0, 1]");
        }
        if (shortEndRefinement < 0 || shortEndRefinement > 20) {
            throw new IllegalArgumentException("shortEndRefinement must be in [0, 20]");
        }
        if (particles < 2 || timeStepDays < 1 || subSteps < 0 || spotGridSize < 2 || chunkSize < 2) {
            throw new IllegalArgumentException("need particles >= 2, timeStepDays >= 1, subSteps >= 0 (0: automatic), "
                    + "spotGridSize >= 2, chunkSize >= 2");
        }
        if (!(maturity > 0) || !Double.isFinite(maturity)) {
            throw new IllegalArgumentException("maturity must be finite and > 0");
        }
        if (!(gridQuantile >= 0 && gridQuantile < 0.5)) {
            throw new IllegalArgumentException("gridQuantile must be in [0, 0.5)");
        }
        if (!(leverageFloor > 0 && leverageCap > leverageFloor) || !(varianceFloor > 0)) {
            throw new IllegalArgumentException("need 0 < leverageFloor < leverageCap and varianceFloor > 0");
        }
    }

    @Override
    public double[] surfaceExpiries() {
        return surfaceExpiries.clone();
    }

    /** Regression step in years. */
    public double timeStep() {
        return timeStepDays / 365.0;
    }

    public static Builder builder(FxMarket market, LocalVolSurface localVol, HestonParameters heston,
                                  ConditionalExpectationEstimator estimator) {
        return new Builder(market, localVol, heston, estimator);
    }

    public Builder toBuilder() {
        Builder b = new Builder(market, localVol, heston, estimator);
        b.impliedVol = impliedVol;
        b.surfaceExpiries = surfaceExpiries;
        b.roundTripQuotes = roundTripQuotes;
        b.mixing = mixing;
        b.particles = particles;
        b.timeStepDays = timeStepDays;
        b.subSteps = subSteps;
        b.shortEndRefinement = shortEndRefinement;
        b.grading = grading;
        b.maturity = maturity;
        b.spotGridSize = spotGridSize;
        b.gridQuantile = gridQuantile;
        b.seed = seed;
        b.leverageFloor = leverageFloor;
        b.leverageCap = leverageCap;
        b.varianceFloor = varianceFloor;
        b.chunkSize = chunkSize;
        b.roundTrip = roundTrip;
        return b;
    }

    /**
     * Defaults: the paper's (η = 0.66, 2,048 particles, 5-day regression steps), daily propagation from 10,000
     * particles (5 sub-steps: there the frozen-leverage time discretisation dominates the round-trip error), the
     * grid graded near t = 0, after expiries and for fast mean reversion ({@link #DEFAULT_GRADING}, finest regression
     * interval Δt/2^3), 200-point spot grid over the 0.1%–99.9% quantiles, L in [0.05, 10], 100,000 round-trip paths, chunks of
     * 1,024 particles (small enough to share 2,048 particles between two threads, large enough to amortise a chunk's
     * set-up; 16 KB of x and V per chunk stay in L1/L2 through an interval's steps).
     */
    /** The most propagation sub-steps the automatic choice uses (callers bounding work count with it). */
    public static final int MAX_DEFAULT_SUB_STEPS = 5;
    public static final double DEFAULT_MIXING = 0.66;
    public static final int DEFAULT_PARTICLES = 2048;
    public static final int DEFAULT_TIME_STEP_DAYS = 5;
    public static final int DEFAULT_SPOT_GRID_SIZE = 200;
    public static final long DEFAULT_SEED = 42L;
    public static final int DEFAULT_SHORT_END_REFINEMENT = 3;
    public static final double DEFAULT_LEVERAGE_FLOOR = 0.05;
    /** Regression grid refined near t = 0 and after each expiry, and to f / κ (see {@link GridGrading}). */
    public static final GridGrading DEFAULT_GRADING = new GridGrading(0.25, 0.1, true, 0.05);
    public static final double DEFAULT_LEVERAGE_CAP = 10.0;

    /** Regression times and propagation steps of a calibration's time grid. */
    public record GridSize(int regressions, int steps) {
    }

    /**
     * The grid the calibration will use with the default grading and short-end refinement (exact for the given κ;
     * κ = +∞ gives the largest grid any Heston fit can produce, for bounding work before the fit).
     *
     * @param mandatory surface and quote expiries (years)
     */
    public static GridSize gridSize(double maturity, int timeStepDays, int particles, double[] mandatory,
                                    double kappa) {
        RegressionGrid g = RegressionGrid.graded(maturity, timeStepDays / 365.0, defaultSubSteps(particles),
                DEFAULT_SHORT_END_REFINEMENT, mandatory, kappa, DEFAULT_GRADING);
        return new GridSize(g.regressionTimes.length - 1, g.steps());
    }

    /**
     * Work of one calibration job in particle-step units, the one budget for calibration and round trip: particles
     * × propagation steps, plus per regression about two passes over the particles (quantiles, binning) and a fixed
     * {@link #REGRESSION_FIXED_WORK} (the fit itself), plus round-trip paths × steps (the round trip steps on the
     * same grid). At the measured 1.35·10⁸ particle-steps per second on 2 cores, 2.5·10⁹ units are about 18 s.
     */
    public static long work(int particles, GridSize grid, int roundTripPaths) {
        return (long) particles * grid.steps() + (long) grid.regressions() * (2L * particles + REGRESSION_FIXED_WORK)
                + (long) roundTripPaths * grid.steps();
    }

    /** A regression's fixed cost in particle-step units (about 0.2 ms: the RBF normal equations and Cholesky). */
    public static final long REGRESSION_FIXED_WORK = 30_000;

    /** Sub-steps the calibration propagates with: the chosen ones, or {@link #defaultSubSteps} when 0. */
    public int effectiveSubSteps() {
        return subSteps > 0 ? subSteps : defaultSubSteps(particles);
    }


    /** Propagation sub-steps per regression step when the caller does not choose: see {@code subSteps}. */
    public static int defaultSubSteps(int particles) {
        return particles < 10_000 ? 1 : MAX_DEFAULT_SUB_STEPS;
    }

    public static final class Builder {
        private FxMarket market;
        private LocalVolSurface localVol;
        private HestonParameters heston;
        private ConditionalExpectationEstimator estimator;
        private ImpliedVolSurface impliedVol;
        private double[] surfaceExpiries = new double[0];
        private List<RoundTripQuote> roundTripQuotes = List.of();
        private double mixing = DEFAULT_MIXING;
        private int particles = DEFAULT_PARTICLES;
        private int timeStepDays = DEFAULT_TIME_STEP_DAYS;
        private int subSteps = 0; // 0: defaultSubSteps(particles)
        private int shortEndRefinement = DEFAULT_SHORT_END_REFINEMENT;
        private GridGrading grading = DEFAULT_GRADING;
        private double maturity = Double.NaN;
        private int spotGridSize = DEFAULT_SPOT_GRID_SIZE;
        private double gridQuantile = 0.001;
        private long seed = DEFAULT_SEED;
        private double leverageFloor = DEFAULT_LEVERAGE_FLOOR;
        private double leverageCap = DEFAULT_LEVERAGE_CAP;
        private double varianceFloor = 1e-6;
        private int chunkSize = 1024;
        private RoundTripConfig roundTrip;

        private Builder(FxMarket market, LocalVolSurface localVol, HestonParameters heston,
                        ConditionalExpectationEstimator estimator) {
            this.market = market;
            this.localVol = localVol;
            this.heston = heston;
            this.estimator = estimator;
        }

        public Builder market(FxMarket v) { market = v; return this; }
        public Builder localVol(LocalVolSurface v) { localVol = v; return this; }
        public Builder heston(HestonParameters v) { heston = v; return this; }
        public Builder estimator(ConditionalExpectationEstimator v) { estimator = v; return this; }
        public Builder impliedVol(ImpliedVolSurface v) { impliedVol = v; return this; }
        public Builder surfaceExpiries(double... v) { surfaceExpiries = v.clone(); return this; }
        public Builder roundTripQuotes(List<RoundTripQuote> v) { roundTripQuotes = v; return this; }
        public Builder mixing(double v) { mixing = v; return this; }
        public Builder particles(int v) { particles = v; return this; }
        public Builder timeStepDays(int v) { timeStepDays = v; return this; }
        public Builder subSteps(int v) { subSteps = v; return this; }
        public Builder shortEndRefinement(int v) { shortEndRefinement = v; return this; }
        public Builder grading(GridGrading v) { grading = v; return this; }
        public Builder maturity(double v) { maturity = v; return this; }
        public Builder spotGridSize(int v) { spotGridSize = v; return this; }
        public Builder gridQuantile(double v) { gridQuantile = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder leverageFloor(double v) { leverageFloor = v; return this; }
        public Builder leverageCap(double v) { leverageCap = v; return this; }
        public Builder varianceFloor(double v) { varianceFloor = v; return this; }
        public Builder chunkSize(int v) { chunkSize = v; return this; }
        public Builder roundTrip(RoundTripConfig v) { roundTrip = v; return this; }

        /** Maturity defaults to the last surface expiry; the round-trip seed to one derived from the seed. */
        public SlvCalibrationInput build() {
            double mat = maturity;
            if (Double.isNaN(mat)) {
                mat = 0;
                for (double e : surfaceExpiries) {
                    mat = Math.max(mat, e);
                }
            }
            RoundTripConfig rt = roundTrip != null ? roundTrip
                    : RoundTripConfig.defaults(RoundTripConfig.seedFor(seed));
            return new SlvCalibrationInput(market, localVol, impliedVol, surfaceExpiries, roundTripQuotes, heston,
                    mixing, particles, timeStepDays, subSteps, shortEndRefinement, grading, mat, estimator, spotGridSize, gridQuantile, seed,
                    leverageFloor, leverageCap, varianceFloor, chunkSize, rt);
        }
    }
}
