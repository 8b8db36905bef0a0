package com.fxdesk.slv.pipeline;

import com.fxdesk.slv.calibration.RoundTripConfig;
import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.regression.EstimatorConfig;
import java.util.Objects;

/**
 * What a caller chooses for one SLV calibration; {@link #defaults()} holds the paper's choices (the engine's own
 * constants: {@link SlvCalibrationInput}, {@link RoundTripConfig}, {@link EstimatorConfig}).
 *
 * @param heston         Heston parameters to use, or null to fit them to the market's vanillas
 * @param maturity       last calibrated time in years, or null for the surface's last expiry
 * @param roundTrip      whether to reprice the vanillas by an independent Monte Carlo afterwards
 * @param roundTripPaths its paths (its seed is derived from {@code seed})
 */
public record SlvSettings(HestonParameters heston, double mixing, int particles, int timeStepDays, Double maturity,
                          EstimatorConfig estimator, int spotGridSize, long seed, boolean roundTrip,
                          int roundTripPaths, double leverageFloor, double leverageCap) {

    public SlvSettings {
        Objects.requireNonNull(estimator, "estimator");
    }

    public static SlvSettings defaults() {
        return new SlvSettings(null, SlvCalibrationInput.DEFAULT_MIXING, SlvCalibrationInput.DEFAULT_PARTICLES,
                SlvCalibrationInput.DEFAULT_TIME_STEP_DAYS, null, EstimatorConfig.defaults(),
                SlvCalibrationInput.DEFAULT_SPOT_GRID_SIZE, SlvCalibrationInput.DEFAULT_SEED, true,
                RoundTripConfig.DEFAULT_PATHS, SlvCalibrationInput.DEFAULT_LEVERAGE_FLOOR,
                SlvCalibrationInput.DEFAULT_LEVERAGE_CAP);
    }

    public SlvSettings withHeston(HestonParameters h) {
        return new SlvSettings(h, mixing, particles, timeStepDays, maturity, estimator, spotGridSize, seed, roundTrip,
                roundTripPaths, leverageFloor, leverageCap);
    }

    public SlvSettings withoutRoundTrip() {
        return new SlvSettings(heston, mixing, particles, timeStepDays, maturity, estimator, spotGridSize, seed, false,
                roundTripPaths, leverageFloor, leverageCap);
    }

    /** The round trip's configuration: its own seed derived from the particles' seed. */
    public RoundTripConfig roundTripConfig() {
        return roundTrip ? new RoundTripConfig(true, roundTripPaths, RoundTripConfig.seedFor(seed), true, true)
                : RoundTripConfig.disabled();
    }
}
