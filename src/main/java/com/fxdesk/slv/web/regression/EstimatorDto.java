package com.fxdesk.slv.web.regression;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * Estimator of E[V | S] (SPEC.md section 5); every field optional with the paper's default
 * (PURBF, 40 units, knn widths k = 5, pruning θ = 0.5, λ = 0.2, Gaussian kernel, Silverman bandwidth, bins 0 = round(2 N^(1/3))).
 */
@Schema(description = "Estimator of E[V | S] (x = ln S). Every field is optional with the paper's default: PURBF, "
        + "40 units, knn widths (k = 5), pruning θ = 0.5, ridge λ = 0.2; kernel estimators: Gaussian kernel, "
        + "Silverman bandwidth; binning: round(2 N^(1/3)) bins.")
public record EstimatorDto(
        @Schema(description = "NADARAYA_WATSON, LOCAL_LINEAR (kernel regression), RBF, PURBF (partition-of-unity "
                + "RBF, the paper's choice) or BINNING", defaultValue = "PURBF") Type type,
        @Schema(description = "kernel of NADARAYA_WATSON and LOCAL_LINEAR", defaultValue = "GAUSSIAN") Kernel kernel,
        @Schema(description = "bandwidth of the kernel estimators") Bandwidth bandwidth,
        @Schema(description = "widths of the RBF units") Width width,
        @Schema(description = "greedy pruning of RBF units") Pruning pruning,
        @Schema(description = "ridge penalty λ of RBF and PURBF weights (scale-free: λ applies as given at 512 "
                + "samples, λ·512/N at N); 0 to 10⁶", minimum = "0", maximum = "1000000", defaultValue = "0.2") Double lambda,
        @Schema(description = "RBF / PURBF units (centres) before pruning, as given up to 2,048 samples; beyond, "
                + "units·(N/2,048)^(1/5) (87 for 40 at 100,000), grown to 256 at most; 2 to slv.limits.max-rbf-units "
                + "(default 1,000)", minimum = "2", maximum = "1000", defaultValue = "40") Integer units,
        @Schema(description = "BINNING: number of equal-count bins; 0 = round(2 N^(1/3))", minimum = "0",
                maximum = "1000", defaultValue = "0") Integer bins,
        @Schema(description = "seed of the random choice of RBF centres (up to 2,048 samples; beyond, the centres "
                + "are at quantiles of x)", defaultValue = "42") Long seed) {

    public enum Type { NADARAYA_WATSON, LOCAL_LINEAR, RBF, PURBF, BINNING }

    public enum Kernel { GAUSSIAN, QUARTIC, EPANECHNIKOV, SIGMOID }

    public enum BandwidthRule { SILVERMAN, CROSS_VALIDATION, FIXED }

    public enum WidthRule { GLOBAL, KNN }

    /** value: the fixed bandwidth (FIXED), otherwise unused. */
    @Schema(description = "Kernel bandwidth h in x = ln S")
    public record Bandwidth(
            @Schema(description = "SILVERMAN (h = (4σ̂⁵/3N)^(1/5)), CROSS_VALIDATION (leave-one-out) or FIXED",
                    requiredMode = RequiredMode.REQUIRED, defaultValue = "SILVERMAN") BandwidthRule rule,
            @Schema(description = "FIXED only: h in ln S; > 0", exclusiveMinimumValue = 0) Double value) {
    }

    /** k: neighbours for KNN widths; scale: multiplier α of the width. */
    @Schema(description = "RBF unit widths")
    public record Width(
            @Schema(description = "KNN (distance to the k-th nearest centre) or GLOBAL (one width)",
                    requiredMode = RequiredMode.REQUIRED, defaultValue = "KNN") WidthRule rule,
            @Schema(description = "neighbours for KNN widths; 1 to 100", minimum = "1", maximum = "100",
                    defaultValue = "5") Integer k,
            @Schema(description = "multiplier α of the width; in (0, 1000]", exclusiveMinimumValue = 0,
                    maximum = "1000", defaultValue = "1") Double scale) {
    }

    /** theta = 0: no pruning. */
    @Schema(description = "Greedy pruning of RBF units")
    public record Pruning(
            @Schema(description = "threshold Θ; 0 = no pruning; 0 to 100", requiredMode = RequiredMode.REQUIRED,
                    minimum = "0", maximum = "100", defaultValue = "0.5") Double theta) {
    }
}
