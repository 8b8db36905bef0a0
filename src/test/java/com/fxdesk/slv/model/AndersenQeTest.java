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
}
