package com.fxdesk.slv.regression;

import java.util.concurrent.atomic.LongAdder;

/**
 * m(x) linear between knots, flat beyond the first and last knot, floored. Used by the kernel regressions (knots:
 * the binning nodes, spacing ≤ h/16, so interpolation error is O((δ/h)²) of the curvature term) and by binning
 * (knots: bin centres). Immutable apart from thread-safe counters of floored and fallback evaluations.
 */
final class PiecewiseLinearFit implements RegressionFit {
    private final double[] knots;
    private final double[] values;
    /** Knots where local linear fell back to Nadaraya–Watson (null: none possible). */
    private final boolean[] fallbackKnot;
    private final double floor;
    private final RegressionDiagnostics base;
    private final LongAdder floored = new LongAdder();
    private final LongAdder fallbacks = new LongAdder();

    PiecewiseLinearFit(double[] knots, double[] values, boolean[] fallbackKnot, double floor, RegressionDiagnostics base) {
        this.knots = knots;
        this.values = values;
        this.fallbackKnot = fallbackKnot;
        this.floor = floor;
        this.base = base;
    }

    @Override
    public double value(double x) {
        int n = knots.length;
        if (n == 1 || x <= knots[0]) {
            return finish(0, 0, values[0]);
        }
        if (x >= knots[n - 1]) {
            return finish(n - 1, n - 1, values[n - 1]);
        }
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (knots[mid] <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return finish(lo, hi, interpolate(lo, x));
    }

    @Override
    public void values(double[] increasingX, double[] out, int n) {
        int k = knots.length;
        int j = 0;
        long fl = 0;
        long fb = 0;
        for (int i = 0; i < n; i++) {
            double x = increasingX[i];
            int a;
            int b;
            double v;
            if (k == 1 || x <= knots[0]) {
                a = b = 0;
                v = values[0];
            } else if (x >= knots[k - 1]) {
                a = b = k - 1;
                v = values[k - 1];
            } else {
                while (knots[j + 1] <= x) {
                    j++;
                }
                a = j;
                b = j + 1;
                v = interpolate(j, x);
            }
            if (fallbackKnot != null && (fallbackKnot[a] || fallbackKnot[b])) {
                fb++;
            }
            if (!(v >= floor)) {
                v = floor;
                fl++;
            }
            out[i] = v;
        }
        floored.add(fl);
        fallbacks.add(fb);
    }

    private double interpolate(int j, double x) {
        double t = (x - knots[j]) / (knots[j + 1] - knots[j]);
        return values[j] + t * (values[j + 1] - values[j]);
    }

    private double finish(int a, int b, double v) {
        if (fallbackKnot != null && (fallbackKnot[a] || fallbackKnot[b])) {
            fallbacks.increment();
        }
        if (!(v >= floor)) {
            floored.increment();
            return floor;
        }
        return v;
    }

    @Override
    public RegressionDiagnostics diagnostics() {
        return new RegressionDiagnostics(base.estimator(), base.bandwidth(), base.unitsKept(), base.meanWidth(),
                base.lambda(), base.conditionNumber(), base.cvScore(),
                fallbackKnot == null ? base.fallbacks() : fallbacks.sum(), floored.sum(), base.elapsedMicros());
    }
}
