package com.fxdesk.slv.bench;

import com.fxdesk.slv.calibration.RoundTripConfig;
import com.fxdesk.slv.calibration.RoundTripResult;
import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Market;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Repricing;
import com.fxdesk.slv.calibration.SlvCalibrationResult;
import com.fxdesk.slv.calibration.SlvCalibrator;
import com.fxdesk.slv.regression.BandwidthRule;
import com.fxdesk.slv.regression.EstimatorConfig;
import com.fxdesk.slv.regression.EstimatorType;
import com.fxdesk.slv.regression.Estimators;
import com.fxdesk.slv.testdata.TestMarkets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

/**
 * Round-trip evidence (SPEC.md section 7) on EURUSD and USDJPY 2018 to 5Y: pillar strikes 1M–5Y repriced by an
 * independent 100,000-path antithetic Monte Carlo. Args: "estimators" adds the estimator table, "substeps" rows
 * with 5-day (and 2.5-day) propagation, "seeds" (alone: only this) 2,048 particles over 6 seeds with 1 and 5 sub-steps.
 * Run: ./mvnw -B -Pbench test-compile exec:exec -Dbench.main=com.fxdesk.slv.bench.SlvStudy [-Dbench.args=estimators]
 */
public final class SlvStudy {

    public static void main(String[] args) {
        boolean estimators = args.length > 0 && args[0].contains("estimators");
        boolean subStepStudy = args.length > 0 && args[0].contains("substeps");
        boolean seedStudy = args.length > 0 && args[0].contains("seeds");
        boolean seedsOnly = args.length > 0 && args[0].equals("seeds");
        ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
        SlvCalibrator cal = new SlvCalibrator(pool);
        for (String name : new String[] {TestMarkets.EURUSD_2018, TestMarkets.USDJPY_2018}) {
            SlvSetups s = SlvSetups.load(name, 5.0);
            System.out.printf("%n## %s: Heston %s, %d round-trip quotes%n", name, s.heston(), s.quotes().size());
            SlvCalibrationInput base = SlvCalibrationInput.of(new Market(s.data().fx(), s.localVol(), s.surface(),
                            s.surface().expiries(), 5.0), s.heston(), Estimators.paperDefault())
                    .withRepricing(new Repricing(s.quotes(), new RoundTripConfig(true, 100_000, 20240607L, true,
                            true)));
            System.out.println("| case | particles | subSteps | RMS bp | max bp | max 4·se bp | leverage ms | round trip ms "
                    + "| L floored/capped |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            if (!seedsOnly) {
                row(cal, "η=0.66 PURBF", with(base, 100_000, 0, 0.66));
                row(cal, "η=0.66 PURBF", with(base, 2048, 0, 0.66));
                row(cal, "η=0 PURBF", with(base, 100_000, 0, 0));
            }
            if (subStepStudy) {
                row(cal, "η=0.66 PURBF", with(base, 100_000, 1, 0.66));
                row(cal, "η=0.66 PURBF", with(base, 2048, 1, 0.66));
                row(cal, "η=0.66 PURBF", with(base, 2048, 2, 0.66));
                row(cal, "η=0 PURBF", with(base, 100_000, 1, 0));
            }
            if (seedStudy) {
                // 2,048 particles: estimator noise against the 5-day propagation bias, over seeds
                for (int sub : new int[] {1, 5}) {
                    double sumSq = 0;
                    double maxRms = 0;
                    double ms = 0;
                    int seeds = 6;
                    for (int seed = 1; seed <= seeds; seed++) {
                        SlvCalibrationResult r = cal.calibrate(base.withParticles(
                                base.particles().withCount(2048).withSubSteps(sub).withSeed(seed)), null, null);
                        double rms = r.roundTrip().rmsErrorBps();
                        sumSq += rms * rms;
                        maxRms = Math.max(maxRms, rms);
                        ms += r.timings().leverageMs() / seeds;
                        System.out.printf("  2,048 subSteps %d seed %d: RMS %.2f max %.2f bp%n", sub, seed, rms,
                                r.roundTrip().maxErrorBps());
                    }
                    System.out.printf("| 2,048 over %d seeds | subSteps %d | RMS of RMS %.2f bp | worst RMS %.2f bp "
                            + "| mean leverage ms %.0f |%n", seeds, sub, Math.sqrt(sumSq / seeds), maxRms, ms);
                }
            }
            if (estimators) {
                Map<String, EstimatorConfig> table = new LinkedHashMap<>();
                table.put("NW Silverman", EstimatorConfig.of(EstimatorType.NADARAYA_WATSON));
                table.put("NW CV", EstimatorConfig.of(EstimatorType.NADARAYA_WATSON)
                        .withBandwidth(EstimatorConfig.Bandwidth.crossValidation()));
                table.put("local linear", EstimatorConfig.of(EstimatorType.LOCAL_LINEAR));
                table.put("RBF", EstimatorConfig.of(EstimatorType.RBF));
                table.put("PURBF", EstimatorConfig.defaults());
                table.put("binning", EstimatorConfig.of(EstimatorType.BINNING));
                for (int n : new int[] {2048, 100_000}) {
                    for (var e : table.entrySet()) {
                        row(cal, e.getKey(), with(base, n, 0, 0.66).withRegression(
                                base.regression().withEstimator(Estimators.create(e.getValue()))));
                    }
                }
            }
        }
        pool.shutdown();
    }

    static SlvCalibrationInput with(SlvCalibrationInput base, int particles, int subSteps, double mixing) {
        return base.withParticles(base.particles().withCount(particles).withSubSteps(subSteps))
                .withHeston(base.heston().withMixing(mixing));
    }

    static void row(SlvCalibrator cal, String label, SlvCalibrationInput in) {
        SlvCalibrationResult r = cal.calibrate(in, null, null);
        RoundTripResult rt = r.roundTrip();
        double se = 0;
        for (RoundTripResult.Point p : rt.points()) {
            se = Math.max(se, 4 * p.stdErrorBps());
        }
        System.out.printf("| %s | %,d | %d | %.2f | %.2f | %.1f | %.0f | %.0f | %d/%d |%n", label, in.particles().count(),
                in.particles().effectiveSubSteps(), rt.rmsErrorBps(), rt.maxErrorBps(), se, r.timings().leverageMs(),
                r.timings().roundTripMs(), r.leverageFloored(), r.leverageCapped());
        if (label.startsWith("η=0.66 PURBF") && in.particles().count() == 100_000
                && in.particles().effectiveSubSteps() == 5) {
            StringBuilder sb = new StringBuilder("  by label:");
            for (RoundTripResult.Bucket b : rt.byLabel()) {
                sb.append(String.format(" %s rms %.2f max %.2f;", b.label(), b.rmsErrorBps(), b.maxErrorBps()));
            }
            System.out.println(sb);
        }
    }
}
