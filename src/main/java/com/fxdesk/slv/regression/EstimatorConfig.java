package com.fxdesk.slv.regression;

/**
 * Everything that selects and tunes an estimator of E[V | S] (SPEC.md section 5; field names as in API.md).
 * Null nested records and a null type or kernel take the paper's defaults, so a partially filled request is valid.
 *
 * @param type      which estimator
 * @param kernel    kernel of the kernel regressions, and basis shape of RBF/PURBF units
 * @param bandwidth bandwidth rule of NADARAYA_WATSON and LOCAL_LINEAR
 * @param units     RBF/PURBF units before pruning, M (paper: 40) up to 2,048 samples, grown like N^{1/5} beyond
 * @param width     RBF/PURBF width rule (paper: k = 5 nearest centres)
 * @param pruning   RBF/PURBF pruning constant Θ (θ = 0: no pruning)
 * @param lambda    ridge parameter, relative: see {@link RbfEstimator} for how it is made scale-free and N-aware
 * @param bins      BINNING bins; 0 chooses round(2 N^{1/3})
 * @param seed      seed of the random choice of RBF centres (up to 2,048 samples; beyond, they are at quantiles)
 * @param floor     every returned value is at least this (and floors are counted in the diagnostics)
 */
public record EstimatorConfig(EstimatorType type, Kernel kernel, Bandwidth bandwidth, int units, Width width,
                              Pruning pruning, double lambda, int bins, long seed, double floor) {

    public static final int DEFAULT_UNITS = 40;

    /** RBF/PURBF units actually fitted for {@code units} configured and {@code samples} samples (grown with N). */
    public static int effectiveUnits(int units, int samples) {
        return RbfEstimator.effectiveUnits(units, samples);
    }
    public static final int DEFAULT_K = 5;
    public static final double DEFAULT_WIDTH_SCALE = 1.0;
    public static final double DEFAULT_THETA = 0.5;
    public static final double DEFAULT_LAMBDA = 0.2;
    public static final double DEFAULT_FLOOR = 1e-8;
    public static final long DEFAULT_SEED = 42L;

    /** Kernel bandwidth rule; {@code value} is h for FIXED and ignored otherwise. */
    public record Bandwidth(BandwidthRule rule, double value) {
        public Bandwidth {
            if (rule == null) {
                rule = BandwidthRule.SILVERMAN;
            }
            if (rule == BandwidthRule.FIXED && !(value > 0.0 && Double.isFinite(value))) {
                throw new IllegalArgumentException("a FIXED bandwidth needs a positive value, got " + value);
            }
        }

        public static Bandwidth silverman() {
            return new Bandwidth(BandwidthRule.SILVERMAN, Double.NaN);
        }

        public static Bandwidth crossValidation() {
            return new Bandwidth(BandwidthRule.CROSS_VALIDATION, Double.NaN);
        }

        public static Bandwidth fixed(double h) {
            return new Bandwidth(BandwidthRule.FIXED, h);
        }
    }

    /** RBF width rule: GLOBAL or KNN with k neighbours, both multiplied by {@code scale} (α). */
    public record Width(WidthRule rule, int k, double scale) {
        public Width {
            if (rule == null) {
                rule = WidthRule.KNN;
            }
            if (k < 1) {
                throw new IllegalArgumentException("width.k must be at least 1, got " + k);
            }
            if (!(scale > 0.0 && Double.isFinite(scale))) {
                throw new IllegalArgumentException("width.scale must be positive, got " + scale);
            }
        }

        public static Width knn(int k) {
            return new Width(WidthRule.KNN, k, DEFAULT_WIDTH_SCALE);
        }

        public static Width global() {
            return new Width(WidthRule.GLOBAL, DEFAULT_K, DEFAULT_WIDTH_SCALE);
        }
    }

    /** Drop unit j when min_{i≠j} |c_i − c_j| / h_j < theta; theta = 0 keeps every unit. */
    public record Pruning(double theta) {
        public Pruning {
            if (!(theta >= 0.0 && Double.isFinite(theta))) {
                throw new IllegalArgumentException("pruning.theta must be ≥ 0, got " + theta);
            }
        }

        public static Pruning none() {
            return new Pruning(0.0);
        }
    }

    public EstimatorConfig {
        if (type == null) {
            type = EstimatorType.PURBF;
        }
        if (kernel == null) {
            kernel = Kernel.GAUSSIAN;
        }
        if (bandwidth == null) {
            bandwidth = Bandwidth.silverman();
        }
        if (width == null) {
            width = Width.knn(DEFAULT_K);
        }
        if (pruning == null) {
            pruning = new Pruning(DEFAULT_THETA);
        }
        if (units < 2) {
            throw new IllegalArgumentException("units must be at least 2 (min and max are always centres), got " + units);
        }
        if (!(lambda >= 0.0 && Double.isFinite(lambda))) {
            throw new IllegalArgumentException("lambda must be ≥ 0, got " + lambda);
        }
        if (bins < 0) {
            throw new IllegalArgumentException("bins must be ≥ 0 (0: automatic), got " + bins);
        }
        if (!(floor > 0.0 && Double.isFinite(floor))) {
            throw new IllegalArgumentException("floor must be positive, got " + floor);
        }
    }

    /** The paper's choice: PURBF, Gaussian units, 40 units, k = 5 knn widths, pruning Θ = 0.5, λ = 0.2. */
    public static EstimatorConfig defaults() {
        return new EstimatorConfig(EstimatorType.PURBF, Kernel.GAUSSIAN, Bandwidth.silverman(), DEFAULT_UNITS,
                Width.knn(DEFAULT_K), new Pruning(DEFAULT_THETA), DEFAULT_LAMBDA, 0, DEFAULT_SEED, DEFAULT_FLOOR);
    }

    /** Defaults with another estimator type (kernel, bandwidth etc. keep their defaults). */
    public static EstimatorConfig of(EstimatorType type) {
        return defaults().withType(type);
    }

    public EstimatorConfig withType(EstimatorType t) {
        return new EstimatorConfig(t, kernel, bandwidth, units, width, pruning, lambda, bins, seed, floor);
    }

    public EstimatorConfig withKernel(Kernel k) {
        return new EstimatorConfig(type, k, bandwidth, units, width, pruning, lambda, bins, seed, floor);
    }

    public EstimatorConfig withBandwidth(Bandwidth b) {
        return new EstimatorConfig(type, kernel, b, units, width, pruning, lambda, bins, seed, floor);
    }

    public EstimatorConfig withUnits(int m) {
        return new EstimatorConfig(type, kernel, bandwidth, m, width, pruning, lambda, bins, seed, floor);
    }

    public EstimatorConfig withWidth(Width w) {
        return new EstimatorConfig(type, kernel, bandwidth, units, w, pruning, lambda, bins, seed, floor);
    }

    public EstimatorConfig withPruning(Pruning p) {
        return new EstimatorConfig(type, kernel, bandwidth, units, width, p, lambda, bins, seed, floor);
    }

    public EstimatorConfig withLambda(double l) {
        return new EstimatorConfig(type, kernel, bandwidth, units, width, pruning, l, bins, seed, floor);
    }

    public EstimatorConfig withBins(int b) {
        return new EstimatorConfig(type, kernel, bandwidth, units, width, pruning, lambda, b, seed, floor);
    }

    public EstimatorConfig withSeed(long s) {
        return new EstimatorConfig(type, kernel, bandwidth, units, width, pruning, lambda, bins, s, floor);
    }

    public EstimatorConfig withFloor(double f) {
        return new EstimatorConfig(type, kernel, bandwidth, units, width, pruning, lambda, bins, seed, f);
    }
}
