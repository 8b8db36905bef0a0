package com.fxdesk.slv.web.regression;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fxdesk.slv.regression.RegressionDiagnostics;

/** Fitted values at evaluateAt, and what the estimator used (fields that do not apply are omitted). */
public record RegressionResponse(double[] values, Diagnostics diagnostics, long elapsedMs) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Diagnostics(String estimator, Double bandwidth, Integer unitsKept, Double meanWidth, Double lambda,
                              Double conditionNumber, Double cvScore, Long fallbacks, Long floored,
                              long elapsedMicros) {

        public static Diagnostics of(RegressionDiagnostics d) {
            return new Diagnostics(d.estimator(), num(d.bandwidth()), d.unitsKept() < 0 ? null : d.unitsKept(),
                    num(d.meanWidth()), num(d.lambda()), num(d.conditionNumber()), num(d.cvScore()),
                    d.fallbacks() < 0 ? null : d.fallbacks(), d.floored() < 0 ? null : d.floored(),
                    d.elapsedMicros());
        }

        /** NaN means "does not apply": omitted rather than written as a non-JSON token. */
        private static Double num(double v) {
            return Double.isFinite(v) ? v : null;
        }
    }
}
