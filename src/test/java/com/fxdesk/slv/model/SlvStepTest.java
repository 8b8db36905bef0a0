package com.fxdesk.slv.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fxdesk.slv.heston.HestonParameters;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The vectorised SLV step is the scalar SlvStepper (the oracle) up to rounding, in both QE branches. */
class SlvStepTest {

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
                double[] v0 = v2.clone();
                double[] x3 = x2.clone();
                double[] v3 = v2.clone();
                double[] stepVar = new double[n];
                new SlvStep(p, dt, 0.01).step(x2, v2, lev, zS, zV, new double[n], null, 0, n);
                new SlvStep(p, dt, 0.01).step(x3, v3, lev, zS, zV, new double[n], stepVar, 0, n);
                int exponential = 0;
                for (int i = 0; i < n; i++) {
                    assertEquals(v[i], v2[i], 1e-12 * Math.max(v[i], 1e-4), "v " + p + " dt " + dt + " i " + i);
                    assertEquals(x[i], x2[i], 1e-13, "x " + p + " dt " + dt + " i " + i);
                    // the variance output changes nothing else, and is L² V̄ Δt
                    assertEquals(Double.doubleToLongBits(x2[i]), Double.doubleToLongBits(x3[i]));
                    assertEquals(Double.doubleToLongBits(v2[i]), Double.doubleToLongBits(v3[i]));
                    assertEquals(lev[i] * lev[i] * (v0[i] + v2[i]) * 0.5 * dt, stepVar[i], 1e-15 * stepVar[i]);
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

    /** With the weak-2 spatial terms on, the vectorised step is still the oracle up to rounding (all three regimes). */
    @Test
    void spatialCorrectionMatchesSlvStepper() {
        double[] nodes = LogSpotLattice.nodes(-0.3, 0.3, 121);
        double[] l = new double[nodes.length];
        for (int j = 0; j < l.length; j++) {
            l[j] = 1 + 0.8 * Math.tanh(-8 * nodes[j]); // steep: ×9 across ±0.15
        }
        LogSpotLattice lattice = LogSpotLattice.of(-0.3, 0.3, l);
        HestonParameters[] params = {
                new HestonParameters(0.0052, 1.4, 0.0101, 0.16, 0.09),
                new HestonParameters(0.04, 0.5, 0.04, 1.8, -0.7),
                new HestonParameters(0.01, 1.5, 0.012, 0.0, -0.4)};
        for (HestonParameters p : params) {
            double dt = 1 / 365.0;
            SpatialCorrection c = SpatialCorrection.of(lattice, p.theta(), dt, 0.0);
            assertTrue(c != null && c.steepness() > 0.01, "built");
            int n = 5000;
            SplittableRandom r = new SplittableRandom(11);
            double[] x = new double[n];
            double[] v = new double[n];
            double[] zS = new double[n];
            double[] zV = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = 0.2 * r.nextGaussian();
                v[i] = p.theta() * Math.exp(r.nextGaussian());
                zS[i] = r.nextGaussian();
                zV[i] = r.nextGaussian();
            }
            double[] lev = new double[n];
            lattice.at(x, lev, 0, n);
            double[] x2 = x.clone();
            double[] v2 = v.clone();
            double[] x3 = x.clone();
            double[] v3 = v.clone();
            new SlvStepper(p, dt, 0.01).step(x, v, lev, zS, zV, c, 0, n);
            new SlvStep(p, dt, 0.01).step(x2, v2, lev, zS, zV, new double[n], null, null, c, 0, n);
            new SlvStep(p, dt, 0.01).step(x3, v3, lev, zS, zV, new double[n], null, null, null, 0, n);
            double moved = 0;
            for (int i = 0; i < n; i++) {
                assertEquals(v[i], v2[i], 1e-12 * Math.max(v[i], 1e-4), "v " + p + " i " + i);
                assertEquals(x[i], x2[i], 1e-13, "x " + p + " i " + i);
                moved = Math.max(moved, Math.abs(x2[i] - x3[i]));
            }
            assertTrue(moved > 1e-5, "the correction changes the step: " + moved);
        }
    }
}
