package com.fxdesk.slv.volatility;

/**
 * An arbitrage-free implied volatility surface σ(T, K), with total variance w(T, y), y = ln(K / F(T)).
 * Implementations are immutable and thread-safe.
 */
public interface ImpliedVolSurface {

    double impliedVol(double expiry, double strike);

    /** Total implied variance w = σ² T at log-forward-moneyness y. */
    double totalVariance(double expiry, double logMoneyness);

    /** Forward F(T) the surface's moneyness refers to. */
    double forward(double expiry);
}
