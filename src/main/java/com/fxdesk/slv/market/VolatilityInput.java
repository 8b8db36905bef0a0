package com.fxdesk.slv.market;

/** Implied volatility as the market gives it: a strike grid, or FX delta quotes. */
public sealed interface VolatilityInput permits VolGrid, FxVolQuotes {
}
