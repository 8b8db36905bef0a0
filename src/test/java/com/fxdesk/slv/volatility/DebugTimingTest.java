package com.fxdesk.slv.volatility;

import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.testdata.TestMarkets;
import org.junit.jupiter.api.Test;

class DebugTimingTest {
    @Test
    void time() {
        MarketData md = TestMarkets.load(System.getProperty("dbg.market", TestMarkets.USDTRY_EM));
        VolSurface s = null;
        for (int i = 0; i < 30; i++) {
            long t0 = System.nanoTime();
            s = VolSurfaceBuilder.build(md);
            System.out.printf("build %.2f ms%n", (System.nanoTime() - t0) / 1e6);
        }
        StrikeLattice lat = s.lattice;
        double[] var = new double[lat.n];
        java.util.Arrays.fill(var, 0.01);
        double[] u = lat.intrinsic();
        double[] out = new double[lat.n];
        for (int rep = 0; rep < 5; rep++) {
            long t0 = System.nanoTime();
            ImplicitStep st = new ImplicitStep(lat, 0.1, var);
            for (int i = 0; i < 10000; i++) {
                st.solve(u, out);
            }
            System.out.printf("solve n=%d: %.3f us%n", lat.n, (System.nanoTime() - t0) / 1e4 / 1e3);
        }
    }
}
