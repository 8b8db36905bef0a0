package com.fxdesk.slv.heston;

import java.util.List;

/**
 * Best Heston fit found (also when the surface cannot be fitted well: check the errors).
 *
 * @param fellerRatio    2κθ/ξ² of the fitted parameters
 * @param rmseVolBps     root mean square of the implied-vol errors of the fitted quotes ({@link QuoteFit#fitted()}),
 *                       in basis points of vol
 * @param maxErrorVolBps largest absolute implied-vol error of the fitted quotes, in basis points
 * @param iterations     Levenberg–Marquardt iterations over all starts
 * @param startUsed      label of the start the winning fit came from
 * @param budgetReached  the wall-clock budget ran out: the parameters are the best point found by then, not a
 *                       converged fit
 */
public record HestonCalibrationResult(HestonParameters parameters, double fellerRatio, double rmseVolBps,
                                      double maxErrorVolBps, List<QuoteFit> quotes, int iterations,
                                      long elapsedMs, String startUsed, boolean budgetReached) {

    public HestonCalibrationResult {
        quotes = List.copyOf(quotes);
    }

    /** Result of a calibration that did not run out of time (the signature before budgetReached existed). */
    public HestonCalibrationResult(HestonParameters parameters, double fellerRatio, double rmseVolBps,
                                   double maxErrorVolBps, List<QuoteFit> quotes, int iterations, long elapsedMs,
                                   String startUsed) {
        this(parameters, fellerRatio, rmseVolBps, maxErrorVolBps, quotes, iterations, elapsedMs, startUsed, false);
    }

    /**
     * Fit of one quote; errorBps = (modelVol − marketVol) · 1e4.
     *
     * @param fitted false when the option is so far out of the money (vega below about 1e-12 of the forward: more
     *               than ~7 standard deviations) that its price is below what the Fourier pricer resolves in double
     *               precision; such a quote is left out of the objective and of rmse/max, and its modelVol and
     *               errorBps are not meaningful
     */
    public record QuoteFit(double expiry, double strike, String label, double marketVol, double modelVol,
                           double errorBps, boolean fitted) {

        public QuoteFit(double expiry, double strike, String label, double marketVol, double modelVol,
                        double errorBps) {
            this(expiry, strike, label, marketVol, modelVol, errorBps, true);
        }
    }
}
