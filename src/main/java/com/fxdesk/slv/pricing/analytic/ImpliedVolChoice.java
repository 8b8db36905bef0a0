package com.fxdesk.slv.pricing.analytic;

import com.fxdesk.slv.pricing.Product;
import com.fxdesk.slv.volatility.ImpliedVolSurface;

/**
 * The single Black vol the BS model ("TV") prices a product with, and where it came from.
 * <ul>
 *   <li>the product's {@code flatVol} if given: source {@value #FLAT};</li>
 *   <li>European, digital, single-barrier option: the surface at (maturity, strike) — the strike's smile
 *       vol is what the vanilla part of the payoff is quoted at: {@value #AT_STRIKE};</li>
 *   <li>one-touch, no-touch: the surface at (maturity, barrier), the desk convention for touch TV:
 *       {@value #AT_BARRIER};</li>
 *   <li>double no-touch: the surface at (maturity, ATM forward F(T)). A DNT is a bet on realised variance
 *       inside the corridor, so its TV is quoted off the ATM vol; using either barrier's vol would make the
 *       price depend on which wing is steeper: {@value #AT_FORWARD}.</li>
 * </ul>
 * {@code expiry} and {@code strike} say where the surface was read (NaN for a flat vol), so that a caller can tell
 * whether the surface served a market number there or a held fallback ({@code VolSurface.impliedVolDetail}).
 */
public record ImpliedVolChoice(double vol, String source, double expiry, double strike) {

    public static final String FLAT = "flat";
    public static final String AT_STRIKE = "surface(T, strike)";
    public static final String AT_BARRIER = "surface(T, barrier)";
    public static final String AT_FORWARD = "surface(T, forward)";

    /** A flat vol: read from no surface. */
    public static ImpliedVolChoice flat(double vol) {
        return new ImpliedVolChoice(vol, FLAT, Double.NaN, Double.NaN);
    }

    private static ImpliedVolChoice read(ImpliedVolSurface surface, double t, double k, String source) {
        return new ImpliedVolChoice(surface.impliedVol(t, k), source, t, k);
    }

    public ImpliedVolChoice {
        if (!(vol > 0) || !Double.isFinite(vol)) {
            throw new IllegalArgumentException("vol must be finite and > 0, was " + vol + " (" + source + ")");
        }
    }

    /**
     * The BS vol for a product. {@code surface} may be null only when the product carries a flat vol.
     *
     * @throws IllegalArgumentException if neither a flat vol nor a surface is available, or the vol is not positive
     */
    public static ImpliedVolChoice forBlackScholes(Product product, ImpliedVolSurface surface) {
        if (product.flatVol() != null) {
            return flat(product.flatVol());
        }
        if (surface == null) {
            throw new IllegalArgumentException("product " + product.id() + " has no vol and no surface is available");
        }
        double t = product.maturity();
        if (product instanceof Product.European p) {
            return read(surface, t, p.strike(), AT_STRIKE);
        } else if (product instanceof Product.Digital p) {
            return read(surface, t, p.strike(), AT_STRIKE);
        } else if (product instanceof Product.Barrier p) {
            return read(surface, t, p.strike(), AT_STRIKE);
        } else if (product instanceof Product.OneTouch p) {
            return read(surface, t, p.barrier(), AT_BARRIER);
        } else if (product instanceof Product.NoTouch p) {
            return read(surface, t, p.barrier(), AT_BARRIER);
        } else if (product instanceof Product.DoubleNoTouch) {
            return read(surface, t, surface.forward(t), AT_FORWARD);
        }
        throw new IllegalArgumentException("unsupported product " + product);
    }
}
