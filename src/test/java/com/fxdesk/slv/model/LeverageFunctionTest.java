package com.fxdesk.slv.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LeverageFunctionTest {

    private final LeverageFunction lev = new LeverageFunction(new double[] {0.0, 0.5},
            new double[][] {{1.0, 2.0}, {1.0, 1.5, 2.0}}, new double[][] {{1.0, 1.0}, {0.8, 1.0, 1.4}});

    @Test
    void linearInSpotFlatBeyond() {
        assertEquals(0.9, lev.value(0.6, 1.25), 1e-15);
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
}
