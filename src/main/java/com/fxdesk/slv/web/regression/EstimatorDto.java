package com.fxdesk.slv.web.regression;

/**
 * Estimator of E[V | S] (SPEC.md section 5); every field optional with the paper's default
 * (PURBF, 40 units, knn widths k = 5, pruning θ = 0.5, λ = 0.2, Gaussian kernel, Silverman bandwidth, bins 0 = round(2 N^(1/3))).
 */
public record EstimatorDto(Type type, Kernel kernel, Bandwidth bandwidth, Width width, Pruning pruning,
                           Double lambda, Integer units, Integer bins, Long seed) {

    public enum Type { NADARAYA_WATSON, LOCAL_LINEAR, RBF, PURBF, BINNING }

    public enum Kernel { GAUSSIAN, QUARTIC, EPANECHNIKOV, SIGMOID }

    public enum BandwidthRule { SILVERMAN, CROSS_VALIDATION, FIXED }

    public enum WidthRule { GLOBAL, KNN }

    /** value: the fixed bandwidth (FIXED), otherwise unused. */
    public record Bandwidth(BandwidthRule rule, Double value) {
    }

    /** k: neighbours for KNN widths; scale: multiplier α of the width. */
    public record Width(WidthRule rule, Integer k, Double scale) {
    }

    /** theta = 0: no pruning. */
    public record Pruning(Double theta) {
    }
}
