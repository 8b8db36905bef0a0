package com.fxdesk.slv.web.surface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fxdesk.slv.config.SurfaceCacheProperties;
import com.fxdesk.slv.market.AtmType;
import com.fxdesk.slv.market.ButterflyType;
import com.fxdesk.slv.market.DeltaType;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.market.FxVolPillar;
import com.fxdesk.slv.market.FxVolQuotes;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.market.RateCurve;
import com.fxdesk.slv.market.VolGrid;
import com.fxdesk.slv.testdata.TestMarkets;
import com.fxdesk.slv.volatility.DupireLocalVol;
import com.fxdesk.slv.volatility.VolSurface;
import com.fxdesk.slv.volatility.VolSurfaceBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The surface cache: keyed by the market's whole content, bounded, bit-identical to a fresh build, counted. */
class SurfaceServiceTest {

    private static SurfaceService service(int maxEntries, SimpleMeterRegistry registry) {
        return new SurfaceService(new SurfaceCacheProperties(maxEntries), registry);
    }

    private static double gets(SimpleMeterRegistry registry, String result) {
        return registry.get("cache.gets").tag("cache", SurfaceService.CACHE_NAME).tag("result", result)
                .functionCounter().count();
    }

    /** Every field of every market record, changed alone, gives another key; an equal copy gives the same key. */
    @Test
    void everyFieldOfTheMarketIsInTheKey() {
        MarketData quotes = TestMarkets.load(TestMarkets.EURUSD_2018);
        MarketData grid = TestMarkets.load(TestMarkets.USDJPY_GRID);
        assertEquals(MarketKey.of(quotes), MarketKey.of(TestMarkets.load(TestMarkets.EURUSD_2018)), "equal copies");
        assertNotEquals(MarketKey.of(quotes), MarketKey.of(grid));

        Map<String, UnaryOperator<MarketData>> changes = new LinkedHashMap<>();
        changes.put("FxMarket.pair", m -> fx(m, new FxMarket(m.fx().pair() + "X", m.fx().valuationDate(),
                m.fx().spot(), m.fx().domestic(), m.fx().foreign())));
        changes.put("FxMarket.valuationDate", m -> fx(m, new FxMarket(m.fx().pair(),
                m.fx().valuationDate().plusDays(1), m.fx().spot(), m.fx().domestic(), m.fx().foreign())));
        changes.put("FxMarket.spot", m -> fx(m, new FxMarket(m.fx().pair(), m.fx().valuationDate(),
                Math.nextUp(m.fx().spot()), m.fx().domestic(), m.fx().foreign())));
        changes.put("FxMarket.domestic", m -> fx(m, new FxMarket(m.fx().pair(), m.fx().valuationDate(),
                m.fx().spot(), bumpRate(m.fx().domestic()), m.fx().foreign())));
        changes.put("FxMarket.domestic times", m -> fx(m, new FxMarket(m.fx().pair(), m.fx().valuationDate(),
                m.fx().spot(), bumpTime(m.fx().domestic()), m.fx().foreign())));
        changes.put("FxMarket.foreign", m -> fx(m, new FxMarket(m.fx().pair(), m.fx().valuationDate(),
                m.fx().spot(), m.fx().domestic(), bumpRate(m.fx().foreign()))));
        changes.put("FxMarket.foreign times", m -> fx(m, new FxMarket(m.fx().pair(), m.fx().valuationDate(),
                m.fx().spot(), m.fx().domestic(), bumpTime(m.fx().foreign()))));
        changes.put("MarketData.volatility", m -> new MarketData(m.fx(), TestMarkets.load(TestMarkets.USDJPY_GRID)
                .volatility()));
        changes.put("FxVolQuotes.deltaType", m -> quotes(m, q -> new FxVolQuotes(
                q.deltaType() == DeltaType.SPOT ? DeltaType.FORWARD : DeltaType.SPOT, q.premiumAdjusted(),
                q.atmType(), q.butterflyType(), q.pillars())));
        changes.put("FxVolQuotes.premiumAdjusted", m -> quotes(m, q -> new FxVolQuotes(q.deltaType(),
                !q.premiumAdjusted(), q.atmType(), q.butterflyType(), q.pillars())));
        changes.put("FxVolQuotes.atmType", m -> quotes(m, q -> new FxVolQuotes(q.deltaType(), q.premiumAdjusted(),
                q.atmType() == AtmType.FORWARD ? AtmType.DELTA_NEUTRAL : AtmType.FORWARD, q.butterflyType(),
                q.pillars())));
        changes.put("FxVolQuotes.butterflyType", m -> quotes(m, q -> new FxVolQuotes(q.deltaType(),
                q.premiumAdjusted(), q.atmType(),
                q.butterflyType() == ButterflyType.SMILE ? ButterflyType.MARKET : ButterflyType.SMILE, q.pillars())));
        changes.put("FxVolQuotes.pillars", m -> quotes(m, q -> new FxVolQuotes(q.deltaType(), q.premiumAdjusted(),
                q.atmType(), q.butterflyType(), q.pillars().subList(0, q.pillars().size() - 1))));
        changes.put("FxVolPillar.tenor", m -> pillar(m, p -> new FxVolPillar(p.tenor() + "X", p.expiry(), p.atm(),
                p.rr25(), p.bf25(), p.rr10(), p.bf10(), p.deltaType(), p.premiumAdjusted())));
        changes.put("FxVolPillar.expiry", m -> pillar(m, p -> new FxVolPillar(p.tenor(), Math.nextUp(p.expiry()),
                p.atm(), p.rr25(), p.bf25(), p.rr10(), p.bf10(), p.deltaType(), p.premiumAdjusted())));
        changes.put("FxVolPillar.atm", m -> pillar(m, p -> new FxVolPillar(p.tenor(), p.expiry(),
                Math.nextUp(p.atm()), p.rr25(), p.bf25(), p.rr10(), p.bf10(), p.deltaType(), p.premiumAdjusted())));
        changes.put("FxVolPillar.rr25", m -> pillar(m, p -> new FxVolPillar(p.tenor(), p.expiry(), p.atm(),
                Math.nextUp(p.rr25()), p.bf25(), p.rr10(), p.bf10(), p.deltaType(), p.premiumAdjusted())));
        changes.put("FxVolPillar.bf25", m -> pillar(m, p -> new FxVolPillar(p.tenor(), p.expiry(), p.atm(),
                p.rr25(), Math.nextUp(p.bf25()), p.rr10(), p.bf10(), p.deltaType(), p.premiumAdjusted())));
        changes.put("FxVolPillar.rr10", m -> pillar(m, p -> new FxVolPillar(p.tenor(), p.expiry(), p.atm(),
                p.rr25(), p.bf25(), Math.nextUp(p.rr10()), p.bf10(), p.deltaType(), p.premiumAdjusted())));
        changes.put("FxVolPillar.rr10 absent", m -> pillar(m, p -> new FxVolPillar(p.tenor(), p.expiry(), p.atm(),
                p.rr25(), p.bf25(), null, p.bf10(), p.deltaType(), p.premiumAdjusted())));
        changes.put("FxVolPillar.bf10", m -> pillar(m, p -> new FxVolPillar(p.tenor(), p.expiry(), p.atm(),
                p.rr25(), p.bf25(), p.rr10(), Math.nextUp(p.bf10()), p.deltaType(), p.premiumAdjusted())));
        // a per-pillar override equal to the set's convention builds the same surface, but is another market: kept apart
        changes.put("FxVolPillar.deltaType", m -> pillar(m, p -> new FxVolPillar(p.tenor(), p.expiry(), p.atm(),
                p.rr25(), p.bf25(), p.rr10(), p.bf10(), DeltaType.SPOT, p.premiumAdjusted())));
        changes.put("FxVolPillar.premiumAdjusted", m -> pillar(m, p -> new FxVolPillar(p.tenor(), p.expiry(),
                p.atm(), p.rr25(), p.bf25(), p.rr10(), p.bf10(), p.deltaType(), Boolean.FALSE)));
        Map<String, UnaryOperator<MarketData>> gridChanges = new LinkedHashMap<>();
        gridChanges.put("VolGrid.expiries", m -> grid(m, g -> new VolGrid(bumpFirst(g.expiries()), g.strikes(),
                g.vols())));
        gridChanges.put("VolGrid.strikes", m -> grid(m, g -> new VolGrid(g.expiries(), bumpLast(g.strikes()),
                g.vols())));
        gridChanges.put("VolGrid.vols", m -> grid(m, g -> new VolGrid(g.expiries(), g.strikes(),
                bumpLast(g.vols()))));

        Set<MarketKey> keys = new HashSet<>(List.of(MarketKey.of(quotes), MarketKey.of(grid)));
        changes.forEach((field, change) -> assertThat(keys.add(MarketKey.of(change.apply(quotes))))
                .as(field).isTrue());
        gridChanges.forEach((field, change) -> assertThat(keys.add(MarketKey.of(change.apply(grid))))
                .as(field).isTrue());

        // a field added to a market record must get its line above
        Set<String> covered = new HashSet<>(Set.of("MarketData.fx")); // by its FxMarket fields above
        changes.keySet().forEach(f -> covered.add(f.split(" ")[0]));
        gridChanges.keySet().forEach(covered::add);
        Set<String> all = new HashSet<>();
        for (Class<?> r : List.of(MarketData.class, FxMarket.class, FxVolQuotes.class, FxVolPillar.class,
                VolGrid.class)) {
            for (RecordComponent c : r.getRecordComponents()) {
                all.add(r.getSimpleName() + "." + c.getName());
            }
        }
        assertEquals(all, covered);
    }

    /** Two markets that differ in one field get two surfaces; the same market again gets the first one back. */
    @Test
    void aChangedMarketIsAMissAndTheSameMarketAHit() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SurfaceService cache = service(8, registry);
        MarketData m = TestMarkets.load(TestMarkets.EURUSD_2018);
        MarketData bumped = fx(m, new FxMarket(m.fx().pair(), m.fx().valuationDate(), m.fx().spot() * 1.001,
                m.fx().domestic(), m.fx().foreign()));
        VolSurface first = cache.surface(m);
        VolSurface other = cache.surface(bumped);
        VolSurface again = cache.surface(TestMarkets.load(TestMarkets.EURUSD_2018));
        assertNotSame(first, other);
        assertSame(first, again);
        assertNotEquals(first.forward(1.0), other.forward(1.0));
        assertEquals(2, gets(registry, "miss"));
        assertEquals(1, gets(registry, "hit"));
    }

    /** A cached surface and a fresh build of an equal market agree to the bit, warnings and local vol included. */
    @Test
    void cachedSurfaceIsBitIdenticalToAFreshBuild() {
        SurfaceService cache = service(8, new SimpleMeterRegistry());
        MarketData m = TestMarkets.load(TestMarkets.USDJPY_CRISIS);
        cache.surface(m);
        VolSurface cached = cache.surface(TestMarkets.load(TestMarkets.USDJPY_CRISIS));
        VolSurface fresh = VolSurfaceBuilder.build(TestMarkets.load(TestMarkets.USDJPY_CRISIS));
        assertNotSame(fresh, cached);
        assertThat(cached.warnings()).isNotEmpty().isEqualTo(fresh.warnings());
        assertEquals(fresh.pillars().size(), cached.pillars().size());
        for (int i = 0; i < fresh.pillars().size(); i++) {
            assertArrayEquals(fresh.pillars().get(i).strikes(), cached.pillars().get(i).strikes());
            assertArrayEquals(fresh.pillars().get(i).vols(), cached.pillars().get(i).vols());
        }
        double[] times = {0.01, fresh.firstExpiry(), 0.3, 1.0, fresh.lastExpiry(), fresh.lastExpiry() * 1.5};
        double[] spots = new double[15];
        double[] impliedFresh = new double[times.length * spots.length];
        double[] impliedCached = new double[impliedFresh.length];
        for (int j = 0; j < spots.length; j++) {
            spots[j] = m.fx().spot() * Math.exp(-0.6 + 0.08 * j);
        }
        for (int i = 0; i < times.length; i++) {
            for (int j = 0; j < spots.length; j++) {
                impliedFresh[i * spots.length + j] = fresh.impliedVol(times[i], spots[j]);
                impliedCached[i * spots.length + j] = cached.impliedVol(times[i], spots[j]);
            }
        }
        assertArrayEquals(impliedFresh, impliedCached);
        double[][] lvFresh = new DupireLocalVol(fresh).grid(times, spots).values();
        double[][] lvCached = new DupireLocalVol(cached).grid(times, spots).values();
        for (int i = 0; i < times.length; i++) {
            assertArrayEquals(lvFresh[i], lvCached[i]);
        }
    }

    /** Two threads asking for one new market at once: one build, both get it. */
    @Test
    void concurrentRequestsForOneMarketBuildOnce() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SurfaceService cache = service(8, registry);
        MarketData m = TestMarkets.load(TestMarkets.EURUSD_2025);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<VolSurface>> calls = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return cache.surface(m);
            }));
        }
        start.countDown();
        assertSame(calls.get(0).get(), calls.get(1).get());
        assertEquals(1, gets(registry, "miss"));
    }

    /**
     * A build in progress holds back neither another market nor a waiter whose request is cancelled (deadline, client
     * gone): the waiter stops at once, the build goes on and is kept.
     */
    @Test
    void waitersForABuildInProgressStopWhenCancelledAndOtherMarketsDoNotWait() throws Exception {
        MarketData slow = TestMarkets.load(TestMarkets.EURUSD_2018);
        MarketData other = TestMarkets.load(TestMarkets.FLAT_10PCT);
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SurfaceService cache = new SurfaceService(new SurfaceCacheProperties(8), new SimpleMeterRegistry(), m -> {
            if (m == slow) {
                building.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return VolSurfaceBuilder.build(m);
        });
        CompletableFuture<VolSurface> builder = CompletableFuture.supplyAsync(() -> cache.surface(slow));
        assertThat(building.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean cancelled = new AtomicBoolean();
        CompletableFuture<SurfaceService.Served> waiter = CompletableFuture.supplyAsync(
                () -> cache.served(TestMarkets.load(TestMarkets.EURUSD_2018), cancelled::get));
        assertThat(cache.served(other, () -> false).surface()).isNotNull(); // not behind the slow build
        cancelled.set(true);
        assertThatThrownBy(() -> waiter.get(2, TimeUnit.SECONDS)).hasCauseInstanceOf(CancellationException.class);
        assertThat(builder.isDone()).isFalse();
        release.countDown();
        assertSame(builder.get(10, TimeUnit.SECONDS), cache.surface(TestMarkets.load(TestMarkets.EURUSD_2018)));
    }

    /** The served surface's arbitrage scan runs once per cached surface; until then a request must pay for it. */
    @Test
    void arbitrageScanIsComputedOncePerCachedSurface() {
        SurfaceService cache = service(8, new SimpleMeterRegistry());
        MarketData m = TestMarkets.load(TestMarkets.FLAT_10PCT);
        assertThat(cache.scanned(m)).isFalse();
        var first = cache.served(m, () -> false).arbitrage(() -> false);
        assertThat(cache.scanned(TestMarkets.load(TestMarkets.FLAT_10PCT))).isTrue();
        assertSame(first, cache.served(TestMarkets.load(TestMarkets.FLAT_10PCT), () -> false)
                .arbitrage(() -> false));
        SurfaceService off = service(0, new SimpleMeterRegistry());
        off.served(m, () -> false).arbitrage(() -> false);
        assertThat(off.scanned(m)).isFalse(); // nothing kept: every request pays for its scan
    }

    /** At most max-entries surfaces are kept, least recently used out first; 0 builds every time. */
    @Test
    void boundedAndZeroDisables() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SurfaceService cache = service(2, registry);
        MarketData a = TestMarkets.load(TestMarkets.FLAT_10PCT);
        MarketData b = fx(a, new FxMarket(a.fx().pair(), a.fx().valuationDate(), a.fx().spot() * 1.01,
                a.fx().domestic(), a.fx().foreign()));
        MarketData c = fx(a, new FxMarket(a.fx().pair(), a.fx().valuationDate(), a.fx().spot() * 1.02,
                a.fx().domestic(), a.fx().foreign()));
        cache.surface(a);
        cache.surface(b);
        cache.surface(a);
        cache.surface(c);
        assertThat(registry.get("cache.size").tag("cache", SurfaceService.CACHE_NAME).gauge().value())
                .isLessThanOrEqualTo(2);

        SimpleMeterRegistry none = new SimpleMeterRegistry();
        SurfaceService off = service(0, none);
        assertNotSame(off.surface(a), off.surface(a));
        assertThat(none.find("cache.gets").meters()).isEmpty();
    }

    private static MarketData fx(MarketData m, FxMarket fx) {
        return new MarketData(fx, m.volatility());
    }

    private static MarketData quotes(MarketData m, UnaryOperator<FxVolQuotes> change) {
        return new MarketData(m.fx(), change.apply((FxVolQuotes) m.volatility()));
    }

    private static MarketData pillar(MarketData m, UnaryOperator<FxVolPillar> change) {
        return quotes(m, q -> {
            List<FxVolPillar> ps = new ArrayList<>(q.pillars());
            ps.set(ps.size() - 1, change.apply(ps.get(ps.size() - 1)));
            return new FxVolQuotes(q.deltaType(), q.premiumAdjusted(), q.atmType(), q.butterflyType(), ps);
        });
    }

    private static MarketData grid(MarketData m, UnaryOperator<VolGrid> change) {
        return new MarketData(m.fx(), change.apply((VolGrid) m.volatility()));
    }

    private static RateCurve bumpRate(RateCurve c) {
        return RateCurve.of(c.times(), bumpLast(c.zeroRates()));
    }

    private static RateCurve bumpTime(RateCurve c) {
        double[] t = c.times().clone();
        t[t.length - 1] = Math.nextUp(t[t.length - 1]);
        return RateCurve.of(t, c.zeroRates());
    }

    private static double[] bumpFirst(double[] a) {
        double[] b = a.clone();
        b[0] = Math.nextDown(b[0]);
        return b;
    }

    private static double[] bumpLast(double[] a) {
        double[] b = a.clone();
        b[b.length - 1] = Math.nextUp(b[b.length - 1]);
        return b;
    }

    private static double[][] bumpLast(double[][] a) {
        double[][] b = Arrays.stream(a).map(double[]::clone).toArray(double[][]::new);
        b[b.length - 1] = bumpLast(b[b.length - 1]);
        return b;
    }
}
