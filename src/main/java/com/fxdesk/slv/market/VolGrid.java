package com.fxdesk.slv.market;

/** Black vols on a strike grid per expiry (strikes may differ per expiry). Arrays are not copied: treat as read-only. */
public record VolGrid(double[] expiries, double[][] strikes, double[][] vols) implements VolatilityInput {
}
