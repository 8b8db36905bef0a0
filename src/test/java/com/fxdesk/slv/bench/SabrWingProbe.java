package com.fxdesk.slv.bench;

import com.fxdesk.slv.testdata.TestMarkets;
import com.fxdesk.slv.volatility.DupireLocalVol;
import com.fxdesk.slv.volatility.SmilePillar;
import com.fxdesk.slv.volatility.VolSurface;
import com.fxdesk.slv.volatility.VolSurfaceBuilder;
import java.util.Locale;

/**
 * Probe of usdmxn-grid-sabr-beta1's wings (wip/sabr, NOTES-sabr.md): per expiry, at each input strike beyond ±2 ATM sd,
 * z, the served raw (uncapped) local vol of the interval ending there, the generator's Dupire local vol at mid-interval
 * and at the expiry ({@link SabrLocalVolStudy#trueLocalVol}), the surface's and Hagan's vol at the previous expiry at
 * that strike, and the fit residual; then the surface's vol against Hagan's from 3.5 to 8 sd beyond the data.
 * The engine switches of the study (-DhaganPrev, -DtrueWing, -DtrueFlow, -DcapFlow, -DouterMax/-DouterW/-DouterSide,
 * -Dxsd) exist only at the branch's temporary commit (see NOTES-sabr.md), not in the engine.
 * <pre>./mvnw -B -Pbench test-compile exec:exec -Dbench.main=com.fxdesk.slv.bench.SabrWingProbe</pre>
 */
public final class SabrWingProbe {
    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        String name = args.length > 0 ? args[0] : TestMarkets.GRID_SABR;
        VolSurface s = VolSurfaceBuilder.build(TestMarkets.load(name));
        DupireLocalVol lv = new DupireLocalVol(s, 1e-6, 1e6);
        double prevT = 0;
        for (SmilePillar p : s.pillars()) {
            double t = p.expiry();
            double f = p.forward();
            double atm = s.impliedVol(t, f);
            double sd = atm * Math.sqrt(t);
            double mid = 0.5 * (prevT + t);
            System.out.printf("== %s T %.4f atm sd %.4f%n", p.tenor(), t, sd);
            for (int j = 0; j < p.strikes().length; j++) {
                double k = p.strikes()[j];
                double y = Math.log(k / f);
                if (Math.abs(y / sd) < 2.0) {
                    continue;
                }
                double yPrev = prevT > 0 ? Math.log(k / s.forward(prevT)) : Double.NaN;
                System.out.printf("  z %+5.2f y %+6.3f LV mid %7.3f end %7.3f true mid %6.3f end %6.3f | prev vol"
                                + " surf %.5f hagan %.5f | res %.3f bp%n", y / sd, y,
                        lv.localVol(mid, k * s.forward(mid) / f), lv.localVol(t - 1e-6, k),
                        SabrLocalVolStudy.trueLocalVol(y, mid), SabrLocalVolStudy.trueLocalVol(y, t),
                        prevT > 0 ? s.impliedVol(prevT, k) : Double.NaN,
                        prevT > 0 ? SabrLocalVolStudy.hagan(yPrev, prevT) : Double.NaN, p.fitResidualBps()[j]);
            }
            prevT = t;
            StringBuilder b = new StringBuilder("  beyond: z:surf/hagan bp");
            for (double z = 3.5; z <= 8.01; z += 0.5) {
                double k = f * Math.exp(z * sd);
                b.append(String.format(" %.1f:%.4f/%+.0f", z, s.impliedVol(t, k),
                        1e4 * (s.impliedVol(t, k) - SabrLocalVolStudy.hagan(z * sd, t))));
            }
            System.out.println(b);
        }
}
}
