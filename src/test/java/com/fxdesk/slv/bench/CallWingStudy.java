package com.fxdesk.slv.bench;

import com.fxdesk.slv.calibration.RegressionSlice;
import com.fxdesk.slv.calibration.RoundTripConfig;
import com.fxdesk.slv.calibration.RoundTripResult;
import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Heston;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Market;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Repricing;
import com.fxdesk.slv.calibration.SlvCalibrationResult;
import com.fxdesk.slv.calibration.SlvCalibrator;
import com.fxdesk.slv.regression.Estimators;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

/**
 * The short-dated call wing of a market (issue #9: crisis-wide's 1M–3M 10Δ call at +13 to +16 bp at seed 42):
 * calibrates only to a short horizon (the leverage on [0, T] does not depend on what comes after; the particles are
 * propagated forward), so many seeds and variants are affordable, and prints every round-trip point per seed and,
 * over the seeds, each point's mean error with the seed-to-seed standard error of that mean.
 * Args: market filter (crisis-wide), horizon in years (0.25: every pillar to 3M), particle seeds "42,7,1", η (0.66),
 * round-trip paths (100,000), controls (heston | spot | lv | all | none, as {@link QualityEvidence}), particles
 * (100,000). Properties: -Dsub, -Dgrading, as {@link QualityEvidence#particles}; -Dest as {@link QualityStudy#estimator}, -Dm / -Dq the leverage spot grid's size and quantile (200, 0.001); -DrtSeed (20240607) the round trip's
 * seed, -DrtPerSeed=true adds 1,000 × the particle seed to it (independent round trips); -Dlev=true prints L and m at the 10C strikes on a few slices.
 */
public final class CallWingStudy {
    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        String only = args.length > 0 ? args[0] : "crisis-wide";
        double horizon = args.length > 1 ? Double.parseDouble(args[1]) : 0.25;
        String[] seeds = (args.length > 2 ? args[2] : "42").split(",");
        double eta = args.length > 3 ? Double.parseDouble(args[3]) : 0.66;
        int paths = args.length > 4 ? Integer.parseInt(args[4]) : 100_000;
        String controls = args.length > 5 ? args[5] : "heston";
        int particles = args.length > 6 ? Integer.parseInt(args[6]) : 100_000;
        long rtSeed = Long.getLong("rtSeed", 20240607L);
        String market = EstimatorSeedStudy.markets().stream().filter(m -> m.contains(only)).findFirst().orElseThrow();
        SlvSetups full = SlvSetups.toFiveYearsOrLastExpiry(market);
        double mat = 0;
        for (double e : full.surface().expiries()) {
            if (e <= horizon + 1e-9) {
                mat = e;
            }
        }
        final double maturity = mat;
        List<com.fxdesk.slv.calibration.RoundTripQuote> quotes = full.quotes().stream()
                .filter(q -> q.expiry() <= maturity + 1e-9).toList();
        ForkJoinPool pool = new ForkJoinPool(2);
        SlvCalibrator cal = new SlvCalibrator(pool);
        Map<String, double[]> sum = new LinkedHashMap<>(); // label → {Σe, Σe², n, Σse²}
        System.out.printf("%s to %.4f, η %.2f, %d paths, controls %s, rt seed %d, sub %s, heston %s%n", market,
                maturity, eta, paths, controls, rtSeed, System.getProperty("sub", "auto"), full.heston());
        for (String sd : seeds) {
            System.setProperty("seed", sd.trim());
            RoundTripConfig.Adaptive adaptive = new RoundTripConfig.Adaptive(RoundTripConfig.TARGET_MARGIN * 5.0,
                    RoundTripConfig.DEFAULT_EXTRA_WORK_FACTOR, QualityEvidence.JOB_WORK);
            SlvCalibrationInput in = SlvCalibrationInput.of(new Market(full.data().fx(), full.localVol(),
                            full.surface(), full.surface().expiries(), maturity), full.heston(),
                            QualityStudy.estimator())
                    .withHeston(new Heston(full.heston(), eta))
                    .withRegression(new SlvCalibrationInput.Regression(QualityStudy.estimator(),
                            Integer.getInteger("m", 200), Double.parseDouble(System.getProperty("q", "0.001"))))
                    .withParticles(QualityEvidence.particles(particles))
                    .withRepricing(new Repricing(quotes, new RoundTripConfig(true, paths,
                            Boolean.getBoolean("rtPerSeed") ? rtSeed + 1000 * Long.parseLong(sd.trim()) : rtSeed, true,
                            !controls.equals("none"), controls.equals("heston") || controls.equals("all"),
                            controls.equals("lv") || controls.equals("all"), adaptive)));
            SlvCalibrationResult r = cal.calibrate(in, null, null);
            RoundTripResult rt = r.roundTrip();
            StringBuilder line = new StringBuilder();
            double ss = 0;
            int n = 0;
            for (RoundTripResult.Point p : rt.points()) {
                line.append(String.format(" %s %+.1f(%.1f)", p.label(), p.errorBps(), p.stdErrorBps()));
                double[] a = sum.computeIfAbsent(p.label(), k -> new double[4]);
                a[0] += p.errorBps();
                a[1] += p.errorBps() * p.errorBps();
                a[2]++;
                a[3] += p.stdErrorBps() * p.stdErrorBps();
                if (p.expiry() > 0.05) {
                    ss += p.errorBps() * p.errorBps();
                    n++;
                }
            }
            System.out.printf("seed %s: RMS %.2f, 1M+ RMS %.2f, max %.2f, steps %d, L capped %d floored %d, m floored"
                            + " %d guarded %d, CPU %.0f s%n  %s%n", sd, rt.rmsErrorBps(), Math.sqrt(ss / n),
                    rt.maxErrorBps(), r.propagationTimes().length - 1, r.leverageCapped(), r.leverageFloored(),
                    r.varianceFloored(), r.varianceGuarded(), QualityStudy.processCpuMs() / 1e3, line);
            int refine = Integer.getInteger("rtRefine", 0);
            if (refine != 0) { // the same calibrated L, round trips on its own steps and on steps cut (k > 0) or merged (k < 0)
                RoundTripConfig c = new RoundTripConfig(true, paths, rtSeed + 1000 * Long.parseLong(sd.trim()), true,
                        !controls.equals("none"), controls.equals("heston") || controls.equals("all"),
                        controls.equals("lv") || controls.equals("all"));
                for (com.fxdesk.slv.model.LeverageFunction lf : List.of(r.leverage(), resliced(r.leverage(), refine))) {
                    RoundTripResult q = com.fxdesk.slv.calibration.RoundTrip.run(full.data().fx(), r.mixedHeston(), lf,
                            full.localVol(), full.surface(), quotes, c, pool, () -> false, f -> { });
                    StringBuilder b = new StringBuilder(String.format("  rt on %d slices (%d steps):", lf.sliceCount(),
                            q.steps()));
                    for (RoundTripResult.Point p : q.points()) {
                        if (p.expiry() > 0.05 && (p.label().endsWith("10C") || p.label().endsWith("ATM")
                                || p.label().endsWith("25C"))) {
                            b.append(String.format(" %s %+.1f(%.1f)", p.label(), p.errorBps(), p.stdErrorBps()));
                        }
                    }
                    System.out.println(b);
                }
            }
            if (Boolean.getBoolean("lev")) {
                printLeverage(r, rt, full);
            }
        }
        if (seeds.length > 1) {
            System.out.println("over seeds: mean error bp ± s.e. of the mean (seed-to-seed), mean round-trip s.e.");
            for (var e : sum.entrySet()) {
                double[] a = e.getValue();
                double m = a[0] / a[2];
                double var = (a[1] - a[2] * m * m) / Math.max(1, a[2] - 1);
                System.out.printf("  %-8s %+7.2f ± %.2f  (sd %.2f, rt s.e. %.2f)%n", e.getKey(), m,
                        Math.sqrt(var / a[2]), Math.sqrt(var), Math.sqrt(a[3] / a[2]));
            }
        }
        System.out.printf("process CPU %.0f ms, load %s%n", QualityStudy.processCpuMs(), QualityStudy.loadAverage());
        pool.shutdown();
    }

    /** k > 0: every slice cut into k equal slices holding the same L; k < 0: every |k|-th slice kept (held longer). */
    static com.fxdesk.slv.model.LeverageFunction resliced(com.fxdesk.slv.model.LeverageFunction l, int k) {
        java.util.List<Double> t = new java.util.ArrayList<>();
        java.util.List<Integer> src = new java.util.ArrayList<>();
        double[] times = l.times();
        for (int j = 0; j < times.length; j++) {
            if (k > 0) {
                double end = j + 1 < times.length ? times[j + 1] : times[j];
                int parts = j + 1 < times.length ? k : 1;
                for (int i = 0; i < parts; i++) {
                    t.add(times[j] + (end - times[j]) * i / parts);
                    src.add(j);
                }
            } else if (j % (-k) == 0) {
                t.add(times[j]);
                src.add(j);
            }
        }
        double[][] sp = new double[t.size()][];
        double[][] v = new double[t.size()][];
        com.fxdesk.slv.model.LogSpotLattice[] lat = new com.fxdesk.slv.model.LogSpotLattice[t.size()];
        for (int i = 0; i < t.size(); i++) {
            sp[i] = l.spots(src.get(i));
            v[i] = l.values(src.get(i));
            lat[i] = l.lattice(src.get(i));
        }
        return new com.fxdesk.slv.model.LeverageFunction(t.stream().mapToDouble(Double::doubleValue).toArray(), sp, v,
                lat);
    }

    /** L and m at the ATM, 25C and 10C strikes of each expiry on the slices just before 1/4, 1/2 and all of it. */
    private static void printLeverage(SlvCalibrationResult r, RoundTripResult rt, SlvSetups s) {
        for (RoundTripResult.Point p : rt.points()) {
            if (!p.label().endsWith("10C") && !p.label().endsWith("25C") && !p.label().endsWith("ATM")) {
                continue;
            }
            StringBuilder b = new StringBuilder(String.format("  %-8s K %.3f:", p.label(), p.strike()));
            for (double f : new double[] {0.25, 0.5, 0.9}) {
                RegressionSlice sl = null;
                for (RegressionSlice c : r.slices()) {
                    if (c.time() <= f * p.expiry()) {
                        sl = c;
                    }
                }
                double[] sp = sl.spots();
                int i = 0;
                while (i < sp.length - 2 && sp[i + 1] < p.strike()) {
                    i++;
                }
                double w = Math.max(0, Math.min(1, (p.strike() - sp[i]) / (sp[i + 1] - sp[i])));
                double lev = (1 - w) * sl.leverage()[i] + w * sl.leverage()[i + 1];
                double m = (1 - w) * sl.conditionalVariance()[i] + w * sl.conditionalVariance()[i + 1];
                b.append(String.format(" t %.4f L %.3f m %.4f σLV %.3f;", sl.time(), lev, m,
                        s.localVol().localVol(sl.time(), p.strike())));
            }
            System.out.println(b);
        }
    }
}
