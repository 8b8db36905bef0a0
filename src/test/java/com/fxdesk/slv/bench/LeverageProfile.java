package com.fxdesk.slv.bench;

import com.fxdesk.slv.calibration.RegressionSlice;
import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Market;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Particles;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Repricing;
import com.fxdesk.slv.calibration.SlvCalibrationResult;
import com.fxdesk.slv.calibration.SlvCalibrator;
import com.fxdesk.slv.model.LeverageFunction;
import com.fxdesk.slv.random.ZigguratNormals;
import com.fxdesk.slv.regression.ConditionalExpectationEstimator;
import com.fxdesk.slv.regression.Estimators;
import com.fxdesk.slv.testdata.TestMarkets;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The leverage phase of {@link SlvBenchmark}'s set-up (EURUSD 2018 to 5Y, defaults) run repeatedly for a profiler,
 * with a bit-level fingerprint of the result: every leverage value at every step and every slice's m on its grid.
 * Two builds that print the same fingerprint computed the same leverage to the last bit.
 * On one thread it also estimates the wall time on two idle cores: the estimator's fit (timed through a wrapper) is
 * one task that one core runs alone while the other draws the interval's first two steps' normals (then both share
 * what is left of that phase); the rest (propagation) is split evenly: estimate = max(fit, (fit + ahead) / 2)
 * + (CPU − fit − ahead) / 2, ahead = normals drawn ahead (measured alone, best of 200), no sync overhead.
 * Args: particles (100000), threads (1), runs (5).
 * Run: ./mvnw -B -Pbench test-compile exec:exec -Dbench.main=com.fxdesk.slv.bench.LeverageProfile -Dbench.args="100000 1 5"
 */
public final class LeverageProfile {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        SlvSetups eur = SlvSetups.load(TestMarkets.EURUSD_2018, 5.0);
        // the estimator, timed: its fit is one task (the serial part of the regression phase)
        AtomicLong fitNanos = new AtomicLong();
        ConditionalExpectationEstimator purbf = Estimators.paperDefault();
        ConditionalExpectationEstimator timed = (x, y, m) -> {
            long t0 = MX.getCurrentThreadCpuTime();
            var fit = purbf.fit(x, y, m);
            fitNanos.addAndGet(MX.getCurrentThreadCpuTime() - t0);
            return fit;
        };
        SlvCalibrationInput in = SlvCalibrationInput.of(new Market(eur.data().fx(), eur.localVol(), null,
                        eur.surface().expiries(), 5.0), eur.heston(), timed)
                .withParticles(Particles.DEFAULTS.withCount(n).withSubSteps(0)).withRepricing(Repricing.disabled());
        List<Thread> workers = new CopyOnWriteArrayList<>();
        ExecutorService pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "profile-worker");
            th.setDaemon(true);
            workers.add(th);
            return th;
        });
        SlvCalibrator cal = new SlvCalibrator(pool);
        double drawMs = drawCpuMs(n);
        for (int r = 0; r < runs; r++) {
            long c0 = SlvBenchmark.cpuNanos(workers);
            fitNanos.set(0);
            SlvCalibrationResult res = cal.calibrate(in, null, null);
            long c1 = SlvBenchmark.cpuNanos(workers);
            double cpu = (c1 - c0) / 1e6;
            double fit = fitNanos.get() / 1e6;
            int intervals = res.slices().size();
            // two idle cores: the fit runs alone on one while the other draws two steps' normals (intervals × two
            // steps' normals, measured alone), then both share what is left of that phase; the rest splits in two
            double ahead = 2 * intervals * drawMs;
            double estimate = Math.max(fit, (fit + ahead) / 2) + (cpu - fit - ahead) / 2;
            System.out.printf("run %d: wall %.0f ms, CPU %.0f ms, fit CPU %.0f ms, normals drawn ahead %.0f ms, "
                            + "2-core estimate %.0f ms (before the overlap %.0f), regression %.0f ms, propagation %.0f ms, "
                            + "steps %d, fingerprint %016x, load %s%n", r, res.timings().leverageMs(), cpu, fit,
                    ahead, estimate, fit + (cpu - fit) / 2,
                    res.timings().regressionMs(), res.timings().propagationMs(),
                    res.propagationTimes().length - 1, fingerprint(res), SlvBenchmark.loadAverage());
        }
        if (pool != null) {
            pool.shutdown();
        }
    }

    /** FNV-style hash of the bits of every leverage value and every slice's m(s) and grid. */
    static long fingerprint(SlvCalibrationResult res) {
        long h = 0xcbf29ce484222325L;
        LeverageFunction lev = res.leverage();
        for (int s = 0; s < lev.sliceCount(); s++) {
            h = mix(h, lev.times()[s]);
            for (double d : lev.spots(s)) {
                h = mix(h, d);
            }
            for (double d : lev.values(s)) {
                h = mix(h, d);
            }
        }
        for (RegressionSlice sl : res.slices()) {
            for (double d : sl.conditionalVariance()) {
                h = mix(h, d);
            }
            h = mix(h, sl.meanVariance());
        }
        return h;
    }

    private static long mix(long h, double d) {
        return (h ^ Double.doubleToRawLongBits(d)) * 0x100000001b3L;
    }

    /** CPU ms to draw one step's normals (2n) in chunks of 1,024, best of 200 rounds. */
    static double drawCpuMs(int n) {
        double[] z = new double[n];
        double best = Double.POSITIVE_INFINITY;
        long state = 1;
        for (int round = 0; round < 200; round++) {
            long t0 = MX.getCurrentThreadCpuTime();
            for (int k = 0; k < 2; k++) {
                for (int from = 0; from < n; from += 1024) {
                    state = ZigguratNormals.fill(z, from, Math.min(n, from + 1024), state);
                }
            }
            best = Math.min(best, (MX.getCurrentThreadCpuTime() - t0) / 1e6);
        }
        return best;
    }
}
