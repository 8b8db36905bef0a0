package com.fxdesk.slv.web.errors;

/** One invalid input: the JSON path of the field (e.g. {@code market.volatility.quotes.pillars[3].rr25}) and why. */
public record FieldViolation(String field, String message) {
}
