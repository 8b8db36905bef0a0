package com.fxdesk.slv.montecarlo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimeGridTest {

    @Test
    void maxStepsBoundsTheGrid() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int trial = 0; trial < 500; trial++) {
            double days = 1 + rnd.nextInt(30);
            int n = 1 + rnd.nextInt(6);
            double[] dates = new double[n];
            double maturity = 0;
            for (int i = 0; i < n; i++) {
                dates[i] = 0.01 + 5 * rnd.nextDouble();
                maturity = Math.max(maturity, dates[i]);
            }
            long bound = TimeGrid.maxSteps(maturity, days, n);
            assertTrue(TimeGrid.of(days / 365.0, dates).steps() <= bound, "trial " + trial);
        }
        // one year in 5-day steps with dates half a step into the 1st and 2nd steps: 1 + 1 + 72 steps
        double h = 5 / 365.0;
        assertEquals(74, TimeGrid.of(h, 0.5 * h, 1.5 * h, 73 * h).steps());
        assertEquals(76, TimeGrid.maxSteps(73 * h, 5, 3));
        assertEquals(0, TimeGrid.maxSteps(0, 5, 3));
    }
}
