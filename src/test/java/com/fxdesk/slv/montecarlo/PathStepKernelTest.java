package com.fxdesk.slv.montecarlo;

import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.model.SlvStepper;
import com.fxdesk.slv.random.BrownianBridge;
import com.fxdesk.slv.random.InverseNormal;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vectorisable pricing kernels must reproduce the scalar reference code bit for bit. */
class PathStepKernelTest {

    @Test
    void kernelIsBitIdenticalToSlvStepper() {
        // large ξ and small v make both QE branches (and zero variances) occur; ξ = 0 takes the deterministic path
        for (double xi : new double[] {0.0, 0.3, 1.5, 4.0}) {
            HestonParameters p = new HestonParameters(0.01, 1.2, 0.012, xi, -0.6);
            double dt = 5.0 / 365;
            SlvStepper ref = new SlvStepper(p, dt, 0.01);
            PathStepKernel k = new PathStepKernel(p, dt, 0.01);
            int n = 1000;
            SplittableRandom rng = new SplittableRandom(7);
            double[] x1 = new double[n];
            double[] v1 = new double[n];
            double[] lev = new double[n];
            for (int i = 0; i < n; i++) {
                x1[i] = 0.1 * rng.nextGaussian();
                v1[i] = i % 10 == 0 ? 0.0 : 0.05 * rng.nextDouble() * rng.nextDouble();
                lev[i] = 0.5 + rng.nextDouble();
            }
            double[] x2 = x1.clone();
            double[] v2 = v1.clone();
            double[] next = new double[n];
            double[] var = new double[n];
            int exponential = 0;
            for (int step = 0; step < 20; step++) {
                double[] zS = new double[n];
                double[] zV = new double[n];
                for (int i = 0; i < n; i++) {
                    zS[i] = rng.nextGaussian();
                    zV[i] = rng.nextGaussian();
                }
                double[] vOld = v1.clone();
                ref.step(x1, v1, lev, zS, zV, 0, n);
                k.step(x2, v2, lev, zS, zV, var, next, var, n);
                for (int i = 0; i < n; i++) {
                    assertEquals(Double.doubleToLongBits(x1[i]), Double.doubleToLongBits(x2[i]), "x " + i);
                    assertEquals(Double.doubleToLongBits(v1[i]), Double.doubleToLongBits(v2[i]), "v " + i);
                    double l = lev[i];
                    assertEquals(l * l * (vOld[i] + v1[i]) * (0.5 * dt), var[i], 0.0);
                    if (v1[i] == 0.0) {
                        exponential++;
                    }
                }
            }
            if (xi > 1) {
                assertTrue(exponential > 0, "exponential branch exercised");
            }
        }
    }

    @Test
    void batchInverseNormalIsBitIdentical() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 5000;
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = i % 3 == 0 ? Math.pow(rng.nextDouble(), 8) : rng.nextDouble();
        }
        p[0] = 0.5;
        p[1] = 1e-300;
        p[2] = 1 - 1e-16;
        p[3] = 0.075;
        p[4] = 0.925;
        double[] out = new double[n];
        InverseNormal.of(p, out, n);
        for (int i = 0; i < n; i++) {
            assertEquals(Double.doubleToLongBits(InverseNormal.of(p[i])), Double.doubleToLongBits(out[i]), "p=" + p[i]);
        }
    }

    @Test
    void blockBridgeIsBitIdentical() {
        double[] t = new double[38];
        for (int i = 1; i < t.length; i++) {
            t[i] = t[i - 1] + (i % 7 == 0 ? 3.0 : 5.0) / 365;
        }
        BrownianBridge bb = new BrownianBridge(t);
        int steps = t.length - 1;
        int f = 2;
        int block = 8;
        int n = 5;
        int outStride = 16;
        SplittableRandom rng = new SplittableRandom(11);
        double[][] z = new double[n][steps * f];
        double[] zBlock = new double[steps * f * block];
        for (int j = 0; j < n; j++) {
            for (int d = 0; d < steps * f; d++) {
                z[j][d] = rng.nextGaussian();
                zBlock[d * block + j] = z[j][d];
            }
        }
        double[] ref = new double[steps * outStride];
        double[] got = new double[steps * outStride];
        double[] work = new double[steps + 1];
        for (int j = 0; j < n; j++) {
            bb.increments(z[j], 1, f, work, ref, 3 + j, outStride);
        }
        bb.incrementsBlock(zBlock, 1, f, new double[(steps + 1) * block], got, 3, outStride, n, block);
        for (int i = 0; i < ref.length; i++) {
            assertEquals(Double.doubleToLongBits(ref[i]), Double.doubleToLongBits(got[i]), "index " + i);
        }
    }
}
