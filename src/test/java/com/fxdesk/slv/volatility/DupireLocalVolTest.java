package com.fxdesk.slv.volatility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fxdesk.slv.testdata.TestMarkets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class DupireLocalVolTest {
    static final List<String> ALL = TestMarkets.ALL;

    /**
     * Flat 10% grid: local vol is 10% before t₀ and, densely in t up to the last expiry, within 0.4% of 10% inside ±3 sd
     * and 1% inside ±4 sd (measured 0.31% and 0.81%: the lattice's spatial error, which the fit absorbs at the deep
     * grid points); the former implicit-Euler stepping gave 7.6%–16%.
     */
    @Test
    void flatImpliedVolGivesFlatLocalVol() {
        VolSurface s = VolSurfaceBuilder.build(TestMarkets.load(TestMarkets.FLAT_10PCT));
        DupireLocalVol lv = new DupireLocalVol(s);
        assertEquals(0.1, lv.localVol(0, 1.0), 1e-15);
        assertEquals(0.1, lv.localVol(0.05, 1.3), 1e-15);
        double worst3 = 0;
        double worst4 = 0;
        for (int i = 1; i <= 200; i++) {
            double t = 2.0 * i / 200;
            for (double z = -4; z <= 4; z += 0.1) {
                double v = lv.localVol(t, s.forward(t) * Math.exp(z * 0.1 * Math.sqrt(t)));
                assertEquals(0.1, v, Math.abs(z) <= 3 ? 4e-4 : 1e-3, "t=" + t + " z=" + z);
                worst4 = Math.max(worst4, Math.abs(v / 0.1 - 1));
                worst3 = Math.abs(z) <= 3 ? Math.max(worst3, Math.abs(v / 0.1 - 1)) : worst3;
            }
        }
        System.out.printf("flat-10pct local vol, 200 times to 2Y: max |lv/10%% - 1| %.2e inside ±3 sd, %.2e inside ±4 sd%n",
                worst3, worst4);
    }

    /** Local vol is finite, positive and neither floored nor capped on the 1%–99% spot range up to the last expiry. */
    @ParameterizedTest
    @FieldSource("ALL")
    void positiveOnTheSpotQuantileRange(String name) {
        VolSurface s = VolSurfaceBuilder.build(TestMarkets.load(name));
        DupireLocalVol lv = new DupireLocalVol(s);
        double s0 = s.market().spot();
        double last = s.lastExpiry();
        int nt = 100;
        int ns = 200;
        double[] times = new double[nt];
        double[] spots = new double[ns];
        double[] out = new double[ns];
        int adjusted = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int i = 0; i < nt; i++) {
            double t = last * i / (nt - 1);
            times[i] = t;
            double sd = s.impliedVol(t, s.forward(t)) * Math.sqrt(t);
            for (int j = 0; j < ns; j++) {
                spots[j] = s0 * Math.exp(-2.33 * sd + 4.66 * sd * j / (ns - 1));
            }
            LocalVolGrid g = lv.grid(new double[] {t}, spots);
            adjusted += g.adjustedCount();
            lv.localVol(t, spots, out, ns);
            for (int j = 0; j < ns; j++) {
                assertTrue(Double.isFinite(out[j]) && out[j] > 0, name + " t=" + t + " S=" + spots[j]);
                assertEquals(g.values()[0][j], out[j], 0.0);
                min = Math.min(min, out[j]);
                max = Math.max(max, out[j]);
            }
        }
        System.out.printf("%s local vol on 1%%-99%% range: min %.4f max %.4f, floored/capped %d%n", name, min, max, adjusted);
        assertEquals(0, adjusted, name + " floored/capped points");
    }

    /** On lattice nodes, local vol is Dupire's 2 d_t c / (k^2 d_kk c) of the surface's own prices (d_t by differences). */
    @Test
    void isDupireOfTheSurfacePrices() {
        for (String name : List.of(TestMarkets.USDJPY_2018, TestMarkets.GRID_HESTON)) {
            VolSurface s = VolSurfaceBuilder.build(TestMarkets.load(name));
            DupireLocalVol lv = new DupireLocalVol(s);
            StrikeLattice lat = s.lattice;
            double[] lu = new double[lat.n];
            for (double t : new double[] {0.12, 0.6, 1.5, 2.6}) {
                double ht = 1e-6 * t;
                double[] u = new double[lat.n];
                for (int j = 0; j < lat.n; j++) {
                    u[j] = s.normalizedCall(t, lat.k[j]);
                }
                lat.apply(u, lu);
                double sd = s.impliedVol(t, s.forward(t)) * Math.sqrt(t);
                for (int j = 1; j + 1 < lat.n; j++) {
                    if (Math.abs(lat.x[j]) > 3 * sd) {
                        continue;
                    }
                    double ct = (s.normalizedCall(t, lat.k[j]) - s.normalizedCall(t - ht, lat.k[j])) / ht; // t may end an interval
                    double expected = Math.sqrt(2 * ct / lu[j]);
                    assertEquals(expected, lv.localVol(t, lat.k[j] * s.forward(t)), 1e-4 * expected,
                            name + " t=" + t + " k=" + lat.k[j]);
                }
            }
        }
    }

    @Test
    void shortExpiryLimitIsContinuous() {
        VolSurface s = VolSurfaceBuilder.build(TestMarkets.load(TestMarkets.USDJPY_2018));
        DupireLocalVol lv = new DupireLocalVol(s);
        for (double m = 0.97; m <= 1.03; m += 0.01) {
            double k = s.market().spot() * m;
            assertEquals(lv.localVol(0, k), lv.localVol(1e-7, k), 1e-6);
        }
    }

    @Test
    void floorsAndCapsAreCountedAndLocated() {
        VolSurface s = VolSurfaceBuilder.build(TestMarkets.load(TestMarkets.USDJPY_2018));
        DupireLocalVol lv = new DupireLocalVol(s, 0.095, 0.11);
        double[] spots = new double[101];
        for (int j = 0; j < spots.length; j++) {
            spots[j] = s.market().spot() * (0.7 + 0.6 * j / 100.0);
        }
        LocalVolGrid g = lv.grid(new double[] {0.5, 1.0}, spots);
        assertTrue(g.cappedCount() > 0 && g.flooredCount() > 0, "capped " + g.cappedCount() + " floored "
                + g.flooredCount());
        assertEquals(g.adjustedCount(), g.adjustments().size());
        for (LocalVolGrid.Adjustment a : g.adjustments()) {
            assertTrue(a.value() == 0.095 && a.reason() == LocalVolGrid.Reason.BELOW_FLOOR
                    || a.value() == 0.11 && a.reason() == LocalVolGrid.Reason.ABOVE_CAP, a.toString());
        }
    }

    /**
     * A genuinely high local vol is served, not capped: a flat 250% implied-vol grid (1W–3M; the SABR β = 1 grid's own
     * Dupire local vol reaches 1.9–3.0 at 2Y between +3 and +4 ATM sd, docs/surface.md) gives a local vol of 250%
     * inside ±4 sd with nothing floored or capped. Guards the cap (500%) against being lowered to the 200% of earlier
     * notes, which would clip a clean surface.
     */
    @Test
    void highLocalVolIsServedUncapped() {
        double vol = 2.5;
        double[] expiries = {7 / 365.0, 14 / 365.0, 1 / 12.0, 0.25};
        double[][] strikes = new double[expiries.length][];
        double[][] vols = new double[expiries.length][];
        com.fxdesk.slv.market.FxMarket fx = new com.fxdesk.slv.market.FxMarket("USDXXX",
                java.time.LocalDate.of(2024, 6, 14), 10.0, com.fxdesk.slv.market.RateCurve.flat(0.05),
                com.fxdesk.slv.market.RateCurve.flat(0.02));
        for (int i = 0; i < expiries.length; i++) {
            double f = fx.forward(expiries[i]);
            double sd = vol * Math.sqrt(expiries[i]);
            strikes[i] = new double[7];
            vols[i] = new double[7];
            for (int j = 0; j < 7; j++) {
                strikes[i][j] = f * Math.exp(sd * (j - 3));
                vols[i][j] = vol;
            }
        }
        VolSurface s = VolSurfaceBuilder.build(new com.fxdesk.slv.market.MarketData(fx,
                new com.fxdesk.slv.market.VolGrid(expiries, strikes, vols)));
        DupireLocalVol lv = new DupireLocalVol(s);
        double worst = 0;
        int adjusted = 0;
        for (int i = 1; i <= 40; i++) {
            double t = 0.25 * i / 40;
            double sd = vol * Math.sqrt(t);
            double[] spots = new double[81];
            for (int j = 0; j < spots.length; j++) {
                spots[j] = s.forward(t) * Math.exp(4 * sd * (j - 40) / 40.0);
            }
            LocalVolGrid g = lv.grid(new double[] {t}, spots);
            adjusted += g.adjustedCount();
            for (double v : g.values()[0]) {
                worst = Math.max(worst, Math.abs(v / vol - 1));
            }
        }
        System.out.printf("flat 250%% grid: max |lv/250%% - 1| %.2e inside ±4 sd, floored/capped %d%n", worst, adjusted);
        assertEquals(0, adjusted);
        assertTrue(worst < 0.02, "worst relative error " + worst);
    }
}
