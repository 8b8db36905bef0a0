package com.fxdesk.slv.regression;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Study-only (wip/purbfn): a peaked cloud with long tails and a steep, curved E[V | S] like the crisis market's
 * (a narrow bump of high V just below the forward, a trough at it, a steep put wing), y = m(x)·Exp(1); relative error
 * of the fit at 41 levels of x's distribution (1 %–99 %), max and RMS, per seed, per variant.
 * Args: n, seeds, variants (as {@link PurbfReplay#variant}).
 */
public final class PurbfSynth {
    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        int n = Integer.parseInt(args[0]);
        int seeds = Integer.parseInt(args[1]);
        String[] variants = args[2].split(",");
        for (String v : variants) {
            double worst = 0;
            double meanRms = 0;
            StringBuilder b = new StringBuilder();
            for (int seed = 1; seed <= seeds; seed++) {
                double[][] xy = cloud(n, seed);
                RegressionFit fit = PurbfReplay.variant(v).fit(xy[0], xy[1], n);
                double[] q = quantiles(xy[0], n);
                double mx = 0;
                double rms = 0;
                for (double xq : q) {
                    double e = fit.value(xq) / m(xq) - 1;
                    mx = Math.max(mx, Math.abs(e));
                    rms += e * e / q.length;
                }
                rms = Math.sqrt(rms);
                worst = Math.max(worst, mx);
                meanRms += rms / seeds;
                b.append(String.format(" %.3f", mx));
            }
            System.out.printf("%-24s mean RMS rel %.4f worst max rel %.4f | max per seed%s%n", v, meanRms, worst, b);
        }
    }

    static double m(double x) {
        return 0.03 + 0.12 * Math.exp(-0.5 * Math.pow((x + 0.08) / 0.03, 2)) + 0.5 * x * x + (x < 0 ? -0.1 * x : 0);
    }

    static double[][] cloud(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double z = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
            x[i] = r.nextDouble() < 0.7 ? 0.05 * z : -0.1 + 0.35 * z;
            y[i] = m(x[i]) * -Math.log(1 - r.nextDouble());
        }
        return new double[][] {x, y};
    }

    static double[] quantiles(double[] x, int n) {
        double[] s = java.util.Arrays.copyOf(x, n);
        java.util.Arrays.sort(s);
        double[] q = new double[41];
        for (int k = 0; k < q.length; k++) {
            q[k] = s[(int) Math.round((0.01 + 0.98 * k / 40.0) * (n - 1))];
        }
        return q;
    }
}
