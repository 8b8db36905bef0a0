package com.fxdesk.slv.pricing;

/** When a one-touch pays: at maturity, or at the first hitting time. */
public enum PayAt { MATURITY, HIT }
