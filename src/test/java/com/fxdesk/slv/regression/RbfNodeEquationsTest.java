package com.fxdesk.slv.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The column-wise normal equations on binned nodes equal the per-point accumulation with exp and binary searches. */
class RbfNodeEquationsTest {

    @Test
    void columnWiseRecurrenceMatchesPointwiseAccumulation() {
        SplittableRandom r = new SplittableRandom(11);
        int m = 25;
        double[] c = new double[m];
        double[] h = new double[m];
        for (int j = 0; j < m; j++) {
            c[j] = -1 + 2.0 * j / (m - 1) + 0.01 * r.nextGaussian();
            h[j] = 0.02 + 0.2 * r.nextDouble();
        }
        java.util.Arrays.sort(c);
        int points = 1500;
        double[] px = new double[points];
        double[] pw = new double[points];
        double[] py = new double[points];
        for (int p = 0; p < points; p++) {
            px[p] = -1.6 + p * (3.2 / (points - 1)); // nodes beyond every unit's reach at both ends too
            pw[p] = p % 17 == 0 ? 0.0 : r.nextDouble();
            py[p] = pw[p] * (0.01 + 0.005 * r.nextGaussian());
        }
        for (boolean pu : new boolean[] {true, false}) {
            RbfEstimator.Units units = new RbfEstimator.Units(c, h, Kernel.GAUSSIAN.radius());
            double meanY = 0.01;
            double[] ata = new double[m * m];
            double[] rhs = new double[m];
            RbfEstimator.normalEquationsOnNodes(units, px, pw, py, points, meanY, pu, ata, rhs);
            double[] ata2 = new double[m * m];
            double[] rhs2 = new double[m];
            double[] phi = new double[m];
            for (int p = 0; p < points; p++) {
                if (pw[p] == 0.0) {
                    continue;
                }
                int lo = units.first(px[p]);
                int hi = units.last(px[p]);
                if (!RbfEstimator.basis(units, Kernel.GAUSSIAN, px[p], lo, hi, phi, pu)) {
                    lo = hi = units.nearest(px[p]);
                    phi[lo] = pu ? 1.0 : 0.0;
                }
                double yc = py[p] - meanY * pw[p];
                for (int j = lo; j <= hi; j++) {
                    rhs2[j] += yc * phi[j];
                    for (int k = j; k <= hi; k++) {
                        ata2[j * m + k] += pw[p] * phi[j] * phi[k];
                    }
                }
            }
            double scale = 0;
            for (double a : ata2) {
                scale = Math.max(scale, Math.abs(a));
            }
            for (int i = 0; i < m * m; i++) {
                assertEquals(ata2[i], ata[i], 1e-12 * scale, "ata " + i + " pu " + pu);
            }
            for (int j = 0; j < m; j++) {
                assertEquals(rhs2[j], rhs[j], 1e-12 * scale, "rhs " + j + " pu " + pu);
            }
        }
    }

    @Test
    void valuesOnAnEquallySpacedGridEqualPointwiseValues() {
        int n = 20_000;
        double[] x = new double[n];
        double[] y = new double[n];
        SyntheticHestonSamples.FIVE_YEARS.sample(9, x, y, n);
        for (EstimatorType type : new EstimatorType[] {EstimatorType.PURBF, EstimatorType.RBF}) {
            RegressionFit fit = Estimators.create(EstimatorConfig.of(type)).fit(x, y, n);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : x) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            int m = 200;
            double[] grid = new double[m];
            for (int k = 0; k < m; k++) {
                grid[k] = min - 0.2 + (max - min + 0.4) * k / (m - 1); // beyond the outer centres at both ends
            }
            double[] out = new double[m];
            fit.values(grid, out, m);
            for (int k = 0; k < m; k++) {
                double expected = fit.value(grid[k]);
                assertEquals(expected, out[k], 1e-12 * Math.abs(expected), type + " at " + grid[k]);
            }
        }
    }
}
