package com.fxdesk.slv.calibration;

import java.util.List;

/**
 * Round-trip repricing errors (SPEC.md section 7). Errors are model − market implied vol in basis points
 * (1 bp = 0.0001 vol); max is the largest absolute error; points whose price could not be inverted are counted
 * in {@code failed} and left out of max and RMS; {@code hestonControlRefused} counts the expiries whose Heston
 * control prices the pricer refused (those expiries use S_T as their only control).
 */
public record RoundTripResult(List<Point> points, double maxErrorBps, double rmsErrorBps, List<Bucket> byLabel,
                              int failed, int paths, int steps, int hestonControlRefused, double elapsedMs) {

    /**
     * @param call        whether the out-of-the-money option priced was a call
     * @param modelPrice  discounted Monte Carlo price per unit foreign notional
     * @param stdErrorBps Monte Carlo standard error of modelVol in bp (price standard error / vega)
     */
    public record Point(double expiry, double strike, String label, boolean call, double marketVol, double modelVol,
                        double errorBps, double stdErrorBps, double modelPrice) {
    }

    /** Errors grouped by delta label, e.g. all "25P" points across expiries. */
    public record Bucket(String label, int count, double rmsErrorBps, double maxErrorBps) {
    }
}
