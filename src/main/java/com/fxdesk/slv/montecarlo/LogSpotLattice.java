package com.fxdesk.slv.montecarlo;

/**
 * A function of spot sampled on a uniform grid in x = ln S, read back by linear interpolation in x and held flat
 * beyond the ends. Lets the path loop look up σ_LV or the leverage in a few flops (no search, no exp) instead
 * of calling the surface per path and step. Immutable.
 */
public final class LogSpotLattice {
    private final double xMin;
    private final double invDx;
    private final double[] values;
    private final int last;

    private LogSpotLattice(double xMin, double dx, double[] values) {
        this.xMin = xMin;
        this.invDx = 1 / dx;
        this.values = values;
        this.last = values.length - 1;
    }

    /** Log-spot nodes xLo + j (xHi − xLo)/(n − 1), j = 0..n−1. */
    public static double[] nodes(double xLo, double xHi, int n) {
        double[] x = new double[n];
        double dx = (xHi - xLo) / (n - 1);
        for (int j = 0; j < n; j++) {
            x[j] = xLo + j * dx;
        }
        return x;
    }

    /** @param values the function at {@link #nodes}(xLo, xHi, values.length) */
    public static LogSpotLattice of(double xLo, double xHi, double[] values) {
        if (values.length < 2 || !(xHi > xLo)) {
            throw new IllegalArgumentException("need ≥ 2 values on a non-empty range");
        }
        return new LogSpotLattice(xLo, (xHi - xLo) / (values.length - 1), values.clone());
    }

    public double at(double x) {
        double u = (x - xMin) * invDx;
        if (u <= 0) {
            return values[0];
        }
        if (u >= last) {
            return values[last];
        }
        int j = (int) u;
        double w = u - j;
        double a = values[j];
        return a + w * (values[j + 1] - a);
    }

    /** out[i] = f(x[i]) for i in [0, n). */
    public void at(double[] x, double[] out, int n) {
        double[] v = values;
        double lo = xMin;
        double inv = invDx;
        int top = last;
        for (int i = 0; i < n; i++) {
            double u = (x[i] - lo) * inv;
            double r;
            if (u <= 0) {
                r = v[0];
            } else if (u >= top) {
                r = v[top];
            } else {
                int j = (int) u;
                double a = v[j];
                r = a + (u - j) * (v[j + 1] - a);
            }
            out[i] = r;
        }
    }
}
