package com.fxdesk.slv.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fxdesk.slv.math.Normal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ZigguratNormalsTest {

    @Test
    void momentsTailsAndKolmogorovSmirnovMatchTheStandardNormal() {
        int n = 2_000_000;
        double[] z = new double[n];
        ZigguratNormals.fill(z, 0, n, 12345L);
        double s1 = 0;
        double s2 = 0;
        double s4 = 0;
        int beyond3 = 0;
        int beyondR = 0;
        for (double v : z) {
            s1 += v;
            s2 += v * v;
            s4 += v * v * v * v;
            if (Math.abs(v) > 3) {
                beyond3++;
            }
            if (Math.abs(v) > 3.6541528853610088) {
                beyondR++;
            }
        }
        double mean = s1 / n;
        double var = s2 / n - mean * mean;
        assertEquals(0.0, mean, 4 / Math.sqrt(n));
        assertEquals(1.0, var, 4 * Math.sqrt(2.0 / n));
        assertEquals(3.0, s4 / n, 4 * Math.sqrt(96.0 / n));
        double p3 = 2 * Normal.cdf(-3);
        assertEquals(p3, (double) beyond3 / n, 4 * Math.sqrt(p3 / n));
        double pr = 2 * Normal.cdf(-3.6541528853610088);
        assertEquals(pr, (double) beyondR / n, 4 * Math.sqrt(pr / n));
        Arrays.sort(z);
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = Normal.cdf(z[i]);
            d = Math.max(d, Math.max(Math.abs(f - (double) i / n), Math.abs(f - (double) (i + 1) / n)));
        }
        assertTrue(d < 1.63 / Math.sqrt(n), "KS distance " + d + " (1% critical value " + 1.63 / Math.sqrt(n) + ")");
    }

    @Test
    void theStreamContinuesAcrossCallsAndDependsOnlyOnTheState() {
        double[] once = new double[1000];
        ZigguratNormals.fill(once, 0, 1000, 77L);
        double[] twice = new double[1000];
        long s = ZigguratNormals.fill(twice, 0, 400, 77L);
        ZigguratNormals.fill(twice, 400, 1000, s);
        assertArrayEquals(once, twice, 0.0);
    }

    /** The antithetic fill draws exactly what fill draws (same numbers, same state after) and writes −z behind them. */
    @Test
    void antitheticFillIsTheSameDrawsWithTheirMirrorBehind() {
        int m = 1000; // enough draws to pass through the wedge and tail branches
        double[] plain = new double[m + 3];
        double[] anti = new double[2 * m + 3];
        long s1 = ZigguratNormals.fill(plain, 3, m + 3, 99L);
        long s2 = ZigguratNormals.fillAntithetic(anti, 3, m, 99L);
        assertEquals(s1, s2);
        for (int i = 0; i < m; i++) {
            assertEquals(Double.doubleToRawLongBits(plain[3 + i]), Double.doubleToRawLongBits(anti[3 + i]));
            assertEquals(Double.doubleToRawLongBits(-plain[3 + i]), Double.doubleToRawLongBits(anti[3 + m + i]));
        }
        assertEquals(0.0, anti[0]);
    }
}
