package com.fxdesk.slv.math;

/**
 * Standard normal density and distribution, accurate in the tails: Φ by W. J. Cody's rational Chebyshev
 * approximations of erfc (Math. Comp. 23, 1969; netlib specfun CALERF), relative accuracy ~1e-16 on the whole line
 * down to the underflow of Φ — about ten times faster than a continued-fraction erfc, which matters where Black prices
 * are inverted by the hundred thousand (the served-vol arbitrage scan).
 */
public final class Normal {
    private static final double INV_SQRT2 = 0.7071067811865475244;
    private static final double INV_SQRT_2PI = 0.3989422804014326779;

    private Normal() {
    }

    public static double pdf(double x) {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    public static double cdf(double x) {
        double a = Math.abs(x);
        double y = a * INV_SQRT2;
        if (y <= 0.46875) {
            return 0.5 * erfc(-x * INV_SQRT2);
        }
        // erfc(y) = ratio(y)·e^{−y²} with the Gaussian factor taken from x itself: e^{−y²} of the rounded y = x/√2
        // would carry a relative error 2y²ε (1.5e-13 at x = −37), the ratio only ε
        double r = y >= 26.543 ? 0 : erfcRatio(y) * gaussTail(a, 0.5);
        return x < 0 ? 0.5 * r : 1 - 0.5 * r;
    }

    // Cody's coefficients: erf on |x| ≤ 0.46875 (A/B), erfc on 0.46875 < |x| ≤ 4 (C/D) and |x| > 4 (P/Q)
    private static final double[] A = {3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
        3.20937758913846947e03, 1.85777706184603153e-1};
    private static final double[] B = {2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
        2.84423683343917062e03};
    private static final double[] C = {5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
        2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03,
        1.23033935479799725e03, 2.15311535474403846e-8};
    private static final double[] D = {1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
        1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03,
        1.23033935480374942e03};
    private static final double[] P = {3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
        1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2};
    private static final double[] Q = {2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1,
        6.05183413124413191e-2, 2.33520497626869185e-3};
    private static final double SQRPI = 5.6418958354775628695e-1;

    /** Complementary error function (Cody), relative accuracy ~1e-16; 0 beyond 26.543 (underflow). */
    public static double erfc(double x) {
        double y = Math.abs(x);
        double r;
        if (y <= 0.46875) {
            double ysq = y > 1.11e-16 ? y * y : 0;
            double num = A[4] * ysq;
            double den = ysq;
            for (int i = 0; i < 3; i++) {
                num = (num + A[i]) * ysq;
                den = (den + B[i]) * ysq;
            }
            return 1 - x * (num + A[3]) / (den + B[3]);
        } else {
            r = y >= 26.543 ? 0 : erfcRatio(y) * gaussTail(y, 1.0);
        }
        return x < 0 ? 2 - r : r;
    }

    /** erfc(y)·e^{y²} for y &gt; 0.46875 (Cody's C/D and P/Q approximations). */
    private static double erfcRatio(double y) {
        if (y <= 4) {
            double num = C[8] * y;
            double den = y;
            for (int i = 0; i < 7; i++) {
                num = (num + C[i]) * y;
                den = (den + D[i]) * y;
            }
            return (num + C[7]) / (den + D[7]);
        }
        double ysq = 1 / (y * y);
        double num = P[5] * ysq;
        double den = ysq;
        for (int i = 0; i < 4; i++) {
            num = (num + P[i]) * ysq;
            den = (den + Q[i]) * ysq;
        }
        double r = ysq * (num + P[4]) / (den + Q[4]);
        return (SQRPI - r) / y;
    }

    /** e^{−c·y²} without the rounding of y² for large y: y = y₁ + (y − y₁), y₁ = ⌊16y⌋/16 (y₁² exact). */
    private static double gaussTail(double y, double c) {
        double y1 = Math.floor(y * 16) / 16;
        double del = (y - y1) * (y + y1);
        return Math.exp(-c * y1 * y1) * Math.exp(-c * del);
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
