package com.fxdesk.slv.model;

import java.util.Arrays;

/**
 * The leverage L(S, t) on a (time, spot-grid) lattice: slice n holds L(·, t_n) on its own increasing spot grid.
 * In spot: linear in ln S between grid points, flat beyond the ends ({@link LogSpotLattice}), the one rule by which
 * calibration, round trip and pricing all read L. In time: L(·, t_n) applies on [t_n, t_{n+1}), exactly as the
 * particle method used it to propagate from t_n to t_{n+1}. Immutable (arrays copied).
 */
public final class LeverageFunction {
    private final double[] times;
    private final double[][] spots;
    private final double[][] values;
    private final LogSpotLattice[] lattices;

    /** L given at spot grids (increasing; grids uniform in ln S, as the calibration makes them, read fastest). */
    public LeverageFunction(double[] times, double[][] spots, double[][] values) {
        this(times, spots, values, null);
    }

    /**
     * As the calibration builds it: the slices' lattices already made (on the log-spot grid the spots came from), so
     * that L is read back bit for bit as the particles were moved with it.
     */
    public LeverageFunction(double[] times, double[][] spots, double[][] values, LogSpotLattice[] lattices) {
        if (times.length == 0 || times.length != spots.length || times.length != values.length
                || lattices != null && lattices.length != times.length) {
            throw new IllegalArgumentException("times, spots and values must have the same non-zero length");
        }
        this.times = times.clone();
        this.spots = new double[times.length][];
        this.values = new double[times.length][];
        this.lattices = new LogSpotLattice[times.length];
        for (int n = 0; n < times.length; n++) {
            if (spots[n].length == 0 || spots[n].length != values[n].length) {
                throw new IllegalArgumentException("slice " + n + ": spots and values must have the same non-zero length");
            }
            this.spots[n] = spots[n].clone();
            this.values[n] = values[n].clone();
            if (lattices != null && lattices[n] != null) {
                this.lattices[n] = lattices[n];
            } else {
                double[] x = new double[spots[n].length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = Math.log(spots[n][i]);
                }
                this.lattices[n] = LogSpotLattice.onNodes(x, values[n]);
            }
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
        return lattices[slice].at(Math.log(spot));
    }

    /** The slice's L at log-spots: out[i] = L(exp(x[i]), t_slice) for i in [from, to). */
    public void atLogSpots(int slice, double[] x, double[] out, int from, int to) {
        lattices[slice].at(x, out, from, to);
    }

    public LogSpotLattice lattice(int slice) {
        return lattices[slice];
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
