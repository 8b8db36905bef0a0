package com.fxdesk.slv.web.regression;

import com.fxdesk.slv.config.LimitsProperties;
import com.fxdesk.slv.web.errors.Violations;
import java.util.List;
import org.springframework.stereotype.Component;
/** Validation of regression requests, and of estimator settings wherever a request carries them. */
@Component
public class RegressionRequestValidator {
    /** Bound on |x| and |y| of regression samples (x is ln S, y a variance): far beyond any real market. */
    static final double MAX_SAMPLE_ABS = 1e6;
    private final LimitsProperties limits;

    public RegressionRequestValidator(LimitsProperties limits) {
        this.limits = limits;
    }

    public void validate(RegressionRequest r) {
        Violations v = new Violations();
        if (v.required("samples", r.samples())) {
            List<Double> x = r.samples().x();
            List<Double> y = r.samples().y();
            boolean xOk = v.list("samples.x", x, limits.maxRegressionSamples()) && v.numbers("samples.x", x, false, false);
            boolean yOk = v.list("samples.y", y, limits.maxRegressionSamples()) && v.numbers("samples.y", y, false, false);
            // x is meant to be ln S: bounded so that the estimators' powers and kernels stay finite
            xOk = xOk && bounded("samples.x", x, MAX_SAMPLE_ABS, v);
            yOk = yOk && bounded("samples.y", y, MAX_SAMPLE_ABS, v);
            if (xOk && yOk && x.size() != y.size()) {
                v.add("samples.y", "must have as many elements as samples.x (" + x.size() + "), has " + y.size());
            }
            if (xOk && x.size() < 2) {
                v.add("samples.x", "needs at least 2 samples");
            }
        }
        estimator("estimator", r.estimator(), v);
        if (v.list("evaluateAt", r.evaluateAt(), limits.maxEvaluationPoints())
                && v.numbers("evaluateAt", r.evaluateAt(), false, false)) {
            bounded("evaluateAt", r.evaluateAt(), MAX_SAMPLE_ABS, v);
        }
        v.throwIfAny();
    }

    public void estimator(String path, EstimatorDto e, Violations v) {
        if (e == null) {
            return;
        }
        v.intRange(path + ".units", e.units(), 2, limits.maxRbfUnits());
        v.intRange(path + ".bins", e.bins(), 0, limits.maxRbfUnits()); // 0: automatic
        if (e.lambda() != null) {
            v.range(path + ".lambda", e.lambda(), 0, false, 1e6);
        }
        if (e.pruning() != null && v.required(path + ".pruning.theta", e.pruning().theta())) {
            v.range(path + ".pruning.theta", e.pruning().theta(), 0, false, 100);
        }
        if (e.bandwidth() != null) {
            EstimatorDto.Bandwidth b = e.bandwidth();
            if (v.required(path + ".bandwidth.rule", b.rule())) {
                if (b.rule() == EstimatorDto.BandwidthRule.FIXED) {
                    v.positive(path + ".bandwidth.value", b.value());
                } else if (b.value() != null) {
                    v.add(path + ".bandwidth.value", "is only used with rule FIXED");
                }
            }
        }
        if (e.width() != null) {
            EstimatorDto.Width w = e.width();
            v.required(path + ".width.rule", w.rule());
            v.intRange(path + ".width.k", w.k(), 1, 100);
            if (w.scale() != null) {
                v.range(path + ".width.scale", w.scale(), 0, true, 1e3);
            }
        }
    }

    /** Each element within [−max, max]; reports the first offender by index. */
    private static boolean bounded(String path, List<Double> values, double max, Violations v) {
        for (int i = 0; i < values.size(); i++) {
            Double d = values.get(i);
            if (d != null && Math.abs(d) > max) {
                v.add(path + "[" + i + "]", "must be in [-" + Violations.fmt(max) + ", " + Violations.fmt(max)
                        + "]");
                return false;
            }
        }
        return true;
    }
}
