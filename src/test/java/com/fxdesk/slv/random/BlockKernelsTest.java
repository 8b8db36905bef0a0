package com.fxdesk.slv.random;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The block (vectorisable) forms of the inverse normal and the Brownian bridge reproduce the scalar ones bit for bit. */
class BlockKernelsTest {

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
