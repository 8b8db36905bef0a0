package com.fxdesk.slv.calibration;

/**
 * One vanilla the round trip reprices: expiry (years), strike, its delta label (e.g. "25P", "ATM", "10C") and
 * the market's Black vol. The round trip prices the out-of-the-money option (call if K ≥ F(T), else put).
 */
public record RoundTripQuote(double expiry, double strike, String label, double marketVol) {

    public RoundTripQuote {
        if (!(expiry > 0) || !(strike > 0) || !(marketVol > 0) || !Double.isFinite(expiry + strike + marketVol)) {
            throw new IllegalArgumentException("round-trip quote needs expiry, strike, marketVol > 0: " + expiry
                    + ", " + strike + ", " + marketVol);
        }
    }
}
