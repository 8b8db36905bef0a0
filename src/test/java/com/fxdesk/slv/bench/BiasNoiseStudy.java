package com.fxdesk.slv.bench;

import com.fxdesk.slv.calibration.GridGrading;
import com.fxdesk.slv.calibration.RoundTripConfig;
import com.fxdesk.slv.calibration.RoundTripResult;
import com.fxdesk.slv.calibration.RoundTripStatistics;
import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Market;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Repricing;
import com.fxdesk.slv.calibration.SlvCalibrationResult;
import com.fxdesk.slv.calibration.SlvCalibrator;
import com.fxdesk.slv.regression.EstimatorConfig;
import com.fxdesk.slv.regression.Estimators;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * Where the 2,048-particle round-trip error comes from: bias or noise. Per market, the same round-trip seed for every
 * run (its own noise is common to all rows), 2,048 particles at seeds 1…S with the shipped defaults, and two
 * 100,000-particle references (seed 1): the shipped 100k defaults (dense grid, 5 sub-steps) and 100k particles on the
 * 2,048-particle grid (sparse grading, 1 sub-step) — the second isolates the particle count from the grid. Per
 * round-trip point resolved in every run: bias = mean error over seeds, noise = sd over seeds. Prints per market
 * mean per-seed RMS, RMS over points of the bias, of the noise, of the two references, and of bias − same-grid
 * reference (the part of the bias due to N); then the points with the largest mean-square error.
 *
 * <p>Args: seeds (20), round-trip paths (100,000), market filter (substring, comma list), particles (2048),
 * points to list per market (8), λ of PURBF (default 0.2), units M (40).
 * JVM options -Dstudy.days=D, -Dstudy.sub=K: the particles' timeStepDays and sub-steps (chosen sub-steps keep the
 * regression stride at 1: {@code Particles#regressionStride}).
 */
public final class BiasNoiseStudy {

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int paths = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        String[] filters = (args.length > 2 ? args[2] : "usdtry,audusd-grid,usdjpy-2024").split(",");
        int particles = args.length > 3 ? Integer.parseInt(args[3]) : 2048;
        int list = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        double lambda = args.length > 5 ? Double.parseDouble(args[5]) : EstimatorConfig.DEFAULT_LAMBDA;
        int units = args.length > 6 ? Integer.parseInt(args[6]) : EstimatorConfig.DEFAULT_UNITS;
        boolean refs = !Boolean.getBoolean("noref");
        double threshold = 5.0;
        ForkJoinPool pool = new ForkJoinPool(1);
        SlvCalibrator cal = new SlvCalibrator(pool);
        for (String market : EstimatorSeedStudy.markets()) {
            boolean wanted = false;
            for (String f : filters) {
                wanted |= market.contains(f);
            }
            if (!wanted) {
                continue;
            }
            long w0 = System.nanoTime();
            long c0 = processCpu();
            SlvSetups s = SlvSetups.toFiveYearsOrLastExpiry(market);
            double mat = SlvSetups.horizon(s.surface());
            SlvCalibrationInput base = SlvCalibrationInput.of(new Market(s.data().fx(), s.localVol(), s.surface(),
                            s.surface().expiries(), mat), s.heston(), Estimators.paperDefault())
                    .withRepricing(new Repricing(s.quotes(), new RoundTripConfig(true, paths, 20240607L, true, true)));
            EstimatorConfig ec = EstimatorConfig.defaults().withLambda(lambda).withUnits(units);
            List<RoundTripResult> runs = new ArrayList<>();
            for (int seed = 1; seed <= seeds; seed++) {
                SlvCalibrationInput in = base.withParticles(base.particles().withCount(particles).withSeed(seed)
                                .withTimeStepDays(Integer.getInteger("study.days", base.particles().timeStepDays()))
                                .withSubSteps(Integer.getInteger("study.sub", base.particles().subSteps())))
                        .withRegression(base.regression().withEstimator(Estimators.create(ec.withSeed(seed))));
                runs.add(cal.calibrate(in, null, null).roundTrip());
            }
            RoundTripResult dense = null;
            RoundTripResult sameGrid = null;
            if (refs) {
                SlvCalibrationInput big = base.withParticles(base.particles().withCount(100_000).withSeed(1));
                dense = cal.calibrate(big, null, null).roundTrip();
                SlvCalibrationResult sg = cal.calibrate(big.withParticles(new SlvCalibrationInput.Particles(100_000,
                        5, 1, 3, GridGrading.SPARSE, 1, 1024)), null, null);
                sameGrid = sg.roundTrip();
            }
            int np = runs.get(0).points().size();
            List<double[]> rows = new ArrayList<>(); // index, bias, sd, dense, same
            double sumRms = 0;
            for (RoundTripResult r : runs) {
                sumRms += RoundTripStatistics.of(r, threshold).rmsErrorBps();
            }
            double b2 = 0;
            double v2 = 0;
            double d2 = 0;
            double g2 = 0;
            double nb2 = 0;
            int used = 0;
            for (int p = 0; p < np; p++) {
                boolean ok = true;
                double mean = 0;
                for (RoundTripResult r : runs) {
                    RoundTripResult.Point pt = r.points().get(p);
                    ok &= RoundTripStatistics.isResolved(pt, threshold);
                    mean += pt.errorBps() / seeds;
                }
                if (refs) {
                    ok &= RoundTripStatistics.isResolved(dense.points().get(p), threshold)
                            && RoundTripStatistics.isResolved(sameGrid.points().get(p), threshold);
                }
                if (!ok) {
                    continue;
                }
                double var = 0;
                for (RoundTripResult r : runs) {
                    double e = r.points().get(p).errorBps() - mean;
                    var += e * e / Math.max(1, seeds - 1);
                }
                double de = refs ? dense.points().get(p).errorBps() : Double.NaN;
                double ge = refs ? sameGrid.points().get(p).errorBps() : Double.NaN;
                rows.add(new double[] {p, mean, Math.sqrt(var), de, ge});
                b2 += mean * mean;
                v2 += var;
                d2 += de * de;
                g2 += ge * ge;
                nb2 += (mean - ge) * (mean - ge);
                used++;
            }
            System.out.printf("%n## %s (%d particles, %d seeds, λ %.3g, M %d; %d points resolved in every run)%n",
                    market, particles, seeds, lambda, units, used);
            System.out.printf("mean per-seed RMS %.2f bp | RMS bias %.2f | RMS noise (sd over seeds) %.2f | "
                            + "100k dense %.2f | 100k same grid %.2f | RMS(bias − same grid) %.2f%n",
                    sumRms / seeds, Math.sqrt(b2 / used), Math.sqrt(v2 / used), Math.sqrt(d2 / used),
                    Math.sqrt(g2 / used), Math.sqrt(nb2 / used));
            rows.sort(Comparator.comparingDouble(r -> -(r[1] * r[1] + r[2] * r[2])));
            System.out.println("| expiry | label | strike | bias bp | noise sd bp | 100k dense | 100k same grid | RT s.e. |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            for (int i = 0; i < Math.min(list, rows.size()); i++) {
                double[] r = rows.get(i);
                RoundTripResult.Point pt = runs.get(0).points().get((int) r[0]);
                System.out.printf("| %.4f | %s | %.5g | %+.1f | %.1f | %+.1f | %+.1f | %.1f |%n", pt.expiry(), pt.label(), pt.strike(),
                        r[1], r[2], r[3], r[4], pt.stdErrorBps());
            }
            System.out.printf("(wall %.1f s, process CPU %.1f s, load %s)%n", (System.nanoTime() - w0) / 1e9,
                    (processCpu() - c0) / 1e9, loadavg());
        }
        pool.shutdown();
    }

    static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static String loadavg() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
