package com.fxdesk.slv.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** QE matches the first two conditional moments of the CIR transition exactly, in both branches. */
class AndersenQeTest {

    private static void checkMoments(double kappa, double theta, double xi, double dt, double v) {
        AndersenQe qe = new AndersenQe(kappa, theta, xi, dt);
        SplittableRandom rng = new SplittableRandom(7);
        int n = 2_000_000;
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < n; i++) {
            double z = rng.nextGaussian();
            double vn = qe.next(v, z);
            assertTrue(vn >= 0);
            sum += vn;
            sum2 += vn * vn;
        }
        double e = Math.exp(-kappa * dt);
        double mean = theta + (v - theta) * e;
        double var = v * xi * xi * e * (1 - e) / kappa + theta * xi * xi * (1 - e) * (1 - e) / (2 * kappa);
        double m = sum / n;
        double s2 = sum2 / n - m * m;
        assertEquals(mean, m, 5 * Math.sqrt(var / n) + 1e-15, "mean");
        assertEquals(var, s2, 0.02 * var, "variance");
    }

    @Test
    void quadraticBranch() {
        checkMoments(1.5, 0.0081, 0.3, 5.0 / 365, 0.0064); // ψ small
    }

    @Test
    void exponentialBranch() {
        checkMoments(0.5, 0.01, 1.5, 5.0 / 365, 0.0005); // ψ large: point mass at zero
    }

    /**
     * The stepper's pre-test: no v at or above {@code quadraticFrom} takes the exponential branch (random parameters
     * from daily to 5-year steps, v on a log scale and right at the bound); and the bound is finite (a pre-test at all)
     * in most cases.
     */
    @Test
    void quadraticFromBoundsTheExponentialBranch() {
        SplittableRandom rng = new SplittableRandom(11);
        int finite = 0;
        for (int c = 0; c < 20_000; c++) {
            double kappa = Math.exp(rng.nextDouble(Math.log(0.01), Math.log(50)));
            double theta = Math.exp(rng.nextDouble(Math.log(1e-4), Math.log(1)));
            double xi = Math.exp(rng.nextDouble(Math.log(1e-3), Math.log(5)));
            double dt = Math.exp(rng.nextDouble(Math.log(1 / 3650.0), Math.log(5)));
            AndersenQe qe = new AndersenQe(kappa, theta, xi, dt);
            double from = qe.quadraticFrom;
            if (Double.isInfinite(from)) {
                continue;
            }
            finite++;
            for (int k = 0; k < 50; k++) {
                double v = k == 0 ? from : k == 1 ? Math.nextUp(from) : from * Math.exp(rng.nextDouble(0, 20));
                double m = qe.mean(v);
                double s2 = v * qe.c1 + qe.c2;
                assertTrue(!AndersenQe.exponentialBranch(m, s2), "v " + v + " ≥ " + from);
            }
        }
        assertTrue(finite > 15_000, "bound finite in " + finite + " of 20,000 cases");
    }
}
