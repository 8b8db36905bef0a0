package com.fxdesk.slv.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.model.SlvStepper;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fused, vectorisable particle step is the SlvStepper step up to rounding, in both QE branches. */
class ParticleKernelTest {

    @Test
    void matchesSlvStepperInBothQeBranchesAndWithDeterministicVariance() {
        HestonParameters[] params = {
                new HestonParameters(0.0052, 1.4, 0.0101, 0.16, 0.09),   // daily steps: quadratic branch
                new HestonParameters(0.04, 0.5, 0.04, 1.8, -0.7),        // high vol-of-vol: exponential branch too
                new HestonParameters(0.01, 1.5, 0.012, 0.0, -0.4)};      // ξ = 0: deterministic variance
        for (HestonParameters p : params) {
            for (double dt : new double[] {1 / 365.0, 5 / 365.0, 0.25}) {
                int n = 5000;
                SplittableRandom r = new SplittableRandom(7);
                double[] x = new double[n];
                double[] v = new double[n];
                double[] lev = new double[n];
                double[] zS = new double[n];
                double[] zV = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = 0.1 * r.nextGaussian();
                    v[i] = i % 50 == 0 ? 0.0 : p.theta() * Math.exp(r.nextGaussian());
                    lev[i] = 0.5 + r.nextDouble();
                    zS[i] = r.nextGaussian();
                    zV[i] = r.nextGaussian();
                }
                double[] x2 = x.clone();
                double[] v2 = v.clone();
                new SlvStepper(p, dt, 0.01).step(x, v, lev, zS, zV, 0, n);
                new ParticleKernel(p, dt, 0.01).step(x2, v2, lev, zS, zV, new double[n], 0, n);
                int exponential = 0;
                for (int i = 0; i < n; i++) {
                    assertEquals(v[i], v2[i], 1e-12 * Math.max(v[i], 1e-4), "v " + p + " dt " + dt + " i " + i);
                    assertEquals(x[i], x2[i], 1e-13, "x " + p + " dt " + dt + " i " + i);
                    if (v[i] == 0.0) {
                        exponential++;
                    }
                }
                if (p.xi() > 1) {
                    assertTrue(exponential > 0, "the exponential branch was exercised");
                }
            }
        }
    }

    @Test
    void prepareInterpolatesLinearlyInLogSpotAndIsFlatBeyondTheGrid() {
        double[] values = {1.0, 2.0, 4.0};
        double[] x = {-1.0, 0.0, 0.25, 0.5, 1.0, 3.0};
        double[] lev = new double[x.length];
        double[] zS = new double[x.length];
        double[] zV = new double[x.length];
        new ParticleKernel(new HestonParameters(0.01, 1, 0.01, 0.2, 0), 0.01, 0).prepare(x, lev, zS, zV, 0, x.length,
                values, 0.0, 2.0, 1L);
        double[] expected = {1.0, 1.0, 1.5, 2.0, 4.0, 4.0};
        for (int i = 0; i < x.length; i++) {
            assertEquals(expected[i], lev[i], 1e-15, "x " + x[i]);
        }
    }
}
