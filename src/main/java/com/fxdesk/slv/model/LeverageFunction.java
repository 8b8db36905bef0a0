package com.fxdesk.slv.model;

import java.util.Arrays;

/**
 * The leverage L(S, t) on a (time, spot-grid) lattice: slice n holds L(·, t_n) on its own increasing spot grid.
 * In spot: linear between grid points, flat beyond the ends. In time: L(·, t_n) applies on [t_n, t_{n+1}),
 * exactly as the particle method used it to propagate from t_n to t_{n+1}. Immutable (arrays copied).
 */
public final class LeverageFunction {
    private final double[] times;
    private final double[][] spots;
    private final double[][] values;

    public LeverageFunction(double[] times, double[][] spots, double[][] values) {
        if (times.length == 0 || times.length != spots.length || times.length != values.length) {
            throw new IllegalArgumentException("times, spots and values must have the same non-zero length");
        }
        this.times = times.clone();
        this.spots = new double[times.length][];
        this.values = new double[times.length][];
        for (int n = 0; n < times.length; n++) {
            if (spots[n].length == 0 || spots[n].length != values[n].length) {
                throw new IllegalArgumentException("slice " + n + ": spots and values must have the same non-zero length");
            }
            this.spots[n] = spots[n].clone();
            this.values[n] = values[n].clone();
        }
    }

    /** Index of the slice in force at time t: the last n with t_n ≤ t (0 before the first). */
    public int sliceIndex(double t) {
        int i = Arrays.binarySearch(times, t);
        if (i >= 0) {
            return i;
        }
        return Math.max(0, -i - 2);
    }

    public double value(double t, double spot) {
        return valueInSlice(sliceIndex(t), spot);
    }

    public double valueInSlice(int slice, double spot) {
        double[] s = spots[slice];
        double[] v = values[slice];
        int m = s.length;
        if (spot <= s[0]) {
            return v[0];
        }
        if (spot >= s[m - 1]) {
            return v[m - 1];
        }
        int i = Arrays.binarySearch(s, spot);
        if (i >= 0) {
            return v[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double w = (spot - s[lo]) / (s[hi] - s[lo]);
        return v[lo] + w * (v[hi] - v[lo]);
    }

    public int sliceCount() {
        return times.length;
    }

    public double[] times() {
        return times.clone();
    }

    public double[] spots(int slice) {
        return spots[slice].clone();
    }

    public double[] values(int slice) {
        return values[slice].clone();
    }
}
