package com.fxdesk.slv.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fxdesk.slv.heston.HestonParameters;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SlvStepperTest {

    /** The forward is a martingale under the step: E[S_T] = S0 e^{μT}, for Heston and for η = 0. */
    @Test
    void spotIsAMartingaleUnderTheDrift() {
        for (double xi : new double[] {0.0, 0.4}) {
            HestonParameters p = new HestonParameters(0.01, 1.2, 0.012, xi, -0.5);
            double dt = 5.0 / 365;
            double mu = 0.02;
            SlvStepper stepper = new SlvStepper(p, dt, mu);
            int n = 200_000;
            double[] x = new double[n];
            double[] v = new double[n];
            double[] lev = new double[n];
            double[] zs = new double[n];
            double[] zv = new double[n];
            Arrays.fill(v, p.v0());
            Arrays.fill(lev, 1.1);
            SplittableRandom rng = new SplittableRandom(3);
            int steps = 73; // 1Y
            for (int k = 0; k < steps; k++) {
                for (int i = 0; i < n; i++) {
                    zs[i] = rng.nextGaussian();
                    zv[i] = rng.nextGaussian();
                }
                stepper.step(x, v, lev, zs, zv, 0, n);
            }
            double sum = 0;
            double sum2 = 0;
            for (int i = 0; i < n; i++) {
                double s = Math.exp(x[i]);
                sum += s;
                sum2 += s * s;
            }
            double mean = sum / n;
            double se = Math.sqrt((sum2 / n - mean * mean) / n);
            assertEquals(Math.exp(mu * steps * dt), mean, 4 * se, "xi=" + xi);
        }
    }

    @Test
    void localVolStepIsExactForConstantVol() {
        double[] x = {0.0};
        double[] sigma = {0.2};
        double[] z = {1.0};
        SlvStepper.localVolStep(x, sigma, z, 0.25, 0.01, 0, 1);
        assertEquals((0.01 - 0.02) * 0.25 + 0.2 * 0.5, x[0], 1e-15);
    }
}
