package com.fxdesk.slv.pipeline;

import com.fxdesk.slv.calibration.RoundTripConfig;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Heston;
import com.fxdesk.slv.calibration.SlvCalibrationInput.LeverageBounds;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Particles;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Regression;
import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.regression.EstimatorConfig;
import java.util.Objects;

/**
 * What a caller chooses for one SLV calibration; {@link #defaults()} holds the paper's choices, read from the
 * engine's own groups ({@link Heston}, {@link Particles}, {@link Regression}, {@link LeverageBounds},
 * {@link RoundTripConfig}, {@link EstimatorConfig}). {@link #of} is the one rule by which a caller's partial choices
 * (a calibration request, inline SLV pricing) become settings.
 *
 * @param heston         Heston parameters to use, or null to fit them to the market's vanillas
 * @param maturity       last calibrated time in years, or null for the surface's last expiry
 * @param roundTrip      whether to reprice the vanillas by an independent Monte Carlo afterwards
 * @param roundTripPaths its paths (its seed is derived from {@code seed}): the pilot of its extra paths
 * @param roundTripAdaptive its extra paths where the pilot leaves a point above the target standard error
 *                          (default: {@link RoundTripConfig.Adaptive#defaults}, no budget of its own:
 *                          the service sets the job's)
 */
public record SlvSettings(HestonParameters heston, double mixing, int particles, int timeStepDays, Double maturity,
                          EstimatorConfig estimator, int spotGridSize, long seed, boolean roundTrip,
                          int roundTripPaths, double leverageFloor, double leverageCap,
                          RoundTripConfig.Adaptive roundTripAdaptive) {

    public SlvSettings {
        Objects.requireNonNull(estimator, "estimator");
        if (roundTripAdaptive == null) {
            roundTripAdaptive = RoundTripConfig.Adaptive.defaults();
        }
    }

    /** With the default extra paths. */
    public SlvSettings(HestonParameters heston, double mixing, int particles, int timeStepDays, Double maturity,
                       EstimatorConfig estimator, int spotGridSize, long seed, boolean roundTrip,
                       int roundTripPaths, double leverageFloor, double leverageCap) {
        this(heston, mixing, particles, timeStepDays, maturity, estimator, spotGridSize, seed, roundTrip,
                roundTripPaths, leverageFloor, leverageCap, null);
    }

    public static SlvSettings defaults() {
        return of(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Settings from a caller's choices: each one left null takes its default; the round trip runs unless false. */
    public static SlvSettings of(HestonParameters heston, Double mixing, Integer particles, Integer timeStepDays,
                                 Double maturity, EstimatorConfig estimator, Integer spotGridSize, Long seed,
                                 Boolean roundTrip, Integer roundTripPaths, Double leverageFloor,
                                 Double leverageCap) {
        Particles p = Particles.DEFAULTS;
        LeverageBounds b = LeverageBounds.DEFAULTS;
        return new SlvSettings(heston, or(mixing, Heston.DEFAULT_MIXING), or(particles, p.count()),
                or(timeStepDays, p.timeStepDays()), maturity, or(estimator, EstimatorConfig.defaults()),
                or(spotGridSize, Regression.DEFAULT_SPOT_GRID_SIZE), or(seed, p.seed()), or(roundTrip, true),
                or(roundTripPaths, RoundTripConfig.DEFAULT_PATHS), or(leverageFloor, b.floor()),
                or(leverageCap, b.cap()));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    public SlvSettings withHeston(HestonParameters h) {
        return new SlvSettings(h, mixing, particles, timeStepDays, maturity, estimator, spotGridSize, seed, roundTrip,
                roundTripPaths, leverageFloor, leverageCap, roundTripAdaptive);
    }

    public SlvSettings withMixing(double eta) {
        return new SlvSettings(heston, eta, particles, timeStepDays, maturity, estimator, spotGridSize, seed, roundTrip,
                roundTripPaths, leverageFloor, leverageCap, roundTripAdaptive);
    }

    public SlvSettings withoutRoundTrip() {
        return new SlvSettings(heston, mixing, particles, timeStepDays, maturity, estimator, spotGridSize, seed, false,
                roundTripPaths, leverageFloor, leverageCap, roundTripAdaptive);
    }

    public SlvSettings withRoundTripAdaptive(RoundTripConfig.Adaptive a) {
        return new SlvSettings(heston, mixing, particles, timeStepDays, maturity, estimator, spotGridSize, seed,
                roundTrip, roundTripPaths, leverageFloor, leverageCap, a);
    }

    /**
     * The round trip's configuration: its own seed derived from the particles' seed; disabled or not, it carries the
     * job's work budget ({@code adaptive().workBudget()}), which also bounds the calibration's steepness step bound.
     */
    public RoundTripConfig roundTripConfig() {
        return roundTrip ? new RoundTripConfig(true, roundTripPaths, RoundTripConfig.seedFor(seed), true, true)
                .withAdaptive(roundTripAdaptive) : RoundTripConfig.disabled().withAdaptive(roundTripAdaptive);
    }
}
