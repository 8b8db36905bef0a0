package com.fxdesk.slv.regression;

/** Estimators the studies compare against the shipped ones (not reachable through {@link Estimators}). */
public final class EstimatorVariants {
    private EstimatorVariants() {
    }

    /** PURBF whose ridge shrinks toward the sample mean (the shipped form before the local pilot). */
    public static ConditionalExpectationEstimator purbfShrinkToMean(EstimatorConfig config) {
        return new RbfEstimator(config.withType(EstimatorType.PURBF), false);
    }
}
