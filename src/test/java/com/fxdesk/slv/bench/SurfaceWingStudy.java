package com.fxdesk.slv.bench;

import com.fxdesk.slv.testdata.TestMarkets;
import com.fxdesk.slv.volatility.DupireLocalVol;
import com.fxdesk.slv.volatility.SmilePillar;
import com.fxdesk.slv.volatility.VolSurface;
import com.fxdesk.slv.volatility.VolSurfaceBuilder;

/**
 * Are a surface's local-vol extremes demanded by its input points, or made by the σ parametrisation? For every input
 * point of expiry T_i (from the second expiry on) it prints, next to the local vol the surface serves on (T_{i−1},
 * T_i] at the point's strike:
 * <ul>
 *   <li>the forward implied vol √((w_i − w_{i−1}(y)) / (T_i − T_{i−1})) at the point's log-moneyness y, with w_i the
 *       input's total variance and w_{i−1}(y) the surface's at the previous expiry (a calendar spread: 0 is calendar
 *       arbitrage);</li>
 *   <li>Durrleman's butterfly function g(y) = (1 − y w'/(2w))² − w'²/4 (1/w + 1/4) + w''/2 of the surface's smile at
 *       T_i (0 is butterfly arbitrage), by central differences over ±0.05 ATM sd;</li>
 *   <li>their Dupire ratio σ_est = √(forward variance / g): the local vol the inputs ask for over the interval, to
 *       first order in the interval length, whatever the parametrisation.</li>
 * </ul>
 * For quote pillars it also prints the chord slopes dσ/dz between neighbouring points.
 * <pre>./mvnw -B -Pbench test-compile exec:exec -Dbench.main=com.fxdesk.slv.bench.SurfaceWingStudy
 *     -Dbench.args="usdjpy-2008-10-24-crisis usdmxn-grid-sabr-beta1"</pre>
 */
public final class SurfaceWingStudy {

    public static void main(String[] args) {
        String[] names = args.length > 0 ? args : new String[] {TestMarkets.USDJPY_CRISIS, TestMarkets.GRID_SABR};
        for (String name : names) {
            run(name);
        }
    }

    private static void run(String name) {
        VolSurface s = VolSurfaceBuilder.build(TestMarkets.load(name));
        DupireLocalVol lv = new DupireLocalVol(s);
        System.out.println("=== " + name + "  (z: log-moneyness in ATM sd of the expiry)");
        System.out.println("expiry  label        z   input vol  fwd vol      g   sigma_est  served LV (mid-interval)");
        double prevT = 0;
        double minEst = Double.POSITIVE_INFINITY;
        double maxEst = 0;
        for (SmilePillar p : s.pillars()) {
            double t = p.expiry();
            if (prevT > 0) {
                double sd = s.impliedVol(t, p.forward()) * Math.sqrt(t);
                double h = 0.05 * sd;
                for (int j = 0; j < p.strikes().length; j++) {
                    double y = Math.log(p.strikes()[j] / p.forward());
                    double w = p.vols()[j] * p.vols()[j] * t;
                    double fwdVar = (w - s.totalVariance(prevT, y)) / (t - prevT);
                    double w0 = s.totalVariance(t, y);
                    double w1 = (s.totalVariance(t, y + h) - s.totalVariance(t, y - h)) / (2 * h);
                    double w2 = (s.totalVariance(t, y + h) - 2 * w0 + s.totalVariance(t, y - h)) / (h * h);
                    double a = 1 - y * w1 / (2 * w0);
                    double g = a * a - w1 * w1 / 4 * (1 / w0 + 0.25) + w2 / 2;
                    double est = fwdVar > 0 && g > 0 ? Math.sqrt(fwdVar / g) : Double.NaN;
                    double mid = 0.5 * (prevT + t);
                    double served = lv.localVol(mid, p.strikes()[j] * s.forward(mid) / p.forward());
                    if (Math.abs(y) <= 3 * sd && Double.isFinite(est)) {
                        minEst = Math.min(minEst, est);
                        maxEst = Math.max(maxEst, est);
                    }
                    System.out.printf("%6.3f  %-6s %7.2f  %8.4f  %8.4f  %7.3f  %8.4f  %8.4f%n", t, p.labels()[j], y / sd,
                            p.vols()[j], fwdVar > 0 ? Math.sqrt(fwdVar) : -Math.sqrt(-fwdVar), g, est, served);
                }
            }
            prevT = t;
        }
        System.out.printf("%s: sigma_est inside ±3 sd from %.4f to %.4f%n%n", name, minEst, maxEst);
        // chord slopes of the input smile, dσ/dz between neighbouring points (interpolation-free): a slope that falls
        // outward on the call side (or rises outward on the put side) forces σ'' < 0 between them for any smile
        for (SmilePillar p : s.pillars()) {
            if (p.strikes().length > 7) {
                continue;
            }
            double sd = s.impliedVol(p.expiry(), p.forward()) * Math.sqrt(p.expiry());
            StringBuilder b = new StringBuilder(String.format("%6.3f chord slopes dσ/dz (vol pts per sd):", p.expiry()));
            for (int j = 0; j + 1 < p.strikes().length; j++) {
                double dz = Math.log(p.strikes()[j + 1] / p.strikes()[j]) / sd;
                b.append(String.format(" %s→%s %.2f", p.labels()[j], p.labels()[j + 1],
                        100 * (p.vols()[j + 1] - p.vols()[j]) / dz));
            }
            System.out.println(b);
        }
        System.out.println();
    }
}
