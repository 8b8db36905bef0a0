package com.fxdesk.slv.bench;

import com.fxdesk.slv.regression.EstimatorConfig;
import com.fxdesk.slv.regression.EstimatorConfig.Bandwidth;
import com.fxdesk.slv.regression.EstimatorType;
import com.fxdesk.slv.regression.Estimators;
import com.fxdesk.slv.regression.Kernel;
import com.fxdesk.slv.regression.RegressionFit;
import com.fxdesk.slv.regression.SyntheticHestonSamples;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Fit + evaluation on 200 sorted grid points, one thread, warm: median of repeated runs after warm-up.
 * N = 2,048 and 1,000,000 synthetic 5Y Heston-like particles. Prints a Markdown table.
 */
public final class EstimatorBenchmark {
    static double sink;

    public static void main(String[] args) {
        Map<String, EstimatorConfig> cases = new LinkedHashMap<>();
        cases.put("binning", EstimatorConfig.of(EstimatorType.BINNING));
        for (Kernel k : Kernel.values()) {
            cases.put("NW " + k + ", Silverman", EstimatorConfig.of(EstimatorType.NADARAYA_WATSON).withKernel(k));
        }
        cases.put("NW GAUSSIAN, LOO-CV", EstimatorConfig.of(EstimatorType.NADARAYA_WATSON)
                .withBandwidth(Bandwidth.crossValidation()));
        cases.put("NW EPANECHNIKOV, LOO-CV", EstimatorConfig.of(EstimatorType.NADARAYA_WATSON)
                .withKernel(Kernel.EPANECHNIKOV).withBandwidth(Bandwidth.crossValidation()));
        cases.put("local linear GAUSSIAN, Silverman", EstimatorConfig.of(EstimatorType.LOCAL_LINEAR));
        cases.put("local linear EPANECHNIKOV, Silverman", EstimatorConfig.of(EstimatorType.LOCAL_LINEAR)
                .withKernel(Kernel.EPANECHNIKOV));
        cases.put("local linear GAUSSIAN, LOO-CV", EstimatorConfig.of(EstimatorType.LOCAL_LINEAR)
                .withBandwidth(Bandwidth.crossValidation()));
        cases.put("RBF (40 units, knn, pruned, λ=0.2)", EstimatorConfig.of(EstimatorType.RBF));
        cases.put("PURBF (40 units, knn, pruned, λ=0.2)", EstimatorConfig.defaults());
        cases.put("PURBF 100 units", EstimatorConfig.defaults().withUnits(100));

        int[] sizes = {2048, 1_000_000};
        double[][] medians = new double[cases.size()][2];
        for (int sz = 0; sz < 2; sz++) {
            int n = sizes[sz];
            double[] x = new double[n];
            double[] y = new double[n];
            SyntheticHestonSamples.FIVE_YEARS.sample(123, x, y, n);
            double[] sorted = x.clone();
            Arrays.sort(sorted);
            double lo = sorted[(int) (0.001 * n)];
            double hi = sorted[(int) (0.999 * n)];
            double[] grid = new double[200];
            for (int i = 0; i < 200; i++) {
                grid[i] = lo + (hi - lo) * i / 199;
            }
            double[] out = new double[200];
            int warm = n < 10_000 ? 200 : 5;
            int reps = n < 10_000 ? 101 : 11;
            int ci = 0;
            for (EstimatorConfig cfg : cases.values()) {
                var est = Estimators.create(cfg);
                for (int w = 0; w < warm; w++) {
                    RegressionFit f = est.fit(x, y, n);
                    f.values(grid, out, 200);
                    sink += out[100];
                }
                double[] t = new double[reps];
                for (int r = 0; r < reps; r++) {
                    long t0 = System.nanoTime();
                    RegressionFit f = est.fit(x, y, n);
                    f.values(grid, out, 200);
                    t[r] = (System.nanoTime() - t0) / 1e6;
                    sink += out[100] + f.diagnostics().floored();
                }
                Arrays.sort(t);
                medians[ci++][sz] = t[reps / 2];
            }
        }
        System.out.println("Fit + 200-point evaluation, one thread, median ms (synthetic 5Y particles)");
        System.out.println();
        System.out.println("| estimator | N = 2,048 | N = 1,000,000 |");
        System.out.println("|---|---|---|");
        int ci = 0;
        for (String name : cases.keySet()) {
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.1f |%n", name, medians[ci][0], medians[ci][1]);
            ci++;
        }
        System.out.println("(sink " + (sink > 0 ? "ok" : "?") + ")");
    }
}
