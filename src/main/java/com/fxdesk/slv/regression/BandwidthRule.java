package com.fxdesk.slv.regression;

/** How kernel regression chooses its bandwidth h. */
public enum BandwidthRule {
    /** h = (4 σ̂⁵ / (3N))^{1/5}, σ̂ = min(std, IQR/1.34). */
    SILVERMAN,
    /** Leave-one-out cross validation over multiples of Silverman's h. */
    CROSS_VALIDATION,
    /** A given h. */
    FIXED
}
