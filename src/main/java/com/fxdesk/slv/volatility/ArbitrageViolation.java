package com.fxdesk.slv.volatility;

/**
 * One arbitrage finding: the worst point of a time slice (BUTTERFLY: amount = −g(y), the negative density function;
 * CALENDAR: amount = decrease of total variance between consecutive pillars, or −∂_T w per year between them).
 */
public record ArbitrageViolation(ArbitrageType type, double expiry, double strike, double amount) {
}
