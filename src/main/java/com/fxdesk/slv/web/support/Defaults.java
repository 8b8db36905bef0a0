package com.fxdesk.slv.web.support;

import com.fxdesk.slv.calibration.SlvCalibrationInput;

/** The paper's defaults (SPEC.md section 7) for fields a request leaves out. */
public final class Defaults {
    public static final double MIXING = 0.66;
    public static final int PARTICLES = 2048;
    public static final double TIME_STEP_DAYS = 5.0;
    public static final int SPOT_GRID_SIZE = 200;
    /** The most propagation sub-steps per regression step the engine chooses (limits count with it). */
    public static final int SUB_STEPS = SlvCalibrationInput.MAX_DEFAULT_SUB_STEPS;
    /** The engine's short-end refinement (extra regression times near t = 0). */
    public static final int SHORT_END_REFINEMENT = SlvCalibrationInput.DEFAULT_SHORT_END_REFINEMENT;
    public static final long SEED = 42L;
    public static final int MC_PATHS = 32_000;
    public static final int ROUND_TRIP_PATHS = 100_000;
    public static final int RBF_UNITS = 40;
    public static final int KNN_K = 5;
    public static final double PRUNING_THETA = 0.5;
    public static final double LAMBDA = 0.2;
    public static final double LEVERAGE_FLOOR = SlvCalibrationInput.DEFAULT_LEVERAGE_FLOOR;
    public static final double LEVERAGE_CAP = SlvCalibrationInput.DEFAULT_LEVERAGE_CAP;

    private Defaults() {
    }
}
