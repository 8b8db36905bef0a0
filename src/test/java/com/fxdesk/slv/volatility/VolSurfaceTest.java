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
    void analyticDerivativesMatchFiniteDifferences() {
        for (String name : List.of(TestMarkets.EURUSD_2025, TestMarkets.USDJPY_2018)) {
            VolSurface s = surface(name);
            double[] e = s.expiries();
            double[] times = {0.3 * e[0], e[0] + 0.3 * (e[1] - e[0]), 0.6, 1.37, 2.9, e[e.length - 1] + 0.7};
            for (double t : times) {
                double sd = Math.sqrt(s.w(t, 0));
                for (double z = -3; z <= 3; z += 0.5) {
                    double y = z * sd;
                    double hy = 1e-4 * Math.max(sd, 0.01);
                    double ht = 1e-6;
                    double[] d = new double[4];
                    s.derivatives(t, y, d);
                    double fy = (s.w(t, y + hy) - s.w(t, y - hy)) / (2 * hy);
                    double fyy = (s.w(t, y + hy) - 2 * s.w(t, y) + s.w(t, y - hy)) / (hy * hy);
                    double ft = (s.w(t + ht, y) - s.w(t - ht, y)) / (2 * ht);
                    String at = name + " t=" + t + " y=" + y;
                    assertEquals(fy, d[1], 1e-6 * (1 + Math.abs(fy)), at);
                    assertEquals(fyy, d[2], 2e-4 * (1 + Math.abs(fyy)), at);
                    assertEquals(ft, d[3], 1e-6 * (1 + Math.abs(ft)), at);
                }
            }
        }
    }

    @Test
    void totalVarianceIsC1InTimeAtPillarsAndNonDecreasing() {
        for (String name : TestMarkets.ALL) {
            VolSurface s = surface(name);
            // within ±3 std devs; further out the documented clip at T1 (first secant ≤ 3 × next secant) may bite
            for (double t : s.expiries()) {
                double sd = Math.sqrt(s.w(t, 0));
                for (double y = -3 * sd; y <= 3 * sd; y += 0.25 * sd) {
                    double left = s.dwdt(t * (1 - 1e-9), y);
                    double right = s.dwdt(t * (1 + 1e-9), y);
                    assertEquals(left, right, 1e-6 * Math.abs(left), name + " dw/dT jump at " + t + " y=" + y);
                }
            }
            for (double y = -0.3; y <= 0.3; y += 0.01) {
                double prev = 0;
                for (double t = 0.001; t < 12; t *= 1.05) {
                    double w = s.w(t, y);
                    assertTrue(w >= prev - 1e-15, name + " calendar t=" + t + " y=" + y);
                    prev = w;
                }
            }
        }
    }

    @Test
    void extrapolatesWithConstantVolBeforeFirstAndLastSlopeAfterLastExpiry() {
        VolSurface s = surface(TestMarkets.EURUSD_2018);
        double[] e = s.expiries();
        for (double y = -0.1; y <= 0.1; y += 0.02) {
            double w1 = s.w(e[0], y);
            assertEquals(w1 * 0.25, s.w(0.25 * e[0], y), 1e-15);
            int n = e.length;
            double slope = (s.w(e[n - 1], y) - s.w(e[n - 2], y)) / (e[n - 1] - e[n - 2]);
            assertEquals(s.w(e[n - 1], y) + 3 * slope, s.w(e[n - 1] + 3, y), 1e-14);
        }
        double k = s.forward(0.001) * 1.01;
        assertEquals(s.impliedVol(e[0], s.forward(e[0]) * 1.01), s.impliedVol(0.0, s.forward(0.0) * 1.01), 1e-12);
        assertTrue(s.impliedVol(0.001, k) > 0);
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
            assertEquals(p.atm(), s.impliedVol(p.expiry(), sp.strikes()[2]), 1e-12);
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
                        1e-12);
            }
        }
    }

    @Test
    void threePointPillarsUseConstrainedSvi() {
        MarketData md = TestMarkets.load(TestMarkets.EURUSD_2018);
        FxVolQuotes q = (FxVolQuotes) md.volatility();
        List<FxVolPillar> three = q.pillars().stream().map(p -> new FxVolPillar(p.tenor(), p.expiry(), p.atm(), p.rr25(),
                p.bf25(), null, null, p.deltaType(), p.premiumAdjusted())).toList();
        for (ButterflyType bt : ButterflyType.values()) {
            VolSurface s = VolSurfaceBuilder.build(new MarketData(md.fx(),
                    new FxVolQuotes(q.deltaType(), true, q.atmType(), bt, three)));
            for (SmilePillar p : s.pillars()) {
                assertEquals(3, p.strikes().length);
                assertTrue(p.maxAbsResidualBps() < 0.5, p.tenor() + " " + p.maxAbsResidualBps());
            }
            assertTrue(ArbitrageScanner.scan(s).ok());
        }
    }

    @Test
    void flatGridGivesFlatSurface() {
        VolSurface s = surface(TestMarkets.FLAT_10PCT);
        for (double t : new double[] {0.01, 0.25, 0.7, 1.5, 2, 4}) {
            for (double k : new double[] {0.5, 0.9, 1.0, 1.2, 2.0}) {
                assertEquals(0.1, s.impliedVol(t, k), 1e-14);
            }
        }
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
}
