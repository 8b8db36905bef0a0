package com.fxdesk.slv.regression;

import com.fxdesk.slv.math.Selection;
import java.util.Arrays;

/** One-pass summary of the samples, plus the O(N) robust scale and the one O(N log N) sort the package uses. */
final class SampleStats {
    final int n;
    final double minX;
    final double maxX;
    final double meanX;
    final double stdX;
    final double meanY;
    /** First index of the smallest and of the largest x. */
    final int iMin;
    final int iMax;

    private SampleStats(int n, double minX, double maxX, double meanX, double stdX, double meanY, int iMin, int iMax) {
        this.n = n;
        this.minX = minX;
        this.maxX = maxX;
        this.meanX = meanX;
        this.stdX = stdX;
        this.meanY = meanY;
        this.iMin = iMin;
        this.iMax = iMax;
    }

    static SampleStats of(double[] x, double[] y, int n) {
        if (n < 1 || x.length < n || y.length < n) {
            throw new IllegalArgumentException("need n ≥ 1 samples in arrays of length ≥ n, got n = " + n);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double shift = x[0];
        double s1 = 0.0;
        double s2 = 0.0;
        double sy = 0.0;
        int iMin = -1;
        int iMax = -1;
        // finiteness is checked once after the pass (x − x0 and y both feed sums that a NaN or ±∞ makes non-finite;
        // a finite overflow of s2 only costs the second scan): one test per sample less on the regression's serial path
        for (int i = 0; i < n; i++) {
            double xi = x[i];
            double yi = y[i];
            if (xi < min) {
                min = xi;
                iMin = i;
            }
            if (xi > max) {
                max = xi;
                iMax = i;
            }
            double d = xi - shift; // shifted sums avoid cancellation when |mean| ≫ std
            s1 += d;
            s2 += d * d;
            sy += yi;
        }
        if (!Double.isFinite(s1 + s2 + sy) || !Double.isFinite(shift)) {
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                    throw new IllegalArgumentException("sample " + i + " is not finite: (" + x[i] + ", " + y[i] + ")");
                }
            }
        }
        double m = s1 / n;
        double var = n > 1 ? Math.max(0.0, (s2 - n * m * m) / (n - 1)) : 0.0;
        return new SampleStats(n, min, max, shift + m, Math.sqrt(var), sy / n, iMin, iMax);
    }

    /** Silverman's rule h = (4 σ̂⁵ / (3N))^{1/5} with σ̂ = min(std, IQR/1.34) (std if the IQR is 0). */
    double silvermanBandwidth(double[] x) {
        double iqr = n >= 4 ? quantileSelect(x, n, 0.75) - quantileSelect(x, n, 0.25) : 0.0;
        double sigma = iqr > 0.0 ? Math.min(stdX, iqr / 1.34) : stdX;
        return Math.pow(4.0 * Math.pow(sigma, 5) / (3.0 * n), 0.2);
    }

    /** Type-7 (linear) sample quantile by quickselect on a copy: O(N), no sort. */
    static double quantileSelect(double[] x, int n, double p) {
        double[] a = Arrays.copyOf(x, n);
        double h = (n - 1) * p;
        int k = (int) Math.floor(h);
        double lo = Selection.select(a, 0, n, k);
        if (k + 1 >= n) {
            return lo;
        }
        // after select, a[k+1..n) holds the larger elements: their minimum is order statistic k+1
        double hi = Double.POSITIVE_INFINITY;
        for (int i = k + 1; i < n; i++) {
            if (a[i] < hi) {
                hi = a[i];
            }
        }
        return lo + (h - k) * (hi - lo);
    }

    /**
     * Sample indices in increasing x, by one primitive sort of packed keys: the top 39 bits quantise x over
     * [min, max] (ties inside a quantum of range·2⁻³⁹ are broken by index, which cannot matter to an estimator),
     * the low 24 bits hold the index. Limited to N < 2²⁴.
     */
    int[] sortedOrder(double[] x) {
        if (n >= (1 << 24)) {
            throw new IllegalArgumentException("sortedOrder supports fewer than 2^24 samples, got " + n);
        }
        long[] keys = new long[n];
        double range = maxX - minX;
        double scale = range > 0.0 ? ((1L << 39) - 1) / range : 0.0;
        for (int i = 0; i < n; i++) {
            long q = (long) ((x[i] - minX) * scale);
            keys[i] = (q << 24) | i;
        }
        Arrays.sort(keys);
        int[] order = new int[n];
        int mask = (1 << 24) - 1;
        for (int i = 0; i < n; i++) {
            order[i] = (int) (keys[i] & mask);
        }
        return order;
    }
}
