package com.fxdesk.slv.calibration;

import com.fxdesk.slv.random.SequenceType;

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
 * @param adaptive       extra paths where the first {@code paths} leave a point's standard error above a target
 *                       ({@link Adaptive#OFF}: none)
 * @param sequence       PSEUDO: pseudo-random paths, the standard error from the sample variance; SOBOL: randomised
 *                       quasi-Monte Carlo, {@code batches} independently digit-shifted copies of a Sobol point set on a
 *                       Brownian bridge, the standard error from the batches' spread
 * @param batches        SOBOL's randomised batches (≥ 2); ignored for PSEUDO. SOBOL is an opt-in for studies, not in the
 *                       API: with the controls it buys 1.0–2.1× variance at equal paths and costs 1.3–1.9× the CPU
 *                       (docs/calibration-quality.md section 4, "randomised quasi-Monte Carlo")
 */
public record RoundTripConfig(boolean enabled, int paths, long seed, boolean antithetic, boolean controlVariate,
                              boolean hestonControl, boolean localVolControl, Adaptive adaptive,
                              SequenceType sequence, int batches) {

    public RoundTripConfig {
        if (enabled && paths < 2) {
            throw new IllegalArgumentException("round trip needs at least 2 paths");
        }
        if (adaptive == null) {
            adaptive = Adaptive.OFF;
        }
        if (sequence == null) {
            sequence = SequenceType.PSEUDO;
        }
        if (sequence == SequenceType.SOBOL && batches < 2) {
            throw new IllegalArgumentException("a Sobol round trip needs at least 2 batches for its standard error");
        }
    }

    /** Pseudo-random paths. */
    public RoundTripConfig(boolean enabled, int paths, long seed, boolean antithetic, boolean controlVariate,
                           boolean hestonControl, boolean localVolControl, Adaptive adaptive) {
        this(enabled, paths, seed, antithetic, controlVariate, hestonControl, localVolControl, adaptive,
                SequenceType.PSEUDO, 1);
    }

    /** Without extra paths. */
    public RoundTripConfig(boolean enabled, int paths, long seed, boolean antithetic, boolean controlVariate,
                           boolean hestonControl, boolean localVolControl) {
        this(enabled, paths, seed, antithetic, controlVariate, hestonControl, localVolControl, Adaptive.OFF);
    }

    /** Without the local-vol companion (the default) and without extra paths. */
    public RoundTripConfig(boolean enabled, int paths, long seed, boolean antithetic, boolean controlVariate,
                           boolean hestonControl) {
        this(enabled, paths, seed, antithetic, controlVariate, hestonControl, false);
    }

    /**
     * Extra paths after the first {@code paths} (the pilot): every point whose pilot standard error s is above
     * {@code targetStdErrorBps} asks for n·((s/target)² − 1) more paths, which are simulated only up to its expiry
     * (paths to a short expiry are cheap: cost ∝ paths × steps simulated), the cheapest requests first while their
     * work fits the cap; the extra paths' sums are pooled with the pilot's (one regression on all samples,
     * {@link RoundTrip#plan}). The extra work (paths × steps simulated, the work budget's unit; steps the spatial
     * correction runs weighted by {@link SlvCalibrationInput#CORRECTED_STEP_WEIGHT}, the pilot's too) is at most
     * {@code maxExtraWorkFactor} × the pilot's own work, and the round trip's whole work, pilot included, at most
     * {@code workBudget}: on a calibration input that is the job's budget, from which {@link SlvCalibrator} subtracts
     * the particles' actual work first (docs/calibration-quality.md section 5: one budget).
     *
     * @param targetStdErrorBps  aim (vol bp) for each point's standard error; 0: no extra paths
     * @param maxExtraWorkFactor extra work at most this multiple of the pilot's (bounds the round trip's time)
     * @param workBudget         see above; {@link Long#MAX_VALUE}: no absolute cap
     */
    public record Adaptive(double targetStdErrorBps, double maxExtraWorkFactor, long workBudget) {
        public static final Adaptive OFF = new Adaptive(0, 0, 0);

        public Adaptive {
            if (!(targetStdErrorBps >= 0) || !(maxExtraWorkFactor >= 0) || !Double.isFinite(maxExtraWorkFactor)
                    || !Double.isFinite(targetStdErrorBps)) {
                throw new IllegalArgumentException("adaptive round trip needs finite target ≥ 0 and factor ≥ 0");
            }
        }

        /** The shipped default aimed at a resolution threshold: the target {@value #TARGET_MARGIN} × it. */
        public static Adaptive forResolution(double resolutionBps) {
            return new Adaptive(TARGET_MARGIN * resolutionBps, DEFAULT_EXTRA_WORK_FACTOR, Long.MAX_VALUE);
        }

        /** Aimed at the default resolution threshold ({@link QualityVerdict.Thresholds#defaults()}), no budget. */
        public static Adaptive defaults() {
            return forResolution(QualityVerdict.Thresholds.defaults().resolutionBps());
        }

        public boolean on() {
            return targetStdErrorBps > 0 && maxExtraWorkFactor > 0 && workBudget > 0;
        }

        public Adaptive withWorkBudget(long budget) {
            return new Adaptive(targetStdErrorBps, maxExtraWorkFactor, budget);
        }

        /** The extra work allowed after a pilot of {@code pilotWork}: min(factor × pilot, budget − pilot), ≥ 0. */
        public long extraWorkCap(long pilotWork) {
            if (!on()) {
                return 0;
            }
            double byFactor = Math.floor(maxExtraWorkFactor * pilotWork);
            long left = workBudget == Long.MAX_VALUE ? Long.MAX_VALUE : workBudget - pilotWork;
            return Math.max(0, (long) Math.min(byFactor, left));
        }
    }

    /**
     * Target standard error as a fraction of the resolution threshold: the pilot's standard error is itself an
     * estimate (wing payoffs are heavy-tailed), so aiming exactly at the threshold would leave about half the
     * points just above it.
     */
    public static final double TARGET_MARGIN = 0.9;

    /**
     * Extra work at most this multiple of the pilot's unless chosen (work units: extra paths × (steps +
     * {@link RoundTrip#PATH_OVERHEAD_STEPS}) against the pilot's paths × steps, so the round trip takes roughly at most
     * 1 + this times as long; docs/calibration-quality.md section 4 has the measured times). Measured (docs/calibration-quality.md section 4): 2 leaves usdbrl 44/45, usdmxn event 16/25, usdtry 61/65
     * 10P–10C points above 1 bp; 4 resolves usdbrl, 23/25 and 63/65; 8 buys two more on usdmxn and one on usdtry
     * at twice the cost. Markets the pilot resolves get no extra path at any factor.
     */
    public static final double DEFAULT_EXTRA_WORK_FACTOR = 4.0;

    /** The same settings with {@code a} as its extra paths. */
    public RoundTripConfig withAdaptive(Adaptive a) {
        return new RoundTripConfig(enabled, paths, seed, antithetic, controlVariate, hestonControl, localVolControl,
                a, sequence, batches);
    }

    /** With control variates: S_T and the Heston companion (the default), or none. */
    public RoundTripConfig(boolean enabled, int paths, long seed, boolean antithetic, boolean controlVariate) {
        this(enabled, paths, seed, antithetic, controlVariate, controlVariate, false);
    }

    /** Paths of the round trip unless chosen (SPEC.md section 7). */
    public static final int DEFAULT_PATHS = 100_000;

    /** The shipped default: S_T and Heston controls, extra paths aimed at the default 1 bp resolution. */
    public static RoundTripConfig defaults(long seed) {
        return new RoundTripConfig(true, DEFAULT_PATHS, seed, true, true).withAdaptive(
                Adaptive.defaults());
    }

    /** The round trip's own seed, derived from the particles' seed (a golden-ratio scramble: independent streams). */
    public static long seedFor(long particleSeed) {
        return particleSeed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    }

    public static RoundTripConfig disabled() {
        return new RoundTripConfig(false, 0, 0, true, true);
    }
}
