package com.fxdesk.slv.market;

import java.time.LocalDate;

/**
 * Spot and rate curves of a currency pair FOR/DOM (spot = units of domestic per unit of foreign).
 * Domestic is the pricing currency. Immutable.
 */
public record FxMarket(String pair, LocalDate valuationDate, double spot, RateCurve domestic, RateCurve foreign) {

    public FxMarket {
        if (!(spot > 0) || !Double.isFinite(spot)) {
            throw new IllegalArgumentException("spot must be finite and > 0");
        }
    }

    public double forward(double t) {
        return spot * Math.exp(domestic.integratedRate(t) - foreign.integratedRate(t));
    }

    public double domesticDf(double t) {
        return domestic.discountFactor(t);
    }

    public double foreignDf(double t) {
        return foreign.discountFactor(t);
    }

    /** Drift of ln S over [t1, t2] per unit time: rd − rf averaged over the interval. */
    public double drift(double t1, double t2) {
        return domestic.forwardRate(t1, t2) - foreign.forwardRate(t1, t2);
    }
}
