package com.fxdesk.slv.bench;

import com.fxdesk.slv.calibration.RoundTripConfig;
import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Heston;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Market;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Particles;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Repricing;
import com.fxdesk.slv.calibration.SlvCalibrationResult;
import com.fxdesk.slv.calibration.SlvCalibrator;
import com.fxdesk.slv.regression.Estimators;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * Round-trip time at the defaults (100,000 antithetic paths, the default control variates) on a 2-thread pool:
 * EURUSD 2018 to 5Y, every pillar quote from 1W, after a calibration with the shipped defaults (the particle count
 * only sets the leverage, not the round trip's work). Prints each run's round-trip wall time and the median and best
 * after 2 warm-ups, with a bit-level fingerprint of the result ({@link RoundTripProfile#fingerprint}).
 * Args: runs (5), particles (20,000), market (eurusd-2018-03-15), maturity (5), "cpu" to measure instead the round
 * trip's CPU time on one thread (calibration with minus without it). -Dbench.jvm="-Dcv=all": also the local-vol companion;
 * "-Dcv=spot": S_T only (default: S_T and the Heston companion, as shipped). Extra paths as shipped (aimed at 0.9 bp,
 * at most {@value RoundTripConfig#DEFAULT_EXTRA_WORK_FACTOR} × the first paths' work, within the shipped job budget);
 * -Dbench.jvm="-DextraWork=0": none (the round trip before them), "-DextraWork=8": up to 8 × the pilot's work.
 */
public final class RoundTripBenchmark {
    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int particles = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        String market = args.length > 2 ? args[2] : "eurusd-2018-03-15";
        double mat = args.length > 3 ? Double.parseDouble(args[3]) : 5.0;
        SlvSetups s = SlvSetups.load(market, mat, 0);
        ForkJoinPool pool = new ForkJoinPool(2);
        SlvCalibrator cal = new SlvCalibrator(pool);
        SlvCalibrationInput in = SlvCalibrationInput.of(new Market(s.data().fx(), s.localVol(), s.surface(),
                        s.surface().expiries(), mat), s.heston(), Estimators.paperDefault())
                .withHeston(new Heston(s.heston(), 0.66))
                .withParticles(Particles.DEFAULTS.withCount(particles).withSeed(42))
                .withRepricing(new Repricing(s.quotes(), new RoundTripConfig(true, RoundTripConfig.DEFAULT_PATHS,
                        20240607L, true, true, !"spot".equals(System.getProperty("cv")),
                        "all".equals(System.getProperty("cv")), new RoundTripConfig.Adaptive(
                        RoundTripConfig.Adaptive.defaults().targetStdErrorBps(),
                        Double.parseDouble(System.getProperty("extraWork",
                                String.valueOf(RoundTripConfig.DEFAULT_EXTRA_WORK_FACTOR))),
                        QualityEvidence.JOB_WORK))));
        if (args.length > 4 && args[4].equals("cpu")) {
            cpu(in, runs);
            pool.shutdown();
            return;
        }
        double[] ms = new double[runs];
        double[] cpu = new double[runs];
        double[] direct = new double[runs];
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int r = -2; r < runs; r++) {
            SlvCalibrationResult res = cal.calibrate(in, null, null);
            // the round trip alone on the same pool, again: its wall time and the CPU time of every JVM thread
            // (the pool's workers and this one) over it, which the machine's other load inflates less
            long c0 = allThreadsCpu(mx);
            long w0 = System.nanoTime();
            java.util.List<com.fxdesk.slv.calibration.RoundTripQuote> qs = s.quotes().stream()
                    .filter(q -> q.expiry() <= mat + 1e-9).toList();
            com.fxdesk.slv.calibration.RoundTrip.run(s.data().fx(), res.mixedHeston(), res.leverage(), s.localVol(),
                    s.surface(), qs, in.repricing().config(), pool, null, null);
            long w1 = System.nanoTime();
            long c1 = allThreadsCpu(mx);
            if (r >= 0) {
                direct[r] = (w1 - w0) / 1e6;
                cpu[r] = (c1 - c0) / 1e6;
                System.out.printf("run %d: round trip alone %.0f ms wall, %.0f ms CPU (all threads)%n", r, direct[r],
                        cpu[r]);
                ms[r] = res.timings().roundTripMs();
                System.out.printf("run %d: round trip %.0f ms (%d quotes, %d steps, %d extra paths, extra work %d), "
                        + "fingerprint %016x, load %s%n", r, ms[r], res.roundTrip().points().size(),
                        res.roundTrip().steps(), res.roundTrip().extraPaths(), res.roundTrip().extraWork(),
                        RoundTripProfile.fingerprint(res.roundTrip()), SlvBenchmark.loadAverage());
            }
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        Arrays.sort(direct);
        System.out.printf("%s to %.1fY, 100,000 paths, 2 threads: median %.0f ms, best %.0f ms; alone: median %.0f ms "
                + "wall, %.0f ms CPU (all threads), load %s%n", market, mat, ms[runs / 2], ms[0], direct[runs / 2],
                cpu[runs / 2], SlvBenchmark.loadAverage());
        pool.shutdown();
    }

    /** CPU time of every live JVM thread, ns. */
    private static long allThreadsCpu(java.lang.management.ThreadMXBean mx) {
        long sum = 0;
        for (long id : mx.getAllThreadIds()) {
            long t = mx.getThreadCpuTime(id);
            sum += Math.max(t, 0);
        }
        return sum;
    }

    /**
     * On one thread, the CPU time of a calibration with the round trip minus that of the same calibration without
     * it (deterministic: the same work): the round trip's CPU time, which other processes' load does not inflate
     * the way it does wall time.
     */
    private static void cpu(SlvCalibrationInput in, int runs) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        SlvCalibrator serial = new SlvCalibrator(null);
        SlvCalibrationInput without = in.withRepricing(Repricing.disabled());
        double[] ms = new double[runs];
        for (int r = -2; r < runs; r++) {
            long c0 = mx.getCurrentThreadCpuTime();
            serial.calibrate(without, null, null);
            long c1 = mx.getCurrentThreadCpuTime();
            serial.calibrate(in, null, null);
            long c2 = mx.getCurrentThreadCpuTime();
            if (r >= 0) {
                ms[r] = ((c2 - c1) - (c1 - c0)) / 1e6;
                System.out.printf("run %d: round trip CPU %.0f ms (one thread)%n", r, ms[r]);
            }
        }
        Arrays.sort(ms);
        System.out.printf("round trip CPU time on one thread: median %.0f ms, best %.0f ms%n", ms[runs / 2], ms[0]);
    }
}
