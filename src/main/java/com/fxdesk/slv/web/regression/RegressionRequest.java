package com.fxdesk.slv.web.regression;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** POST /api/v1/regression: fit E[y | x] with an estimator and evaluate it; x is used as given. */
public record RegressionRequest(Samples samples, EstimatorDto estimator,
                                @Schema(description = "points at which to evaluate the fit; |x| ≤ 1e6")
                                List<Double> evaluateAt) {

    @Schema(description = "x is meant to be ln S (and y e.g. a variance): every |x| and |y| must be ≤ 1e6, "
            + "far beyond any market, so that the estimators' moments and kernels stay finite")
    public record Samples(List<Double> x, List<Double> y) {
    }
}
