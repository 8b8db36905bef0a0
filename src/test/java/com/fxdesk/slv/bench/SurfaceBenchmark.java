package com.fxdesk.slv.bench;

import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.testdata.TestMarkets;
import com.fxdesk.slv.volatility.ArbitrageScanner;
import com.fxdesk.slv.volatility.DupireLocalVol;
import com.fxdesk.slv.volatility.LocalVolGrid;
import com.fxdesk.slv.volatility.VolSurface;
import com.fxdesk.slv.volatility.VolSurfaceBuilder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Andreasen–Huge surface build (targets, warm: 15 quote pillars ≤ 10 ms, an 11 × 41 grid ≤ 50 ms), a 100 × 200
 * local-vol grid, and the served-vol arbitrage scan of a surface seen for the first time (its slices not cached).
 * Prints wall and thread-CPU medians (thread CPU is what a loaded machine disturbs least) and the load average.
 * <pre>./mvnw -B -Pbench test-compile exec:exec -Dbench.main=com.fxdesk.slv.bench.SurfaceBenchmark \
 *     -Dbench.args="[reps] [targets|all|market-name...] [noscan|scanonly]"</pre>
 * Defaults: 15 repetitions (after at least 300 warm-up builds or 10 s of them, and at least as many as the
 * repetitions), every market, build and scan. {@code targets} = the two markets
 * of the speed targets (usdtry-2024-06-14-em, audusd-grid-heston-perturbed).
 */
public final class SurfaceBenchmark {
    private static final List<String> TARGETS = List.of(TestMarkets.USDTRY_EM, TestMarkets.GRID_HESTON);
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    /** Warm-up builds per market: at least this many (unless {@link #WARM_UP_NANOS} has passed), and at least reps. */
    private static final int WARM_UP_BUILDS = 300;
    private static final long WARM_UP_NANOS = 10_000_000_000L;

    private SurfaceBenchmark() {
    }

    public static void main(String[] args) {
        int reps = 15;
        boolean build = true;
        boolean scan = true;
        List<String> markets = new ArrayList<>();
        for (String a : args) {
            if (a.matches("\\d+")) {
                reps = Integer.parseInt(a);
            } else if (a.equals("targets")) {
                markets.addAll(TARGETS);
            } else if (a.equals("all")) {
                markets.addAll(TestMarkets.SURFACE);
            } else if (a.equals("noscan")) {
                scan = false;
            } else if (a.equals("scanonly")) {
                build = false;
            } else {
                markets.add(a);
            }
        }
        if (markets.isEmpty()) {
            markets.addAll(TestMarkets.SURFACE);
        }
        System.out.printf("SurfaceBenchmark: %d warm repetitions (after >= %d warm-up builds or 10 s), load %s%n",
                reps, Math.max(reps, WARM_UP_BUILDS),
                loadAverage());
        for (String name : markets) {
            run(name, reps, build, scan);
        }
        System.out.printf("load average at the end: %s%n", loadAverage());
    }

    private static String loadAverage() {
        try {
            return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim();
        } catch (java.io.IOException | RuntimeException e) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static void run(String name, int reps, boolean doBuild, boolean doScan) {
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
        double[] buildCpu = new double[reps];
        double[] grid = new double[reps];
        double[] scan = new double[reps];
        double[] scanCpu = new double[reps];
        double sink = 0;
        int violations = -1;
        for (int warm = 0; warm < 2; warm++) { // first pass is warm-up
            // the warm-up builds at least WARM_UP_BUILDS times (or for WARM_UP_NANOS): 15 or 60 warm-ups left the
            // JIT's compilation of the sweeps unfinished in some runs (USDTRY 9.1–11.7 ms for the same code)
            long warmEnd = System.nanoTime() + WARM_UP_NANOS;
            int builds = warm == 0 ? Math.max(reps, WARM_UP_BUILDS) : reps;
            for (int r = 0; r < builds && doBuild && (r < reps || System.nanoTime() < warmEnd); r++) {
                long c0 = MX.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                VolSurface v = VolSurfaceBuilder.build(md);
                long t1 = System.nanoTime();
                buildCpu[r % reps] = (MX.getCurrentThreadCpuTime() - c0) / 1e6;
                build[r % reps] = (t1 - t0) / 1e6;
                LocalVolGrid g = new DupireLocalVol(v).grid(times, spots);
                grid[r % reps] = (System.nanoTime() - t1) / 1e6;
                sink += g.values()[5][5];
            }
            for (int r = 0; r < reps && doScan; r++) {
                VolSurface v = VolSurfaceBuilder.build(md); // a fresh surface: no cached slices
                long c0 = MX.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                violations = ArbitrageScanner.scan(v).violations().size();
                scan[r] = (System.nanoTime() - t0) / 1e6;
                scanCpu[r] = (MX.getCurrentThreadCpuTime() - c0) / 1e6;
            }
        }
        System.out.printf("%-30s %2d pillars x %2d points, lattice %4d:", name, s.pillars().size(),
                s.pillars().get(0).strikes().length, s.latticeSize());
        if (doBuild) {
            System.out.printf(" build wall median %7.2f ms (min %7.2f), thread CPU median %7.2f ms;"
                    + " local-vol grid 100x200 %5.2f ms;", median(build), min(build), median(buildCpu), median(grid));
        }
        if (doScan) {
            System.out.printf(" served scan wall median %7.2f ms (min %7.2f), thread CPU median %7.2f ms,"
                    + " %d violations;", median(scan), min(scan), median(scanCpu), violations);
        }
        System.out.printf(" (%d reps, sink %.1f, load %s)%n", reps, sink, loadAverage());
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
