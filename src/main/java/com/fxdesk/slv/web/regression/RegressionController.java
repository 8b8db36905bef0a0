package com.fxdesk.slv.web.regression;

import com.fxdesk.slv.regression.EstimatorConfig;
import com.fxdesk.slv.regression.Estimators;
import com.fxdesk.slv.regression.RegressionFit;
import com.fxdesk.slv.web.market.MarketMapper;
import com.fxdesk.slv.web.support.ComputeGate;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Regression")
public class RegressionController {
    private final RegressionRequestValidator validator;
    private final ComputeGate gate;

    public RegressionController(RegressionRequestValidator validator, ComputeGate gate) {
        this.validator = validator;
        this.gate = gate;
    }

    /** Fitting is O(samples × units) per iteration; evaluation O(points × units). In path-steps. */
    private static long cost(RegressionRequest r) {
        int configured = r.estimator() != null && r.estimator().units() != null ? r.estimator().units()
                : EstimatorConfig.defaults().units();
        long units = EstimatorConfig.effectiveUnits(configured, r.samples().x().size()); // grown beyond 2,048
        return r.samples().x().size() * units * 4 + (r.evaluateAt() == null ? 0 : r.evaluateAt().size() * units);
    }

    @Operation(summary = "Fit E[y | x] with one of the estimators and evaluate it",
            description = "x is used as given (the SLV engine passes ln S). Values are floored at a small positive "
                    + "number, as the engine does for conditional variances.")
    @PostMapping(path = "/regression", consumes = MediaType.APPLICATION_JSON_VALUE)
    public DeferredResult<RegressionResponse> regression(@RequestBody RegressionRequest request) {
        validator.validate(request);
        double[] x = MarketMapper.doubles(request.samples().x());
        double[] y = MarketMapper.doubles(request.samples().y());
        double[] at = MarketMapper.doubles(request.evaluateAt());
        long t0 = System.nanoTime();
        return gate.submit(cost(request), cancelled -> {
            RegressionFit fit;
            try {
                fit = Estimators.create(EstimatorMapper.toEngine(request.estimator())).fit(x, y, x.length);
            } catch (IllegalArgumentException refused) {
                // settings the validator admits but the estimator cannot fit to these samples
                String msg = refused.getMessage() == null ? "the estimator cannot fit these samples"
                        : refused.getMessage();
                throw new com.fxdesk.slv.web.errors.EngineRejectedException(msg,
                        java.util.List.of(new com.fxdesk.slv.web.errors.FieldViolation("estimator", msg)));
            }
            double[] values = new double[at.length];
            for (int i = 0; i < at.length; i++) {
                values[i] = fit.value(at[i]);
            }
            return new RegressionResponse(values, RegressionResponse.Diagnostics.of(fit.diagnostics()),
                    (System.nanoTime() - t0) / 1_000_000);
        });
    }
}
