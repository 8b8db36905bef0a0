package com.fxdesk.slv.pricing.mc;

/** Models the Monte Carlo pricer simulates: Black–Scholes (TV), local vol, Heston (η = 1, L ≡ 1), SLV. */
public enum McModel { BS, LV, HESTON, SLV }
