package com.fxdesk.slv.pricing;

import com.fxdesk.slv.market.FxMarket;

/**
 * Model-free bounds every price must respect, whatever the model: with D = domestic and Q = foreign discount
 * factors to the maturity and N the notional,
 * <ul>
 *   <li>call ∈ [max(0, Q·S − D·K), Q·S]·N, put ∈ [max(0, D·K − Q·S), D·K]·N (a knock-out or knock-in barrier option
 *       is worth at most its vanilla, at least 0);</li>
 *   <li>a digital, no-touch or double no-touch paying 1 at expiry ∈ [0, D]·N;</li>
 *   <li>a one-touch ∈ [0, max(D, max_t D(t))]·N: paid at the hit it is discounted from an earlier date, and with
 *       negative rates D(t) exceeds D(T); the bound uses max(1, D(T)), exact for monotone discount curves.</li>
 * </ul>
 * A price outside its bounds (beyond a tolerance for Monte Carlo noise and quadrature error) is meaningless and is
 * never answered.
 */
public final class NoArbitrageBounds {
    private NoArbitrageBounds() {
    }

    public record Bounds(double lower, double upper) {
        public boolean contains(double price, double tolerance) {
            return Double.isFinite(price) && price >= lower - tolerance && price <= upper + tolerance;
        }
    }

    public static Bounds of(Product p, FxMarket m) {
        double t = p.maturity();
        double n = p.notional();
        double d = m.domesticDf(t);
        double q = m.foreignDf(t);
        double s = m.spot();
        if (p instanceof Product.European e) {
            return vanilla(e.optionType(), e.strike(), s, d, q, n, false);
        }
        if (p instanceof Product.Barrier b) {
            return vanilla(b.optionType(), b.strike(), s, d, q, n, true);
        }
        if (p instanceof Product.OneTouch o) {
            return new Bounds(0, (o.payAt() == PayAt.HIT ? Math.max(1, d) : d) * n);
        }
        return new Bounds(0, d * n); // digital, no-touch, double no-touch: pay at most the notional at maturity
    }

    private static Bounds vanilla(OptionType type, double k, double s, double d, double q, double n, boolean barrier) {
        double fwdValue = q * s;
        double strikeValue = d * k;
        boolean call = type.isCall();
        double intrinsic = Math.max(0, call ? fwdValue - strikeValue : strikeValue - fwdValue);
        return new Bounds(barrier ? 0 : intrinsic * n, (call ? fwdValue : strikeValue) * n);
    }
}
