package com.fxdesk.slv.bench;

import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.testdata.TestMarkets;
import com.fxdesk.slv.volatility.ArbitrageScanner;
import com.fxdesk.slv.volatility.DupireLocalVol;
import com.fxdesk.slv.volatility.LocalVolGrid;
import com.fxdesk.slv.volatility.VolSurface;
import com.fxdesk.slv.volatility.VolSurfaceBuilder;
import java.util.Arrays;

/**
 * Andreasen–Huge surface build (targets, warm: 15 quote pillars ≤ 10 ms, an 11 × 41 grid ≤ 50 ms), a 100 × 200
 * local-vol grid, and the dense arbitrage scan. Prints medians; the build also in thread CPU time, which a loaded
 * machine disturbs less than wall time.
 * <pre>./mvnw -B -Pbench test-compile exec:exec -Dbench.main=com.fxdesk.slv.bench.SurfaceBenchmark</pre>
 */
public final class SurfaceBenchmark {

    public static void main(String[] args) {
        int reps = Integer.getInteger("bench.reps", 40);
        for (String name : new String[] {TestMarkets.USDTRY_EM, TestMarkets.GRID_HESTON, TestMarkets.EURUSD_2018,
            TestMarkets.USDJPY_2018, TestMarkets.EURUSD_2025, TestMarkets.USDBRL_STRESS, TestMarkets.USDJPY_GRID,
            TestMarkets.USDJPY_CRISIS, TestMarkets.EURGBP_25D, TestMarkets.GRID_SABR}) {
            run(name, reps);
        }
    }

    private static void run(String name, int reps) {
        MarketData md = TestMarkets.load(name);
        VolSurface s = VolSurfaceBuilder.build(md);
        double last = s.lastExpiry();
        double s0 = md.fx().spot();
        double[] times = new double[100];
        double[] spots = new double[200];
        for (int i = 0; i < times.length; i++) {
            times[i] = last * (i + 1) / times.length;
        }
        double sd = s.impliedVol(last, s.forward(last)) * Math.sqrt(last);
        for (int j = 0; j < spots.length; j++) {
            spots[j] = s0 * Math.exp(-3 * sd + 6 * sd * j / (spots.length - 1));
        }
        double[] build = new double[reps];
        double[] grid = new double[reps];
        double[] batch = new double[reps];
        double[] scan = new double[reps];
        double[] buildCpu = new double[reps];
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] out = new double[spots.length];
        double sink = 0;
        for (int warm = 0; warm < 2; warm++) { // first pass is warm-up
            for (int r = 0; r < reps; r++) {
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                VolSurface v = VolSurfaceBuilder.build(md);
                long t1 = System.nanoTime();
                buildCpu[r] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
                DupireLocalVol lv = new DupireLocalVol(v);
                LocalVolGrid g = lv.grid(times, spots);
                long t2 = System.nanoTime();
                for (double t : times) {
                    lv.localVol(t, spots, out, spots.length);
                    sink += out[7];
                }
                long t3 = System.nanoTime();
                sink += ArbitrageScanner.scan(v).violations().size();
                long t4 = System.nanoTime();
                sink += g.values()[5][5];
                scan[r] = (t4 - t3) / 1e6;
                build[r] = (t1 - t0) / 1e6;
                grid[r] = (t2 - t1) / 1e6;
                batch[r] = (t3 - t2) / 1e6;
            }
        }
        System.out.printf("%-30s %2d pillars x %2d points, lattice %4d: build median %7.2f ms (min %7.2f, thread CPU median %7.2f), local-vol"
                        + " grid 100x200 %6.2f ms, batch localVol 100x200 %6.2f ms, arbitrage scan %6.1f ms"
                        + "  (%d reps, sink %.1f)%n",
                name, s.pillars().size(), s.pillars().get(0).strikes().length, s.latticeSize(), median(build),
                min(build), median(buildCpu), median(grid), median(batch), median(scan), reps, sink);
    }

    private static double min(double[] x) {
        return Arrays.stream(x).min().orElse(Double.NaN);
    }

    private static double median(double[] x) {
        double[] c = x.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
