package com.fxdesk.slv.web.support;

import com.fxdesk.slv.web.errors.Violations;

/**
 * The documented domain of every numeric input: values a real FX market can have, checked before any work starts
 * (400 naming the field). Types alone (a finite positive double) admit 5e-324-year expiries and 1e308 spots whose
 * prices overflow; these bounds are generous for every traded pair and tenor and keep the engine's arithmetic
 * finite. See docs/hardening.md.
 */
public final class Domain {
    /** Shortest expiry or maturity: one day (ACT/365). */
    public static final double MIN_EXPIRY = 1.0 / 365.0;
    /** Spot in units of domestic per foreign: from 1e-6 (e.g. a weak currency's inverse quote) to 1e6. */
    public static final double MIN_SPOT = 1e-6;
    public static final double MAX_SPOT = 1e6;
    /** Strikes and barriers within [F / 10, 10·F] of the forward to the product's maturity. */
    public static final double MAX_FORWARD_RATIO = 10;
    /** Vol-grid strikes and surface query strikes within [S / 100, 100·S] of the spot. */
    public static final double MAX_SPOT_RATIO = 100;
    /** Notional of one product, in units of the payout currency. */
    public static final double MAX_NOTIONAL = 1e12;

    private Domain() {
    }

    public static boolean expiry(String field, Double value, double maxMaturity, Violations v) {
        if (!v.finite(field, value)) {
            return false;
        }
        if (!(value >= MIN_EXPIRY * (1 - 1e-9) && value <= maxMaturity)) {
            v.add(field, "must be between one day (" + (float) MIN_EXPIRY + " years) and " + Violations.fmt(maxMaturity)
                    + " years");
            return false;
        }
        return true;
    }

    public static boolean spot(String field, Double value, Violations v) {
        if (!v.finite(field, value)) {
            return false;
        }
        if (!(value >= MIN_SPOT && value <= MAX_SPOT)) {
            v.add(field, "must be between " + MIN_SPOT + " and " + Violations.fmt(MAX_SPOT));
            return false;
        }
        return true;
    }

    public static boolean notional(String field, Double value, Violations v) {
        if (!v.finite(field, value)) {
            return false;
        }
        if (!(value > 0 && value <= MAX_NOTIONAL)) {
            v.add(field, "must be > 0 and at most " + MAX_NOTIONAL);
            return false;
        }
        return true;
    }

    /** A level (strike, barrier) within [ref / ratio, ref · ratio]; what names the reference ("the forward"). */
    public static boolean level(String field, double value, double ref, double ratio, String what, Violations v) {
        if (!(value >= ref / ratio && value <= ref * ratio)) {
            v.add(field, "must be within a factor " + Violations.fmt(ratio) + " of " + what + " (" + (float) ref
                    + "): between " + (float) (ref / ratio) + " and " + (float) (ref * ratio));
            return false;
        }
        return true;
    }
}
