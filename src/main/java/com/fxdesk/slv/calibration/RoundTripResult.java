package com.fxdesk.slv.calibration;

import java.util.List;

/**
 * Round-trip repricing errors (SPEC.md section 7). Errors are model − market implied vol in basis points
 * (1 bp = 0.0001 vol); max is the largest absolute error; points whose price could not be inverted are counted
 * in {@code failed} and left out of max and RMS; {@code hestonControlRefused} counts the expiries whose Heston
 * control prices the pricer refused (those expiries use S_T as their only control). {@code paths} is the pilot's
 * paths (every point has them), {@code extraPaths} the adaptive extra paths ({@link RoundTripConfig.Adaptive}),
 * each simulated only to its batch's horizon, {@code extraWork} their paths × steps (the work budget's unit).
 */
public record RoundTripResult(List<Point> points, double maxErrorBps, double rmsErrorBps, List<Bucket> byLabel,
                              int failed, int paths, int steps, int hestonControlRefused, double elapsedMs,
                              long extraPaths, long extraWork) {

    /** Without extra paths. */
    public RoundTripResult(List<Point> points, double maxErrorBps, double rmsErrorBps, List<Bucket> byLabel,
                           int failed, int paths, int steps, int hestonControlRefused, double elapsedMs) {
        this(points, maxErrorBps, rmsErrorBps, byLabel, failed, paths, steps, hestonControlRefused, elapsedMs, 0, 0);
    }

    /**
     * @param call        whether the out-of-the-money option priced was a call
     * @param modelPrice  discounted Monte Carlo price per unit foreign notional
     * @param stdErrorBps Monte Carlo standard error of modelVol in bp (price standard error / vega)
     * @param paths       paths that priced it: the pilot's plus the extra ones that reached its expiry (0: not
     *                    recorded)
     */
    public record Point(double expiry, double strike, String label, boolean call, double marketVol, double modelVol,
                        double errorBps, double stdErrorBps, double modelPrice, int paths) {

        public Point(double expiry, double strike, String label, boolean call, double marketVol, double modelVol,
                     double errorBps, double stdErrorBps, double modelPrice) {
            this(expiry, strike, label, call, marketVol, modelVol, errorBps, stdErrorBps, modelPrice, 0);
        }
    }

    /** Errors grouped by delta label, e.g. all "25P" points across expiries. */
    public record Bucket(String label, int count, double rmsErrorBps, double maxErrorBps) {
    }
}
