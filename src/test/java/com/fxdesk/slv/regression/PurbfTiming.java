package com.fxdesk.slv.regression;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Study-only (wip/purbfn): thread CPU per fit of estimator variants over dumped clouds. Args: dir, reps, variants. */
public final class PurbfTiming {
    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        List<double[][]> clouds = new ArrayList<>();
        try (var s = Files.list(Path.of(args[0]))) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("fit-")).sorted().toList()) {
                clouds.add(PurbfReplay.read(p));
            }
        }
        int reps = Integer.parseInt(args[1]);
        String[] variants = args[2].split(",");
        var mx = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 3; round++) {
            StringBuilder b = new StringBuilder("round " + round + ":");
            for (String v : variants) {
                ConditionalExpectationEstimator e = PurbfReplay.variant(v);
                long t0 = mx.getCurrentThreadCpuTime();
                double sink = 0;
                for (int r = 0; r < reps; r++) {
                    for (double[][] c : clouds) {
                        sink += e.fit(c[0], c[1], c[0].length).value(c[0][0]);
                    }
                }
                double ms = (mx.getCurrentThreadCpuTime() - t0) / 1e6 / reps / clouds.size();
                b.append(String.format(" %s %.3f ms", v, ms));
                if (sink == 42) {
                    System.out.print("");
                }
            }
            System.out.println(b);
        }
    }
}
