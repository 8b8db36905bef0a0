package com.fxdesk.slv.montecarlo;

import com.fxdesk.slv.random.SequenceType;

/**
 * Monte Carlo settings. {@code paths} counts simulated paths including antithetic partners. For SOBOL the
 * standard error comes from {@code batches} independently digit-shifted copies of the point set; for PSEUDO from
 * the sample variance of (antithetic-pair-averaged) path payoffs, the batches then only key the streams.
 * {@code threads} ≤ 0 means all available processors; results never depend on it.
 */
public record McConfig(int paths, double timeStepDays, boolean antithetic, SequenceType sequence, long seed,
                       boolean barrierCorrection, int batches, int threads) {

    public McConfig {
        if (paths < 2 || !(timeStepDays > 0) || batches < 1 || sequence == null) {
            throw new IllegalArgumentException("need paths ≥ 2, timeStepDays > 0, batches ≥ 1, a sequence");
        }
    }

    /** The paper's set-up: 32,000 antithetic Sobol paths, 5-day steps, bridge barrier correction, 16 batches. */
    public static McConfig defaults() {
        return new McConfig(32_000, 5, true, SequenceType.SOBOL, 42L, true, 16, 0);
    }

    public McConfig withPaths(int p) {
        return new McConfig(p, timeStepDays, antithetic, sequence, seed, barrierCorrection, batches, threads);
    }

    public McConfig withTimeStepDays(double d) {
        return new McConfig(paths, d, antithetic, sequence, seed, barrierCorrection, batches, threads);
    }

    public McConfig withSequence(SequenceType s) {
        return new McConfig(paths, timeStepDays, antithetic, s, seed, barrierCorrection, batches, threads);
    }

    public McConfig withSeed(long s) {
        return new McConfig(paths, timeStepDays, antithetic, sequence, s, barrierCorrection, batches, threads);
    }

    public McConfig withBarrierCorrection(boolean b) {
        return new McConfig(paths, timeStepDays, antithetic, sequence, seed, b, batches, threads);
    }

    public McConfig withAntithetic(boolean a) {
        return new McConfig(paths, timeStepDays, a, sequence, seed, barrierCorrection, batches, threads);
    }

    public McConfig withBatches(int b) {
        return new McConfig(paths, timeStepDays, antithetic, sequence, seed, barrierCorrection, b, threads);
    }

    public McConfig withThreads(int t) {
        return new McConfig(paths, timeStepDays, antithetic, sequence, seed, barrierCorrection, batches, t);
    }

    /** Step length in years (ACT/365). */
    public double timeStep() {
        return timeStepDays / 365.0;
    }

    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
