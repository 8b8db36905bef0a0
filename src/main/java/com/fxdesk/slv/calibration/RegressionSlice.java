package com.fxdesk.slv.calibration;

import com.fxdesk.slv.regression.RegressionDiagnostics;

/**
 * What happened at one regression time t_n: the spot grid, the estimated m(s) = E[V | S = s] there (after the
 * variance floor), L(s, t_n) as used on the first propagation sub-step, and the estimator's diagnostics.
 * At t_0 m ≡ v0 and no estimator runs (diagnostics name "INITIAL").
 *
 * @param xLow  lower end of the spot grid in ln S (the particles' low quantile)
 * @param xHigh upper end
 * @param varianceFloored grid points where m was raised to the variance floor
 * @param leverageFloored grid points (over all sub-steps of this interval) where L was raised to its floor
 * @param leverageCapped  grid points (over all sub-steps of this interval) where L was lowered to its cap
 * @param meanVariance    particle average of V at t_n
 * @param sampleLogSpot   ln S of an every-k-th subsample of the particles at t_n (at most {@link #SAMPLE_SIZE}; the
 *                        particles are exchangeable, so a stride is a random sample): what the regression was fitted
 *                        to, kept small (float) so that a finished job can show it behind the fit
 * @param sampleVariance  V of the same particles
 */
public record RegressionSlice(double time, double[] spots, double[] conditionalVariance, double[] leverage,
                              RegressionDiagnostics diagnostics, double xLow, double xHigh, int varianceFloored,
                              int leverageFloored, int leverageCapped, double meanVariance, float[] sampleLogSpot,
                              float[] sampleVariance) {

    /** Particles kept per slice: 400 × 8 bytes, ~1.2 MB for the 373 slices of a 5-year daily calibration. */
    public static final int SAMPLE_SIZE = 400;

    /** Every k-th of the first n particles, at most SAMPLE_SIZE of them: {ln S values, V values}. */
    static float[][] sample(double[] x, double[] v, int n) {
        int stride = Math.max(1, (n + SAMPLE_SIZE - 1) / SAMPLE_SIZE);
        int size = (n + stride - 1) / stride;
        float[] sx = new float[size];
        float[] sv = new float[size];
        for (int i = 0, p = 0; i < size; i++, p += stride) {
            sx[i] = (float) x[p];
            sv[i] = (float) v[p];
        }
        return new float[][] {sx, sv};
    }
}
