package com.fxdesk.slv.bench;

import com.fxdesk.slv.calibration.RoundTripConfig;
import com.fxdesk.slv.calibration.RoundTripResult;
import com.fxdesk.slv.calibration.RoundTripStatistics;
import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Market;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Repricing;
import com.fxdesk.slv.calibration.SlvCalibrationResult;
import com.fxdesk.slv.calibration.SlvCalibrator;
import com.fxdesk.slv.regression.ConditionalExpectationEstimator;
import com.fxdesk.slv.regression.EstimatorConfig;
import com.fxdesk.slv.regression.EstimatorType;
import com.fxdesk.slv.regression.EstimatorVariants;
import com.fxdesk.slv.regression.Estimators;
import com.fxdesk.slv.testdata.TestMarkets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * "Which estimator at 2,048 particles": every market in examples/markets to min(5Y, last expiry), every pillar quote
 * from 1W, 2,048 particles with the shipped defaults (graded grid, η = 0.66), particle seeds 1…S, each estimator;
 * one round-trip seed for all (paired comparison: the round trip's own noise is common to every row). Prints per
 * market and estimator the RMS error over seeds: median, mean, worst, and how many seeds are ≤ 10 bp; the
 * round trip's own noise (RMS of the resolved points' standard errors) is printed per market. RMS and max are over
 * resolved points ({@link RoundTripStatistics}, standard error ≤ the threshold, 5 bp by default: at 100,000 paths the
 * quoted 10Δ–10Δ points have 2–5 bp).
 * Args: seeds (20), round-trip paths (100,000), estimators (comma list of purbf, purbf-mean, nw, ll, binning, rbf),
 * resolution threshold bp (5), market name filter (substring; all markets by default).
 * JVM options -Dstudy.days=D, -Dstudy.sub=K: the particles' timeStepDays and sub-steps (chosen sub-steps keep the
 * regression stride at 1: {@code Particles#regressionStride}).
 * Run: java -cp target/test-classes:target/classes:$(deps) com.fxdesk.slv.bench.EstimatorSeedStudy 20
 */
public final class EstimatorSeedStudy {

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int paths = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        double threshold = args.length > 3 ? Double.parseDouble(args[3]) : 5.0;
        List<String> wanted = List.of((args.length > 2 ? args[2] : "purbf,purbf-mean,nw,binning").split(","));
        Map<String, LongFunction<ConditionalExpectationEstimator>> all = new LinkedHashMap<>();
        all.put("purbf", s -> Estimators.create(EstimatorConfig.defaults().withSeed(s)));
        all.put("purbf-mean", s -> EstimatorVariants.purbfShrinkToMean(EstimatorConfig.defaults().withSeed(s)));
        all.put("nw", s -> Estimators.create(EstimatorConfig.of(EstimatorType.NADARAYA_WATSON)));
        all.put("ll", s -> Estimators.create(EstimatorConfig.of(EstimatorType.LOCAL_LINEAR)));
        all.put("binning", s -> Estimators.create(EstimatorConfig.of(EstimatorType.BINNING)));
        all.put("rbf", s -> Estimators.create(EstimatorConfig.of(EstimatorType.RBF).withSeed(s)));
        ForkJoinPool pool = new ForkJoinPool(2);
        SlvCalibrator cal = new SlvCalibrator(pool);
        System.out.println("| market | estimator | median RMS bp | mean | worst | seeds ≤ 10 bp | mean max bp | RT noise bp | unresolved |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        String only = args.length > 4 ? args[4] : "";
        for (String market : markets()) {
            if (!market.contains(only)) {
                continue;
            }
            SlvSetups s = SlvSetups.toFiveYearsOrLastExpiry(market);
            double mat = SlvSetups.horizon(s.surface());
            SlvCalibrationInput base = SlvCalibrationInput.of(new Market(s.data().fx(), s.localVol(), s.surface(),
                            s.surface().expiries(), mat), s.heston(), Estimators.paperDefault())
                    .withRepricing(new Repricing(s.quotes(), new RoundTripConfig(true, paths, 20240607L, true, true)));
            for (String name : wanted) {
                double[] rms = new double[seeds];
                double meanMax = 0;
                double noise = 0;
                int unresolved = 0;
                for (int seed = 1; seed <= seeds; seed++) {
                    SlvCalibrationResult r = cal.calibrate(base.withParticles(base.particles().withSeed(seed)
                                    .withTimeStepDays(Integer.getInteger("study.days", base.particles().timeStepDays()))
                                    .withSubSteps(Integer.getInteger("study.sub", base.particles().subSteps())))
                            .withRegression(base.regression().withEstimator(all.get(name).apply(seed))), null, null);
                    RoundTripResult rt = r.roundTrip();
                    RoundTripStatistics st = RoundTripStatistics.of(rt, threshold);
                    rms[seed - 1] = st.rmsErrorBps();
                    meanMax += st.maxErrorBps() / seeds;
                    double se2 = 0;
                    for (RoundTripResult.Point p : rt.points()) {
                        if (RoundTripStatistics.isResolved(p, threshold)) {
                            se2 += p.stdErrorBps() * p.stdErrorBps() / st.resolved();
                        }
                    }
                    noise = Math.sqrt(se2);
                    unresolved = st.unresolved();
                    System.err.printf("%s %s seed %d RMS %.2f max %.2f (resolved %d, unresolved %d)%n", market,
                            name, seed, rms[seed - 1], st.maxErrorBps(), st.resolved(), st.unresolved());
                }
                double[] sorted = rms.clone();
                Arrays.sort(sorted);
                double median = 0.5 * (sorted[(seeds - 1) / 2] + sorted[seeds / 2]);
                long ok = Arrays.stream(rms).filter(v -> v <= 10).count();
                System.out.printf("| %s | %s | %.2f | %.2f | %.2f | %d / %d | %.1f | %.1f | %d |%n", market, name,
                        median, Arrays.stream(rms).average().orElse(Double.NaN), sorted[seeds - 1], ok, seeds,
                        meanMax, noise, unresolved);
            }
        }
        pool.shutdown();
    }

    static List<String> markets() {
        try (Stream<Path> files = Files.list(TestMarkets.MARKETS)) {
            List<String> names = new ArrayList<>();
            files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json")).sorted()
                    .forEach(f -> names.add(f.substring(0, f.length() - 5)));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
