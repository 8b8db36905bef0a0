package com.fxdesk.slv.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LeverageFunctionTest {

    private final LeverageFunction lev = new LeverageFunction(new double[] {0.0, 0.5},
            new double[][] {{1.0, 2.0}, {1.0, 1.5, 2.0}}, new double[][] {{1.0, 1.0}, {0.8, 1.0, 1.4}});

    @Test
    void linearInLogSpotFlatBeyond() {
        double w = Math.log(1.25) / Math.log(1.5);
        assertEquals(0.8 + w * 0.2, lev.value(0.6, 1.25), 1e-15);
        assertEquals(1.0, lev.value(0.6, 1.5), 0.0);
        assertEquals(0.8, lev.value(0.6, 0.5), 0.0);
        assertEquals(1.4, lev.value(0.6, 3.0), 0.0);
    }

    @Test
    void sliceAppliesFromItsTimeUntilTheNext() {
        assertEquals(0, lev.sliceIndex(0.0));
        assertEquals(0, lev.sliceIndex(0.49));
        assertEquals(1, lev.sliceIndex(0.5));
        assertEquals(1, lev.sliceIndex(9.0));
        assertEquals(1.0, lev.value(0.2, 1.25), 0.0);
    }

    @Test
    void uniformLogGridIsReadLinearlyInLogSpotAndFlatBeyond() {
        LogSpotLattice l = LogSpotLattice.of(0.0, 1.0, new double[] {1.0, 2.0, 4.0});
        double[] x = {-1.0, 0.0, 0.25, 0.5, 1.0, 3.0};
        double[] out = new double[x.length];
        l.at(x, out, 0, x.length);
        double[] expected = {1.0, 1.0, 1.5, 2.0, 4.0, 4.0};
        for (int i = 0; i < x.length; i++) {
            assertEquals(expected[i], out[i], 1e-15, "x " + x[i]);
            assertEquals(out[i], l.at(x[i]), 0.0);
        }
    }

    @Test
    void calibrationAndSpotGridConstructionsReadTheSameFunction() {
        double[] gridX = LogSpotLattice.nodes(-0.2, 0.3, 7);
        double[] spots = new double[7];
        double[] values = new double[7];
        for (int i = 0; i < 7; i++) {
            spots[i] = Math.exp(gridX[i]);
            values[i] = 1 + 0.1 * i * i;
        }
        LeverageFunction byLattice = new LeverageFunction(new double[] {0}, new double[][] {spots},
                new double[][] {values}, new LogSpotLattice[] {LogSpotLattice.of(-0.2, 0.3, values)});
        LeverageFunction bySpots = new LeverageFunction(new double[] {0}, new double[][] {spots},
                new double[][] {values});
        for (double s = 0.7; s < 1.5; s += 0.01) {
            assertEquals(byLattice.value(0, s), bySpots.value(0, s), 1e-12, "S " + s);
        }
    }
}
