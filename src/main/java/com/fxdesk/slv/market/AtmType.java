package com.fxdesk.slv.market;

/** ATM convention: delta-neutral straddle, or strike at the forward. */
public enum AtmType { DELTA_NEUTRAL, FORWARD }
