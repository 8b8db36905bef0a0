package com.fxdesk.slv.bench;

import com.fxdesk.slv.heston.CalibrationQuote;
import com.fxdesk.slv.heston.HestonCalibrationResult;
import com.fxdesk.slv.heston.HestonCalibrator;
import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.heston.HestonPricer;
import com.fxdesk.slv.heston.HestonTestData;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * Heston pricing speed per option (strips of one expiry, warm) and full calibration time on EURUSD-2018 quotes.
 * ./mvnw -B -Pbench test-compile exec:exec -Dbench.main=com.fxdesk.slv.bench.HestonBenchmark
 */
public final class HestonBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        HestonTestData.Market m = HestonTestData.market("eurusd-2018-03-15.json");
        HestonPricer pricer = new HestonPricer();
        double[] expiries = {0.0192, 0.0822, 0.25, 0.5, 1, 2, 5};
        HestonParameters[] sets = {new HestonParameters(0.0064, 1.5, 0.0081, 0.3, -0.2),
            new HestonParameters(0.04, 0.5, 0.04, 1.0, -0.7)};
        String[] names = {"eurusd-like", "feller-violated xi=1"};
        System.out.println("uptime: " + uptime());
        for (int strikesPerExpiry : new int[] {5, 10, 20}) {
            for (int s = 0; s < sets.length; s++) {
                HestonParameters p = sets[s];
                double[][] k = new double[expiries.length][];
                boolean[][] c = new boolean[expiries.length][];
                for (int e = 0; e < expiries.length; e++) {
                    double t = expiries[e];
                    double f = m.fx().forward(t);
                    double sd = Math.sqrt(HestonPricer.integratedVariance(p, t));
                    k[e] = new double[strikesPerExpiry];
                    c[e] = new boolean[strikesPerExpiry];
                    for (int j = 0; j < strikesPerExpiry; j++) {
                        // 10Δ put to 10Δ call: z from −1.8 to 1.8 standard deviations
                        double z = -1.8 + 3.6 * j / (strikesPerExpiry - 1);
                        k[e][j] = f * Math.exp(z * sd);
                        c[e][j] = k[e][j] >= f;
                    }
                }
                int reps = 200;
                double[] perOption = new double[15];
                double[] cpuPerOption = new double[15];
                double sink = 0;
                for (int round = 0; round < perOption.length + 5; round++) {
                    long t0 = System.nanoTime();
                    long c0 = THREADS.getCurrentThreadCpuTime();
                    for (int r = 0; r < reps; r++) {
                        for (int e = 0; e < expiries.length; e++) {
                            double t = expiries[e];
                            sink += pricer.priceStrip(p, t, m.fx().forward(t), m.fx().domesticDf(t), k[e], c[e])[0];
                        }
                    }
                    long dt = System.nanoTime() - t0;
                    long dc = THREADS.getCurrentThreadCpuTime() - c0;
                    if (round >= 5) {
                        perOption[round - 5] = dt / 1e3 / (reps * expiries.length * strikesPerExpiry);
                        cpuPerOption[round - 5] = dc / 1e3 / (reps * expiries.length * strikesPerExpiry);
                    }
                }
                System.out.printf("price strip: %-22s %2d strikes x %d expiries (1W-5Y): wall median %.2f us/option"
                        + " (min %.2f), thread CPU median %.2f us/option [%s]%n",
                        names[s], strikesPerExpiry, expiries.length, median(perOption),
                        Arrays.stream(perOption).min().getAsDouble(), median(cpuPerOption), sink > 0 ? "ok" : "?");
            }
        }
        List<CalibrationQuote> quotes = HestonTestData.quotes(m, true);
        HestonCalibrator cal = new HestonCalibrator();
        for (HestonCalibrator.Weighting w : HestonCalibrator.Weighting.values()) {
            double[] ms = new double[7];
            double[] cpuMs = new double[7];
            HestonCalibrationResult last = null;
            for (int i = 0; i < ms.length + 3; i++) {
                long t0 = System.nanoTime();
                long c0 = THREADS.getCurrentThreadCpuTime();
                last = cal.calibrate(m.fx(), quotes, null, w);
                if (i >= 3) {
                    ms[i - 3] = (System.nanoTime() - t0) / 1e6;
                    cpuMs[i - 3] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
                }
            }
            System.out.printf("calibration EURUSD-2018 %d quotes (%s): wall median %.0f ms (min %.0f), CPU median %.0f ms,"
                    + " %d iterations, rmse %.2f bp, max %.2f bp, start '%s', %s%n", quotes.size(), w, median(ms),
                    Arrays.stream(ms).min().getAsDouble(), median(cpuMs), last.iterations(), last.rmseVolBps(), last.maxErrorVolBps(),
                    last.startUsed(), last.parameters());
        }
        System.out.println("uptime: " + uptime());
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String uptime() {
        try {
            return new String(new ProcessBuilder("uptime").start().getInputStream().readAllBytes()).trim();
        } catch (Exception e) {
            return "n/a";
        }
    }
}
