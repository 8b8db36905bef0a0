package com.fxdesk.slv.bench;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * Two builds' leverage and E[V | S] slices for the same seeds ({@link AbLoop#values}), each build in its own class
 * loader ({@link AbDriver#build}): per seed the max and RMS relative difference, how many values are bit-identical,
 * and the max difference of m slice by slice (the first 80). Args: dirA dirB particles seeds market|- (-: EURUSD 2018
 * to 5Y); -Dslice=k also prints the grid points of slice k whose m differs by 1e-6 or more. Run like {@link AbDriver}.
 */
public final class AbCompare {
    public static void main(String[] args) throws Exception {
        Method[] m = new Method[2];
        for (int t = 0; t < 2; t++) {
            URLClassLoader l = AbDriver.build(args[t]);
            m[t] = l.loadClass("com.fxdesk.slv.bench.AbLoop").getMethod("values", int.class, long.class, String.class);
        }
        int n = Integer.parseInt(args[2]);
        int seeds = Integer.parseInt(args[3]);
        String market = args.length > 4 && !args[4].equals("-") ? args[4] : null;
        for (long seed = 1; seed <= seeds; seed++) {
            double[] a = (double[]) m[0].invoke(null, n, seed, market);
            double[] b = (double[]) m[1].invoke(null, n, seed, market);
            if (a.length != b.length) {
                System.out.printf("seed %d: lengths differ %d vs %d%n", seed, a.length, b.length);
                continue;
            }
            double maxL = 0, sumL = 0, maxM = 0, sumM = 0;
            int nL = 0, nM = 0, identical = 0;
            boolean inM = false;
            for (int i = 0; i < a.length; i++) {
                if (Double.isNaN(a[i]) && Double.isNaN(b[i])) {
                    inM = true;
                    continue;
                }
                if (Double.doubleToRawLongBits(a[i]) == Double.doubleToRawLongBits(b[i])) {
                    identical++;
                }
                double r = Math.abs(b[i] / a[i] - 1);
                if (inM) { maxM = Math.max(maxM, r); sumM += r * r; nM++; } else { maxL = Math.max(maxL, r); sumL += r * r; nL++; }
            }
            int start = -1;
            for (int i = 0; i < a.length; i++) { if (Double.isNaN(a[i])) { start = i + 1; break; } }
            StringBuilder sb = new StringBuilder();
            for (int sl = 0; start + sl * 200 < a.length && sl < 80; sl++) {
                double mx = 0;
                for (int q = 0; q < 200; q++) { int i = start + sl * 200 + q; mx = Math.max(mx, Math.abs(b[i] / a[i] - 1)); }
                sb.append(String.format("%d:%.0e ", sl, mx));
            }
            System.out.println(sb);
            if (System.getProperty("slice") != null) {
                int sl = Integer.getInteger("slice");
                StringBuilder d = new StringBuilder("slice " + sl + " rel diff by grid point:");
                for (int q = 0; q < 200; q += 1) { if (Math.abs(b[start + sl * 200 + q] / a[start + sl * 200 + q] - 1) < 1e-6) continue;
                    int i = start + sl * 200 + q;
                    d.append(String.format(" %d:%.1e", q, b[i] / a[i] - 1));
                }
                System.out.println(d);
            }
            System.out.printf("%s n %d seed %d: leverage %d values max rel diff %.2e RMS %.2e; slices' m %d values max %.2e RMS %.2e; bit-identical %d of %d%n",
                    market == null ? "eurusd-2018 5Y" : market, n, seed, nL, maxL, Math.sqrt(sumL / nL), nM, maxM, Math.sqrt(sumM / nM), identical, nL + nM);
        }
    }

}
