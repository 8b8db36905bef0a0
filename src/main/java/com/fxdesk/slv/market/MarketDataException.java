package com.fxdesk.slv.market;

/**
 * Market data the engine cannot use, with the field it concerns as a path inside the market
 * ({@code volatility.quotes.pillars[3]}, {@code volatility.grid.expiries[0]}, or {@code volatility}), in the order
 * the market was given, so that a caller can point at its own input without reading the message.
 */
public class MarketDataException extends IllegalArgumentException {
    private final String field;

    public MarketDataException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
