package com.fxdesk.slv.calibration;

/**
 * Receives the fraction of work done in [0, 1] (leverage steps, then round-trip chunks). May be called from
 * worker threads of the caller's pool, so implementations must be thread-safe (e.g. write a volatile).
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = fraction -> { };

    void onProgress(double fraction);
}
