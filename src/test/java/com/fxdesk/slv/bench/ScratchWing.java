package com.fxdesk.slv.bench;

import com.fxdesk.slv.testdata.TestMarkets;
import com.fxdesk.slv.volatility.DupireLocalVol;
import com.fxdesk.slv.volatility.VolSurface;
import com.fxdesk.slv.volatility.VolSurfaceBuilder;

public final class ScratchWing {
    public static void main(String[] a) {
        VolSurface s = VolSurfaceBuilder.build(TestMarkets.load(TestMarkets.GRID_SABR));
        DupireLocalVol lv = new DupireLocalVol(s, 1e-9, 1e9);
        double[] ks = {33.780896, 34.027346, 35.724558, 37.506422, 39.377162, 16.0, 38.5, 39.0, 39.5, 40.0, 40.5, 41.0, 41.5, 42.0, 42.5, 43.0, 43.5};
        for (double tt : new double[] {1.5, 2.0}) {
            StringBuilder b = new StringBuilder("T " + tt);
            for (double k : ks) {
                b.append(String.format(" %.1f:%.5f", k, s.impliedVol(tt, k)));
            }
            System.out.println(b);
        }
        for (double t : new double[] {1.4, 1.9}) {
            double f = s.forward(t);
            double sd = s.impliedVol(t, f) * Math.sqrt(t);
            StringBuilder b = new StringBuilder("t " + t + " sd " + sd + ":");
            for (double z = -5; z <= 5.01; z += 0.25) {
                double y = z * sd;
                b.append(String.format(" %.2f:%.3f/%.3f", z, lv.localVol(t, f * Math.exp(y)),
                        SabrLocalVolStudy.trueLocalVol(y, t)));
            }
            System.out.println(b);
        }
    }
}
