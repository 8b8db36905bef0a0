package com.fxdesk.slv.bench;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Paired speed of two builds in one JVM (wip/speed2k): each build's classes in a class loader of their own
 * ({@link #build}), one leverage calibration of each in turn ({@link AbLoop}: EURUSD 2018 to 5Y, defaults, no round trip,
 * the calling thread), which goes first alternating, so that both see the same load from run to run. Prints each
 * build's CPU and wall medians and the median of the per-pair CPU ratio (second / first). Both builds need AbLoop in
 * their test classes. A build against itself gave a ratio of 0.98 (0.92–1.00 quartiles) on the loaded machine of
 * 2026-12-08: differences within about ±5 % are not resolved.
 * Args: dirA dirB particles warm-ups runs.
 * Run (from a checkout, for its examples/markets): ./mvnw -B -o -Pbench test-compile exec:exec
 * -Dbench.main=com.fxdesk.slv.bench.AbDriver -Dbench.args="/tmp/base /path/to/branch 2048 12 60"
 */
public final class AbDriver {
    public static void main(String[] args) throws Exception {
        String[] dirs = {args[0], args[1]};
        int n = Integer.parseInt(args[2]);
        int warm = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        Method[] m = new Method[2];
        for (int t = 0; t < 2; t++) {
            URLClassLoader l = build(dirs[t]);
            m[t] = l.loadClass("com.fxdesk.slv.bench.AbLoop").getMethod("run", int.class);
        }
        for (int w = 0; w < warm; w++) {
            for (int t = 0; t < 2; t++) {
                m[t].invoke(null, n);
            }
        }
        List<List<long[]>> res = List.of(new ArrayList<>(), new ArrayList<>());
        for (int r = 0; r < runs; r++) {
            for (int t = (r % 2); t < (r % 2) + 2; t++) { // alternate which goes first
                res.get(t % 2).add((long[]) m[t % 2].invoke(null, n));
            }
        }
        double[] ratio = new double[runs];
        for (int r = 0; r < runs; r++) {
            ratio[r] = (double) res.get(1).get(r)[0] / res.get(0).get(r)[0];
        }
        for (int t = 0; t < 2; t++) {
            double[] cpu = res.get(t).stream().mapToDouble(a -> a[0] / 1e6).sorted().toArray();
            double[] wall = res.get(t).stream().mapToDouble(a -> a[1] / 1e6).sorted().toArray();
            System.out.printf("%s: CPU ms median %.1f (q25 %.1f, q75 %.1f, min %.1f), wall ms median %.1f (min %.1f), fingerprint %016x%n",
                    dirs[t], cpu[runs / 2], cpu[runs / 4], cpu[3 * runs / 4], cpu[0], wall[runs / 2], wall[0],
                    res.get(t).get(runs - 1)[2]);
        }
        Arrays.sort(ratio);
        System.out.printf("paired CPU ratio second/first: median %.3f (q25 %.3f, q75 %.3f) over %d pairs%n", ratio[runs / 2],
                ratio[runs / 4], ratio[3 * runs / 4], runs);
    }

    /**
     * A class loader for one build: its target/test-classes and target/classes, then every class-path entry of this
     * JVM that is not a build directory (the dependencies), under the platform loader, so that two builds' classes
     * never mix.
     */
    static URLClassLoader build(String dir) throws Exception {
        java.util.List<URL> urls = new java.util.ArrayList<>();
        urls.add(new File(dir + "/target/test-classes/").toURI().toURL());
        urls.add(new File(dir + "/target/classes/").toURI().toURL());
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.endsWith("classes") && !e.endsWith("classes/")) {
                urls.add(new File(e).toURI().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }
}
