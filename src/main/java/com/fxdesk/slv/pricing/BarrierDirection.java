package com.fxdesk.slv.pricing;

/** Side of a single barrier relative to spot. */
public enum BarrierDirection { UP, DOWN }
