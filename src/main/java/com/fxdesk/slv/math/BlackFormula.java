package com.fxdesk.slv.math;

/**
 * Black (Garman–Kohlhagen in forward form) prices of European options and their inversion to implied vol.
 * Prices are per unit of foreign notional in domestic currency: df · [ω F N(ω d1) − ω K N(ω d2)].
 */
public final class BlackFormula {

    private BlackFormula() {
    }

    /** Undiscounted Black price with total standard deviation s = σ√T. */
    public static double undiscounted(boolean call, double forward, double strike, double stdDev) {
        double omega = call ? 1.0 : -1.0;
        if (stdDev <= 0) {
            return Math.max(omega * (forward - strike), 0.0);
        }
        double d1 = Math.log(forward / strike) / stdDev + 0.5 * stdDev;
        double d2 = d1 - stdDev;
        return omega * (forward * Normal.cdf(omega * d1) - strike * Normal.cdf(omega * d2));
    }

    public static double price(boolean call, double forward, double strike, double expiry, double vol, double domesticDf) {
        return domesticDf * undiscounted(call, forward, strike, vol * Math.sqrt(expiry));
    }

    /** Undiscounted vega with respect to the total standard deviation s = σ√T. */
    public static double vegaStdDev(double forward, double strike, double stdDev) {
        double d1 = Math.log(forward / strike) / stdDev + 0.5 * stdDev;
        return forward * Normal.pdf(d1);
    }

    /**
     * Implied vol from a discounted price; NaN when the price is outside the no-arbitrage bounds.
     * Newton on s = σ√T from a Brenner–Subrahmanyam-type start, safeguarded by bisection on a bracket, to 1e-14 in s.
     */
    public static double impliedVol(boolean call, double forward, double strike, double expiry, double price,
                                    double domesticDf) {
        double target = price / domesticDf;
        double omega = call ? 1.0 : -1.0;
        double intrinsic = Math.max(omega * (forward - strike), 0.0);
        double upper = call ? forward : strike;
        if (!(target > intrinsic) || !(target < upper) || !(expiry > 0)) {
            return target == intrinsic && expiry > 0 ? 0.0 : Double.NaN;
        }
        // out-of-the-money form is better conditioned; put–call parity on undiscounted prices
        boolean useCall = strike >= forward;
        double otm = useCall == call ? target : target + (useCall ? forward - strike : strike - forward);
        double lo = 0.0;
        double hi = 1.0;
        while (undiscounted(useCall, forward, strike, hi) < otm && hi < 1e3) {
            lo = hi;
            hi *= 2;
        }
        double s = Math.sqrt(2 * Math.PI) * otm / Math.sqrt(forward * strike);
        if (!(s > lo && s < hi)) {
            s = 0.5 * (lo + hi);
        }
        for (int iter = 0; iter < 100; iter++) {
            double diff = undiscounted(useCall, forward, strike, s) - otm;
            if (diff > 0) {
                hi = s;
            } else {
                lo = s;
            }
            double vega = vegaStdDev(forward, strike, s);
            double next = s - diff / vega;
            if (!(next > lo && next < hi) || vega < 1e-300) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - s) < 1e-14 * Math.max(1.0, s) || hi - lo < 1e-15) {
                s = next;
                break;
            }
            s = next;
        }
        return s / Math.sqrt(expiry);
    }

    /**
     * Implied total standard deviation s = σ√T of an undiscounted call on forward 1 at strike k with price c, from a
     * starting guess (e.g. the neighbouring strike's s; ≤ 0 or NaN: none): Newton on ln of the out-of-the-money price,
     * which is concave in s (the iterates approach the root from below after at most one step, so a near guess needs
     * two or three Black evaluations), safeguarded by bisection on a bracket; converged when a Newton step is below
     * 1e-8 of s (quadratic convergence: the step's own error is then at rounding level). 0 at intrinsic, NaN outside the
     * no-arbitrage bounds or without convergence.
     */
    public static double impliedStdDev(double k, double c, double guess) {
        double intrinsic = Math.max(1 - k, 0.0);
        if (!(c > intrinsic) || !(c < 1) || !(k > 0)) {
            return c == intrinsic ? 0.0 : Double.NaN;
        }
        boolean call = k >= 1;
        double otm = call ? c : c - (1 - k);
        double x = Math.log(k);
        double lnOtm = Math.log(otm);
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        double s = guess > 0 && guess < 1e3 ? guess
                : Math.max(Math.sqrt(2 * Math.PI) * otm / Math.sqrt(k), Math.sqrt(2 * Math.abs(x)));
        for (int iter = 0; iter < 100; iter++) {
            double d1 = -x / s + 0.5 * s;
            double d2 = d1 - s;
            double b = call ? Normal.cdf(d1) - k * Normal.cdf(d2) : k * Normal.cdf(-d2) - Normal.cdf(-d1);
            if (b > otm) {
                hi = s;
            } else if (b < otm) {
                lo = s;
            } else {
                return s;
            }
            double vega = Normal.pdf(d1);
            double next = b > 0 && vega > 0 ? s - (Math.log(b) - lnOtm) * b / vega : Double.NaN;
            boolean newton = next > lo && next < hi;
            if (!newton) {
                next = hi == Double.POSITIVE_INFINITY ? 2 * s : 0.5 * (lo + hi);
            }
            // a Newton step Δ leaves an error ≈ (3/2)Δ²/s (ln b ≈ −x²/2s²): below 1e-8 of s it is at rounding level
            if (newton && Math.abs(next - s) <= 1e-8 * s || hi < Double.POSITIVE_INFINITY && hi - lo <= 1e-15 * hi) {
                return next;
            }
            s = next;
        }
        return Double.NaN;
    }
}
