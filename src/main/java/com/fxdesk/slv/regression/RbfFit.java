package com.fxdesk.slv.regression;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/** A fitted RBF/PURBF network f(x) = ȳ + Σ_j w_j b_j(x), held flat beyond [min x, max x] (the outer centres). */
final class RbfFit implements RegressionFit {
    private final RbfEstimator.Units units;
    private final Kernel kernel;
    private final double[] weights;
    private final double mean;
    private final boolean partitionOfUnity;
    private final double floor;
    private final RegressionDiagnostics base;
    private final LongAdder floored = new LongAdder();
    /** Estimates the condition number on the first {@link #diagnostics()} (then dropped with the matrices it holds). */
    private DoubleSupplier conditionEstimate;
    private double conditionNumber = Double.NaN;

    /**
     * @param base              diagnostics without the condition number
     * @param conditionEstimate the normal equations' condition number, estimated when first asked for
     */
    RbfFit(RbfEstimator.Units units, Kernel kernel, double[] weights, double mean, boolean partitionOfUnity,
           double floor, RegressionDiagnostics base, DoubleSupplier conditionEstimate) {
        this.conditionEstimate = conditionEstimate;
        this.units = units;
        this.kernel = kernel;
        this.weights = weights;
        this.mean = mean;
        this.partitionOfUnity = partitionOfUnity;
        this.floor = floor;
        this.base = base;
    }

    @Override
    public double value(double x) {
        double v = raw(x);
        if (!(v >= floor)) {
            floored.increment();
            return floor;
        }
        return v;
    }

    @Override
    public void values(double[] increasingX, double[] out, int n) {
        if (kernel == Kernel.GAUSSIAN && n >= 16 && equallySpaced(increasingX, n)) {
            gaussianOnUniformGrid(increasingX, out, n);
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = raw(increasingX[i]);
            }
        }
        long fl = 0;
        for (int i = 0; i < n; i++) {
            double v = out[i];
            if (!(v >= floor)) {
                v = floor;
                fl++;
            }
            out[i] = v;
        }
        floored.add(fl);
    }

    private static boolean equallySpaced(double[] x, int n) {
        double d = (x[n - 1] - x[0]) / (n - 1);
        if (!(d > 0)) {
            return false;
        }
        for (int i = 1; i < n - 1; i++) {
            if (Math.abs(x[i] - (x[0] + i * d)) > 1e-9 * d) {
                return false;
            }
        }
        return true;
    }

    /**
     * Unfloored values on an equally spaced grid (the calibrator's spot grid): unit by unit, e^{−u²/2} by the exact
     * recurrence of {@link RbfEstimator#normalEquationsOnNodes} over the grid points inside the unit's truncated
     * support, instead of an exp and two binary searches per (point, unit). Points outside [c_0, c_{M−1}] (held
     * flat) and points no unit covers go through {@link #raw}.
     */
    private void gaussianOnUniformGrid(double[] x, double[] out, int n) {
        double[] c = units.centres;
        double[] h = units.widths;
        int m = c.length;
        double radius = Kernel.GAUSSIAN.radius();
        double d = (x[n - 1] - x[0]) / (n - 1);
        double[] sum = new double[n];
        double[] acc = new double[n];
        for (int j = 0; j < m; j++) {
            int from = (int) Math.max(0, Math.ceil((c[j] - radius * h[j] - x[0]) / d) - 1);
            int to = (int) Math.min(n - 1, Math.floor((c[j] + radius * h[j] - x[0]) / d) + 1);
            while (from <= to && !(Math.abs((x[from] - c[j]) / h[j]) <= radius)) {
                from++;
            }
            while (to >= from && !(Math.abs((x[to] - c[j]) / h[j]) <= radius)) {
                to--;
            }
            double dd = d / h[j];
            double q = Math.exp(-dd * dd);
            double e = 0.0;
            double r = 0.0;
            double wj = weights[j];
            for (int p = from; p <= to; p++) {
                if ((p - from) % RbfEstimator.ANCHOR == 0) {
                    double u = (x[p] - c[j]) / h[j];
                    e = Math.exp(-0.5 * u * u);
                    r = Math.exp(-u * dd - 0.5 * dd * dd);
                }
                double phi = RbfEstimator.INV_SQRT_2PI * e;
                sum[p] += phi;
                acc[p] += wj * phi;
                e *= r;
                r *= q;
            }
        }
        for (int p = 0; p < n; p++) {
            if (x[p] < c[0] || x[p] > c[m - 1] || !(sum[p] > 0.0)) {
                out[p] = raw(x[p]);
            } else {
                out[p] = mean + (partitionOfUnity ? acc[p] / sum[p] : acc[p]);
            }
        }
    }

    /** Unfloored value; no allocation (the basis is summed on the fly). */
    double raw(double xIn) {
        double[] c = units.centres;
        double[] h = units.widths;
        int m = c.length;
        double x = Math.min(Math.max(xIn, c[0]), c[m - 1]);
        int lo = units.first(x);
        int hi = units.last(x);
        double sum = 0.0;
        double acc = 0.0;
        for (int j = lo; j <= hi; j++) {
            double p = kernel.value((x - c[j]) / h[j]);
            sum += p;
            acc += weights[j] * p;
        }
        double level = mean;
        if (!(sum > 0.0)) {
            return partitionOfUnity ? level + weights[units.nearest(x)] : level;
        }
        return level + (partitionOfUnity ? acc / sum : acc);
    }

    @Override
    public RegressionDiagnostics diagnostics() {
        return new RegressionDiagnostics(base.estimator(), base.bandwidth(), base.unitsKept(), base.meanWidth(),
                base.lambda(), conditionNumber(), base.cvScore(), base.fallbacks(), floored.sum(),
                base.elapsedMicros());
    }

    private synchronized double conditionNumber() {
        if (conditionEstimate != null) {
            conditionNumber = conditionEstimate.getAsDouble();
            conditionEstimate = null;
        }
        return conditionNumber;
    }
}
