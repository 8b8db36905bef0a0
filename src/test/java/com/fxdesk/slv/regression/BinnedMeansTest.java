package com.fxdesk.slv.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BinnedMeansTest {

    /**
     * y = 2x on a shuffled-looking order of 0..9,999: on every 7th sample (the calibration's strided sample) the binned
     * means still interpolate y = 2x inside the bins and are flat beyond; increasing and decreasing points give the
     * same values (the search continues only for increasing points); samples beyond [lo, hi] fall in the end cells.
     */
    @Test
    void stridedSampleInterpolatesTheLocalMeanForAnyPointOrder() {
        int n = 10_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i * 7_919L) % n; // a permutation of 0..n−1 (7,919 is prime to 10,000)
            y[i] = 2 * x[i];
        }
        double[] up = {-50, 1_000, 2_500, 5_000, 7_500, 9_000, 20_000};
        double[] outUp = new double[up.length];
        BinnedMeans.at(x, y, n, 7, 0, n - 1, up, outUp);
        for (int j = 1; j < up.length - 1; j++) {
            assertEquals(2 * up[j], outUp[j], 0.02 * up[j], "at " + up[j]);
        }
        // 1,429 samples in 11 bins of about 130: the first bin's mean x is about 450, the last's about 9,550
        assertEquals(900, outUp[0], 100, "flat below the first bin's mean x: its mean y");
        assertEquals(19_100, outUp[6], 100, "flat beyond the last bin's mean x");
        double[] down = {9_000, 5_000, 1_000};
        double[] outDown = new double[down.length];
        BinnedMeans.at(x, y, n, 7, 0, n - 1, down, outDown);
        assertEquals(outUp[5], outDown[0], 0.0);
        assertEquals(outUp[3], outDown[1], 0.0);
        assertEquals(outUp[1], outDown[2], 0.0);
        double[] narrow = new double[1];
        BinnedMeans.at(x, y, n, 1, 4_000, 6_000, new double[] {5_000}, narrow);
        assertEquals(10_000, narrow[0], 200, "samples outside [lo, hi] in the end cells do not move the middle");
    }
}
