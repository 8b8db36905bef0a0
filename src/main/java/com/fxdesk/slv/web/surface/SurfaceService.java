package com.fxdesk.slv.web.surface;

import com.fxdesk.slv.config.SurfaceCacheProperties;
import com.fxdesk.slv.heston.CalibrationQuote;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.pipeline.SlvPipeline;
import com.fxdesk.slv.pipeline.SurfaceSource;
import com.fxdesk.slv.volatility.VolSurface;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Market data to the engine's implied-vol surface and to vanilla (expiry, strike, vol) quotes ({@link SlvPipeline}).
 * Surfaces are kept in a cache bounded by entries (Caffeine's size eviction: recency and frequency) keyed by the market's whole content ({@link MarketKey}):
 * trading systems send the same market many times and the Andreasen–Huge fit is most of a small request's time. The
 * build is deterministic and a surface immutable, so a cached surface prices bit-identically to a fresh one and carries
 * the same warnings. Concurrent requests for one market wait for a single build; a refused market is not cached.
 * Metrics: {@code cache.gets{cache="market-surfaces",result="hit"|"miss"}}, {@code cache.size}, {@code cache.evictions}.
 */
@Service
public class SurfaceService implements SurfaceSource {
    static final String CACHE_NAME = "market-surfaces";

    /** Null when disabled (max-entries 0). */
    private final Cache<MarketKey, VolSurface> cache;

    public SurfaceService(SurfaceCacheProperties properties, MeterRegistry registry) {
        if (properties.maxEntries() > 0) {
            cache = Caffeine.newBuilder().maximumSize(properties.maxEntries())
                    .executor(Runnable::run) // evictions on the caller: no work for the common pool, size exact
                    .recordStats().build();
            CaffeineCacheMetrics.monitor(registry, cache, CACHE_NAME);
        } else {
            cache = null;
        }
    }

    @Override
    public VolSurface surface(MarketData market) {
        if (cache == null) {
            return SlvPipeline.surface(market);
        }
        // the loader runs once per key at a time; its exception (a refused market) propagates and nothing is kept
        return cache.get(MarketKey.of(market), k -> SlvPipeline.surface(market));
    }

    public List<CalibrationQuote> vanillaQuotes(MarketData market) {
        return SlvPipeline.vanillaQuotes(surface(market));
    }
}
