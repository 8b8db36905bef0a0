package com.fxdesk.slv.api;

/** The paper's defaults (SPEC.md section 7) for fields a request leaves out. */
public final class Defaults {
    public static final double MIXING = 0.66;
    public static final int PARTICLES = 2048;
    public static final double TIME_STEP_DAYS = 5.0;
    public static final int SPOT_GRID_SIZE = 200;
    /** The engine's propagation sub-steps per regression step (SlvCalibrationInput's default; the API keeps it). */
    public static final int SUB_STEPS = 5;
    /** The engine's short-end refinement (extra regression times near t = 0; SlvCalibrationInput's default). */
    public static final int SHORT_END_REFINEMENT = 3;
    public static final long SEED = 42L;
    public static final int MC_PATHS = 32_000;
    public static final int ROUND_TRIP_PATHS = 100_000;
    public static final int RBF_UNITS = 40;
    public static final int KNN_K = 5;
    public static final double PRUNING_THETA = 0.5;
    public static final double LAMBDA = 0.2;
    public static final double LEVERAGE_FLOOR = 0.05;
    public static final double LEVERAGE_CAP = 10.0;

    private Defaults() {
    }
}
