package com.fxdesk.slv.volatility;

/**
 * Something a desk should know about a surface: an input point the arbitrage-free surface does not pass through
 * (moved by amountBps of vol), a market strangle not repriced exactly, or local vol floored/capped somewhere.
 *
 * @param code     MOVED_POINT, UNRESOLVED_POINT (beyond 7 ATM sd, option value below double precision),
 *                 STRANGLE_RESIDUAL or LOCAL_VOL_ADJUSTED
 * @param tenor    pillar name (NaN-free; empty when not tied to a pillar)
 * @param expiry   years
 * @param strike   the point's strike, NaN when not tied to one strike
 * @param amountBps signed difference surface − input in vol basis points (count for LOCAL_VOL_ADJUSTED)
 */
public record SurfaceWarning(String code, String tenor, double expiry, double strike, double amountBps,
                             String message) {
}
