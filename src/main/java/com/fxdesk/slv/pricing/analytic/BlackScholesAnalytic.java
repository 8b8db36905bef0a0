package com.fxdesk.slv.pricing.analytic;

import static com.fxdesk.slv.pricing.analytic.GaussianTails.expTimesCdf;
import static com.fxdesk.slv.pricing.analytic.GaussianTails.expTimesInterval;
import static com.fxdesk.slv.pricing.analytic.GaussianTails.logCdf;

import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.math.BlackFormula;
import com.fxdesk.slv.math.Normal;
import com.fxdesk.slv.pricing.BarrierDirection;
import com.fxdesk.slv.pricing.BarrierType;
import com.fxdesk.slv.pricing.PayAt;
import com.fxdesk.slv.pricing.Product;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;

/**
 * Black–Scholes (Garman–Kohlhagen) closed forms for every {@link Product}, continuous barrier monitoring.
 * Stateless; all methods are static and thread-safe.
 *
 * <p>Conventions: spot S = domestic per foreign; rates rd, rf continuously compounded and flat to maturity;
 * vanillas and barrier options are priced per unit of foreign notional in domestic currency, digitals and
 * touches per unit of domestic payout; {@link #price} multiplies by the product's notional. Let
 * s = σ√T, ν = rd − rf − σ²/2 (drift of ln S).
 * <ul>
 *   <li>European: Garman–Kohlhagen via {@link BlackFormula}; digital (cash-or-nothing): DFd·Φ(±d2).</li>
 *   <li>One-touch / no-touch: Reiner–Rubinstein (1991) "binary barrier" formulas, i.e. the first-passage
 *       law of a Brownian motion with drift. Pay at hit uses γ = √(ν² + 2 rd σ²); when rd &lt; 0 makes
 *       γ² &lt; 0 the closed form would need a complex Φ, so the value is computed as
 *       e^{−rd T} P(T) + rd ∫₀ᵀ e^{−rd t} P(t) dt with P the hitting probability (Gauss–Legendre, rel. 1e-14).</li>
 *   <li>Single barriers: Reiner–Rubinstein (1991) as in Haug's book, the eight in/out × up/down × call/put
 *       cases, no rebate.</li>
 *   <li>Double no-touch: the killed-density series in log space: both the Fourier (Hui 1996) sine
 *       series and the method-of-images (Ikeda–Kunitomo 1992) series, each truncated by an explicit tail
 *       bound so that the truncation error is below 1e-14 per unit of payout; of the two, the one with the
 *       smaller Σ|term| (rounding error bound) is used.</li>
 * </ul>
 * A barrier already touched at t = 0 (spot at or beyond it) is handled as touched: knock-out 0, knock-in the
 * vanilla, one-touch notional (at hit) or notional·DFd (at maturity), no-touch and DNT 0.
 */
public final class BlackScholesAnalytic {

    /** Absolute truncation error allowed in the double no-touch series, per unit of payout. */
    public static final double DNT_TRUNCATION_ERROR = 1e-14;
    /**
     * A series needing more terms than this is not evaluated. The two decay rates multiply to π²
     * (e^{−c i²} and e^{−n² π²/c}), so the faster series always needs far fewer.
     */
    private static final int MAX_TERMS_EACH = 400;

    private BlackScholesAnalytic() {
    }

    /** Price with flat continuously compounded rates rd (domestic) and rf (foreign) and a flat Black vol. */
    public static double price(Product product, double spot, double rd, double rf, double vol) {
        double t = product.maturity();
        double n = product.notional();
        if (product instanceof Product.European p) {
            return n * european(p.optionType().isCall(), spot, p.strike(), t, rd, rf, vol);
        } else if (product instanceof Product.Digital p) {
            return n * digital(p.optionType().isCall(), spot, p.strike(), t, rd, rf, vol);
        } else if (product instanceof Product.OneTouch p) {
            return n * oneTouch(p.direction(), p.payAt(), spot, p.barrier(), t, rd, rf, vol);
        } else if (product instanceof Product.NoTouch p) {
            return n * noTouch(p.direction(), spot, p.barrier(), t, rd, rf, vol);
        } else if (product instanceof Product.Barrier p) {
            return n * barrier(p.optionType().isCall(), p.barrierType(), spot, p.strike(), p.barrier(), t, rd, rf, vol);
        } else if (product instanceof Product.DoubleNoTouch p) {
            return n * doubleNoTouch(spot, p.lower(), p.upper(), t, rd, rf, vol);
        }
        throw new IllegalArgumentException("unsupported product " + product);
    }

    /**
     * Price on term-structured curves: the flat rates are the curves' zero rates to the product's maturity,
     * rd = −ln DFd(T)/T, rf = −ln DFf(T)/T. Exact for European and digital payoffs (they depend on the curves
     * only through DFd(T) and F(T)); for path-dependent products it is the standard flat-rate approximation
     * (the barrier is not adjusted for the shape of the forward drift).
     */
    public static double price(Product product, FxMarket market, double vol) {
        double t = product.maturity();
        requirePositive(t, "maturity");
        return price(product, market.spot(), market.domestic().zeroRate(t), market.foreign().zeroRate(t), vol);
    }

    /** Garman–Kohlhagen call/put per unit of foreign notional. */
    public static double european(boolean call, double spot, double strike, double t, double rd, double rf,
                                  double vol) {
        checkCommon(spot, t, rd, rf, vol);
        requirePositive(strike, "strike");
        double dfd = Math.exp(-rd * t);
        double forward = spot * Math.exp((rd - rf) * t);
        return BlackFormula.price(call, forward, strike, t, vol, dfd);
    }

    /** Cash-or-nothing digital paying 1 at maturity if S_T &gt; K (call) or S_T &lt; K (put). */
    public static double digital(boolean call, double spot, double strike, double t, double rd, double rf,
                                 double vol) {
        checkCommon(spot, t, rd, rf, vol);
        requirePositive(strike, "strike");
        double s = vol * Math.sqrt(t);
        double d2 = (Math.log(spot / strike) + (rd - rf) * t) / s - 0.5 * s;
        return Math.exp(-rd * t) * Normal.cdf(call ? d2 : -d2);
    }

    /** One-touch paying 1, at maturity or at the hitting time. */
    public static double oneTouch(BarrierDirection direction, PayAt payAt, double spot, double barrier, double t,
                                  double rd, double rf, double vol) {
        checkCommon(spot, t, rd, rf, vol);
        requirePositive(barrier, "barrier");
        boolean up = direction == BarrierDirection.UP;
        if (up ? spot >= barrier : spot <= barrier) {
            return payAt == PayAt.HIT ? 1.0 : Math.exp(-rd * t);
        }
        // distance to the barrier h > 0 and the drift towards it, so that up and down share one formula
        double h = Math.abs(Math.log(barrier / spot));
        double nu = (up ? 1 : -1) * (rd - rf - 0.5 * vol * vol);
        if (payAt == PayAt.MATURITY) {
            return Math.exp(-rd * t) * hitProbability(h, nu, vol, t);
        }
        return payAtHit(h, nu, vol, t, rd);
    }

    /** No-touch paying 1 at maturity if the barrier is never touched. */
    public static double noTouch(BarrierDirection direction, double spot, double barrier, double t, double rd,
                                 double rf, double vol) {
        checkCommon(spot, t, rd, rf, vol);
        requirePositive(barrier, "barrier");
        boolean up = direction == BarrierDirection.UP;
        if (up ? spot >= barrier : spot <= barrier) {
            return 0.0;
        }
        double h = Math.abs(Math.log(barrier / spot));
        double nu = (up ? 1 : -1) * (rd - rf - 0.5 * vol * vol);
        double s = vol * Math.sqrt(t);
        // 1 − P(hit) written out, so that a small no-touch value keeps its relative precision
        double survive = Normal.cdf((h - nu * t) / s) - expTimesCdf(2 * nu * h / (vol * vol), (-h - nu * t) / s);
        return Math.exp(-rd * t) * Math.max(survive, 0.0);
    }

    /**
     * Single-barrier call or put with continuous monitoring and no rebate, per unit of foreign notional
     * (Reiner–Rubinstein 1991; Haug, "The Complete Guide to Option Pricing Formulas", 2nd ed., 4.17.1).
     */
    public static double barrier(boolean call, BarrierType type, double spot, double strike, double barrier,
                                 double t, double rd, double rf, double vol) {
        checkCommon(spot, t, rd, rf, vol);
        requirePositive(strike, "strike");
        requirePositive(barrier, "barrier");
        boolean up = type.isUp();
        if (up ? spot >= barrier : spot <= barrier) {
            return type.isKnockIn() ? european(call, spot, strike, t, rd, rf, vol) : 0.0;
        }
        double s = vol * Math.sqrt(t);
        double mu = (rd - rf - 0.5 * vol * vol) / (vol * vol);
        double dff = Math.exp(-rf * t);
        double dfd = Math.exp(-rd * t);
        double phi = call ? 1.0 : -1.0;
        double eta = up ? -1.0 : 1.0;
        double logHS = Math.log(barrier / spot);
        double shift = (1 + mu) * s;
        double x1 = Math.log(spot / strike) / s + shift;
        double x2 = -logHS / s + shift;
        double y1 = Math.log(barrier * barrier / (spot * strike)) / s + shift;
        double y2 = logHS / s + shift;
        double a = phi * spot * dff * Normal.cdf(phi * x1) - phi * strike * dfd * Normal.cdf(phi * (x1 - s));
        double b = phi * spot * dff * Normal.cdf(phi * x2) - phi * strike * dfd * Normal.cdf(phi * (x2 - s));
        double pS = 2 * (mu + 1) * logHS;
        double pK = 2 * mu * logHS;
        double c = phi * spot * dff * expTimesCdf(pS, eta * y1) - phi * strike * dfd * expTimesCdf(pK, eta * (y1 - s));
        double d = phi * spot * dff * expTimesCdf(pS, eta * y2) - phi * strike * dfd * expTimesCdf(pK, eta * (y2 - s));
        // A − B and C − D from differences of Φ taken directly: near-barrier strikes make them small
        double aMinusB = phi * spot * dff * expTimesCdfDifference(0.0, phi * x1, phi * x2)
                - phi * strike * dfd * expTimesCdfDifference(0.0, phi * (x1 - s), phi * (x2 - s));
        double cMinusD = phi * spot * dff * expTimesCdfDifference(pS, eta * y1, eta * y2)
                - phi * strike * dfd * expTimesCdfDifference(pK, eta * (y1 - s), eta * (y2 - s));
        boolean strikeAbove = strike >= barrier;
        double v;
        switch (type) {
            case DOWN_AND_IN:
                v = call ? (strikeAbove ? c : aMinusB + d) : (strikeAbove ? b - cMinusD : a);
                break;
            case UP_AND_IN:
                v = call ? (strikeAbove ? a : b - cMinusD) : (strikeAbove ? aMinusB + d : c);
                break;
            case DOWN_AND_OUT:
                v = call ? (strikeAbove ? a - c : b - d) : (strikeAbove ? aMinusB + cMinusD : 0.0);
                break;
            case UP_AND_OUT:
                v = call ? (strikeAbove ? 0.0 : aMinusB + cMinusD) : (strikeAbove ? b - d : a - c);
                break;
            default:
                throw new IllegalArgumentException("unsupported barrier type " + type);
        }
        // the formulas are differences of positive terms; clip rounding noise below zero
        return Math.max(v, 0.0);
    }

    /**
     * Double no-touch paying 1 at maturity if spot stays strictly inside (lower, upper). In x = ln(S/L),
     * Z = ln(U/L), the killed density of X_T (drift ν, vol σ) has two expansions:
     * Fourier (Hui 1996): Σ_i sin(ω_i x₀) ω_i (1 − (−1)^i e^{kZ}) / (k² + ω_i²) · e^{−ω_i² σ² T / 2},
     * ω_i = iπ/Z, k = ν/σ², with prefactor DFd · (2/Z) · e^{−k x₀ − ν² T / (2σ²)}, whose terms decay like
     * e^{−c i²}, c = π² σ² T / (2 Z²); and images (Ikeda–Kunitomo 1992): Σ_n normal-probability pairs shifted
     * by 2nZ, decaying like e^{−2 n² Z² / (σ² T)} = e^{−n² π² / c}. Since the two rates multiply to π², one
     * of them always needs only a handful of terms; both are evaluated where affordable and the better
     * conditioned one is used (see survivalProbability). Truncation error: {@link #DNT_TRUNCATION_ERROR}.
     */
    public static double doubleNoTouch(double spot, double lower, double upper, double t, double rd, double rf,
                                       double vol) {
        checkCommon(spot, t, rd, rf, vol);
        requirePositive(lower, "lower barrier");
        if (!(upper > lower)) {
            throw new IllegalArgumentException("upper barrier must be above the lower barrier");
        }
        if (spot <= lower || spot >= upper) {
            return 0.0;
        }
        double dfd = Math.exp(-rd * t);
        double survival = survivalProbability(Math.log(spot / lower), Math.log(upper / lower),
                rd - rf - 0.5 * vol * vol, vol, t, DNT_TRUNCATION_ERROR / dfd);
        return dfd * Math.min(Math.max(survival, 0.0), 1.0);
    }

    /** {Fourier terms, image-series N} the tail bounds ask for with these inputs; MAX_VALUE above the cap. */
    static int[] doubleNoTouchTerms(double spot, double lower, double upper, double t, double rd, double rf,
                                    double vol) {
        double x0 = Math.log(spot / lower);
        double z = Math.log(upper / lower);
        double nu = rd - rf - 0.5 * vol * vol;
        double tol = DNT_TRUNCATION_ERROR / Math.exp(-rd * t);
        return new int[] {fourierTerms(x0, z, nu, vol, t, tol), imageTerms(x0, z, nu, vol, t, tol)};
    }

    // ---------------------------------------------------------------------------------------------------------

    /** P(max_{t≤T} (ν t + σ W_t) ≥ h), h &gt; 0. */
    private static double hitProbability(double h, double nu, double vol, double t) {
        double s = vol * Math.sqrt(t);
        double p = Normal.cdf((nu * t - h) / s) + expTimesCdf(2 * nu * h / (vol * vol), (-h - nu * t) / s);
        return Math.min(p, 1.0);
    }

    /** E[e^{−r τ} 1{τ ≤ T}] for the first passage τ of ν t + σ W_t to h &gt; 0. */
    private static double payAtHit(double h, double nu, double vol, double t, double r) {
        double v2 = vol * vol;
        double gamma2 = nu * nu + 2 * r * v2;
        if (gamma2 >= 0) {
            double gamma = Math.sqrt(gamma2);
            double s = vol * Math.sqrt(t);
            return expTimesCdf(h * (nu - gamma) / v2, (gamma * t - h) / s)
                    + expTimesCdf(h * (nu + gamma) / v2, (-gamma * t - h) / s);
        }
        return payAtHitByIntegration(h, nu, vol, t, r);
    }

    /**
     * The pay-at-hit value by integration by parts, ∫ e^{−rt} dP(t) = e^{−rT} P(T) + r ∫₀ᵀ e^{−rt} P(t) dt,
     * for r &lt; 0 with a weak drift (γ² &lt; 0). P(t) is smooth and flat at t = 0, so Gauss–Legendre converges
     * fast; the integral is a correction of relative size |r| T at most.
     */
    static double payAtHitByIntegration(double h, double nu, double vol, double t, double r) {
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(16, 1e-14, 1e-17);
        double integral = integrator.integrate(1_000_000,
                u -> u <= 0 ? 0.0 : Math.exp(-r * u) * hitProbability(h, nu, vol, u), 0.0, t);
        return Math.exp(-r * t) * hitProbability(h, nu, vol, t) + r * integral;
    }

    /**
     * P(0 &lt; x₀ + ν u + σ W_u &lt; Z for all u ≤ T), truncation error below tol. Both series are exact sums of
     * terms of either sign; with a strong drift (large |ν|/σ²) the Girsanov weights make the terms much larger
     * than the result and rounding, not truncation, limits the accuracy. Both are therefore evaluated (each
     * needs at most a few dozen terms when it is used) and the one with the smaller Σ|term|, hence the smaller
     * rounding error bound, is returned.
     */
    private static double survivalProbability(double x0, double z, double nu, double vol, double t, double tol) {
        double[] f = survivalFourier(x0, z, nu, vol, t, tol);
        double[] im = survivalImages(x0, z, nu, vol, t, tol);
        if (f == null && im == null) {
            throw new ArithmeticException("double no-touch series cannot reach 1e-14 for these inputs");
        }
        if (f == null) {
            return im[0];
        }
        if (im == null) {
            return f[0];
        }
        return f[1] <= im[1] ? f[0] : im[0];
    }

    /** {value, Σ|term|} of the Fourier series, or null when it would need more than MAX_TERMS_EACH terms. */
    static double[] survivalFourier(double x0, double z, double nu, double vol, double t, double tol) {
        int n = fourierTerms(x0, z, nu, vol, t, tol);
        return n > MAX_TERMS_EACH ? null : fourierSeries(x0, z, nu, vol, t, n);
    }

    /** {value, Σ|term|} of the image series, or null when it would need more than MAX_TERMS_EACH terms. */
    static double[] survivalImages(double x0, double z, double nu, double vol, double t, double tol) {
        int n = imageTerms(x0, z, nu, vol, t, tol);
        return n > MAX_TERMS_EACH ? null : imageSeries(x0, z, nu, vol, t, n);
    }

    /**
     * Smallest n with the Fourier tail bound below tol. |term_i| ≤ (2/(π i)) A e^{−c i²},
     * A = e^{−k x₀}(1 + e^{kZ}) e^{−ν²T/(2σ²)}, and since i² ≥ (n+1)² + (i−n−1)(2n+2) for i &gt; n,
     * Σ_{i&gt;n} ≤ 2A/(π(n+1)) · e^{−c(n+1)²} / (1 − e^{−c(2n+2)}).
     */
    private static int fourierTerms(double x0, double z, double nu, double vol, double t, double tol) {
        double v2 = vol * vol;
        double k = nu / v2;
        double c = Math.PI * Math.PI * v2 * t / (2 * z * z);
        double logA = -k * x0 + logOnePlusExp(k * z) - nu * nu * t / (2 * v2);
        double logTol = Math.log(tol);
        for (int n = 1; n <= MAX_TERMS_EACH; n++) {
            double m = n + 1.0;
            double logBound = Math.log(2 / (Math.PI * m)) + logA - c * m * m - Math.log(-Math.expm1(-c * (2 * m)));
            if (logBound < logTol) {
                return n;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static double[] fourierSeries(double x0, double z, double nu, double vol, double t, int terms) {
        double v2 = vol * vol;
        double k = nu / v2;
        double q = nu * nu * t / (2 * v2);
        // e^{−k x₀}(1 − (−1)^i e^{kZ}) e^{−ν²T/(2σ²)} split into two exponentials that cannot overflow alone
        double lo = Math.exp(-k * x0 - q);
        double hi = Math.exp(k * (z - x0) - q);
        double sum = 0;
        double abs = 0;
        // smallest terms first
        for (int i = terms; i >= 1; i--) {
            double w = i * Math.PI / z;
            double weight = (i & 1) == 0 ? lo - hi : lo + hi;
            double term = Math.sin(w * x0) * w / (k * k + w * w) * weight * Math.exp(-0.5 * w * w * v2 * t);
            sum += term;
            abs += Math.abs(term);
        }
        return new double[] {2 / z * sum, 2 / z * abs};
    }

    /**
     * Smallest N with the image-series tail bound below tol. The series keeps the direct images x₀ + 2nZ for
     * |n| ≤ N and the reflected images −x₀ + 2nZ for −N ≤ n ≤ N + 1 (the reflection at the upper barrier,
     * n = 1, can sit right next to the corridor). Every dropped image then lies at least (2j−1)Z from (0, Z) for
     * some j ≥ N + 1, at most four per j, and the Girsanov weight e^{k(y−x₀) − ν²T/(2σ²)} is at most e^{|k|Z},
     * so the dropped mass is ≤ 4 e^{|k|Z} Σ_{j&gt;N} Φ(−u_j), u_j = (2j−1)Z/s. Φ(−u) is log-concave, so the ratios
     * of successive terms fall with j and the sum is ≤ Φ(−u_{N+1}) / (1 − r), r = Φ(−u_{N+2}) / Φ(−u_{N+1}).
     */
    private static int imageTerms(double x0, double z, double nu, double vol, double t, double tol) {
        double s = vol * Math.sqrt(t);
        double logW = Math.log(4) + Math.abs(nu / (vol * vol)) * z;
        double logTol = Math.log(tol);
        for (int n = 0; n <= MAX_TERMS_EACH; n++) {
            double l1 = logCdf(-(2 * n + 1) * z / s);
            double l2 = logCdf(-(2 * n + 3) * z / s);
            double logBound = logW + l1 - Math.log(-Math.expm1(l2 - l1));
            if (logBound < logTol) {
                return n;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static double[] imageSeries(double x0, double z, double nu, double vol, double t, int terms) {
        double s = vol * Math.sqrt(t);
        double k = nu / (vol * vol);
        double ks = nu * Math.sqrt(t) / vol;
        double[] acc = new double[2]; // {Σ term, Σ |term|}
        // roughly smallest terms first: from the outermost images inwards
        for (int j = terms + 1; j >= 0; j--) {
            if (j <= terms) {
                add(acc, image(x0 + 2 * j * z, x0, z, k, s, ks));
                if (j > 0) {
                    add(acc, image(x0 - 2 * j * z, x0, z, k, s, ks));
                }
            }
            add(acc, -image(-x0 + 2 * j * z, x0, z, k, s, ks));
            if (j > 0 && j <= terms) {
                add(acc, -image(-x0 - 2 * j * z, x0, z, k, s, ks));
            }
        }
        return acc;
    }

    private static void add(double[] acc, double term) {
        acc[0] += term;
        acc[1] += Math.abs(term);
    }

    /** ∫₀^Z e^{k(y − x₀)} n(y; m, s²) dy · e^{−k²s²/2}: one image of the killed density with its drift weight. */
    private static double image(double m, double x0, double z, double k, double s, double ks) {
        return expTimesInterval(k * (m - x0), -m / s - ks, (z - m) / s - ks);
    }

    /** e^c · (Φ(x) − Φ(y)), either order. */
    private static double expTimesCdfDifference(double c, double x, double y) {
        return x >= y ? expTimesInterval(c, y, x) : -expTimesInterval(c, x, y);
    }

    private static double logOnePlusExp(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    private static void checkCommon(double spot, double t, double rd, double rf, double vol) {
        requirePositive(spot, "spot");
        requirePositive(t, "maturity");
        requirePositive(vol, "vol");
        if (!Double.isFinite(rd) || !Double.isFinite(rf)) {
            throw new IllegalArgumentException("rates must be finite");
        }
    }

    private static void requirePositive(double x, String name) {
        if (!(x > 0) || !Double.isFinite(x)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, was " + x);
        }
    }
}
