package com.fxdesk.slv.api.dto;

import java.util.List;

/** POST /api/v1/regression: fit E[y | x] with an estimator and evaluate it; x is used as given. */
public record RegressionRequest(Samples samples, EstimatorDto estimator, List<Double> evaluateAt) {

    public record Samples(List<Double> x, List<Double> y) {
    }
}
