package com.fxdesk.slv.volatility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fxdesk.slv.market.FxVolQuotes;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.testdata.TestMarkets;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Issue 9's acceptance on every market in examples/markets (shared and stress markets): inputs reproduced (grids to
 * 0.5 bp within ±3 ATM sd, quotes and market strangles to 0.1 bp) or the miss reported as a warning; no butterfly or
 * calendar arbitrage on a dense (T, K) scan; Dupire local vol neither floored nor capped inside ±4 sd up to the last
 * expiry.
 */
class SurfaceAcceptanceTest {
    static final List<String> MARKETS = TestMarkets.SURFACE;
    /**
     * Documented misses (docs/surface.md, diagnosis by bench/SurfaceWingStudy): the crisis quotes' smile points are
     * concave at both 25Δ points (g ≈ 0 from 1Y; the 3Y interval needs > 500% around the 25P: 198 points) — demanded
     * by the quotes in this family; the SABR β = 1, ν = 1.2 grid's outermost 2Y point drives the outer knot to its
     * bound (> 500% beyond +3 sd at 2Y: 47 points) — not demanded by the input, a limit of the family.
     */
    static final List<String> KNOWN_LOCAL_VOL_MISSES = List.of(TestMarkets.USDJPY_CRISIS, TestMarkets.GRID_SABR);

    /**
     * Served-scan misses: none. The crisis quotes' former violations (≤ 2.2e-9 of the forward from 1.3Y in the call
     * wing) came from inverting at 0.9·y where a lattice price was −1e-17 noise; the vol is now held from the last node
     * with time value (VolSurface.VolFallback.HELD_UNRESOLVED, counted).
     */
    static final List<String> KNOWN_SERVED_SCAN_MISSES = List.of();

    @Test
    void everyMarketFileIsCovered() throws IOException {
        try (Stream<java.nio.file.Path> files = Files.list(TestMarkets.MARKETS)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json"))
                    .map(f -> f.substring(0, f.length() - 5)).sorted().toList();
            assertEquals(names, MARKETS.stream().sorted().toList());
        }
    }

    @ParameterizedTest
    @FieldSource("MARKETS")
    void reproducesInputsOrReportsTheMove(String name) {
        MarketData md = TestMarkets.load(name);
        VolSurface s = VolSurfaceBuilder.build(md);
        boolean grid = !(md.volatility() instanceof FxVolQuotes);
        double limit = grid ? VolSurfaceBuilder.GRID_WARNING_BPS : VolSurfaceBuilder.QUOTE_WARNING_BPS;
        double worstInside = 0;
        int moved = 0;
        for (SmilePillar p : s.pillars()) {
            double sd = s.impliedVol(p.expiry(), p.forward()) * Math.sqrt(p.expiry());
            for (int j = 0; j < p.strikes().length; j++) {
                double res = p.fitResidualBps()[j];
                // the reported residual is the surface's own vol at the point
                assertEquals(p.vols()[j] + res * 1e-4, s.impliedVol(p.expiry(), p.strikes()[j]), 1e-9,
                        name + " " + p.tenor() + " " + p.labels()[j]);
                double z = Math.abs(Math.log(p.strikes()[j] / p.forward())) / sd;
                if (z <= 3) {
                    worstInside = Math.max(worstInside, Math.abs(res));
                }
                if (Math.abs(res) > limit) {
                    moved++;
                    final double k = p.strikes()[j];
                    assertTrue(s.warnings().stream().anyMatch(w -> w.strike() == k && w.tenor().equals(p.tenor())),
                            name + " " + p.tenor() + " K=" + k + " moved " + res + " bp without a warning");
                }
            }
            for (double r : p.strangleResidualBps()) {
                if (Math.abs(r) > limit) {
                    moved++;
                    assertTrue(s.warnings().stream().anyMatch(w -> w.code().equals("STRANGLE_RESIDUAL")
                            && w.tenor().equals(p.tenor())), name + " " + p.tenor() + " strangle " + r);
                }
                worstInside = Math.max(worstInside, Math.abs(r));
            }
        }
        System.out.printf("%-32s lattice %4d  worst |residual| inside ±3sd %.2e bp, moved %d, warnings %d%n", name,
                s.latticeSize(), worstInside, moved, s.warnings().size());
        long fallbacks = s.warnings().stream().filter(w -> w.code().equals("IMPLIED_VOL_FALLBACK")).count();
        assertEquals(s.warnings().size(), moved + fallbacks, name + " " + s.warnings());
        assertEquals(0, fallbacks, name + ": an input point's surface vol is a fallback " + s.warnings());
        if (!name.equals(TestMarkets.USDJPY_CRISIS)) {
            assertTrue(worstInside <= limit, name + " worst residual inside ±3 sd " + worstInside + " bp");
        } else {
            // crisis: every quote to 9M exact (strangles included); beyond, the closest smile, within 11 bp (measured
            // 10.1 bp: the 3Y 10-delta strangle)
            for (SmilePillar p : s.pillars()) {
                double bound = p.expiry() <= 0.75 ? limit : 11.0;
                assertTrue(p.maxAbsResidualBps() <= bound, p.tenor() + " " + p.maxAbsResidualBps());
            }
        }
    }

    @ParameterizedTest
    @FieldSource("MARKETS")
    void noArbitrageOnADenseScan(String name) {
        VolSurface s = VolSurfaceBuilder.build(TestMarkets.load(name));
        long before = s.impliedVolFallbacks();
        ArbitrageReport served = ArbitrageScanner.scan(s);
        System.out.printf("%-32s served scan: %d violations, %d implied vols held (fallbacks)%n", name,
                served.violations().size(), s.impliedVolFallbacks() - before);
        if (KNOWN_SERVED_SCAN_MISSES.contains(name)) {
            assertTrue(!served.ok(), name + ": documented miss is gone, move it back to the strict markets");
        } else {
            assertTrue(served.ok(), name + " served vols " + served.violations());
        }
        ArbitrageReport lattice = ArbitrageScanner.scanLattice(s);
        assertTrue(lattice.ok(), name + " lattice prices " + lattice.violations());
    }

    @ParameterizedTest
    @FieldSource("MARKETS")
    void localVolNeedsNoFloorOrCapInsideFourSd(String name) {
        VolSurface s = VolSurfaceBuilder.build(TestMarkets.load(name));
        DupireLocalVol lv = new DupireLocalVol(s);
        double last = s.lastExpiry();
        int nt = 80;
        int ns = 81;
        int adjusted = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int i = 0; i <= nt; i++) {
            double t = last * Math.pow(i / (double) nt, 2); // denser at short times
            double f = s.forward(t);
            double sd = s.impliedVol(Math.max(t, 1e-4), f) * Math.sqrt(Math.max(t, 1e-4));
            double[] spots = new double[ns];
            for (int j = 0; j < ns; j++) {
                spots[j] = f * Math.exp(4 * sd * (2.0 * j / (ns - 1) - 1));
            }
            LocalVolGrid g = lv.grid(new double[] {t}, spots);
            adjusted += g.adjustedCount();
            for (double v : g.values()[0]) {
                assertTrue(Double.isFinite(v) && v > 0);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        System.out.printf("%-32s local vol inside ±4sd: min %.4f max %.4f, floored/capped %d%n", name, min, max,
                adjusted);
        if (KNOWN_LOCAL_VOL_MISSES.contains(name)) {
            assertTrue(adjusted > 0, name + ": documented miss is gone, move it back to the strict markets");
        } else {
            assertEquals(0, adjusted, name);
        }
    }
}
