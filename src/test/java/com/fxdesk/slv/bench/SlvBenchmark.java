package com.fxdesk.slv.bench;

import com.fxdesk.slv.calibration.RoundTripConfig;
import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.calibration.SlvCalibrationResult;
import com.fxdesk.slv.calibration.SlvCalibrator;
import com.fxdesk.slv.regression.Estimators;
import com.fxdesk.slv.testdata.TestMarkets;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;

/**
 * Leverage-phase timing, EURUSD 2018 to 5Y, 5-day regression, default PURBF, η = 0.66: 2,048 and 100,000
 * particles, 1 and 2 threads, propagation on the 5-day grid (subSteps 1) and daily (subSteps 5). Medians of
 * 5 runs after 2 warm-ups.
 * Run: ./mvnw -B -Pbench test-compile exec:exec -Dbench.main=com.fxdesk.slv.bench.SlvBenchmark
 */
public final class SlvBenchmark {

    public static void main(String[] args) {
        SlvSetups eur = SlvSetups.load(TestMarkets.EURUSD_2018, 5.0);
        System.out.printf("EURUSD Heston %s; cores %d%n", eur.heston(), Runtime.getRuntime().availableProcessors());
        SlvCalibrationInput base = SlvCalibrationInput.builder(eur.data().fx(), eur.localVol(), eur.heston(),
                        Estimators.paperDefault()).surfaceExpiries(eur.surface().expiries()).maturity(5.0)
                .roundTrip(RoundTripConfig.disabled()).build();
        System.out.println("| particles | subSteps | threads | leverage ms (median) | regression ms | propagation ms "
                + "| path-steps/s | speed-up |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int n : new int[] {2048, 100_000}) {
            for (int sub : new int[] {1, 5}) {
                double single = Double.NaN;
                for (int threads : new int[] {1, 2}) {
                    ForkJoinPool pool = new ForkJoinPool(threads);
                    SlvCalibrationInput in = base.toBuilder().particles(n).subSteps(sub).build();
                    SlvCalibrator cal = new SlvCalibrator(pool);
                    for (int w = 0; w < 2; w++) {
                        cal.calibrate(in, null, null);
                    }
                    double[] ms = new double[5];
                    double[] reg = new double[5];
                    double[] prop = new double[5];
                    long pathSteps = 0;
                    for (int it = 0; it < 5; it++) {
                        SlvCalibrationResult r = cal.calibrate(in, null, null);
                        ms[it] = r.timings().leverageMs();
                        reg[it] = r.timings().regressionMs();
                        prop[it] = r.timings().propagationMs();
                        pathSteps = r.pathSteps();
                    }
                    pool.shutdown();
                    double med = median(ms);
                    if (threads == 1) {
                        single = med;
                    }
                    System.out.printf("| %,d | %d | %d | %.0f | %.0f | %.0f | %.3g | %.2f |%n", n, sub, threads, med,
                            median(reg), median(prop), pathSteps / (med / 1e3), single / med);
                }
            }
        }
    }

    static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
