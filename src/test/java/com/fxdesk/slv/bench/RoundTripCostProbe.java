package com.fxdesk.slv.bench;

import com.fxdesk.slv.calibration.RoundTrip;
import com.fxdesk.slv.calibration.RoundTripConfig;
import com.fxdesk.slv.calibration.RoundTripQuote;
import com.fxdesk.slv.calibration.RoundTripResult;
import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.heston.HestonPricer;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.market.RateCurve;
import com.fxdesk.slv.math.BlackFormula;
import com.fxdesk.slv.model.LeverageFunction;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an extra round-trip path costs against its work units: the adversarial case for the plan, quotes one day out
 * (one or two grid steps) asking for many extra paths next to 1Y quotes that fix the pilot's length. Runs on the
 * calling thread and reads its CPU time: the pilot alone, then pilot and extra paths aimed at the overnight
 * points' standard error / √(ask); prints the extra work as a multiple of the pilot's (work units: paths ×
 * (steps + {@link RoundTrip#PATH_OVERHEAD_STEPS})) and the extra CPU time as a multiple of the pilot's. Where the
 * latter is well above the former, the per-path fixed cost is undercounted.
 * Args: pilot paths (40,000), ask (250), repeats (4).
 */
public final class RoundTripCostProbe {
    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        int paths = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        double ask = args.length > 1 ? Double.parseDouble(args[1]) : 250;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        FxMarket market = new FxMarket("PROBE", LocalDate.of(2024, 6, 14), 1.0, RateCurve.flat(0.02),
                RateCurve.flat(0.01));
        HestonParameters mixed = new HestonParameters(0.01, 1.5, 0.012, 0.4, -0.5);
        double step = 5 / 365.0;
        int n = (int) Math.ceil(1.0 / step);
        double[] times = new double[n];
        double[][] spots = new double[n][41];
        double[][] values = new double[n][41];
        for (int j = 0; j < n; j++) {
            times[j] = j * step;
            for (int i = 0; i < 41; i++) {
                double x = -0.4 + 0.02 * i;
                spots[j][i] = Math.exp(x);
                values[j][i] = 1 - 0.8 * x + 3 * x * x;
            }
        }
        LeverageFunction leverage = new LeverageFunction(times, spots, values);
        List<RoundTripQuote> quotes = new ArrayList<>();
        HestonPricer pricer = new HestonPricer();
        for (double t : new double[] {1 / 365.0, 1.0}) {
            double fwd = market.forward(t);
            double df = market.domesticDf(t);
            for (double z : new double[] {-1.28, 0, 1.28, 2.0}) {
                double k = fwd * Math.exp(z * 0.1 * Math.sqrt(t));
                boolean call = k >= fwd;
                double vol = BlackFormula.impliedVol(call, fwd, k, t, pricer.price(mixed, t, fwd, df, k, call), df);
                quotes.add(new RoundTripQuote(t, k, (call ? "C" : "P") + z + "@" + t, vol));
            }
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        RoundTripConfig off = new RoundTripConfig(true, paths, 5, true, true, true);
        for (int rep = 0; rep < repeats; rep++) {
            long t0 = mx.getCurrentThreadCpuTime();
            RoundTripResult pilot = RoundTrip.run(market, mixed, leverage, quotes, off, null, null, null);
            long t1 = mx.getCurrentThreadCpuTime();
            double seShort = 0;
            for (RoundTripResult.Point p : pilot.points()) {
                if (p.expiry() < 0.01) {
                    seShort = Math.max(seShort, p.stdErrorBps());
                }
            }
            RoundTripConfig on = off.withAdaptive(new RoundTripConfig.Adaptive(seShort / Math.sqrt(ask), 4.0,
                    Long.MAX_VALUE));
            long t2 = mx.getCurrentThreadCpuTime();
            RoundTripResult r = RoundTrip.run(market, mixed, leverage, quotes, on, null, null, null);
            long t3 = mx.getCurrentThreadCpuTime();
            double pilotMs = (t1 - t0) / 1e6;
            double allMs = (t3 - t2) / 1e6;
            long pilotWork = (long) paths * pilot.steps();
            System.out.printf("steps %d, pilot %d paths (%.0f ms CPU); extra %d paths, work %.2f x pilot, CPU %.2f x "
                            + "pilot%n", pilot.steps(), paths, pilotMs, r.extraPaths(),
                    r.extraWork() / (double) pilotWork, (allMs - pilotMs) / pilotMs);
        }
    }
}
