package com.fxdesk.slv.heston;

import com.fxdesk.slv.model.SlvStep;
import com.fxdesk.slv.random.RandomStreams;
import com.fxdesk.slv.random.ZigguratNormals;
import java.util.Arrays;

/**
 * A pure-Heston particle cloud (L ≡ 1) moved by the engine's own step ({@link SlvStep}, QE variance) with fixed
 * steps: the simulated reference for the known conditional mean E[V | ln S] ({@link HestonConditionalVariance}), shared
 * by its test and the bias probe. x is ln S − ln F (zero rates), v the variance.
 */
public final class HestonCloud {
    public final double[] x;
    public final double[] v;
    private final double[] xh;
    private final double[] l;
    private final double[] zS;
    private final double[] zV;
    private final double[] next;
    private final SlvStep step;
    private final int n;
    private final long seed;
    private int steps;

    public HestonCloud(HestonParameters p, double h, int n, long seed) {
        this.n = n;
        this.seed = seed;
        x = new double[n];
        xh = new double[n];
        v = new double[n];
        Arrays.fill(v, p.v0());
        l = new double[n];
        Arrays.fill(l, 1.0);
        zS = new double[n];
        zV = new double[n];
        next = new double[n];
        step = new SlvStep(p, h, 0.0);
    }

    /** One step of every particle (normals from the stream of (seed, step index, 0)). */
    public void step() {
        long st = RandomStreams.stream(seed, steps++, 0).nextLong();
        st = ZigguratNormals.fill(zS, 0, n, st);
        ZigguratNormals.fill(zV, 0, n, st);
        step.step(x, v, l, zS, zV, next, null, xh, 0, n);
    }
}
