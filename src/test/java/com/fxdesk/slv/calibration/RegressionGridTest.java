package com.fxdesk.slv.calibration;

import com.fxdesk.slv.math.Selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RegressionGridTest {

    @Test
    void regressionTimesHoldTheGridTheExpiriesAndTheShortEnd() {
        double dt = 5 / 365.0;
        double[] expiries = {7 / 365.0, 1 / 12.0, 0.25, 1.0, 2.0};
        RegressionGrid g = RegressionGrid.build(1.0, dt, 5, 2, expiries);
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
    void gradedGridIsFineNearZeroAfterExpiriesAndForFastMeanReversion() {
        double dt = 5 / 365.0;
        double day = 1 / 365.0;
        double[] expiries = {7 * day, 30 * day, 0.5, 1.0};
        GridGrading grading = new GridGrading(0.25, 0.1, true, 0.05);
        RegressionGrid slow = RegressionGrid.graded(2.0, dt, 5, 3, expiries, 1.0, grading);
        double[] reg = slow.regressionTimes;
        for (double e : expiries) {
            assertTrue(Arrays.binarySearch(reg, e) >= 0, "expiry " + e);
        }
        assertEquals(dt / 8, reg[1], 1e-15);
        double anchor = 0;
        for (int i = 1; i < reg.length; i++) {
            double h = reg[i] - reg[i - 1];
            assertTrue(h <= Math.min(dt, Math.max(dt / 8, 0.25 * (reg[i - 1] - anchor))) + 0.5 * day + 1e-12,
                    "interval at " + reg[i - 1]);
            if (Arrays.binarySearch(expiries, reg[i]) >= 0) {
                anchor = reg[i];
            }
        }
        // an expiry restarts the refinement: the interval after 0.5 is dt/8, the one after it at most dt
        int after = Arrays.binarySearch(reg, 0.5);
        assertEquals(dt / 8, reg[after + 1] - reg[after], 1e-12);
        assertEquals(dt, reg[reg.length - 2] - reg[reg.length - 3], 1e-9);
        // propagation: the first step is dt/64, steps grow at most like 5% of t, never above a day
        double[] tau = slow.stepTimes;
        assertEquals(dt / 64, tau[1], 1e-15);
        for (int j = 1; j < slow.steps(); j++) {
            double h = tau[j + 1] - tau[j];
            assertTrue(h <= Math.min(day, Math.max(dt / 64, 0.05 * reg[slow.stepInterval[j]])) + 1e-12, "step " + j);
        }
        // fast mean reversion (κ = 30): regression intervals of 0.1/κ, about 1.2 days, instead of 5
        RegressionGrid fast = RegressionGrid.graded(2.0, dt, 5, 3, expiries, 30.0, grading);
        double[] r = fast.regressionTimes;
        for (int i = 1; i < r.length; i++) {
            assertTrue(r[i] - r[i - 1] <= 0.1 / 30 + 0.5 * day + 1e-12, "interval at " + r[i - 1]);
        }
        assertTrue(fast.regressionTimes.length > 3 * slow.regressionTimes.length);
        // no grading is the uniform grid
        RegressionGrid none = RegressionGrid.graded(2.0, dt, 5, 3, expiries, 30.0, GridGrading.NONE);
        assertTrue(Arrays.equals(none.regressionTimes, RegressionGrid.build(2.0, dt, 5, 3, expiries).regressionTimes));
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
