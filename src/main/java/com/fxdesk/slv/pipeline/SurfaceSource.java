package com.fxdesk.slv.pipeline;

import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.volatility.VolSurface;

/**
 * Where the pipeline gets a market's implied-vol surface. The build is deterministic in the market's content, so a
 * source may hand out a surface built earlier for an equal market (the service keeps a bounded cache); it must never
 * hand out one built from a market that differs in any field.
 */
@FunctionalInterface
public interface SurfaceSource {
    /** Builds every time ({@link SlvPipeline#surface}). */
    SurfaceSource FRESH = SlvPipeline::surface;

    /** @throws IllegalArgumentException the market is refused by the builder (market errors carry their field) */
    VolSurface surface(MarketData market);
}
