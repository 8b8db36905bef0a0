package com.fxdesk.slv.volatility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fxdesk.slv.market.AtmType;
import com.fxdesk.slv.market.ButterflyType;
import com.fxdesk.slv.market.DeltaType;
import com.fxdesk.slv.market.FxVolPillar;
import com.fxdesk.slv.market.FxVolQuotes;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.market.VolGrid;
import com.fxdesk.slv.math.BlackFormula;
import com.fxdesk.slv.testdata.TestMarkets;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolSurfaceTest {

    private static VolSurface surface(String name) {
        return VolSurfaceBuilder.build(TestMarkets.load(name));
    }

    @Test
    void totalVarianceIsNonDecreasingInTimeBetweenAndBeyondPillars() {
        for (String name : TestMarkets.SURFACE) {
            VolSurface s = surface(name);
            for (double y = -0.3; y <= 0.3; y += 0.01) {
                double prev = 0;
                for (double t = s.firstExpiry() / 16; t < 1.5 * s.lastExpiry(); t *= 1.05) {
                    double c = s.normalizedCall(t, Math.exp(y));
                    assertTrue(c >= prev - 2e-14, name + " calendar t=" + t + " y=" + y); // the exponential is evaluated to ~1e-14
                    prev = c;
                }
            }
        }
    }

    @Test
    void impliedVolIsFiniteEverywhereAndFlatBeforeTheShortestResolvedTime() {
        for (String name : TestMarkets.SURFACE) {
            VolSurface s = surface(name);
            for (double t : new double[] {0, 1e-6, s.firstExpiry() / 20, s.firstExpiry(), 0.7, s.lastExpiry() * 2}) {
                for (double m : new double[] {1e-3, 0.2, 0.8, 1.0, 1.25, 5, 1e3}) {
                    double v = s.impliedVol(t, s.forward(t) * m);
                    assertTrue(Double.isFinite(v) && v > 0 && v < 5, name + " t=" + t + " m=" + m + " vol " + v);
                }
            }
            double k = s.forward(0) * 1.001;
            assertEquals(s.impliedVol(s.firstExpiry() / 16, k), s.impliedVol(0, k), 1e-15);
        }
    }

    @Test
    void totalVarianceIsVolSquaredTimesTheExpiryAskedForAlsoBeforeTheShortestSlice() {
        VolSurface s = surface(TestMarkets.EURUSD_2018);
        for (double t : new double[] {1e-4, s.firstExpiry() / 40, s.firstExpiry(), 1.0}) {
            double k = s.forward(t) * 1.02;
            double v = s.impliedVol(t, k);
            double y = Math.log(k / s.forward(Math.max(t, s.firstExpiry() / 16)));
            double w = s.totalVariance(t, y);
            assertEquals(v * v * t, w, 1e-12 * Math.max(w, 1e-12), "t=" + t);
        }
    }

    @Test
    void smileStrangleQuotesAreReproduced() {
        VolSurface s = surface(TestMarkets.EURUSD_2018);
        FxVolQuotes q = (FxVolQuotes) TestMarkets.load(TestMarkets.EURUSD_2018).volatility();
        for (int i = 0; i < q.pillars().size(); i++) {
            FxVolPillar p = q.pillars().get(i);
            SmilePillar sp = s.pillars().get(i);
            double[] v = sp.vols();
            assertEquals(p.rr25(), v[3] - v[1], 1e-14);
            assertEquals(p.bf25(), 0.5 * (v[3] + v[1]) - p.atm(), 1e-14);
            assertEquals(p.rr10(), v[4] - v[0], 1e-14);
            assertEquals(p.atm(), s.impliedVol(p.expiry(), sp.strikes()[2]), 1e-9); // fit tolerance: 1e-5 bp
            // the strikes carry their quoted deltas at their own vols
            DeltaType dt = q.deltaTypeOf(p);
            double sd = v[3] * Math.sqrt(p.expiry());
            double df = s.market().foreignDf(p.expiry());
            assertEquals(0.25, FxDeltaStrikes.delta(true, dt, false, sp.forward(), sp.strikes()[3], sd, df), 1e-12);
        }
    }

    @Test
    void marketStrangleIsRepricedBySmile() {
        for (String name : List.of(TestMarkets.USDJPY_2018, TestMarkets.EURUSD_2025)) {
            MarketData md = TestMarkets.load(name);
            FxVolQuotes q = (FxVolQuotes) md.volatility();
            assertEquals(ButterflyType.MARKET, q.butterflyType());
            VolSurface s = VolSurfaceBuilder.build(md);
            for (FxVolPillar p : q.pillars()) {
                double t = p.expiry();
                double f = s.forward(t);
                double df = md.fx().foreignDf(t);
                double st = Math.sqrt(t);
                DeltaType dt = q.deltaTypeOf(p);
                boolean pa = q.premiumAdjustedOf(p);
                double[][] legs = {{0.25, p.bf25()}, {0.10, p.bf10()}};
                for (double[] leg : legs) {
                    double vs = p.atm() + leg[1];
                    double kc = FxDeltaStrikes.strike(true, leg[0], dt, pa, f, vs * st, df);
                    double kp = FxDeltaStrikes.strike(false, -leg[0], dt, pa, f, vs * st, df);
                    double market = BlackFormula.undiscounted(true, f, kc, vs * st) + BlackFormula.undiscounted(false, f, kp, vs * st);
                    double smile = BlackFormula.undiscounted(true, f, kc, s.impliedVol(t, kc) * st)
                            + BlackFormula.undiscounted(false, f, kp, s.impliedVol(t, kp) * st);
                    double vega = (BlackFormula.vegaStdDev(f, kc, vs * st) + BlackFormula.vegaStdDev(f, kp, vs * st)) * st;
                    assertEquals(0, (smile - market) / vega * 1e4, 1e-4, name + " " + p.tenor() + " " + leg[0]);
                }
                assertEquals(p.atm(), s.impliedVol(t, FxDeltaStrikes.atmStrike(AtmType.DELTA_NEUTRAL, pa, f, p.atm() * st)),
                        AndreasenHugeFit.TOLERANCE);
            }
        }
    }

    @Test
    void threePointPillarsAreReproduced() {
        MarketData md = TestMarkets.load(TestMarkets.EURUSD_2018);
        FxVolQuotes q = (FxVolQuotes) md.volatility();
        List<FxVolPillar> three = q.pillars().stream().map(p -> new FxVolPillar(p.tenor(), p.expiry(), p.atm(), p.rr25(),
                p.bf25(), null, null, p.deltaType(), p.premiumAdjusted())).toList();
        for (ButterflyType bt : ButterflyType.values()) {
            VolSurface s = VolSurfaceBuilder.build(new MarketData(md.fx(),
                    new FxVolQuotes(q.deltaType(), true, q.atmType(), bt, three)));
            for (SmilePillar p : s.pillars()) {
                assertEquals(3, p.strikes().length);
                assertTrue(p.maxAbsResidualBps() < 0.1, p.tenor() + " " + p.maxAbsResidualBps());
            }
            assertTrue(ArbitrageScanner.scan(s).ok());
        }
    }

    /**
     * Flat 10% grid (7 strikes per expiry), densely in t: from the first expiry on within 0.5 bp of flat inside ±3 sd and
     * 1 bp inside ±4 sd (measured 0.37 and 0.75 bp); before it within 3 bp (measured 2.5 bp at 4 sd: the lattice is
     * built for T₁/16 with 7 nodes per sd, and prices are linear in k between nodes).
     */
    @Test
    void flatGridGivesFlatSurface() {
        VolSurface s = surface(TestMarkets.FLAT_10PCT);
        double[] worst = new double[3]; // before T1; from T1 inside ±3 sd; from T1 inside ±4 sd (bp)
        for (int i = 1; i <= 160; i++) {
            double t = 2.0 * i / 160;
            for (double z = -4; z <= 4; z += 0.25) {
                double k = s.forward(t) * Math.exp(z * 0.1 * Math.sqrt(t));
                double tol = t < 0.25 ? 3e-4 : Math.abs(z) <= 3 ? 0.5e-4 : 1e-4;
                double v = s.impliedVol(t, k);
                assertEquals(0.1, v, tol, "t=" + t + " z=" + z);
                int bucket = t < 0.25 ? 0 : Math.abs(z) <= 3 ? 1 : 2;
                worst[bucket] = Math.max(worst[bucket], Math.abs(v - 0.1) * 1e4);
                worst[2] = bucket == 1 ? Math.max(worst[2], worst[1]) : worst[2];
            }
        }
        System.out.printf("flat-10pct implied vol, 160 times to 2Y: max |vol - 10%%| %.2f bp before T1, from T1 %.2f bp"
                + " inside ±3 sd, %.2f bp inside ±4 sd%n", worst[0], worst[1], worst[2]);
    }


    @Test
    void rejectsUnusableInput() {
        MarketData md = TestMarkets.load(TestMarkets.EURUSD_2018);
        FxVolQuotes q = (FxVolQuotes) md.volatility();
        FxVolPillar p = q.pillars().get(3);
        FxVolPillar bad = new FxVolPillar("X", p.expiry(), -0.01, 0, 0, null, null, null, null);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> VolSurfaceBuilder.build(
                new MarketData(md.fx(), new FxVolQuotes(DeltaType.SPOT, false, AtmType.DELTA_NEUTRAL, ButterflyType.SMILE,
                        List.of(bad)))));
        assertTrue(ex.getMessage().contains("X"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VolSurfaceBuilder.build(new MarketData(md.fx(),
                new FxVolQuotes(DeltaType.SPOT, false, AtmType.DELTA_NEUTRAL, ButterflyType.SMILE, List.of(p, p)))));
        assertThrows(IllegalArgumentException.class, () -> VolSurfaceBuilder.build(new MarketData(md.fx(),
                new FxVolQuotes(DeltaType.SPOT, false, AtmType.DELTA_NEUTRAL, ButterflyType.SMILE, List.of()))));
        assertThrows(IllegalArgumentException.class, () -> VolSurfaceBuilder.build(new MarketData(md.fx(),
                new VolGrid(new double[] {1.0}, new double[][] {{1.0, 1.1}}, new double[][] {{0.1}}))));
        assertThrows(IllegalArgumentException.class, () -> VolSurfaceBuilder.build(new MarketData(md.fx(),
                new VolGrid(new double[] {1.0}, new double[][] {{1.0, -1.1}}, new double[][] {{0.1, 0.1}}))));
    }

    /**
     * Where the lattice price has no time value to double precision inside ±7 sd (its evaluation noise can even make
     * it −1e-17), the served vol is the last resolved node's, flagged HELD_UNRESOLVED, and the served prices stay
     * convex and non-increasing in k; the former rule (invert at 0.9·y, 0.81·y, …) served a vol from further in and
     * a price ≈ 1e-11 above its neighbours' chord there (the crisis market's served-scan violations).
     */
    @Test
    void unresolvedWingVolIsHeldFromTheLastResolvedNodeAndCounted() {
        StrikeLattice lat = StrikeLattice.sinh(0.01, 0.2, 2.0);
        double t = 1.0;
        double[] u = lat.black(0.2);
        int cut = lat.cellX(0.3); // from x = 0.3 (1.5 sd) on the prices are "zero": −1e-17 noise
        for (int j = cut + 1; j < lat.n - 1; j++) {
            u[j] = -1e-17 * (j % 3);
        }
        VolSurface.Inverter inv = new VolSurface.Inverter(lat, u, t);
        assertEquals(0.2, inv.atmSd, 1e-12);
        VolSurface.ImpliedVolDetail in = inv.impliedVol(0.2);
        assertEquals(VolSurface.VolFallback.NONE, in.fallback());
        assertEquals(0.2, in.vol(), 2e-4); // linear-in-k price between nodes
        VolSurface.ImpliedVolDetail held = inv.impliedVol(0.5);
        assertEquals(VolSurface.VolFallback.HELD_UNRESOLVED, held.fallback());
        assertEquals(lat.x[cut], held.heldFrom(), 0.0);
        assertEquals(BlackFormula.impliedVol(true, 1, lat.k[cut], t, u[cut], 1), held.vol(), 1e-12);
        // beyond 7 sd the vol is held by design, not a fallback
        assertEquals(VolSurface.VolFallback.NONE, inv.impliedVol(-1.6).fallback());
        int m = 601;
        double[] ks = new double[m];
        double[] cs = new double[m];
        for (int j = 0; j < m; j++) {
            ks[j] = Math.exp(1.2 * j / (m - 1));
            cs[j] = BlackFormula.undiscounted(true, 1, ks[j], inv.impliedVol(Math.log(ks[j])).vol() * Math.sqrt(t));
        }
        for (int j = 1; j + 1 < m; j++) { // the scanner's butterfly test, price units of the forward
            double hm = ks[j] - ks[j - 1];
            double hp = ks[j + 1] - ks[j];
            double chord = (hp * cs[j - 1] + hm * cs[j + 1]) / (hm + hp);
            assertTrue(cs[j] - chord <= 1e-14, "above the chord at k=" + ks[j] + ": " + (cs[j] - chord));
            assertTrue(cs[j] - cs[j - 1] <= 1e-15, "increasing at k=" + ks[j]);
        }
        // a degenerate slice (no time value even at the money) serves the placeholder, flagged
        double[] flat = lat.intrinsic();
        VolSurface.Inverter none = new VolSurface.Inverter(lat, flat, t);
        assertEquals(VolSurface.VolFallback.ATM_DEFAULT, none.impliedVol(0.1).fallback());
    }

    /**
     * The display sampler (charts, the report) splits a smile into inverted and held vols: exactly one of the two is
     * finite at each strike, the held ones are the fallbacks impliedVolDetail reports, and on the crisis market's
     * shortest slice, sampled out to 6.5 ATM sd, some are held (its far wings have no time value to double precision).
     */
    @Test
    void smileSampleSeparatesHeldFallbacksFromInvertedVols() {
        VolSurface s = surface(TestMarkets.USDJPY_CRISIS);
        double t = s.pillars().get(0).expiry();
        double f = s.forward(t);
        double sd = s.impliedVol(t, f) * Math.sqrt(t);
        int n = 131;
        double[] k = new double[n];
        for (int i = 0; i < n; i++) {
            k[i] = f * Math.exp(sd * (-6.5 + 13.0 * i / (n - 1)));
        }
        VolSurface.SmileSample smile = s.smile(t, k);
        int held = 0;
        for (int i = 0; i < n; i++) {
            VolSurface.ImpliedVolDetail d = s.impliedVolDetail(t, k[i]);
            boolean fallback = d.fallback() != VolSurface.VolFallback.NONE;
            assertTrue(Double.isFinite(smile.vols()[i]) != fallback, "inverted vol at k=" + k[i]);
            assertTrue(Double.isFinite(smile.held()[i]) == fallback, "held vol at k=" + k[i]);
            assertEquals(d.vol(), fallback ? smile.held()[i] : smile.vols()[i], 0.0);
            held += fallback ? 1 : 0;
        }
        assertEquals(held, smile.heldCount());
        assertTrue(held > 0, "the crisis 1W wings beyond the last node with time value are held");
        assertTrue(held < n / 2, "most of the smile is inverted: " + held);
    }
}
