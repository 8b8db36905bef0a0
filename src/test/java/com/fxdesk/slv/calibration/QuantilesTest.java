package com.fxdesk.slv.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuantilesTest {

    @Test
    void ranksAreTheExactOrderStatisticsOfTheStridedSample() {
        SplittableRandom r = new SplittableRandom(5);
        for (int n : new int[] {2, 3, 10, 2048, 100_000}) {
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = i % 7 == 0 ? Math.rint(4 * r.nextGaussian()) : r.nextGaussian(); // ties too
            }
            for (int stride : new int[] {1, 3, 6}) {
                int ns = (n + stride - 1) / stride;
                double[] sample = new double[ns];
                for (int i = 0, k = 0; i < n; i += stride) {
                    sample[k++] = a[i];
                }
                double[] sorted = sample.clone();
                Arrays.sort(sorted);
                for (double q : new double[] {0.0, 0.001, 0.01, 0.1, 0.3}) {
                    int kLo = (int) Math.floor(q * (ns - 1));
                    int kHi = (int) Math.ceil((1 - q) * (ns - 1));
                    double[] copy = a.clone();
                    double[] ends = Quantiles.ranks(copy, n, stride, kLo, kHi, new double[ns]);
                    assertEquals(sorted[kLo], ends[0], 0.0, "n " + n + " stride " + stride + " q " + q);
                    assertEquals(sorted[kHi], ends[1], 0.0, "n " + n + " stride " + stride + " q " + q);
                }
            }
        }
    }
}
