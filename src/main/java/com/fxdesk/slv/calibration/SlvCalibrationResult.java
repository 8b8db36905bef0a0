package com.fxdesk.slv.calibration;

import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.model.LeverageFunction;
import java.util.List;

/**
 * Output of {@link SlvCalibrator#calibrate}.
 *
 * @param leverage        L on every propagation step: slice j holds L(·, τ_j) used on [τ_j, τ_{j+1}); with
 *                        subSteps = 1 these are the regression times
 * @param mixedHeston     the variance dynamics simulated (ξ already multiplied by η)
 * @param mixing          η
 * @param regressionTimes t_0 … t_K (t_K = maturity, where no regression is needed)
 * @param slices          one per regression time t_0 … t_{K−1}
 * @param propagationTimes τ_0 … τ_J (τ_J = maturity)
 * @param leverageFloored grid points, over all propagation steps, where L hit its floor
 * @param leverageCapped  grid points where L hit its cap
 * @param varianceFloored grid points where m(s) hit the variance floor
 * @param varianceGuarded grid points where the fitted m(s) dipped below half the particles' binned local mean of V and
 *                        was raised to it (the dip guard, docs/calibration-quality.md 9.3)
 * @param pathSteps       particles × propagation steps
 * @param pathStepsPerSecond pathSteps / leverage-phase wall time
 * @param roundTrip       null when disabled
 */
public record SlvCalibrationResult(LeverageFunction leverage, HestonParameters mixedHeston, double mixing,
                                   double[] regressionTimes, List<RegressionSlice> slices, double[] propagationTimes,
                                   long leverageFloored, long leverageCapped, long varianceFloored, long varianceGuarded,
                                   int particles,
                                   long pathSteps, double pathStepsPerSecond, Timings timings,
                                   RoundTripResult roundTrip) {

    /**
     * Wall times in milliseconds. regressionMs and propagationMs split leverageMs (the rest is the spot grid and
     * L itself).
     */
    public record Timings(double leverageMs, double regressionMs, double propagationMs, double roundTripMs,
                          double totalMs) {
    }
}
