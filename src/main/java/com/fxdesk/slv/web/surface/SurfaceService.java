package com.fxdesk.slv.web.surface;

import com.fxdesk.slv.config.SurfaceCacheProperties;
import com.fxdesk.slv.heston.CalibrationQuote;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.pipeline.SlvPipeline;
import com.fxdesk.slv.pipeline.SurfaceSource;
import com.fxdesk.slv.volatility.ArbitrageReport;
import com.fxdesk.slv.volatility.ArbitrageScanner;
import com.fxdesk.slv.volatility.VolSurface;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Market data to the engine's implied-vol surface and to vanilla (expiry, strike, vol) quotes ({@link SlvPipeline}).
 * Surfaces are kept in a cache bounded by entries (Caffeine's size eviction: recency and frequency) keyed by the
 * market's whole content ({@link MarketKey}): trading systems send the same market many times and the Andreasen–Huge
 * fit is most of a small request's time. The build is deterministic and a surface immutable, so a cached surface prices
 * bit-identically to a fresh one and carries the same warnings. The served surface's arbitrage scan (≈ 240k Black
 * inversions, far costlier than the fit) is computed at most once per cached surface, on first demand.
 * <p>
 * The cache holds one future per market: the first request builds on its own thread, outside the cache's map lock;
 * concurrent requests for the same market wait for that build while watching their own cancellation (deadline, client
 * gone), and requests for other markets never wait for it. A refused market (the build throws) is not kept.
 * Metrics: {@code cache.gets{cache="market-surfaces",result="hit"|"miss"}}, {@code cache.size}, {@code cache.evictions}.
 */
@Service
public class SurfaceService implements SurfaceSource {
    static final String CACHE_NAME = "market-surfaces";
    private static final long WAIT_POLL_MILLIS = 20;

    /** Null when disabled (max-entries 0). */
    private final AsyncCache<MarketKey, Served> cache;
    private final Function<MarketData, VolSurface> builder;

    @Autowired
    public SurfaceService(SurfaceCacheProperties properties, MeterRegistry registry) {
        this(properties, registry, SlvPipeline::surface);
    }

    /** With another builder: tests of waiting for a build in progress. */
    SurfaceService(SurfaceCacheProperties properties, MeterRegistry registry, Function<MarketData, VolSurface> builder) {
        this.builder = builder;
        if (properties.maxEntries() > 0) {
            cache = Caffeine.newBuilder().maximumSize(properties.maxEntries())
                    .executor(Runnable::run) // evictions on the caller: no work for the common pool, size exact
                    .recordStats().buildAsync();
            CaffeineCacheMetrics.monitor(registry, cache.synchronous(), CACHE_NAME);
        } else {
            cache = null;
        }
    }

    /** A surface with its arbitrage scan, computed once on first demand. */
    static final class Served {
        private final VolSurface surface;
        private final AtomicReference<CompletableFuture<ArbitrageReport>> scan = new AtomicReference<>();

        Served(VolSurface surface) {
            this.surface = surface;
        }

        VolSurface surface() {
            return surface;
        }

        /** The scan: computed by the first caller, awaited by the others while they watch their cancellation. */
        ArbitrageReport arbitrage(BooleanSupplier cancelled) {
            CompletableFuture<ArbitrageReport> mine = new CompletableFuture<>();
            if (scan.compareAndSet(null, mine)) {
                try {
                    mine.complete(ArbitrageScanner.scan(surface));
                } catch (RuntimeException | Error e) {
                    scan.set(null); // the next caller tries again
                    mine.completeExceptionally(e);
                    throw e;
                }
            }
            return await(scan.get(), cancelled);
        }

        boolean scanned() {
            CompletableFuture<ArbitrageReport> f = scan.get();
            return f != null && f.isDone() && !f.isCompletedExceptionally();
        }
    }

    @Override
    public VolSurface surface(MarketData market) {
        return served(market, () -> false).surface();
    }

    /**
     * The market's surface (cached or built now, on this thread).
     *
     * @throws CancellationException {@code cancelled} turned true while another request's build was awaited
     */
    Served served(MarketData market, BooleanSupplier cancelled) {
        if (cache == null) {
            return new Served(builder.apply(market));
        }
        CompletableFuture<Served> mine = new CompletableFuture<>();
        CompletableFuture<Served> f = cache.get(MarketKey.of(market), (k, executor) -> mine);
        if (f == mine) {
            try {
                mine.complete(new Served(builder.apply(market)));
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e); // the cache drops a failed future: a refused market is not kept
                throw e;
            }
        }
        return await(f, cancelled);
    }

    /** Whether the market's arbitrage scan is already known (then a request for it costs no scan). */
    boolean scanned(MarketData market) {
        if (cache == null) {
            return false;
        }
        CompletableFuture<Served> f = cache.asMap().get(MarketKey.of(market)); // a peek: no hit or miss counted
        return f != null && f.isDone() && !f.isCompletedExceptionally() && f.join().scanned();
    }

    public List<CalibrationQuote> vanillaQuotes(MarketData market) {
        return SlvPipeline.vanillaQuotes(surface(market));
    }

    /** The future's value, the work's own exception, or CancellationException once {@code cancelled} is true. */
    private static <T> T await(CompletableFuture<T> f, BooleanSupplier cancelled) {
        while (true) {
            try {
                return f.getNow(null) != null ? f.join() : f.get(WAIT_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("stopped waiting for another request's build");
                }
            } catch (java.util.concurrent.CompletionException | ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            }
        }
    }
}
