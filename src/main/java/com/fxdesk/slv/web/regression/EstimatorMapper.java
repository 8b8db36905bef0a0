package com.fxdesk.slv.web.regression;

import com.fxdesk.slv.regression.BandwidthRule;
import com.fxdesk.slv.regression.EstimatorConfig;
import com.fxdesk.slv.regression.EstimatorType;
import com.fxdesk.slv.regression.Kernel;
import com.fxdesk.slv.regression.WidthRule;

/** Validated estimator DTO to the engine's configuration; every missing field takes the paper's default. */
public final class EstimatorMapper {

    private EstimatorMapper() {
    }

    public static EstimatorConfig toEngine(EstimatorDto e) {
        EstimatorConfig c = EstimatorConfig.defaults();
        if (e == null) {
            return c;
        }
        if (e.type() != null) {
            c = c.withType(EstimatorType.valueOf(e.type().name()));
        }
        if (e.kernel() != null) {
            c = c.withKernel(Kernel.valueOf(e.kernel().name()));
        }
        if (e.bandwidth() != null) {
            BandwidthRule rule = BandwidthRule.valueOf(e.bandwidth().rule().name());
            c = c.withBandwidth(new EstimatorConfig.Bandwidth(rule,
                    rule == BandwidthRule.FIXED ? e.bandwidth().value() : Double.NaN));
        }
        if (e.width() != null) {
            c = c.withWidth(new EstimatorConfig.Width(WidthRule.valueOf(e.width().rule().name()),
                    e.width().k() != null ? e.width().k() : EstimatorConfig.DEFAULT_K,
                    e.width().scale() != null ? e.width().scale() : EstimatorConfig.DEFAULT_WIDTH_SCALE));
        }
        if (e.pruning() != null) {
            c = c.withPruning(new EstimatorConfig.Pruning(e.pruning().theta()));
        }
        if (e.lambda() != null) {
            c = c.withLambda(e.lambda());
        }
        if (e.units() != null) {
            c = c.withUnits(e.units());
        }
        if (e.bins() != null) {
            c = c.withBins(e.bins());
        }
        if (e.seed() != null) {
            c = c.withSeed(e.seed());
        }
        return c;
    }
}
