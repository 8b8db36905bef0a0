package com.fxdesk.slv.market;

/** Butterfly convention: smile strangle (σ25C = ATM + BF ± RR/2) or market (broker) strangle. */
public enum ButterflyType { SMILE, MARKET }
