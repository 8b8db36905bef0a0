package com.fxdesk.slv.random;

import com.fxdesk.slv.montecarlo.TimeGrid;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuasiRandomTest {

    @Test
    void inverseNormalMatchesCommonsMathToMachinePrecision() {
        NormalDistribution n = new NormalDistribution();
        // commons-math3 inverts through erfInv(2p − 1), which loses digits in the lower tail: compare there by
        // round trip through the erfc-accurate cdf instead
        double[] central = {0.001, 0.02425, 0.075, 0.2, 0.5, 0.6, 0.925, 0.97575, 0.999};
        for (double p : central) {
            double expected = n.inverseCumulativeProbability(p);
            assertEquals(expected, InverseNormal.of(p), 1e-13 * Math.max(1, Math.abs(expected)), "p=" + p);
        }
        double[] tails = {1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 1e-3};
        for (double p : tails) {
            // one ulp of x moves Φ(x) by |x|·ulp(x) relative (7.6e-14 at p = 1e-100): allow two ulps beyond 1e-13
            double x = InverseNormal.of(p);
            assertEquals(1.0, com.fxdesk.slv.math.Normal.cdf(x) / p, 1e-13 + 2 * Math.abs(x) * Math.ulp(x), "p=" + p);
        }
        for (int i = 1; i < 1000; i++) {
            double p = i / 1000.0;
            // round trip through the accurate cdf is the sharper check in the centre
            assertEquals(p, com.fxdesk.slv.math.Normal.cdf(InverseNormal.of(p)), 1e-15, "p=" + p);
        }
    }

    @Test
    void sobolMatchesCommonsMathInAllThousandDimensions() {
        int dims = SobolSequence.MAX_DIMENSION;
        SobolSequenceGenerator ref = new SobolSequenceGenerator(dims);
        SobolSequence.Cursor c = SobolSequence.joeKuo().cursor(dims);
        c.seek(0);
        long[] noShift = new long[dims];
        double[] u = new double[dims];
        for (int n = 0; n < 600; n++) {
            double[] expected = ref.nextVector();
            c.next(noShift, u);
            for (int d = 0; d < dims; d++) {
                assertEquals(expected[d] + 0x1.0p-53, u[d], 0.0, "point " + n + " dim " + d);
            }
        }
    }

    @Test
    void seekJumpsToAnyIndex() {
        int dims = 50;
        SobolSequence.Cursor a = SobolSequence.joeKuo().cursor(dims);
        SobolSequence.Cursor b = SobolSequence.joeKuo().cursor(dims);
        long[] shift = SobolSequence.digitalShift(7, 3, dims);
        double[] ua = new double[dims];
        double[] ub = new double[dims];
        a.seek(0);
        for (int n = 0; n < 777; n++) {
            a.next(shift, ua);
        }
        b.seek(777);
        a.next(shift, ua);
        b.next(shift, ub);
        assertArrayEquals(ua, ub, 0.0);
    }

    @Test
    void shiftedSobolIntegratesTheNormalSecondMomentAccurately() {
        // a 2^12-point shifted net: E[z²] = 1 in every dimension to far better than the MC error 1/√N ≈ 0.02
        int dims = 64;
        SobolSequence.Cursor c = SobolSequence.joeKuo().cursor(dims);
        long[] shift = SobolSequence.digitalShift(42, 0, dims);
        c.seek(0);
        double[] u = new double[dims];
        double[] m2 = new double[dims];
        int n = 1 << 12;
        for (int i = 0; i < n; i++) {
            c.next(shift, u);
            for (int d = 0; d < dims; d++) {
                double z = InverseNormal.of(u[d]);
                m2[d] += z * z / n;
            }
        }
        for (int d = 0; d < dims; d++) {
            assertEquals(1.0, m2[d], 0.01, "dim " + d);
        }
    }

    @Test
    void bridgeIncrementsReassembleTheTerminalValueAndHaveUnitVariance() {
        double[] t = TimeGrid.of(5 / 365.0, 0.3, 1.0).times();
        BrownianBridge bridge = new BrownianBridge(t);
        int steps = t.length - 1;
        double[] work = new double[steps + 1];
        double[] inc = new double[steps];
        double[] z = new double[steps];
        var rng = RandomStreams.stream(1, 2, 3);
        double[] var = new double[steps];
        int n = 20000;
        for (int p = 0; p < n; p++) {
            for (int k = 0; k < steps; k++) {
                z[k] = rng.nextGaussian();
            }
            bridge.increments(z, 0, 1, work, inc, 0, 1);
            double w = 0;
            for (int i = 0; i < steps; i++) {
                w += inc[i] * Math.sqrt(t[i + 1] - t[i]);
                var[i] += inc[i] * inc[i] / n;
            }
            assertEquals(Math.sqrt(t[steps]) * z[0], w, 1e-12);
        }
        for (int i = 0; i < steps; i++) {
            assertEquals(1.0, var[i], 0.06, "step " + i);
        }
    }

    @Test
    void gridHasMaturitiesAndNoStubs() {
        TimeGrid g = TimeGrid.of(5 / 365.0, 0.5, 5.0, 0.5);
        assertEquals(37 + 329, g.steps());
        assertEquals(37, g.indexOf(0.5));
        assertEquals(5.0, g.time(g.steps()), 0.0);
        for (int i = 0; i < g.steps(); i++) {
            assertTrue(g.dt(i) <= 5 / 365.0 + 1e-12 && g.dt(i) > 4 / 365.0);
        }
    }
}
