package com.fxdesk.slv.calibration;

/**
 * Receives the fraction of work done in [0, 1] and the phase in force. May be called from worker threads of the
 * caller's pool, so implementations must be thread-safe (e.g. write a volatile).
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (fraction, phase) -> { };

    void onProgress(double fraction, Phase phase);
}
