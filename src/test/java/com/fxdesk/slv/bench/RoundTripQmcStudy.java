package com.fxdesk.slv.bench;

import com.fxdesk.slv.calibration.RoundTrip;
import com.fxdesk.slv.calibration.RoundTripConfig;
import com.fxdesk.slv.calibration.RoundTripQuote;
import com.fxdesk.slv.calibration.RoundTripResult;
import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Heston;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Market;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Particles;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Repricing;
import com.fxdesk.slv.calibration.SlvCalibrationResult;
import com.fxdesk.slv.calibration.SlvCalibrator;
import com.fxdesk.slv.random.SequenceType;
import com.fxdesk.slv.regression.Estimators;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

/**
 * Randomised QMC against pseudo-random paths for the round trip, at equal path counts and without extra paths: each
 * market (to min(5Y, last expiry), every pillar quote from 1W) is calibrated once (the shipped defaults, η = 0.66,
 * particles as given), then its round trip is run on a 2-thread pool for every variant × seed: PSEUDO and SOBOL
 * (B digit-shifted batches on a Brownian bridge), each with the default controls (S_T and the Heston companion) and
 * with none. Per variant: CPU time of all threads over the round trip (median over seeds), wall time, and over the
 * points from 10Δ put to 10Δ call the mean reported variance (s.e.² in bp²), the honesty ratio Σ var over seeds of
 * the estimates / Σ mean reported s.e.² (≈ 1 when the s.e. is honest), the points resolved at 1 bp (s.e. ≤ 1) and
 * the RMS error against the market. Then variance-reduction factors PSEUDO / SOBOL (reported s.e.², equal paths)
 * per expiry and per delta, with and without controls, and the same at equal CPU (× CPU ratio).
 * Args: markets (comma-separated, default the four of issue 10), seeds (4), paths (100,000), particles (100,000),
 * Sobol batch counts (comma-separated, 16).
 */
public final class RoundTripQmcStudy {

    record Variant(String name, SequenceType seq, int batches, boolean cv) {
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        String[] markets = (args.length > 0 && !args[0].isEmpty() ? args[0]
                : "eurusd-2018-03-15,usdtry-2024-06-14-em,gbpusd-2026-06-19-event,usdmxn-2027-05-21-event")
                .split(",");
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int paths = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int particles = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
        int[] batchCounts = Arrays.stream((args.length > 4 ? args[4] : "16").split(","))
                .mapToInt(Integer::parseInt).toArray();
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("pseudo+cv", SequenceType.PSEUDO, 1, true));
        variants.add(new Variant("pseudo", SequenceType.PSEUDO, 1, false));
        for (int b : batchCounts) {
            variants.add(new Variant("sobol" + b + "+cv", SequenceType.SOBOL, b, true));
            variants.add(new Variant("sobol" + b, SequenceType.SOBOL, b, false));
        }
        ForkJoinPool pool = new ForkJoinPool(2);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.printf("RoundTripQmcStudy: %d seeds, %,d paths, %,d particles, batches %s; start load %s%n", seeds,
                paths, particles, Arrays.toString(batchCounts), SlvBenchmark.loadAverage());
        for (String market : markets) {
            SlvSetups s = SlvSetups.toFiveYearsOrLastExpiry(market);
            double mat = SlvSetups.horizon(s.surface());
            SlvCalibrationInput in = SlvCalibrationInput.of(new Market(s.data().fx(), s.localVol(), s.surface(),
                            s.surface().expiries(), mat), s.heston(), Estimators.paperDefault())
                    .withHeston(new Heston(s.heston(), 0.66))
                    .withParticles(Particles.DEFAULTS.withCount(particles).withSeed(42))
                    .withRepricing(Repricing.disabled());
            SlvCalibrationResult cal = new SlvCalibrator(pool).calibrate(in, null, null);
            List<RoundTripQuote> qs = s.quotes().stream().filter(q -> q.expiry() <= mat + 1e-9).toList();
            // warm-up (JIT) once per market
            RoundTrip.run(s.data().fx(), cal.mixedHeston(), cal.leverage(), qs,
                    new RoundTripConfig(true, paths / 4, 1, true, true), pool, null, null);
            Map<String, double[][]> est = new LinkedHashMap<>(); // variant → [seed][point] model vol bp
            Map<String, double[][]> se = new LinkedHashMap<>();
            Map<String, double[]> cpu = new LinkedHashMap<>();
            Map<String, double[]> wall = new LinkedHashMap<>();
            List<RoundTripResult.Point> ref = null;
            int steps = 0;
            for (Variant v : variants) {
                double[][] e = new double[seeds][];
                double[][] sd = new double[seeds][];
                double[] c = new double[seeds];
                double[] w = new double[seeds];
                for (int k = 0; k < seeds; k++) {
                    RoundTripConfig cfg = new RoundTripConfig(true, paths, RoundTripConfig.seedFor(1000 + k), true,
                            v.cv(), v.cv(), false, RoundTripConfig.Adaptive.OFF, v.seq(), v.batches());
                    long c0 = allThreadsCpu(mx);
                    long w0 = System.nanoTime();
                    RoundTripResult r = RoundTrip.run(s.data().fx(), cal.mixedHeston(), cal.leverage(), qs, cfg,
                            pool, null, null);
                    w[k] = (System.nanoTime() - w0) / 1e6;
                    c[k] = (allThreadsCpu(mx) - c0) / 1e6;
                    ref = r.points();
                    steps = r.steps();
                    e[k] = r.points().stream().mapToDouble(p -> p.modelVol() * 1e4).toArray();
                    sd[k] = r.points().stream().mapToDouble(RoundTripResult.Point::stdErrorBps).toArray();
                }
                est.put(v.name(), e);
                se.put(v.name(), sd);
                cpu.put(v.name(), c);
                wall.put(v.name(), w);
            }
            List<RoundTripResult.Point> points = ref;
            boolean[] band = new boolean[points.size()];
            for (int q = 0; q < band.length; q++) {
                band[q] = QualityEvidence.within10Delta(s.data().fx(), points.get(q));
            }
            System.out.printf("%n### %s to %.2fY: %d quotes (%d from 10P to 10C), %d steps; load %s%n", market, mat,
                    points.size(), count(band), steps,
                    SlvBenchmark.loadAverage());
            System.out.println("| variant | CPU ms (median) | wall ms (median) | 10P–10C: mean s.e.² bp² | median s.e. "
                    + "bp | max s.e. bp | spread²/s.e.² | resolved at 1 bp | RMS error vs market bp |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            for (Variant v : variants) {
                double[][] e = est.get(v.name());
                double[][] sd = se.get(v.name());
                double meanVar = 0;
                double spread = 0;
                double reported = 0;
                double errSq = 0;
                int n = 0;
                int resolved = 0;
                List<Double> seList = new ArrayList<>();
                for (int q = 0; q < band.length; q++) {
                    if (!band[q]) {
                        continue;
                    }
                    double m = 0;
                    double s2 = 0;
                    for (int k = 0; k < seeds; k++) {
                        m += e[k][q];
                        s2 += sd[k][q] * sd[k][q];
                        seList.add(sd[k][q]);
                        resolved += sd[k][q] <= 1.0 ? 1 : 0;
                        double err = e[k][q] - points.get(q).marketVol() * 1e4;
                        errSq += err * err;
                    }
                    m /= seeds;
                    s2 /= seeds;
                    double var = 0;
                    for (int k = 0; k < seeds; k++) {
                        var += (e[k][q] - m) * (e[k][q] - m);
                    }
                    var /= Math.max(1, seeds - 1);
                    meanVar += s2;
                    spread += var;
                    reported += s2;
                    n++;
                }
                double[] sorted = seList.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                System.out.printf("| %s | %.0f | %.0f | %.4f | %.3f | %.3f | %.2f | %.1f / %d | %.2f |%n", v.name(),
                        median(cpu.get(v.name())), median(wall.get(v.name())), meanVar / n,
                        sorted[sorted.length / 2], sorted[sorted.length - 1], spread / reported,
                        (double) resolved / seeds, n, Math.sqrt(errSq / (n * seeds)));
            }
            // variance reduction per expiry and per delta bucket: Σ s.e.² PSEUDO / Σ s.e.² SOBOL over the group
            for (int b : batchCounts) {
                for (boolean cv : new boolean[] {true, false}) {
                    String p = cv ? "pseudo+cv" : "pseudo";
                    String q = "sobol" + b + (cv ? "+cv" : "");
                    double cpuRatio = median(cpu.get(p)) / median(cpu.get(q));
                    System.out.printf("VRF %s / %s, equal paths (equal CPU: × %.2f): all 10P–10C %.2f (%.2f); median "
                                    + "over points of the per-point ratio %.2f (%.2f)%n", p, q, cpuRatio,
                            vrf(se.get(p), se.get(q), band, null, points),
                            vrf(se.get(p), se.get(q), band, null, points) * cpuRatio,
                            medianRatio(se.get(p), se.get(q), band), medianRatio(se.get(p), se.get(q), band) * cpuRatio);
                    Map<String, List<Integer>> byExpiry = new LinkedHashMap<>();
                    Map<String, List<Integer>> byDelta = new LinkedHashMap<>();
                    for (int i = 0; i < band.length; i++) {
                        if (band[i]) {
                            String l = points.get(i).label().strip();
                            int sp = l.lastIndexOf(' ');
                            byExpiry.computeIfAbsent(sp > 0 ? l.substring(0, sp) : l, x -> new ArrayList<>()).add(i);
                            byDelta.computeIfAbsent(l.substring(sp + 1), x -> new ArrayList<>()).add(i);
                        }
                    }
                    StringBuilder sb = new StringBuilder("  by expiry:");
                    byExpiry.forEach((k, idx) -> sb.append(String.format(" %s %.1f", k,
                            vrf(se.get(p), se.get(q), band, idx, points))));
                    System.out.println(sb);
                    StringBuilder sd = new StringBuilder("  by delta:");
                    byDelta.forEach((k, idx) -> sd.append(String.format(" %s %.1f", k,
                            vrf(se.get(p), se.get(q), band, idx, points))));
                    System.out.println(sd);
                }
            }
            // SOBOL against PSEUDO estimates (with controls): the mean over seeds, in units of their joint s.e.
            for (int b : batchCounts) {
                double[][] ep = est.get("pseudo+cv");
                double[][] eq = est.get("sobol" + b + "+cv");
                double[][] sp = se.get("pseudo+cv");
                double[][] sq = se.get("sobol" + b + "+cv");
                double maxZ = 0;
                double sumZ2 = 0;
                int n = 0;
                for (int i = 0; i < band.length; i++) {
                    if (!band[i]) {
                        continue;
                    }
                    double d = 0;
                    double v = 0;
                    for (int k = 0; k < seeds; k++) {
                        d += eq[k][i] - ep[k][i];
                        v += sp[k][i] * sp[k][i] + sq[k][i] * sq[k][i];
                    }
                    double z = d / seeds / Math.sqrt(v / seeds / seeds);
                    maxZ = Math.max(maxZ, Math.abs(z));
                    sumZ2 += z * z;
                    n++;
                }
                System.out.printf("sobol%d+cv − pseudo+cv, mean over seeds: RMS z %.2f, max |z| %.2f over %d points%n",
                        b, Math.sqrt(sumZ2 / n), maxZ, n);
            }
        }
        System.out.printf("end load %s%n", SlvBenchmark.loadAverage());
        pool.shutdown();
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean x : b) {
            n += x ? 1 : 0;
        }
        return n;
    }

    /** Σ over the group's points and seeds of s.e.² for a over the same for b (idx null: every band point). */
    private static double vrf(double[][] a, double[][] b, boolean[] band, List<Integer> idx,
                              List<RoundTripResult.Point> points) {
        double sa = 0;
        double sb = 0;
        for (int i = 0; i < band.length; i++) {
            if (!band[i] || idx != null && !idx.contains(i)) {
                continue;
            }
            for (int k = 0; k < a.length; k++) {
                if (Double.isFinite(a[k][i]) && Double.isFinite(b[k][i])) {
                    sa += a[k][i] * a[k][i];
                    sb += b[k][i] * b[k][i];
                }
            }
        }
        return sa / sb;
    }

    /**
     * Median over the band's points of Σ_seeds s.e.² (a) / Σ_seeds s.e.² (b): robust to the few far-wing points a
     * handful of paths price, whose s.e. (hundreds of bp) dominates the pooled ratio on a strike grid.
     */
    private static double medianRatio(double[][] a, double[][] b, boolean[] band) {
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < band.length; i++) {
            if (!band[i]) {
                continue;
            }
            double sa = 0;
            double sb = 0;
            for (int k = 0; k < a.length; k++) {
                sa += a[k][i] * a[k][i];
                sb += b[k][i] * b[k][i];
            }
            if (Double.isFinite(sa / sb)) {
                r.add(sa / sb);
            }
        }
        return median(r.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double median(double[] x) {
        double[] c = x.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : 0.5 * (c[c.length / 2 - 1] + c[c.length / 2]);
    }

    /** CPU time of every live JVM thread, ns. */
    private static long allThreadsCpu(ThreadMXBean mx) {
        long sum = 0;
        for (long id : mx.getAllThreadIds()) {
            sum += Math.max(mx.getThreadCpuTime(id), 0);
        }
        return sum;
    }
}
