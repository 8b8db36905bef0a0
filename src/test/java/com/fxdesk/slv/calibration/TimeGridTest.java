package com.fxdesk.slv.calibration;

import com.fxdesk.slv.math.Selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimeGridTest {

    @Test
    void regressionTimesHoldTheGridTheExpiriesAndTheShortEnd() {
        double dt = 5 / 365.0;
        double[] expiries = {7 / 365.0, 1 / 12.0, 0.25, 1.0, 2.0};
        TimeGrid g = TimeGrid.build(1.0, dt, 5, 2, expiries);
        double[] reg = g.regressionTimes;
        assertEquals(0.0, reg[0]);
        assertEquals(1.0, reg[reg.length - 1]);
        for (double e : new double[] {7 / 365.0, 1 / 12.0, 0.25, dt / 2, dt / 4}) {
            assertTrue(Arrays.binarySearch(reg, e) >= 0, "time " + e);
        }
        for (int i = 1; i < reg.length; i++) {
            assertTrue(reg[i] - reg[i - 1] > 0.24 / 365 && reg[i] - reg[i - 1] <= dt + 0.5 / 365, "step " + i);
        }
        // every propagation step lies in one regression interval and is at most a day
        double[] tau = g.stepTimes;
        for (int j = 0; j < g.steps(); j++) {
            int n = g.stepInterval[j];
            assertTrue(tau[j] >= reg[n] - 1e-15 && tau[j + 1] <= reg[n + 1] + 1e-15);
            assertTrue(tau[j + 1] - tau[j] <= 1.1 / 365.0);
        }
        for (double t : reg) {
            assertTrue(Arrays.binarySearch(tau, t) >= 0, "regression time on the propagation grid " + t);
        }
    }

    @Test
    void selectionMatchesSorting() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + r.nextInt(5000);
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = trial % 3 == 0 ? r.nextInt(5) : r.nextGaussian();
            }
            double[] sorted = a.clone();
            Arrays.sort(sorted);
            int k1 = r.nextInt(n);
            int k2 = k1 + r.nextInt(n - k1);
            double[] work = a.clone();
            assertEquals(sorted[k1], Selection.select(work, 0, n, k1));
            assertEquals(sorted[k2], Selection.select(work, k1, n, k2));
        }
    }
}
