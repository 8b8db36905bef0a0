package com.fxdesk.slv.regression;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Study-only (wip/purbfn): replays particle clouds written by {@code bench.PurbfCloudDump} through estimator variants
 * and compares each fit with fine equal-count bins of the same particles (1,000 a bin): per bin the mean of the fit
 * over the bin's particles minus the bin's mean V, in units of the bin's standard error (z). A fit that follows
 * E[V | S] has z² ≈ 1 on average; ringing shows as runs of large z of alternating sign.
 * Args: dir, fit indices (comma list or "all"), verbose (0/1), variants (comma list of names, see {@link #variant}).
 */
public final class PurbfReplay {
    static final int PER_BIN = 1000;

    public static void main(String[] args) throws IOException {
        Locale.setDefault(Locale.ROOT);
        Path dir = Path.of(args[0]);
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().startsWith("fit-")).sorted().forEach(files::add);
        }
        String sel = args.length > 1 ? args[1] : "all";
        boolean verbose = args.length > 2 && args[2].equals("1");
        String[] variants = (args.length > 3 ? args[3] : "base").split(",");
        double[][] sumChi = new double[variants.length][2];
        double[] sumRel = new double[variants.length];
        double[] maxZ = new double[variants.length];
        long[] nanos = new long[variants.length];
        int used = 0;
        for (Path f : files) {
            String name = f.getFileName().toString();
            int k = Integer.parseInt(name.substring(4, 8));
            if (!sel.equals("all") && !("," + sel + ",").contains("," + k + ",")) {
                continue;
            }
            double[][] xy = read(f);
            double[] x = xy[0];
            double[] y = xy[1];
            int n = x.length;
            // split (arg 5 = "split"): fit on the first half, bins (the reference) from the second half
            boolean split = args.length > 4 && args[4].equals("split");
            double[] fx = x;
            double[] fy = y;
            int fn = n;
            if (split) {
                fn = n / 2;
                fx = Arrays.copyOfRange(x, 0, fn);
                fy = Arrays.copyOfRange(y, 0, fn);
                x = Arrays.copyOfRange(xy[0], fn, n);
                y = Arrays.copyOfRange(xy[1], fn, n);
                n = n - fn;
            }
            final double[] xs = x;
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(xs[a], xs[b]));
            int bins = n / PER_BIN;
            double[] bx = new double[bins];
            double[] by = new double[bins];
            double[] bse = new double[bins];
            for (int b = 0; b < bins; b++) {
                int from = b * n / bins;
                int to = (b + 1) * n / bins;
                double sx = 0;
                double sy = 0;
                double syy = 0;
                for (int i = from; i < to; i++) {
                    sx += x[order[i]];
                    sy += y[order[i]];
                }
                int c = to - from;
                double my = sy / c;
                for (int i = from; i < to; i++) {
                    double d = y[order[i]] - my;
                    syy += d * d;
                }
                bx[b] = sx / c;
                by[b] = my;
                bse[b] = Math.sqrt(syy / (c - 1) / c);
            }
            used++;
            StringBuilder line = new StringBuilder(String.format("fit %d:", k));
            for (int e = 0; e < variants.length; e++) {
                ConditionalExpectationEstimator est = variant(variants[e]);
                long t0 = System.nanoTime();
                RegressionFit fit = est.fit(fx, fy, fn);
                nanos[e] += System.nanoTime() - t0;
                double chi = 0;
                double chiCore = 0;
                int core = 0;
                double rel = 0;
                double mz = 0;
                StringBuilder zs = new StringBuilder();
                for (int b = 0; b < bins; b++) {
                    int from = b * n / bins;
                    int to = (b + 1) * n / bins;
                    double sf = 0;
                    for (int i = from; i < to; i++) {
                        sf += fit.value(x[order[i]]);
                    }
                    double d = sf / (to - from) - by[b];
                    double z = d / bse[b];
                    chi += z * z;
                    if (b >= bins / 20 && b < bins - bins / 20) {
                        chiCore += z * z;
                        core++;
                    }
                    rel += (d / by[b]) * (d / by[b]);
                    mz = Math.max(mz, Math.abs(z));
                    if (verbose) {
                        zs.append(String.format(" %.3f:%.4f/%.4f(%+.1f)", bx[b] - bx[bins / 2], sf / (to - from),
                                by[b], z));
                    }
                }
                chi /= bins;
                chiCore /= core;
                rel = Math.sqrt(rel / bins);
                sumChi[e][0] += chi;
                sumChi[e][1] += chiCore;
                sumRel[e] += rel;
                maxZ[e] = Math.max(maxZ[e], mz);
                line.append(String.format(" | %s chi2 %.2f core %.2f rel %.4f max|z| %.1f", variants[e], chi,
                        chiCore, rel, mz));
                if (verbose) {
                    System.out.println("  " + variants[e] + " k=" + k + zs);
                }
            }
            System.out.println(line);
        }
        for (int e = 0; e < variants.length; e++) {
            System.out.printf("MEAN %-24s chi2 %.3f core %.3f rel %.5f max|z| %.1f fit ms %.1f (%d clouds)%n",
                    variants[e], sumChi[e][0] / used, sumChi[e][1] / used, sumRel[e] / used, maxZ[e],
                    nanos[e] / 1e6 / used, used);
        }
    }

    static double[][] read(Path f) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(f),
                1 << 16))) {
            int n = in.readInt();
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = in.readDouble();
                y[i] = in.readDouble();
            }
            return new double[][] {x, y};
        }
    }

    /**
     * Named variants: base (shipped default), binning, ll, rbf, lambda=L, units=M, scale=A, k=K, seed=S, theta=T, and
     * combinations by '+'. (The branch's temporary commit also had x:key=value switches of an experiment hook.)
     */
    static ConditionalExpectationEstimator variant(String name) {
        EstimatorConfig c = EstimatorConfig.defaults();
        if (name.equals("binning")) {
            return Estimators.create(EstimatorConfig.of(EstimatorType.BINNING));
        }
        if (name.equals("ll")) {
            return Estimators.create(EstimatorConfig.of(EstimatorType.LOCAL_LINEAR));
        }
        for (String part : name.split("\\+")) {
            if (part.equals("rbf")) {
                c = c.withType(EstimatorType.RBF);
            } else if (part.startsWith("lambda=")) {
                c = c.withLambda(Double.parseDouble(part.substring(7)));
            } else if (part.startsWith("units=")) {
                c = c.withUnits(Integer.parseInt(part.substring(6)));
            } else if (part.startsWith("scale=")) {
                c = c.withWidth(new EstimatorConfig.Width(WidthRule.KNN, c.width().k(),
                        Double.parseDouble(part.substring(6))));
            } else if (part.startsWith("k=")) {
                c = c.withWidth(new EstimatorConfig.Width(WidthRule.KNN, Integer.parseInt(part.substring(2)),
                        c.width().scale()));
            } else if (part.startsWith("seed=")) {
                c = c.withSeed(Long.parseLong(part.substring(5)));
            } else if (part.startsWith("theta=")) {
                c = c.withPruning(new EstimatorConfig.Pruning(Double.parseDouble(part.substring(6))));
            }
        }
        return Estimators.create(c);
    }
}
