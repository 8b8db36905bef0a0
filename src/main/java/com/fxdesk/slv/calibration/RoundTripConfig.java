package com.fxdesk.slv.calibration;

/**
 * Independent Monte Carlo repricing of the vanillas under the calibrated model (SPEC.md section 7).
 *
 * @param enabled        run it at all
 * @param paths          number of paths (rounded up to an even number when antithetic)
 * @param seed           its own seed, independent of the particles' seed
 * @param antithetic     mirrored normals (both Z_S and Z_V; the QE variance map is monotone in Z_V)
 * @param controlVariate use S_T with known mean F(T) as control variate (optimal β per option)
 * @param hestonControl  with controlVariate: also the same vanilla on the L ≡ 1 Heston companion path (same variance
 *                       path and spot normals), whose price is known in closed form; all combined by regression
 * @param localVolControl with controlVariate: also the vanilla on the pure local-vol companion path (the same spot
 *                       normals through the surface's Dupire local vol), whose price is the surface's own; used when
 *                       the round trip is given the surfaces ({@link RoundTrip#run} with a local vol). Off by default:
 *                       measured, it buys 1.05–1.3× in variance on top of the Heston companion at η = 0.66 (the LV
 *                       path does not carry √V) while its known means are off by the local-vol scheme's own
 *                       discretisation and the surface lattice's error (RMS 2.4 bp, z up to 7, on USDTRY at the
 *                       round trip's steps), which would enter the estimate times β (docs/calibration-quality.md)
 */
public record RoundTripConfig(boolean enabled, int paths, long seed, boolean antithetic, boolean controlVariate,
                              boolean hestonControl, boolean localVolControl) {

    public RoundTripConfig {
        if (enabled && paths < 2) {
            throw new IllegalArgumentException("round trip needs at least 2 paths");
        }
    }

    /** Without the local-vol companion (the default). */
    public RoundTripConfig(boolean enabled, int paths, long seed, boolean antithetic, boolean controlVariate,
                           boolean hestonControl) {
        this(enabled, paths, seed, antithetic, controlVariate, hestonControl, false);
    }

    /** With control variates: S_T and the Heston companion (the default), or none. */
    public RoundTripConfig(boolean enabled, int paths, long seed, boolean antithetic, boolean controlVariate) {
        this(enabled, paths, seed, antithetic, controlVariate, controlVariate, false);
    }

    /** Paths of the round trip unless chosen (SPEC.md section 7). */
    public static final int DEFAULT_PATHS = 100_000;

    public static RoundTripConfig defaults(long seed) {
        return new RoundTripConfig(true, DEFAULT_PATHS, seed, true, true);
    }

    /** The round trip's own seed, derived from the particles' seed (a golden-ratio scramble: independent streams). */
    public static long seedFor(long particleSeed) {
        return particleSeed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    }

    public static RoundTripConfig disabled() {
        return new RoundTripConfig(false, 0, 0, true, true);
    }
}
