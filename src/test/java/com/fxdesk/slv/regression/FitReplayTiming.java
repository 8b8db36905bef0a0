package com.fxdesk.slv.regression;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Study-only (wip/speed2k): thread CPU per default PURBF fit (plus its values on a uniform and a non-uniform 101-point
 * grid) over clouds dumped by {@code bench.PurbfCloudDump}, and an FNV hash of the bits of those values (and of the
 * first round's condition numbers): two builds that print the same hashes fit the same to the bit.
 * Args: dir, reps per round, rounds. E.g. dump with PurbfCloudDump "eurusd-2018-03-15 2048 1 1 /tmp/clouds" (554 fits:
 * the SLV and the companion cloud of every regression), then run with "/tmp/clouds 3 8".
 */
public final class FitReplayTiming {
    public static void main(String[] args) throws Exception {
        List<double[][]> clouds = new ArrayList<>();
        try (var s = Files.list(Path.of(args[0]))) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("fit-")).sorted().toList()) {
                clouds.add(PurbfReplay.read(p));
            }
        }
        int reps = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        var mx = ManagementFactory.getThreadMXBean();
        ConditionalExpectationEstimator e = Estimators.paperDefault();
        double[] grid = new double[101];
        double[] out = new double[101];
        double[] nonUniform = new double[101];
        double[] out2 = new double[101];
        for (int round = 0; round < rounds; round++) {
            long h = 0xcbf29ce484222325L;
            long hd = h;
            long t0 = mx.getCurrentThreadCpuTime();
            for (int r = 0; r < reps; r++) {
                for (double[][] c : clouds) {
                    double[] x = c[0];
                    int n = x.length;
                    RegressionFit f = e.fit(x, c[1], n);
                    double lo = x[0], hi = x[0];
                    for (double v : x) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
                    for (int q = 0; q < 101; q++) {
                        grid[q] = lo + (hi - lo) * q / 100.0;
                        double u = q / 100.0;
                        nonUniform[q] = lo + (hi - lo) * u * u;
                    }
                    f.values(grid, out, 101);
                    f.values(nonUniform, out2, 101);
                    if (r == 0 && round == 0 && System.getProperty("dump") != null) {
                        try (var w = new java.io.PrintWriter(new java.io.FileWriter(System.getProperty("dump"), true))) {
                            for (double d : out) w.println(d);
                        }
                    }
                    if (r == 0) {
                        for (double d : out) h = (h ^ Double.doubleToRawLongBits(d)) * 0x100000001b3L;
                        for (double d : out2) h = (h ^ Double.doubleToRawLongBits(d)) * 0x100000001b3L;
                        if (round == 0) {
                            hd = (hd ^ Double.doubleToRawLongBits(f.diagnostics().conditionNumber())) * 0x100000001b3L;
                        }
                    }
                }
            }
            double us = (mx.getCurrentThreadCpuTime() - t0) / 1e3 / reps / clouds.size();
            System.out.printf("round %d: %.2f us per fit+2 evals, hash %016x, diag hash %016x%n", round, us, h, hd);
        }
    }
}
