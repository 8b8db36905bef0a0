package com.fxdesk.slv.market;

/**
 * One tenor of FX quotes. rr10/bf10 are null when the pillar has no 10Δ quotes.
 * deltaType/premiumAdjusted are per-pillar overrides (null: use the quote set's convention).
 */
public record FxVolPillar(String tenor, double expiry, double atm, double rr25, double bf25,
                          Double rr10, Double bf10, DeltaType deltaType, Boolean premiumAdjusted) {

    public boolean hasTenDelta() {
        return rr10 != null && bf10 != null;
    }
}
