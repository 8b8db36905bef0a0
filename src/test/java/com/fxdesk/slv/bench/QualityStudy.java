package com.fxdesk.slv.bench;

import com.fxdesk.slv.calibration.GridGrading;
import com.fxdesk.slv.calibration.RoundTripConfig;
import com.fxdesk.slv.calibration.RoundTripResult;
import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Heston;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Market;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Particles;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Repricing;
import com.fxdesk.slv.calibration.SlvCalibrationResult;
import com.fxdesk.slv.calibration.SlvCalibrator;
import com.fxdesk.slv.regression.ConditionalExpectationEstimator;
import com.fxdesk.slv.regression.EstimatorConfig;
import com.fxdesk.slv.regression.EstimatorType;
import com.fxdesk.slv.regression.Estimators;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * One market, one set-up, every round-trip point (error, standard error, z) with the leverage and round-trip times:
 * the probe behind the grid and level-control figures of docs/calibration-quality.md.
 * Args: market, particles, timeStepDays (5), η (0.66), seed (42), round-trip paths (100,000), grading ("none", or
 * "α,f,afterExpiries(0|1),β[,α₀[,f_s]]"; default: the engine's); -Dsub=N fixes the propagation sub-steps, -Drefine=R the
 * short-end refinement (finest regression interval Δt/2^R), -Dest=TYPE the estimator (default: the paper's PURBF),
 * -Dm and -Dq the leverage spot grid's size and quantile; -Dcv=all (also the local-vol companion) or -Dcv=spot
 * (S_T only) the round trip's controls (default: S_T and the Heston companion, as shipped); -Dest=LP and -Dcmp=true:
 * see {@link #estimator()} and {@link SmoothingProbe}; -Dslices=true prints every slice where m was floored or L
 * clipped, with m and the slice's sampled V every 8 nodes (docs/calibration-quality.md 9.3). Ends with the JVM's CPU
 * time (all threads) and the load average: on the shared host wall time is not the code's.
 * System properties reach the forked JVM only as -Dbench.jvm="-Dest=BINNING -Dsub=20" (the pom's bench profile).
 */
public final class QualityStudy {
    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        long wall0 = System.nanoTime();
        String market = args[0];
        int n = Integer.parseInt(args[1]);
        int dtDays = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        double eta = args.length > 3 ? Double.parseDouble(args[3]) : 0.66;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 42;
        int sub = Integer.getInteger("sub", 0);
        int paths = args.length > 5 ? Integer.parseInt(args[5]) : 100_000;
        GridGrading g = args.length > 6 ? (args[6].equals("none") ? GridGrading.NONE : new GridGrading(
                Double.parseDouble(args[6].split(",")[0]), Double.parseDouble(args[6].split(",")[1]),
                args[6].split(",")[2].equals("1"), Double.parseDouble(args[6].split(",")[3]),
                args[6].split(",").length > 4 ? Double.parseDouble(args[6].split(",")[4]) : Double.POSITIVE_INFINITY,
                args[6].split(",").length > 5 ? Double.parseDouble(args[6].split(",")[5]) : Double.POSITIVE_INFINITY)) : Particles.DEFAULTS.grading();
        ForkJoinPool pool = new ForkJoinPool(2);
        SlvSetups s = SlvSetups.load(market, 5.0, 0);
        double mat = Math.min(5.0, s.surface().expiries()[s.surface().expiries().length - 1]);
        s = SlvSetups.load(market, mat, 0);
        System.out.println(market + " heston " + s.heston());
        Particles d = Particles.DEFAULTS;
        ConditionalExpectationEstimator est = estimator();
        SmoothingProbe probe = Boolean.getBoolean("cmp") ? new SmoothingProbe(est) : null;
        ConditionalExpectationEstimator used = probe != null ? probe : est;
        SlvCalibrationInput in = SlvCalibrationInput.of(new Market(s.data().fx(), s.localVol(), s.surface(),
                        s.surface().expiries(), mat), s.heston(), used)
                .withHeston(new Heston(s.heston(), eta))
                .withRegression(new SlvCalibrationInput.Regression(used, Integer.getInteger("m", 200),
                        Double.parseDouble(System.getProperty("q", "0.001"))))
                .withParticles(new Particles(n, dtDays, sub, Integer.getInteger("refine", d.shortEndRefinement()), g, seed, d.chunkSize()))
                .withRepricing(new Repricing(s.quotes(), new RoundTripConfig(true, paths, 20240607L, true, true, !"spot".equals(System.getProperty("cv")),
                        "all".equals(System.getProperty("cv")))));
        SlvCalibrationResult r = new SlvCalibrator(pool).calibrate(in, null, null);
        RoundTripResult rt = r.roundTrip();
        for (RoundTripResult.Point p : rt.points()) {
            System.out.printf("%7.4f %-5s K=%9.4f mkt %.4f err %7.2f se %6.2f z %6.2f%n", p.expiry(), p.label(),
                    p.strike(), p.marketVol(), p.errorBps(), p.stdErrorBps(), p.errorBps() / p.stdErrorBps());
        }
        System.out.printf("regression %.0f ms propagation %.0f ms%n", r.timings().regressionMs(), r.timings().propagationMs());
        System.out.printf("leverage floored %d capped %d, variance floored %d%n", r.leverageFloored(), r.leverageCapped(),
                r.varianceFloored());
        System.out.printf("RMS %.2f max %.2f lev %.0f ms rt %.0f ms steps %d reg %d%n", rt.rmsErrorBps(),
                rt.maxErrorBps(), r.timings().leverageMs(), r.timings().roundTripMs(), r.propagationTimes().length - 1,
                r.regressionTimes().length - 1);
        if (Boolean.getBoolean("slices")) { // -Dslices=true: where m was floored or L clipped
            for (var sl : r.slices()) {
                if (sl.varianceFloored() + sl.leverageFloored() + sl.leverageCapped() > 0) {
                    int q = 0;
                    double mMin = Double.MAX_VALUE;
                    for (int i = 0; i < sl.conditionalVariance().length; i++) {
                        if (sl.conditionalVariance()[i] < mMin) {
                            mMin = sl.conditionalVariance()[i];
                            q = i;
                        }
                    }
                    double x0 = Math.log(s.data().fx().spot());
                    System.out.printf("slice t=%.4f grid [%.3f, %.3f] m floored %d L floored %d capped %d min m %.2e"
                                    + " at x-x0=%.3f (node %d/%d)%n", sl.time(), sl.xLow() - x0, sl.xHigh() - x0,
                            sl.varianceFloored(), sl.leverageFloored(), sl.leverageCapped(), mMin,
                            Math.log(sl.spots()[q]) - x0, q, sl.spots().length);
                    StringBuilder b = new StringBuilder("   m / sample mean V in ±0.05:");
                    for (int i = 0; i < sl.spots().length; i += 8) {
                        double xi = Math.log(sl.spots()[i]);
                        double sv = 0;
                        int cnt = 0;
                        for (int k = 0; k < sl.sampleLogSpot().length; k++) {
                            if (Math.abs(sl.sampleLogSpot()[k] - xi) < 0.05) {
                                sv += sl.sampleVariance()[k];
                                cnt++;
                            }
                        }
                        b.append(String.format(" %.2f:%.4f/%.4f(%d)", xi - Math.log(s.data().fx().spot()),
                                sl.conditionalVariance()[i], sv / cnt, cnt));
                    }
                    System.out.println(b);
                }
            }
        }
        System.out.printf("process CPU %.0f ms, wall %.0f ms, load %s%n", processCpuMs(),
                (System.nanoTime() - wall0) / 1e6, loadAverage());
        if (probe != null) {
            probe.print(r.regressionTimes(), s.surface().expiries(), in.heston().mixed());
        }
        pool.shutdown();
    }

    /** CPU time of every thread of this JVM (the pool's included), ms: wall time on a shared host is not the code's. */
    static double processCpuMs() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() / 1e6 : Double.NaN;
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }

    /**
     * -Dest=TYPE (engine estimators; -Dbins=B for BINNING, -Dh=H a FIXED kernel bandwidth for the kernel estimators),
     * or -Dest=LP: the study's {@link LocalPolynomialEstimator} of degree -Ddeg (2) at -Dhs (1) × Silverman's h,
     * lowered in degree where the kernel-weighted count is below -DminEff (200) per coefficient.
     */
    static ConditionalExpectationEstimator estimator() {
        String e = System.getProperty("est");
        if (e == null) {
            return Estimators.paperDefault();
        }
        if (e.equals("LP")) {
            return new LocalPolynomialEstimator(Integer.getInteger("deg", 2),
                    Double.parseDouble(System.getProperty("hs", "1")),
                    Double.parseDouble(System.getProperty("minEff", "200")));
        }
        EstimatorConfig c = EstimatorConfig.of(EstimatorType.valueOf(e)).withBins(Integer.getInteger("bins", 0));
        if (System.getProperty("h") != null) {
            c = c.withBandwidth(EstimatorConfig.Bandwidth.fixed(Double.parseDouble(System.getProperty("h"))));
        }
        return Estimators.create(c);
    }
}
