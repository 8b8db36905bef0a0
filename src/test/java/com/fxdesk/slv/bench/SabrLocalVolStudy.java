package com.fxdesk.slv.bench;

import com.fxdesk.slv.testdata.TestMarkets;
import com.fxdesk.slv.volatility.DupireLocalVol;
import com.fxdesk.slv.volatility.LocalVolGrid;
import com.fxdesk.slv.volatility.VolSurface;
import com.fxdesk.slv.volatility.VolSurfaceBuilder;

import java.util.Locale;

/**
 * Is the capped local vol of usdmxn-grid-sabr-beta1 demanded by its input? The grid was generated from Hagan's
 * lognormal SABR expansion (β = 1, α = 0.12, ρ = 0.3, ν = 1.2, examples/generators/stress_markets.py), which defines an
 * implied vol σ(y, T) for every (y = ln K/F, T), not only at the 9 expiries. Its Dupire local vol
 * σ²_LV = ∂_T w / g(y), w = σ²T, g Durrleman's function, is the local vol the input asks for; this study compares it with
 * the served (uncapped: the raw fitted σ) local vol on the scan of SurfaceAcceptanceTest.localVolNeedsNoFloorOrCap
 * InsideFourSd (81 times quadratic in t to the last expiry × 81 spots over ±4 ATM sd), at every capped point and per
 * time as the maxima over the scan.
 * <pre>./mvnw -B -Pbench test-compile exec:exec -Dbench.main=com.fxdesk.slv.bench.SabrLocalVolStudy</pre>
 */
public final class SabrLocalVolStudy {
    private static final double ALPHA = 0.12;
    private static final double RHO = 0.30;
    private static final double NU = 1.2;

    private SabrLocalVolStudy() {
    }

    /** The generator's implied vol at log-moneyness y = ln(K/F) and expiry t. */
    static double hagan(double y, double t) {
        double z = -NU / ALPHA * y;
        double zx = Math.abs(z) < 1e-9 ? 1
                : z / Math.log((Math.sqrt(1 - 2 * RHO * z + z * z) + z - RHO) / (1 - RHO));
        return ALPHA * zx * (1 + (RHO * NU * ALPHA / 4 + (2 - 3 * RHO * RHO) * NU * NU / 24) * t);
    }

    private static double w(double y, double t) {
        double s = hagan(y, t);
        return s * s * t;
    }

    /** Dupire local vol of the generator's surface (NaN where g ≤ 0: butterfly arbitrage in the formula). */
    static double trueLocalVol(double y, double t) {
        double h = 1e-4;
        double dt = 1e-5;
        double w0 = w(y, t);
        double w1 = (w(y + h, t) - w(y - h, t)) / (2 * h);
        double w2 = (w(y + h, t) - 2 * w0 + w(y - h, t)) / (h * h);
        double wt = (w(y, t + dt) - w(y, Math.max(t - dt, 1e-9))) / (t + dt - Math.max(t - dt, 1e-9));
        double a = 1 - y * w1 / (2 * w0);
        double g = a * a - w1 * w1 / 4 * (1 / w0 + 0.25) + w2 / 2;
        return g > 0 ? Math.sqrt(wt / g) : Double.NaN;
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        VolSurface s = VolSurfaceBuilder.build(TestMarkets.load(TestMarkets.GRID_SABR));
        DupireLocalVol lv = new DupireLocalVol(s);
        double last = s.lastExpiry();
        int nt = 80;
        int ns = 81;
        int capped = 0;
        double worstTrue = 0;
        double worstTrueAtCapped = 0;
        System.out.println("capped points (cap " + lv.cap() + "): t, z (ATM sd), spot, served raw LV, true Dupire LV");
        StringBuilder perTime = new StringBuilder();
        for (int i = 0; i <= nt; i++) {
            double t = last * Math.pow(i / (double) nt, 2);
            double tt = Math.max(t, 1e-4);
            double f = s.forward(t);
            double sd = s.impliedVol(tt, f) * Math.sqrt(tt);
            double[] spots = new double[ns];
            for (int j = 0; j < ns; j++) {
                spots[j] = f * Math.exp(4 * sd * (2.0 * j / (ns - 1) - 1));
            }
            LocalVolGrid g = lv.grid(new double[] {t}, spots);
            double maxServed = 0;
            double maxTrue = 0;
            for (int j = 0; j < ns; j++) {
                double y = Math.log(spots[j] / f);
                maxServed = Math.max(maxServed, g.values()[0][j]);
                double tr = trueLocalVol(y, tt);
                maxTrue = Math.max(maxTrue, Double.isFinite(tr) ? tr : 0);
            }
            worstTrue = Math.max(worstTrue, maxTrue);
            for (LocalVolGrid.Adjustment a : g.adjustments()) {
                double y = Math.log(a.spot() / f);
                double tr = trueLocalVol(y, tt);
                worstTrueAtCapped = Math.max(worstTrueAtCapped, tr);
                System.out.printf("  t %.4f z %+5.2f S %8.4f served raw %6.3f true %6.3f%n", t, y / sd, a.spot(),
                        Math.sqrt(a.numerator() / a.denominator()), tr);
                capped++;
            }
            if (i % 8 == 0 || g.adjustedCount() > 0 && i % 2 == 0) {
                perTime.append(String.format("  t %.4f max over ±4 sd: served (clamped) %6.3f true %6.3f%n", t,
                        maxServed, maxTrue));
            }
        }
        System.out.print(perTime);
        System.out.printf("capped %d; largest true Dupire LV inside ±4 sd %.3f (at a capped point %.3f)%n", capped,
                worstTrue, worstTrueAtCapped);
    }
}
