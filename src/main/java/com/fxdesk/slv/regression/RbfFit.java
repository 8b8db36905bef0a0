package com.fxdesk.slv.regression;

import java.util.concurrent.atomic.LongAdder;

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

    RbfFit(RbfEstimator.Units units, Kernel kernel, double[] weights, double mean, boolean partitionOfUnity,
           double floor, RegressionDiagnostics base) {
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
        long fl = 0;
        for (int i = 0; i < n; i++) {
            double v = raw(increasingX[i]);
            if (!(v >= floor)) {
                v = floor;
                fl++;
            }
            out[i] = v;
        }
        floored.add(fl);
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
                base.lambda(), base.conditionNumber(), base.cvScore(), base.fallbacks(), floored.sum(),
                base.elapsedMicros());
    }
}
