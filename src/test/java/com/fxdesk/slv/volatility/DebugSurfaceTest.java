package com.fxdesk.slv.volatility;

import com.fxdesk.slv.testdata.TestMarkets;
import org.junit.jupiter.api.Test;

class DebugSurfaceTest {
    @Test
    void dump() {
        String name = System.getProperty("dbg.market", TestMarkets.USDJPY_CRISIS);
        for (int w = 0; w < 5; w++) {
            VolSurfaceBuilder.build(TestMarkets.load(name));
        }
        long t0 = System.nanoTime();
        VolSurface s = VolSurfaceBuilder.build(TestMarkets.load(name));
        System.out.println("build ms " + (System.nanoTime() - t0) / 1e6);
        for (SmilePillar p : s.pillars()) {
            System.out.printf("%s T=%.4f K=%s%n  vol=%s%n  res=%s strangle=%s%n", p.tenor(), p.expiry(),
                    java.util.Arrays.toString(p.strikes()), java.util.Arrays.toString(p.vols()),
                    java.util.Arrays.toString(p.fitResidualBps()), java.util.Arrays.toString(p.strangleResidualBps()));
        }
        s.warnings().forEach(System.out::println);
        DupireLocalVol lv = new DupireLocalVol(s);
        for (double t : new double[] {0.05 * s.firstExpiry(), 0.2 * s.firstExpiry(), 0.5 * s.firstExpiry(), s.firstExpiry(), 0.3, 0.6, 0.99, 1.0, 1.1, 1.3, 1.4, 1.45, 1.5, 1.6, 1.8, 1.9, 1.99, 2.0}) {
            double f = s.forward(t);
            double sd = s.impliedVol(t, f) * Math.sqrt(t);
            StringBuilder b = new StringBuilder(String.format("t=%.4f sd=%.4f LV:", t, sd));
            for (double z = -4; z <= 4; z += 1) {
                b.append(String.format(" %.3f", lv.localVol(t, f * Math.exp(z * sd))));
            }
            b.append("  IV:");
            for (double z = -4; z <= 4; z += 1) {
                b.append(String.format(" %.4f", s.impliedVol(t, f * Math.exp(z * sd))));
            }
            System.out.println(b);
        }
    }
}
