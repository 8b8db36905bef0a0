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
 */
public record RegressionSlice(double time, double[] spots, double[] conditionalVariance, double[] leverage,
                              RegressionDiagnostics diagnostics, double xLow, double xHigh, int varianceFloored,
                              int leverageFloored, int leverageCapped, double meanVariance) {
}
