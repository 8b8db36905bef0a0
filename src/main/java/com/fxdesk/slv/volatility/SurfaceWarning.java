package com.fxdesk.slv.volatility;

/**
 * Something a desk should know about a surface: an input point the arbitrage-free surface does not pass through
 * (moved by amountBps of vol), a market strangle not repriced exactly, local vol floored/capped somewhere, or an
 * implied vol that is a fallback rather than a Black inversion.
 *
 * @param code     MOVED_POINT, UNRESOLVED_POINT (beyond 7 ATM sd, option value below double precision),
 *                 STRANGLE_RESIDUAL, LOCAL_VOL_ADJUSTED or IMPLIED_VOL_FALLBACK (the point's surface vol is held from
 *                 the last strike with time value, or the ATM placeholder: {@link VolSurface.VolFallback})
 * @param tenor    pillar name (NaN-free; empty when not tied to a pillar)
 * @param expiry   years
 * @param strike   the point's strike, NaN when not tied to one strike
 * @param amountBps signed difference surface − input in vol basis points (count for LOCAL_VOL_ADJUSTED)
 */
public record SurfaceWarning(String code, String tenor, double expiry, double strike, double amountBps,
                             String message) {
}
