package com.fxdesk.slv.pricing.analytic;

import com.fxdesk.slv.math.Normal;

/**
 * Products of exponentials and normal probabilities, e^a · Φ(x), evaluated without overflow or underflow.
 * Barrier formulas multiply (H/S)^p, which can overflow, by Φ of a far-tail argument, which can underflow;
 * their product is bounded (it is part of a probability or a price) and is computed in log space when needed.
 */
final class GaussianTails {
    private static final double LOG_SQRT_2PI = 0.91893853320467274178;
    /** Below this Φ(x) is taken from its asymptotic series; Normal.cdf underflows near −38. */
    private static final double ASYMPTOTIC_BELOW = -30.0;

    private GaussianTails() {
    }

    /**
     * ln Φ(x). For x ≤ −30 the asymptotic series Φ(x) = φ(x)/|x| · Σ_k (−1)^k (2k−1)!!/x^{2k}, truncated
     * after 12 terms: the first omitted term is below 25!!/30^26 ≈ 1e-26 (relative).
     */
    static double logCdf(double x) {
        if (x > ASYMPTOTIC_BELOW) {
            return Math.log(Normal.cdf(x));
        }
        double inv2 = 1.0 / (x * x);
        double term = 1.0;
        double sum = 1.0;
        for (int k = 1; k <= 12; k++) {
            term *= -(2 * k - 1) * inv2;
            sum += term;
        }
        return -0.5 * x * x - LOG_SQRT_2PI - Math.log(-x) + Math.log(sum);
    }

    /** e^a · Φ(x), direct when safe (full precision), otherwise through logs. */
    static double expTimesCdf(double a, double x) {
        if (x > ASYMPTOTIC_BELOW && a < 700 && a > -700) {
            return Math.exp(a) * Normal.cdf(x);
        }
        return Math.exp(a + logCdf(x));
    }

    /** Φ(b) − Φ(a) for a ≤ b, from the tail that keeps precision. */
    static double interval(double a, double b) {
        if (a > 0) {
            return Normal.cdf(-a) - Normal.cdf(-b);
        }
        return Normal.cdf(b) - Normal.cdf(a);
    }

    /** e^c · (Φ(b) − Φ(a)) for a ≤ b, without overflow when e^c is huge and the interval tiny. */
    static double expTimesInterval(double c, double a, double b) {
        if (c < 700 && c > -700 && a < -ASYMPTOTIC_BELOW && b > ASYMPTOTIC_BELOW) {
            return Math.exp(c) * interval(a, b);
        }
        if (!(b > a)) {
            return 0.0;
        }
        // work in the tail that is far from the bulk: both in the upper tail (a > 0) or both in the lower
        double hi;
        double lo;
        if (a > 0) {
            hi = logCdf(-a);
            lo = logCdf(-b);
        } else if (b < 0) {
            hi = logCdf(b);
            lo = logCdf(a);
        } else {
            return Math.exp(c) * interval(a, b); // interval straddles 0: Φ-difference is not tiny
        }
        return Math.exp(c + hi + Math.log1p(-Math.exp(lo - hi)));
    }
}
