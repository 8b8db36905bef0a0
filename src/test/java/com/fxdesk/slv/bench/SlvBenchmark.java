package com.fxdesk.slv.bench;

import com.fxdesk.slv.calibration.RoundTripConfig;
import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Market;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Particles;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Repricing;
import com.fxdesk.slv.calibration.SlvCalibrationResult;
import com.fxdesk.slv.calibration.SlvCalibrator;
import com.fxdesk.slv.regression.Estimators;
import com.fxdesk.slv.testdata.TestMarkets;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Leverage-phase timing, EURUSD 2018 to 5Y, 5-day regression, default PURBF, η = 0.66, default (daily)
 * propagation: 2,048 and 100,000 particles on 1 and 2 threads, interleaved run by run (same load for both). Medians
 * (and the best wall time) of 5 runs after 2 warm-ups, wall time and CPU
 * time (ThreadMXBean, summed over the calling thread and the pool's threads: on a shared machine wall time also
 * counts other processes' load, CPU time does not). "speed-up" is 1-thread wall / 2-thread wall; "effective cores"
 * is the two-thread throughput of a plain CPU loop measured right after (2 on an idle 2-core machine, 1 when the host
 * gives this process one core: the speed-up cannot exceed it).
 * Args (optional): particle counts, subSteps values (0: automatic), thread counts, runs, chunk size, e.g.
 * "2048,100000 5 1,2 5"; -Dbench.jvm="-Dgrading=none" times the uniform grid instead of the default graded one (or a grading
 * "α,f,afterExpiries,β,α₀,f_s[,trendCarry]").
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
        System.out.printf("EURUSD Heston %s; cores %d; load %s; effective cores %.2f%n", eur.heston(),
                Runtime.getRuntime().availableProcessors(), loadAverage(), effectiveCores());
        Particles p = Particles.DEFAULTS.withTimeStepDays(Integer.getInteger("study.days", 5));
        if (System.getProperty("grading") != null) { // -Dgrading=none (the uniform grid) or α,f,…: for comparison
            p = new Particles(p.count(), p.timeStepDays(), p.subSteps(), p.shortEndRefinement(),
                    QualityEvidence.grading(System.getProperty("grading")), p.seed(), p.chunkSize());
        }
        if (chunkSize > 0) {
            p = p.withChunkSize(chunkSize);
        }
        SlvCalibrationInput base = SlvCalibrationInput.of(new Market(eur.data().fx(), eur.localVol(), null,
                        eur.surface().expiries(), 5.0), eur.heston(), Estimators.paperDefault())
                .withParticles(p).withRepricing(Repricing.disabled());
        System.out.printf("chunk size %d%n", base.particles().chunkSize());
        System.out.println("| particles | subSteps | threads | steps | wall ms | best wall ms | CPU ms | regression ms "
                + "| propagation ms | path-steps/s (wall) | path-steps/s per CPU-s | speed-up (wall) | effective cores |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int n : particles) {
            for (int sub : subSteps) {
                // thread counts interleaved run by run, so that each sees the same (shared-machine) load
                int t = threadCounts.length;
                List<List<Thread>> workers = new ArrayList<>();
                ExecutorService[] pools = new ExecutorService[t];
                SlvCalibrator[] cals = new SlvCalibrator[t];
                SlvCalibrationInput in = base.withParticles(base.particles().withCount(n).withSubSteps(sub));
                for (int q = 0; q < t; q++) {
                    List<Thread> list = new CopyOnWriteArrayList<>();
                    workers.add(list);
                    pools[q] = threadCounts[q] == 1 ? null : Executors.newFixedThreadPool(threadCounts[q], r -> {
                        Thread th = new Thread(r, "bench-worker");
                        th.setDaemon(true);
                        list.add(th);
                        return th;
                    });
                    cals[q] = new SlvCalibrator(pools[q]);
                    for (int w = 0; w < 2; w++) {
                        cals[q].calibrate(in, null, null);
                    }
                }
                double[][] wall = new double[t][runs];
                double[][] cpu = new double[t][runs];
                double[][] reg = new double[t][runs];
                double[][] prop = new double[t][runs];
                long pathSteps = 0;
                int steps = 0;
                for (int it = 0; it < runs; it++) {
                    for (int q = 0; q < t; q++) {
                        long c0 = cpuNanos(workers.get(q));
                        SlvCalibrationResult r = cals[q].calibrate(in, null, null);
                        cpu[q][it] = (cpuNanos(workers.get(q)) - c0) / 1e6;
                        wall[q][it] = r.timings().leverageMs();
                        reg[q][it] = r.timings().regressionMs();
                        prop[q][it] = r.timings().propagationMs();
                        pathSteps = r.pathSteps();
                        steps = r.propagationTimes().length - 1;
                    }
                }
                double eff = effectiveCores();
                for (int q = 0; q < t; q++) {
                    if (pools[q] != null) {
                        pools[q].shutdown();
                    }
                    double w = median(wall[q]);
                    double c = median(cpu[q]);
                    System.out.printf("| %,d | %d | %d | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.3g | %.3g | %.2f | %.2f |%n",
                            n, sub, threadCounts[q], steps, w, min(wall[q]), c, median(reg[q]), median(prop[q]),
                            pathSteps / (w / 1e3), pathSteps / (c / 1e3), median(wall[0]) / w, eff);
                }
            }
        }
        System.out.printf("load after: %s; effective cores now %.2f%n", loadAverage(), effectiveCores());
    }

    /**
     * Throughput of two threads over one on a pure-CPU loop: about 2 on an idle 2-core machine, about 1 when the
     * host gives this process one core's worth (then no 1 -> 2 thread speed-up can show, whatever the code does).
     */
    static double effectiveCores() {
        long n = 40_000_000L;
        spin(n / 4);
        long t0 = System.nanoTime();
        double s = spin(n);
        long t1 = System.nanoTime();
        double[] other = new double[1];
        Thread t = new Thread(() -> other[0] = spin(n));
        t.start();
        s += spin(n);
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long t2 = System.nanoTime();
        if (s + other[0] == 42) {
            System.out.print("");
        }
        return 2.0 * (t1 - t0) / (t2 - t1);
    }

    private static double spin(long n) {
        double s = 0;
        for (long i = 0; i < n; i++) {
            s += Math.sqrt(i + s * 1e-9);
        }
        return s;
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

    static double min(double[] a) {
        double m = Double.POSITIVE_INFINITY;
        for (double d : a) {
            m = Math.min(m, d);
        }
        return m;
    }

    static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
