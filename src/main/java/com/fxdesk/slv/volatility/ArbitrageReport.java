package com.fxdesk.slv.volatility;

import java.util.List;

/** Result of {@link ArbitrageScanner#scan}: ok when no violation was found. */
public record ArbitrageReport(boolean ok, List<ArbitrageViolation> violations) {
    public ArbitrageReport {
        violations = List.copyOf(violations);
    }
}
