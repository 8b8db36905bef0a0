package com.fxdesk.slv.volatility;

/** Dupire local volatility σ_LV(t, S). Implementations are immutable and thread-safe. */
public interface LocalVolSurface {

    double localVol(double t, double spot);

    /**
     * Local vol at one time for many spots; the hot path of the particle method and Monte Carlo,
     * so implementations should reuse per-time work here.
     */
    default void localVol(double t, double[] spots, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = localVol(t, spots[i]);
        }
    }
}
