package com.fxdesk.slv.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BinningEstimatorTest {

    @Test
    void sortedOrderSortsByX() {
        double[][] s = KernelRegressionTest.samples(5000, 21, x -> 1.0, 0.0);
        int[] order = SampleStats.of(s[0], s[1], 5000).sortedOrder(s[0]);
        boolean[] seen = new boolean[5000];
        for (int i = 0; i < 5000; i++) {
            seen[order[i]] = true;
            if (i > 0) {
                assertTrue(s[0][order[i - 1]] <= s[0][order[i]]);
            }
        }
        for (boolean b : seen) {
            assertTrue(b);
        }
    }

    @Test
    void equalCountBinsReproduceALineBetweenCentresAndAreFlatBeyond() {
        double[][] s = KernelRegressionTest.samples(3000, 22, x -> 2.0 + x, 0.0);
        RegressionFit fit = Estimators.create(EstimatorConfig.of(EstimatorType.BINNING).withBins(30)).fit(s[0], s[1], 3000);
        assertEquals(30, fit.diagnostics().unitsKept());
        for (double x : KernelRegressionTest.grid(-1.0, 1.0, 21)) {
            assertEquals(2.0 + x, fit.value(x), 1e-12);
        }
        assertEquals(fit.value(-1.6), fit.value(-5.0), 0.0);
        assertEquals(fit.value(1.6), fit.value(5.0), 0.0);
        assertEquals(BinningEstimator.autoBins(2048), 25);
    }
}
