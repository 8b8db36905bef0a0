package com.fxdesk.slv.bench;

import com.fxdesk.slv.calibration.RoundTrip;
import com.fxdesk.slv.calibration.RoundTripConfig;
import com.fxdesk.slv.calibration.RoundTripQuote;
import com.fxdesk.slv.calibration.RoundTripResult;
import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.heston.HestonPricer;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.math.BlackFormula;
import com.fxdesk.slv.model.LeverageFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * The discretisation bias of the round trip's Heston control: on each market's fitted Heston with the mixed vol-of-vol
 * (ξ·η) and L ≡ 1 on slices every {@code stepDays} (the round trip then steps exactly there, as after a calibration
 * with that grid), the round trip with S_T as its only control reprices the 10P–10C pillar quotes to min(5Y, last
 * expiry); the error against the closed-form Heston vol is the QE scheme's bias plus noise. That bias enters the
 * round trip's estimate times β (about 1 at the quote's own strike). Prints per market the RMS and max |error|, the
 * max |z| and the median standard error.
 * Args: paths (1,000,000), step days (5), η (0.66), market name filter (all); -Dpoints=true prints every point;
 * -DmaxExpiry=T keeps the quotes to T years only (the round trip then stops there).
 */
public final class HestonControlBiasStudy {
    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        int paths = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        double stepDays = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        double eta = args.length > 2 ? Double.parseDouble(args[2]) : 0.66;
        String only = args.length > 3 ? args[3] : "";
        ForkJoinPool pool = new ForkJoinPool(2);
        HestonPricer pricer = new HestonPricer();
        System.out.printf("| market | points | RMS error bp | max abs error bp | max abs z | median s.e. bp |%n"
                + "|---|---|---|---|---|---|%n");
        for (String market : EstimatorSeedStudy.markets()) {
            if (!market.contains(only)) {
                continue;
            }
            SlvSetups s = SlvSetups.toFiveYearsOrLastExpiry(market);
            double mat = SlvSetups.horizon(s.surface());
            FxMarket fx = s.data().fx();
            HestonParameters h = s.heston();
            HestonParameters mixed = new HestonParameters(h.v0(), h.kappa(), h.theta(), eta * h.xi(), h.rho());
            List<RoundTripQuote> quotes = new ArrayList<>();
            for (RoundTripQuote q : s.quotes()) {
                RoundTripResult.Point p = new RoundTripResult.Point(q.expiry(), q.strike(), q.label(), true,
                        q.marketVol(), 0, 0, 0, 0);
                if (!QualityEvidence.within10Delta(fx, p)
                        || q.expiry() > Double.parseDouble(System.getProperty("maxExpiry", "Infinity"))) {
                    continue;
                }
                double t = q.expiry();
                double fwd = fx.forward(t);
                double df = fx.domesticDf(t);
                boolean call = q.strike() >= fwd;
                double price = mixed.xi() < 1e-10
                        ? BlackFormula.price(call, fwd, q.strike(), t,
                        Math.sqrt(HestonPricer.integratedVariance(mixed, t) / t), df)
                        : pricer.price(mixed, t, fwd, df, q.strike(), call);
                double vol = BlackFormula.impliedVol(call, fwd, q.strike(), t, price, df);
                if (Double.isFinite(vol) && vol > 0) {
                    quotes.add(new RoundTripQuote(t, q.strike(), q.label(), vol));
                }
            }
            int slices = (int) Math.ceil(mat * 365 / stepDays);
            double[] times = new double[slices];
            double[][] spots = new double[slices][];
            double[][] values = new double[slices][];
            for (int j = 0; j < slices; j++) {
                times[j] = j * stepDays / 365;
                spots[j] = new double[] {fx.spot()};
                values[j] = new double[] {1.0};
            }
            RoundTripResult rt = RoundTrip.run(fx, mixed, new LeverageFunction(times, spots, values), quotes,
                    new RoundTripConfig(true, paths, 20240607L, true, true, false), pool, null, null);
            double sumSq = 0;
            double max = 0;
            double maxZ = 0;
            double[] se = new double[rt.points().size()];
            int n = 0;
            for (RoundTripResult.Point p : rt.points()) {
                sumSq += p.errorBps() * p.errorBps();
                max = Math.max(max, Math.abs(p.errorBps()));
                maxZ = Math.max(maxZ, Math.abs(p.errorBps() / p.stdErrorBps()));
                se[n++] = p.stdErrorBps();
                if (Boolean.getBoolean("points")) { // -Dpoints=true: every point
                    System.out.printf("  %7.4f %-5s K=%9.4f err %7.2f se %6.2f%n", p.expiry(), p.label(), p.strike(),
                            p.errorBps(), p.stdErrorBps());
                }
            }
            java.util.Arrays.sort(se);
            System.out.printf("| %s | %d | %.2f | %.2f | %.1f | %.2f |%n", market, n, Math.sqrt(sumSq / n), max, maxZ,
                    se[n / 2]);
        }
        pool.shutdown();
    }
}
