package com.fxdesk.slv.volatility;

/** Static arbitrage kinds of an implied vol surface. */
public enum ArbitrageType {
    /** negative risk-neutral density within one expiry (Gatheral–Jacquier g(y) &lt; 0, or w ≤ 0) */
    BUTTERFLY,
    /** total variance decreasing in expiry at fixed forward moneyness */
    CALENDAR
}
