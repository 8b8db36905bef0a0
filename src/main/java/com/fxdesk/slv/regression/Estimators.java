package com.fxdesk.slv.regression;

/** Builds the estimator a configuration selects. */
public final class Estimators {
    private Estimators() {
    }

    /** The estimator of {@code config}; null selects the paper's default. */
    public static ConditionalExpectationEstimator create(EstimatorConfig config) {
        if (config == null) {
            config = EstimatorConfig.defaults();
        }
        return switch (config.type()) {
            case NADARAYA_WATSON, LOCAL_LINEAR -> new KernelRegressionEstimator(config);
            case RBF, PURBF -> new RbfEstimator(config);
            case BINNING -> new BinningEstimator(config);
        };
    }

    /** The paper's default estimator (PURBF, 40 units, knn widths, pruning, λ = 0.2). */
    public static ConditionalExpectationEstimator paperDefault() {
        return create(EstimatorConfig.defaults());
    }
}
