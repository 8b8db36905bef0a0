package com.fxdesk.slv.market;

import java.util.Arrays;

/**
 * Continuously compounded zero curve, linear in r(t)·t between pillars (piecewise-flat forwards).
 * Before the first pillar the zero rate is the first pillar's; after the last it stays at the last pillar's
 * (SPEC.md section 1). Immutable.
 */
public final class RateCurve {
    private final double[] times;
    private final double[] zeroRates;
    private final double[] rt; // r(t)·t at the pillars

    private RateCurve(double[] times, double[] zeroRates) {
        this.times = times;
        this.zeroRates = zeroRates;
        this.rt = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            rt[i] = times[i] * zeroRates[i];
        }
    }

    public static RateCurve flat(double rate) {
        if (!Double.isFinite(rate)) {
            throw new IllegalArgumentException("rate must be finite");
        }
        return new RateCurve(new double[] {1.0}, new double[] {rate});
    }

    public static RateCurve of(double[] times, double[] zeroRates) {
        if (times.length == 0 || times.length != zeroRates.length) {
            throw new IllegalArgumentException("times and zeroRates must be non-empty and of equal length");
        }
        for (int i = 0; i < times.length; i++) {
            if (!(times[i] > 0) || !Double.isFinite(times[i]) || !Double.isFinite(zeroRates[i])) {
                throw new IllegalArgumentException("times must be finite and > 0, rates finite");
            }
            if (i > 0 && times[i] <= times[i - 1]) {
                throw new IllegalArgumentException("times must be strictly increasing");
            }
        }
        return new RateCurve(times.clone(), zeroRates.clone());
    }

    /** r(t)·t = −ln DF(t). */
    public double integratedRate(double t) {
        if (t <= 0) {
            return 0.0;
        }
        int n = times.length;
        if (t <= times[0]) {
            return zeroRates[0] * t;
        }
        if (t >= times[n - 1]) {
            return zeroRates[n - 1] * t;
        }
        int i = Arrays.binarySearch(times, t);
        if (i >= 0) {
            return rt[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double w = (t - times[lo]) / (times[hi] - times[lo]);
        return rt[lo] + w * (rt[hi] - rt[lo]);
    }

    public double zeroRate(double t) {
        return t <= 0 ? zeroRates[0] : integratedRate(t) / t;
    }

    public double discountFactor(double t) {
        return Math.exp(-integratedRate(t));
    }

    /** Average instantaneous forward rate over [t1, t2], t2 > t1. */
    public double forwardRate(double t1, double t2) {
        return (integratedRate(t2) - integratedRate(t1)) / (t2 - t1);
    }

    public boolean isFlat() {
        return times.length == 1;
    }

    public double[] times() {
        return times.clone();
    }

    public double[] zeroRates() {
        return zeroRates.clone();
    }
}
