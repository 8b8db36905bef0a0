package com.fxdesk.slv.volatility;

import com.fxdesk.slv.market.AtmType;
import com.fxdesk.slv.market.DeltaType;
import com.fxdesk.slv.math.Normal;
import org.apache.commons.math3.special.Erf;

/**
 * FX delta conventions (Black model, forward form; Reiswich–Wystup). With s = σ√T, d1,2 = (ln(F/K) ± s²/2)/s,
 * ω = +1 call / −1 put and φ = foreign discount factor for spot delta, 1 for forward delta:
 * <pre>
 *   plain delta              Δ = ω φ N(ω d1)
 *   premium-adjusted delta   Δ = ω φ (K/F) N(ω d2)
 * </pre>
 * Put deltas are negative. Strikes from delta are closed form for plain deltas and a safeguarded Newton solve in d2
 * for premium-adjusted ones. The premium-adjusted call delta is not monotone in K (it vanishes at K→0 and K→∞ with a
 * maximum at s·N(d2) = n(d2)); as in QuantLib and market practice the root on the right of the maximum (K above the
 * maximising strike) is taken. Stateless.
 */
public final class FxDeltaStrikes {
    private static final double SQRT2 = Math.sqrt(2.0);

    private FxDeltaStrikes() {
    }

    /** Black delta of a call (call = true) or put at strike K. */
    public static double delta(boolean call, DeltaType type, boolean premiumAdjusted, double forward, double strike,
                               double stdDev, double foreignDf) {
        double omega = call ? 1.0 : -1.0;
        double phi = type == DeltaType.SPOT ? foreignDf : 1.0;
        double d1 = Math.log(forward / strike) / stdDev + 0.5 * stdDev;
        if (premiumAdjusted) {
            return omega * phi * strike / forward * Normal.cdf(omega * (d1 - stdDev));
        }
        return omega * phi * Normal.cdf(omega * d1);
    }

    /**
     * Strike with the given delta (signed: puts negative). Throws IllegalArgumentException when no strike has that delta
     * (|Δ| ≥ φ, or for a premium-adjusted call above the maximal attainable delta).
     */
    public static double strike(boolean call, double delta, DeltaType type, boolean premiumAdjusted, double forward,
                                double stdDev, double foreignDf) {
        double omega = call ? 1.0 : -1.0;
        double phi = type == DeltaType.SPOT ? foreignDf : 1.0;
        double p = omega * delta / phi; // in (0, 1)
        if (!(p > 0 && p < 1) || !(stdDev > 0) || !(forward > 0)) {
            throw new IllegalArgumentException("no strike for delta " + delta + " (" + type
                    + (premiumAdjusted ? ", premium-adjusted" : "") + ", stdDev " + stdDev + ")");
        }
        double s = stdDev;
        if (!premiumAdjusted) {
            double d1 = omega * inverseCdf(p);
            return forward * Math.exp(-s * d1 + 0.5 * s * s);
        }
        // premium-adjusted: p = exp(-s d2 - s²/2) N(ω d2); solve in d2, K = F exp(-s d2 - s²/2)
        double lnP = Math.log(p);
        double d2;
        if (call) {
            // f(d2) = -s d2 - s²/2 + ln N(d2) - ln p is concave with its maximum at d2* (s N(d2*) = n(d2*));
            // the right strike root is the left d2 root
            double dStar = maxDeltaD2(s);
            double fMax = -s * dStar - 0.5 * s * s + Math.log(Normal.cdf(dStar)) - lnP;
            if (!(fMax > 0)) {
                throw new IllegalArgumentException("premium-adjusted call delta " + delta + " exceeds the maximum "
                        + phi * Math.exp(fMax + lnP) + " attainable at stdDev " + stdDev);
            }
            double hi = dStar;
            double lo = dStar - 1.0;
            while (-s * lo - 0.5 * s * s + Math.log(Normal.cdf(lo)) - lnP > 0) {
                hi = lo;
                lo = dStar - 2 * (dStar - lo);
            }
            // the plain-delta strike is an upper bound for the strike, i.e. its d2 a lower bound: a good start
            double start = Math.max(lo, Math.min(hi, inverseCdf(p) - s));
            d2 = solveD2(true, s, lnP, lo, hi, start);
        } else {
            // g(d2) = -s d2 - s²/2 + ln N(-d2) - ln p is strictly decreasing
            double start = -inverseCdf(p) - s;
            double lo = start;
            double hi = start;
            while (g(false, s, lo, lnP) < 0) {
                lo -= 1.0;
            }
            while (g(false, s, hi, lnP) > 0) {
                hi += 1.0;
            }
            d2 = solveD2(false, s, lnP, lo, hi, Math.max(lo, Math.min(hi, start)));
        }
        return forward * Math.exp(-s * d2 - 0.5 * s * s);
    }

    /** ATM strike: forward, or delta-neutral straddle (d1 = 0; d2 = 0 when premium-adjusted, K = F·exp(−σ²T/2)). */
    public static double atmStrike(AtmType type, boolean premiumAdjusted, double forward, double stdDev) {
        if (type == AtmType.FORWARD) {
            return forward;
        }
        double half = 0.5 * stdDev * stdDev;
        return premiumAdjusted ? forward * Math.exp(-half) : forward * Math.exp(half);
    }

    /** Largest premium-adjusted call delta (divided by φ) attainable at this stdDev, and the d2 where it is reached. */
    static double maxDeltaD2(double s) {
        // h(d) = s N(d) − n(d) is increasing (h' = n(d)(s + d) > 0 for d > −s) with h(−s) < 0 < h(+∞): bisection/Newton
        double lo = -s;
        double hi = Math.max(1.0, -s + 1.0);
        while (s * Normal.cdf(hi) - Normal.pdf(hi) < 0) {
            hi += 1.0;
        }
        double d = 0.5 * (lo + hi);
        for (int i = 0; i < 200; i++) {
            double h = s * Normal.cdf(d) - Normal.pdf(d);
            if (h > 0) {
                hi = d;
            } else {
                lo = d;
            }
            double dh = Normal.pdf(d) * (s + d);
            double next = d - h / dh;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - d) < 1e-15 * Math.max(1, Math.abs(d)) || hi - lo < 1e-15) {
                return next;
            }
            d = next;
        }
        return d;
    }

    private static double g(boolean call, double s, double d2, double lnP) {
        return -s * d2 - 0.5 * s * s + Math.log(Normal.cdf(call ? d2 : -d2)) - lnP;
    }

    /** Newton in d2 on the bracket [lo, hi] with bisection fallback; g changes sign on the bracket. */
    private static double solveD2(boolean call, double s, double lnP, double lo, double hi, double start) {
        double gLo = g(call, s, lo, lnP);
        double d = start;
        for (int i = 0; i < 200; i++) {
            double gd = g(call, s, d, lnP);
            if (gd == 0) {
                return d;
            }
            if ((gd > 0) == (gLo > 0)) {
                lo = d;
            } else {
                hi = d;
            }
            double x = call ? d : -d;
            double mills = Normal.pdf(x) / Normal.cdf(x);
            double dg = -s + (call ? mills : -mills);
            double next = d - gd / dg;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - d) < 1e-14 * Math.max(1, Math.abs(d)) || hi - lo < 1e-15) {
                return next;
            }
            d = next;
        }
        return d;
    }

    /** Φ⁻¹(p) polished by Newton steps on the accurate Φ, so that delta round trips hold to ~1e-15. */
    static double inverseCdf(double p) {
        double x = SQRT2 * Erf.erfInv(2 * p - 1);
        for (int i = 0; i < 3; i++) {
            double pdf = Normal.pdf(x);
            if (pdf < 1e-300) {
                break;
            }
            double step = (Normal.cdf(x) - p) / pdf;
            x -= step;
            if (Math.abs(step) < 1e-16 * Math.max(1, Math.abs(x))) {
                break;
            }
        }
        return x;
    }
}
