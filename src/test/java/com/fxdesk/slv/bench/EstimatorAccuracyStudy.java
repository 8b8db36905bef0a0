package com.fxdesk.slv.bench;

import com.fxdesk.slv.regression.BandwidthRule;
import com.fxdesk.slv.regression.EstimatorConfig;
import com.fxdesk.slv.regression.EstimatorConfig.Bandwidth;
import com.fxdesk.slv.regression.EstimatorConfig.Pruning;
import com.fxdesk.slv.regression.EstimatorConfig.Width;
import com.fxdesk.slv.regression.EstimatorTestSupport;
import com.fxdesk.slv.regression.EstimatorTestSupport.TestSet;
import com.fxdesk.slv.regression.EstimatorType;
import com.fxdesk.slv.regression.Estimators;
import com.fxdesk.slv.regression.Kernel;
import com.fxdesk.slv.regression.RegressionFit;
import com.fxdesk.slv.regression.SyntheticHestonSamples;
import com.fxdesk.slv.regression.WidthRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Out-of-sample relative RMS error of E[V | x] for every estimator and the paper's Figure 6 PURBF variants, on
 * synthetic Heston-like particles at 6M and 5Y (known conditional mean), N = 2,048 and 100,000, averaged over seeds.
 * Core = central 98% of the law of x, tails = outer 2%. Prints a Markdown table.
 * Args (optional): seeds at 2,048, seeds at 100,000.
 */
public final class EstimatorAccuracyStudy {

    record Variant(String label, EstimatorConfig config) {
    }

    static List<Variant> variants() {
        EstimatorConfig d = EstimatorConfig.defaults();
        EstimatorConfig purbf = d.withLambda(0.0);
        List<Variant> v = new ArrayList<>();
        v.add(new Variant("binning (2N^1/3 bins)", EstimatorConfig.of(EstimatorType.BINNING)));
        for (Kernel k : Kernel.values()) {
            v.add(new Variant("NW " + k + ", Silverman", EstimatorConfig.of(EstimatorType.NADARAYA_WATSON).withKernel(k)));
        }
        for (Kernel k : new Kernel[] {Kernel.GAUSSIAN, Kernel.EPANECHNIKOV}) {
            v.add(new Variant("NW " + k + ", LOO-CV", EstimatorConfig.of(EstimatorType.NADARAYA_WATSON).withKernel(k)
                    .withBandwidth(Bandwidth.crossValidation())));
        }
        for (Kernel k : new Kernel[] {Kernel.GAUSSIAN, Kernel.EPANECHNIKOV}) {
            v.add(new Variant("local linear " + k + ", Silverman",
                    EstimatorConfig.of(EstimatorType.LOCAL_LINEAR).withKernel(k)));
            v.add(new Variant("local linear " + k + ", LOO-CV", EstimatorConfig.of(EstimatorType.LOCAL_LINEAR)
                    .withKernel(k).withBandwidth(Bandwidth.crossValidation())));
        }
        v.add(new Variant("RBF pruned+knn, λ=0.2", d.withType(EstimatorType.RBF)));
        v.add(new Variant("PURBF global width", purbf.withPruning(Pruning.none()).withWidth(Width.global())));
        v.add(new Variant("PURBF knn width", purbf.withPruning(Pruning.none())));
        v.add(new Variant("PURBF pruned+knn", purbf));
        v.add(new Variant("PURBF pruned+global", purbf.withWidth(Width.global())));
        v.add(new Variant("**PURBF pruned+knn+λ=0.2 (default)**", d));
        v.add(new Variant("PURBF pruned+knn+λ=0.02", d.withLambda(0.02)));
        v.add(new Variant("PURBF pruned+knn+λ=2", d.withLambda(2.0)));
        return v;
    }

    public static void main(String[] args) {
        int seedsSmall = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seedsLarge = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        SyntheticHestonSamples[] horizons = {SyntheticHestonSamples.SIX_MONTHS, SyntheticHestonSamples.FIVE_YEARS};
        int[] sizes = {2048, 100_000};
        List<Variant> variants = variants();
        // results[variant][horizon][size][core|tails]
        double[][][][] res = new double[variants.size()][2][2][2];
        int[][][] units = new int[variants.size()][2][2];
        for (int hz = 0; hz < 2; hz++) {
            TestSet test = TestSet.of(horizons[hz], 999_999L + hz, 100_000);
            for (int sz = 0; sz < 2; sz++) {
                int n = sizes[sz];
                int seeds = sz == 0 ? seedsSmall : seedsLarge;
                double[] x = new double[n];
                double[] y = new double[n];
                for (int s = 0; s < seeds; s++) {
                    horizons[hz].sample(1000L * (s + 1) + 17 * hz + sz, x, y, n);
                    for (int vi = 0; vi < variants.size(); vi++) {
                        // the RBF centre draw varies with the particle seed, as in a calibration
                        EstimatorConfig cfg = variants.get(vi).config().withSeed(7L * s + 1);
                        RegressionFit fit = Estimators.create(cfg).fit(x, y, n);
                        double[] e = EstimatorTestSupport.relativeRms(fit, test);
                        res[vi][hz][sz][0] += e[0] * e[0] / seeds;
                        res[vi][hz][sz][1] += e[1] * e[1] / seeds;
                        units[vi][hz][sz] = fit.diagnostics().unitsKept();
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "Relative RMS error of E[V|x], out of sample (100,000 test points), RMS over %d seeds "
                + "(N = 2,048) and %d seeds (N = 100,000). core = central 98%% of x, tails = outer 2%%.%n%n",
                seedsSmall, seedsLarge);
        System.out.println("| estimator | 6M N=2,048 core / tails | 5Y N=2,048 core / tails | 6M N=100k core / tails | 5Y N=100k core / tails |");
        System.out.println("|---|---|---|---|---|");
        for (int vi = 0; vi < variants.size(); vi++) {
            StringBuilder sb = new StringBuilder("| ").append(variants.get(vi).label());
            for (int sz = 0; sz < 2; sz++) {
                for (int hz = 0; hz < 2; hz++) {
                    sb.append(String.format(Locale.ROOT, " | %.1f%% / %.1f%%", 100 * Math.sqrt(res[vi][hz][sz][0]),
                            100 * Math.sqrt(res[vi][hz][sz][1])));
                }
            }
            System.out.println(sb.append(" |"));
        }
        System.out.println();
        System.out.println("Units kept after pruning (last seed), 6M/5Y at N=2,048:");
        for (int vi = 0; vi < variants.size(); vi++) {
            if (units[vi][0][0] > 0) {
                System.out.printf(Locale.ROOT, "  %s: %d / %d%n", variants.get(vi).label(), units[vi][0][0], units[vi][1][0]);
            }
        }
    }
}
