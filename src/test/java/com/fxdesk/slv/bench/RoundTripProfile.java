package com.fxdesk.slv.bench;

import com.fxdesk.slv.calibration.RoundTrip;
import com.fxdesk.slv.calibration.RoundTripConfig;
import com.fxdesk.slv.calibration.RoundTripResult;
import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Heston;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Market;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Particles;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Repricing;
import com.fxdesk.slv.calibration.SlvCalibrationResult;
import com.fxdesk.slv.calibration.SlvCalibrator;
import com.fxdesk.slv.regression.Estimators;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@link RoundTripBenchmark}'s round trip (EURUSD 2018 to 5Y, every pillar quote from 1W, 100,000 antithetic paths,
 * S_T and Heston-companion controls, seed 20240607) on a leverage calibrated once (20,000 particles, seed 42), then
 * the round trip alone repeated: for a profiler, and to time it with thread CPU next to wall. Prints per run the wall
 * time, the CPU time summed over the caller and the pool's threads, the load average, and a bit-level fingerprint of
 * the result (FNV-1a over the bits of every point's price, error and standard error): two builds that print the same
 * fingerprint computed the same round trip to the last bit.
 * Args: runs (7), threads (2; 1 = the calling thread only), particles (20,000), round-trip paths (100,000).
 * Run: ./mvnw -B -Pbench test-compile exec:exec -Dbench.main=com.fxdesk.slv.bench.RoundTripProfile -Dbench.args="7 2"
 */
public final class RoundTripProfile {

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int particles = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int paths = args.length > 3 ? Integer.parseInt(args[3]) : RoundTripConfig.DEFAULT_PATHS;
        String market = "eurusd-2018-03-15";
        double mat = 5.0;
        SlvSetups s = SlvSetups.load(market, mat, 0);
        RoundTripConfig cfg = new RoundTripConfig(true, paths, 20240607L, true, true, true,
                false);
        SlvCalibrationInput in = SlvCalibrationInput.of(new Market(s.data().fx(), s.localVol(), s.surface(),
                        s.surface().expiries(), mat), s.heston(), Estimators.paperDefault())
                .withHeston(new Heston(s.heston(), 0.66))
                .withParticles(Particles.DEFAULTS.withCount(particles).withSeed(42))
                .withRepricing(Repricing.disabled());
        List<Thread> workers = new CopyOnWriteArrayList<>();
        ExecutorService pool = threads <= 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "rt-worker");
            th.setDaemon(true);
            workers.add(th);
            return th;
        });
        SlvCalibrationResult cal = new SlvCalibrator(pool).calibrate(in, null, null);
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        for (int r = -2; r < runs; r++) {
            long c0 = SlvBenchmark.cpuNanos(workers);
            long t0 = System.nanoTime();
            RoundTripResult rt = RoundTrip.run(s.data().fx(), cal.mixedHeston(), cal.leverage(), s.localVol(),
                    s.surface(), s.quotes(), cfg, pool, null, null);
            long t1 = System.nanoTime();
            long c1 = SlvBenchmark.cpuNanos(workers);
            if (r >= 0) {
                wall[r] = (t1 - t0) / 1e6;
                cpu[r] = (c1 - c0) / 1e6;
                System.out.printf("run %d: wall %.0f ms, CPU %.0f ms (%d threads), %d quotes, %d steps, RMS %.4f bp, "
                                + "max %.4f bp, fingerprint %016x, load %s%n", r, wall[r], cpu[r], threads,
                        rt.points().size(), rt.steps(), rt.rmsErrorBps(), rt.maxErrorBps(), fingerprint(rt),
                        SlvBenchmark.loadAverage());
            }
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf("round trip, %d threads: wall median %.0f ms (best %.0f), CPU median %.0f ms (best %.0f)%n",
                threads, wall[runs / 2], wall[0], cpu[runs / 2], cpu[0]);
        if (pool != null) {
            pool.shutdown();
        }
    }

    /** FNV-1a over the bits of every point's model price, error and standard error. */
    static long fingerprint(RoundTripResult rt) {
        long h = 0xcbf29ce484222325L;
        for (RoundTripResult.Point p : rt.points()) {
            for (double d : new double[] {p.modelPrice(), p.errorBps(), p.stdErrorBps()}) {
                long bits = Double.doubleToRawLongBits(d);
                for (int k = 0; k < 8; k++) {
                    h ^= (bits >>> (8 * k)) & 0xff;
                    h *= 0x100000001b3L;
                }
            }
        }
        return h;
    }
}
