package com.fxdesk.slv.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The one-pass summary refuses any non-finite sample, naming the first one, though it tests finiteness once. */
class SampleStatsTest {

    @Test
    void everyNonFiniteSampleIsRefusedByIndex() {
        double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double b : bad) {
            for (int at : new int[] {0, 3, 9}) {
                for (boolean inX : new boolean[] {true, false}) {
                    double[] x = {0.1, -0.2, 0.3, 0.05, 0.0, 0.2, -0.1, 0.4, -0.3, 0.15};
                    double[] y = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
                    (inX ? x : y)[at] = b;
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> SampleStats.of(x, y, x.length));
                    assertTrue(e.getMessage().startsWith("sample " + at + " "), e.getMessage());
                }
            }
        }
    }

    @Test
    void hugeFiniteSamplesAreAccepted() {
        // x − x0 squared overflows the sum of squares: the second scan finds every sample finite
        double[] x = {-1e300, 1e300, 0.0};
        double[] y = {1, 2, 3};
        SampleStats st = SampleStats.of(x, y, 3);
        assertEquals(-1e300, st.minX);
        assertEquals(1e300, st.maxX);
        assertEquals(2.0, st.meanY);
    }
}
