package com.fxdesk.slv.regression;

/**
 * Kernels K(u) of SPEC.md section 5, each a probability density in u. The Gaussian and the sigmoid are truncated
 * at |u| ≤ {@link #radius()} where their neglected mass is below 1e-7 (so windows over sorted or binned data are
 * finite); the quartic and Epanechnikov kernels have support |u| ≤ 1.
 */
public enum Kernel {
    GAUSSIAN(6.0) {
        @Override
        public double value(double u) {
            return Math.abs(u) > 6.0 ? 0.0 : INV_SQRT_2PI * Math.exp(-0.5 * u * u);
        }
    },
    QUARTIC(1.0) {
        @Override
        public double value(double u) {
            double t = 1.0 - u * u;
            return t <= 0.0 ? 0.0 : 15.0 / 16.0 * t * t;
        }
    },
    EPANECHNIKOV(1.0) {
        @Override
        public double value(double u) {
            double t = 1.0 - u * u;
            return t <= 0.0 ? 0.0 : 0.75 * t;
        }
    },
    SIGMOID(18.0) {
        @Override
        public double value(double u) {
            double a = Math.abs(u);
            if (a > 18.0) {
                return 0.0;
            }
            // (2/π)/(e^u + e^−u) written with e^−|u| only, which cannot overflow
            double e = Math.exp(-a);
            return 2.0 / Math.PI * e / (1.0 + e * e);
        }
    };

    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    private final double radius;

    Kernel(double radius) {
        this.radius = radius;
    }

    /** K(u). */
    public abstract double value(double u);

    /** K vanishes (or is truncated) for |u| beyond this. */
    public double radius() {
        return radius;
    }
}
