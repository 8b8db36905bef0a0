package com.fxdesk.slv.math;

import org.apache.commons.math3.special.Erf;

/** Standard normal density and distribution, accurate in the tails (erfc, relative accuracy ~1e-15). */
public final class Normal {
    private static final double INV_SQRT2 = 0.7071067811865475244;
    private static final double INV_SQRT_2PI = 0.3989422804014326779;

    private Normal() {
    }

    public static double pdf(double x) {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    public static double cdf(double x) {
        return 0.5 * Erf.erfc(-x * INV_SQRT2);
    }

    /**
     * Fast Φ(x) for Monte Carlo inner loops: Hart's rational approximation (1968) as given by West (2005),
     * absolute error below 1e-14; about ten times faster than {@link #cdf}.
     */
    public static double cdfFast(double x) {
        double a = Math.abs(x);
        double c;
        if (a > 37) {
            c = 0;
        } else {
            double e = Math.exp(-0.5 * a * a);
            if (a < 7.07106781186547) {
                double b = 3.52624965998911e-02 * a + 0.700383064443688;
                b = b * a + 6.37396220353165;
                b = b * a + 33.912866078383;
                b = b * a + 112.079291497871;
                b = b * a + 221.213596169931;
                b = b * a + 220.206867912376;
                c = e * b;
                b = 8.83883476483184e-02 * a + 1.75566716318264;
                b = b * a + 16.064177579207;
                b = b * a + 86.7807322029461;
                b = b * a + 296.564248779674;
                b = b * a + 637.333633378831;
                b = b * a + 793.826512519948;
                b = b * a + 440.413735824752;
                c /= b;
            } else {
                double b = a + 0.65;
                b = a + 4 / b;
                b = a + 3 / b;
                b = a + 2 / b;
                b = a + 1 / b;
                c = e / b / 2.506628274631;
            }
        }
        return x > 0 ? 1 - c : c;
    }
}
