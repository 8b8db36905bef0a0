package com.fxdesk.slv.volatility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fxdesk.slv.math.BlackFormula;
import com.fxdesk.slv.testdata.TestMarkets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class DupireLocalVolTest {
    static final List<String> ALL = TestMarkets.ALL;

    @Test
    void flatImpliedVolGivesFlatLocalVol() {
        DupireLocalVol lv = new DupireLocalVol(VolSurfaceBuilder.build(TestMarkets.load(TestMarkets.FLAT_10PCT)));
        double[] times = {0, 1e-6, 0.1, 0.25, 0.4, 0.5, 1, 1.7, 2, 3, 6};
        double[] spots = new double[200];
        for (int j = 0; j < spots.length; j++) {
            spots[j] = 0.3 * Math.pow(10.0, j / 199.0); // 0.3 .. 3
        }
        LocalVolGrid g = lv.grid(times, spots);
        assertEquals(0, g.adjustedCount());
        double[] out = new double[spots.length];
        for (int i = 0; i < times.length; i++) {
            lv.localVol(times[i], spots, out, spots.length);
            for (int j = 0; j < spots.length; j++) {
                assertEquals(0.1, g.values()[i][j], 1e-6);
                assertEquals(g.values()[i][j], out[j], 0.0);
            }
        }
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

    /** Gatheral's form agrees with Dupire's formula on undiscounted call prices by finite differences. */
    @Test
    void agreesWithDupireOnCallPrices() {
        VolSurface s = VolSurfaceBuilder.build(TestMarkets.load(TestMarkets.USDJPY_2018));
        DupireLocalVol lv = new DupireLocalVol(s);
        for (double t : new double[] {0.12, 0.6, 1.5, 2.6, 4.0}) {
            double f = s.forward(t);
            double sd = s.impliedVol(t, f) * Math.sqrt(t);
            for (double z = -2; z <= 2; z += 0.5) {
                double k = f * Math.exp(z * sd);
                double ht = 1e-4;
                double hk = 1e-3 * k;
                double mu = (Math.log(s.forward(t + ht)) - Math.log(s.forward(t - ht))) / (2 * ht);
                double ct = (call(s, t + ht, k) - call(s, t - ht, k)) / (2 * ht);
                double ck = (call(s, t, k + hk) - call(s, t, k - hk)) / (2 * hk);
                double ckk = (call(s, t, k + hk) - 2 * call(s, t, k) + call(s, t, k - hk)) / (hk * hk);
                double var = 2 * (ct + mu * (k * ck - call(s, t, k))) / (k * k * ckk);
                assertEquals(Math.sqrt(var), lv.localVol(t, k), 2e-4, "t=" + t + " K=" + k);
            }
        }
    }

    private static double call(VolSurface s, double t, double k) {
        return BlackFormula.undiscounted(true, s.forward(t), k, s.impliedVol(t, k) * Math.sqrt(t));
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
    void floorsAndCapsAreCountedOnAnArbitrageableSurface() {
        VolSurface s = ArbitrageScannerTest.butterflyArbitrageSurface();
        DupireLocalVol lv = new DupireLocalVol(s, 0.02, 1.5);
        double[] spots = new double[101];
        for (int j = 0; j < spots.length; j++) {
            spots[j] = 0.5 + 2.5 * j / 100.0;
        }
        LocalVolGrid g = lv.grid(new double[] {0.5, 1.0}, spots);
        assertTrue(g.cappedCount() > 0, "capped " + g.cappedCount());
        assertEquals(g.adjustedCount(), g.adjustments().size());
        for (LocalVolGrid.Adjustment a : g.adjustments()) {
            assertTrue(a.value() == 0.02 || a.value() == 1.5);
        }
    }
}
