package com.fxdesk.slv.volatility;

/**
 * One arbitrage finding: the worst point of a scan time, in undiscounted call prices over the forward (BUTTERFLY: how
 * far the price is above the chord of its neighbours, below intrinsic, or increasing in strike; CALENDAR: how much the
 * price at the same forward moneyness fell from the previous scan time).
 */
public record ArbitrageViolation(ArbitrageType type, double expiry, double strike, double amount) {
}
