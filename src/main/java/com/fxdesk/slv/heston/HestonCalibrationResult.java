package com.fxdesk.slv.heston;

import java.util.List;

/**
 * Best Heston fit found (also when the surface cannot be fitted well: check the errors).
 *
 * @param fellerRatio    2κθ/ξ² of the fitted parameters
 * @param rmseVolBps     root mean square of the implied-vol errors, in basis points of vol
 * @param maxErrorVolBps largest absolute implied-vol error, in basis points
 * @param iterations     Levenberg–Marquardt iterations over all starts
 * @param startUsed      label of the start the winning fit came from
 */
public record HestonCalibrationResult(HestonParameters parameters, double fellerRatio, double rmseVolBps,
                                      double maxErrorVolBps, List<QuoteFit> quotes, int iterations,
                                      long elapsedMs, String startUsed) {

    public HestonCalibrationResult {
        quotes = List.copyOf(quotes);
    }

    /** Fit of one quote; errorBps = (modelVol − marketVol) · 1e4. */
    public record QuoteFit(double expiry, double strike, String label, double marketVol, double modelVol,
                           double errorBps) {
    }
}
