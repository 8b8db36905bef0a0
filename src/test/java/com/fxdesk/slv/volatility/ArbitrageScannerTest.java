package com.fxdesk.slv.volatility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.market.RateCurve;
import com.fxdesk.slv.market.VolGrid;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArbitrageScannerTest {
    static final FxMarket FX = new FxMarket("TEST", LocalDate.of(2020, 1, 1), 1.0, RateCurve.flat(0.01), RateCurve.flat(0.0));

    /** SVI slices at given expiries, total variance linear in T between them (at constant y), w = 0 at T = 0. */
    record SviSurface(double[] expiries, List<SviSmile> smiles) implements ImpliedVolSurface {
        @Override
        public double totalVariance(double t, double y) {
            int i = 0;
            while (i + 1 < expiries.length && t > expiries[i]) {
                i++;
            }
            double t0 = i == 0 ? 0 : expiries[i - 1];
            double w0 = i == 0 ? 0 : smiles.get(i - 1).w(y);
            double u = Math.min((t - t0) / (expiries[i] - t0), i + 1 == expiries.length ? Double.MAX_VALUE : 1.0);
            return w0 + u * (smiles.get(i).w(y) - w0);
        }

        @Override
        public double impliedVol(double t, double strike) {
            return Math.sqrt(Math.max(totalVariance(t, Math.log(strike / forward(t))), 0) / t);
        }

        @Override
        public double forward(double t) {
            return FX.forward(t);
        }
    }

    /** Axel Vogt's raw SVI slice (T = 1), the classic example with butterfly arbitrage (g &lt; 0 near y ≈ 0.7). */
    static SviSurface butterflyArbitrageSurface() {
        return new SviSurface(new double[] {1.0}, List.of(new SviSmile(-0.0410, 0.1331, 0.3060, 0.3586, 0.4153)));
    }

    @Test
    void findsButterflyArbitrageInVogtsSvi() {
        ArbitrageReport r = ArbitrageScanner.scan(butterflyArbitrageSurface(), new double[] {1.0});
        assertFalse(r.ok());
        ArbitrageViolation v = r.violations().stream().filter(x -> x.type() == ArbitrageType.BUTTERFLY
                && x.expiry() == 1.0).findFirst().orElseThrow();
        double y = Math.log(v.strike() / FX.forward(1.0));
        assertTrue(y > 0.4 && y < 1.2 && v.amount() > 0, v.toString());
    }

    @Test
    void findsCalendarArbitrageInAnInversion() {
        SviSurface s = new SviSurface(new double[] {0.5, 1.0},
                List.of(new SviSmile(0.02, 0.05, -0.3, 0.0, 0.1), new SviSmile(0.008, 0.07, -0.3, 0.0, 0.12)));
        ArbitrageReport r = ArbitrageScanner.scan(s, s.expiries());
        assertFalse(r.ok());
        assertTrue(r.violations().stream().anyMatch(x -> x.type() == ArbitrageType.CALENDAR && x.expiry() > 0.5
                && x.expiry() <= 1.0 && x.amount() > 1e-4), r.violations().toString());
    }

    /** A grid with a calendar inversion: the built surface is arbitrage-free and says which points it moved. */
    @Test
    void gridWithAnInversionIsMovedToAnArbitrageFreeSurfaceAndReported() {
        double[] k = {0.8, 0.9, 1.0, 1.1, 1.2};
        VolGrid g = new VolGrid(new double[] {0.5, 1.0},
                new double[][] {k, k}, new double[][] {{0.22, 0.21, 0.2, 0.21, 0.22}, {0.12, 0.11, 0.1, 0.11, 0.12}});
        VolSurface s = VolSurfaceBuilder.build(new MarketData(FX, g));
        assertTrue(ArbitrageScanner.scan(s).ok());
        assertEquals(0, s.pillars().get(0).maxAbsResidualBps(), 1e-3);
        assertTrue(s.pillars().get(1).maxAbsResidualBps() > 100);
        assertEquals(5, s.warnings().stream().filter(w -> w.code().equals("MOVED_POINT") && w.expiry() == 1.0
                && w.amountBps() > 100).count(), s.warnings().toString());
        // no calendar arbitrage: total variance at the money does not fall
        assertTrue(s.w(1.0, 0) >= s.w(0.5, 0) - 1e-12);
    }

    @Test
    void cleanSurfaceHasNoViolations() {
        SviSurface s = new SviSurface(new double[] {0.5, 1.0},
                List.of(new SviSmile(0.004, 0.05, -0.3, 0.0, 0.1), new SviSmile(0.008, 0.07, -0.3, 0.0, 0.12)));
        assertTrue(ArbitrageScanner.scan(s, s.expiries()).ok());
    }

    /**
     * The scan's row of served prices (inversions started from the neighbouring strike) is what the surface serves
     * point by point: Black at VolSurface.impliedVol, to 1e-14 of the forward, at times before, at and between pillars
     * and beyond the last, on a quote market and a grid.
     */
    @Test
    void servedRowsAreThePointwiseServedPrices() {
        for (String name : List.of(com.fxdesk.slv.testdata.TestMarkets.USDTRY_EM,
                com.fxdesk.slv.testdata.TestMarkets.GRID_HESTON)) {
            VolSurface s = VolSurfaceBuilder.build(com.fxdesk.slv.testdata.TestMarkets.load(name));
            double[] e = s.expiries();
            for (double t : new double[] {e[0] / 3, e[0], 0.5 * (e[2] + e[3]), e[e.length - 1], 1.4 * e[e.length - 1]}) {
                double f = s.forward(t);
                double sd = s.impliedVol(t, f) * Math.sqrt(t);
                double[] k = new double[ArbitrageScanner.K_POINTS];
                for (int j = 0; j < k.length; j++) {
                    k[j] = Math.exp(ArbitrageScanner.Z_RANGE * sd * (2.0 * j / (k.length - 1) - 1));
                }
                double[] row = new double[k.length];
                ArbitrageScanner.served(s, t, k, row);
                for (int j = 0; j < k.length; j++) {
                    double point = com.fxdesk.slv.math.BlackFormula.undiscounted(true, 1.0, k[j],
                            s.impliedVol(t, k[j] * f) * Math.sqrt(t));
                    assertEquals(point, row[j], 1e-14, name + " t=" + t + " k=" + k[j]);
                }
            }
        }
    }
}
