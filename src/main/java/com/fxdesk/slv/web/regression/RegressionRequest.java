package com.fxdesk.slv.web.regression;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/** POST /api/v1/regression: fit E[y | x] with an estimator and evaluate it; x is used as given. */
@Schema(description = "Fit E[y | x] with an estimator and evaluate it")
public record RegressionRequest(
        @Schema(description = "the samples", requiredMode = RequiredMode.REQUIRED) Samples samples,
        @Schema(description = "the estimator; default PURBF with the paper's settings") EstimatorDto estimator,
        @ArraySchema(schema = @Schema(description = "x; |x| ≤ 10⁶"), arraySchema = @Schema(description = "points at "
                + "which to evaluate the fit (at most slv.limits.max-evaluation-points, default 10,000)"))
        List<Double> evaluateAt) {

    @Schema(description = "x is meant to be ln S (and y e.g. a variance): every |x| and |y| must be ≤ 1e6, "
            + "far beyond any market, so that the estimators' moments and kernels stay finite")
    public record Samples(
            @ArraySchema(schema = @Schema(description = "x; |x| ≤ 10⁶"), arraySchema = @Schema(description = "the "
                    + "regressors (at most slv.limits.max-regression-samples, default 200,000)",
                    requiredMode = RequiredMode.REQUIRED)) List<Double> x,
            @ArraySchema(schema = @Schema(description = "y; |y| ≤ 10⁶"), arraySchema = @Schema(description = "the "
                    + "responses, one per x", requiredMode = RequiredMode.REQUIRED)) List<Double> y) {
    }
}
