package com.fxdesk.slv.bench;

import com.fxdesk.slv.calibration.RoundTripConfig;
import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.calibration.SlvCalibrationResult;
import com.fxdesk.slv.calibration.SlvCalibrator;
import com.fxdesk.slv.regression.Estimators;
import com.fxdesk.slv.testdata.TestMarkets;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Leverage-phase timing, EURUSD 2018 to 5Y, 5-day regression, default PURBF, η = 0.66, default (daily)
 * propagation: 2,048 and 100,000 particles on 1 and 2 threads. Medians of 5 runs after 2 warm-ups, wall time and CPU
 * time (ThreadMXBean, summed over the calling thread and the pool's threads: on a shared machine wall time also
 * counts other processes' load, CPU time does not). "speed-up" is 1-thread wall / 2-thread wall; "CPU speed-up" is
 * 1-thread CPU / (2-thread CPU / 2), the speed-up two idle cores would give if the work were spread perfectly.
 * Args (optional): particle counts, subSteps values, thread counts, runs, chunk size, e.g. "2048,100000 5 1,2 5".
 * Run: ./mvnw -B -Pbench test-compile exec:exec -Dbench.main=com.fxdesk.slv.bench.SlvBenchmark [-Dbench.args="..."]
 */
public final class SlvBenchmark {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        int[] particles = args.length > 0 ? ints(args[0]) : new int[] {2048, 100_000};
        int[] subSteps = args.length > 1 ? ints(args[1]) : new int[] {5};
        int[] threadCounts = args.length > 2 ? ints(args[2]) : new int[] {1, 2};
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int chunkSize = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        SlvSetups eur = SlvSetups.load(TestMarkets.EURUSD_2018, 5.0);
        System.out.printf("EURUSD Heston %s; cores %d; load %s%n", eur.heston(),
                Runtime.getRuntime().availableProcessors(), loadAverage());
        SlvCalibrationInput base = SlvCalibrationInput.builder(eur.data().fx(), eur.localVol(), eur.heston(),
                        Estimators.paperDefault()).surfaceExpiries(eur.surface().expiries()).maturity(5.0)
                .roundTrip(RoundTripConfig.disabled()).build();
        if (chunkSize > 0) {
            base = base.toBuilder().chunkSize(chunkSize).build();
        }
        System.out.printf("chunk size %d%n", base.chunkSize());
        System.out.println("| particles | subSteps | threads | steps | wall ms | CPU ms | regression ms | propagation ms "
                + "| path-steps/s (wall) | path-steps/s per CPU-s | speed-up (wall) | CPU speed-up |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int n : particles) {
            for (int sub : subSteps) {
                double singleWall = Double.NaN;
                double singleCpu = Double.NaN;
                for (int threads : threadCounts) {
                    List<Thread> workers = new CopyOnWriteArrayList<>();
                    ExecutorService pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
                        Thread t = new Thread(r, "bench-worker");
                        t.setDaemon(true);
                        workers.add(t);
                        return t;
                    });
                    SlvCalibrationInput in = base.toBuilder().particles(n).subSteps(sub).build();
                    SlvCalibrator cal = new SlvCalibrator(pool);
                    for (int w = 0; w < 2; w++) {
                        cal.calibrate(in, null, null);
                    }
                    double[] wall = new double[runs];
                    double[] cpu = new double[runs];
                    double[] reg = new double[runs];
                    double[] prop = new double[runs];
                    long pathSteps = 0;
                    int steps = 0;
                    for (int it = 0; it < runs; it++) {
                        long c0 = cpuNanos(workers);
                        SlvCalibrationResult r = cal.calibrate(in, null, null);
                        cpu[it] = (cpuNanos(workers) - c0) / 1e6;
                        wall[it] = r.timings().leverageMs();
                        reg[it] = r.timings().regressionMs();
                        prop[it] = r.timings().propagationMs();
                        pathSteps = r.pathSteps();
                        steps = r.propagationTimes().length - 1;
                    }
                    if (pool != null) {
                        pool.shutdown();
                    }
                    double w = median(wall);
                    double c = median(cpu);
                    if (threads == 1) {
                        singleWall = w;
                        singleCpu = c;
                    }
                    System.out.printf("| %,d | %d | %d | %d | %.0f | %.0f | %.0f | %.0f | %.3g | %.3g | %.2f | %.2f |%n",
                            n, sub, threads, steps, w, c, median(reg), median(prop), pathSteps / (w / 1e3),
                            pathSteps / (c / 1e3), singleWall / w, singleCpu / (c / threads));
                }
            }
        }
        System.out.printf("load after: %s%n", loadAverage());
    }

    /** CPU time of the calling thread and the pool's workers. */
    static long cpuNanos(List<Thread> workers) {
        long sum = MX.getCurrentThreadCpuTime();
        for (Thread t : workers) {
            long c = MX.getThreadCpuTime(t.getId());
            if (c > 0) {
                sum += c;
            }
        }
        return sum;
    }

    static String loadAverage() {
        return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    }

    static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
