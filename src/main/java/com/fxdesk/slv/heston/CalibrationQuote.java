package com.fxdesk.slv.heston;

/** One vanilla quote for calibration: Black vol at (expiry in years, strike); label is free text (e.g. "1Y 25P"). */
public record CalibrationQuote(double expiry, double strike, double marketVol, String label) {

    public CalibrationQuote {
        if (!(expiry > 0) || !Double.isFinite(expiry)) {
            throw new IllegalArgumentException("expiry must be finite and > 0: " + expiry);
        }
        if (!(strike > 0) || !Double.isFinite(strike)) {
            throw new IllegalArgumentException("strike must be finite and > 0: " + strike);
        }
        if (!(marketVol > 0) || !Double.isFinite(marketVol)) {
            throw new IllegalArgumentException("marketVol must be finite and > 0: " + marketVol);
        }
    }
}
