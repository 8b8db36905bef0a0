package com.fxdesk.slv.pricing.mc;

/** A Monte Carlo price with its standard error (same units as the price). */
public record McResult(String productId, McModel model, double price, double stdError) {
}
