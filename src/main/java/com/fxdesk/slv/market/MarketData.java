package com.fxdesk.slv.market;

/** Everything an engine needs from the market: spot, curves and implied-vol input. */
public record MarketData(FxMarket fx, VolatilityInput volatility) {
}
