package com.fxdesk.slv.web.calibrations;

import com.fxdesk.slv.web.heston.HestonParamsDto;
import com.fxdesk.slv.web.market.MarketDto;
import com.fxdesk.slv.web.regression.EstimatorDto;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** POST /api/v1/calibrations: an SLV calibration job. heston null: calibrate Heston to the market first. */
@Schema(description = "An SLV calibration job: surface → Dupire local vol → Heston (fitted unless given) → "
        + "leverage L(S, t) by the particle method → optional round trip. Every field but market has a default.")
public record CalibrationRequest(
        @Schema(description = "the market", requiredMode = RequiredMode.REQUIRED) MarketDto market,
        @Schema(description = "Heston parameters to use as given; absent: fitted to the market first") HestonParamsDto heston,
        @Schema(description = "mixing factor η: the SLV model's vol of variance is η·ξ (0: local vol, 1: full "
                + "Heston vol of vol)", minimum = "0", maximum = "1", defaultValue = "0.66") Double mixing,
        @Schema(description = "number of particles N; 16 to slv.limits.max-particles (default 100,000), and N × "
                + "propagation steps ≤ slv.limits.max-particle-steps (default 5·10⁷)", minimum = "16",
                maximum = "100000", defaultValue = "2048") Integer particles,
        @Schema(description = "regression grid spacing, calendar days (pillar expiries are added); particles move "
                + "in daily sub-steps from 10,000 particles on; below 10,000 particles the particles move on steps "
                + "of this spacing and regress at most every other one (every one where the grid refines: near t = 0, "
                + "before expiries, at large mean reversion)", minimum = "1", maximum = "365",
                defaultValue = "5") Integer timeStepDays,
        @Schema(description = "calibration horizon: years ACT/365F (> 0, at most slv.limits.max-maturity, default "
                + "30), a tenor (\"1Y\") or an ISO date (both need market.valuationDate); default the last pillar",
                types = {"number", "string"}, example = "1Y") Double maturity,
        @Schema(description = "estimator of E[V | S]; default PURBF with the paper's settings") EstimatorDto estimator,
        @Schema(description = "spot grid points per regression time (uniform in ln S between the particles' 0.1% "
                + "and 99.9% quantiles)", minimum = "10", maximum = "2000", defaultValue = "200") Integer spotGridSize,
        @Schema(description = "random seed (same seed, same bits on any number of threads)", defaultValue = "42")
        Long seed,
        @Schema(description = "round trip: reprice every pillar quote up to the maturity by an independent Monte "
                + "Carlo with the calibrated leverage") RoundTrip roundTrip,
        @Schema(description = "bounds L is clipped to") Leverage leverage) {

    /**
     * @param resolutionBps a round-trip point is resolved (counted in the headline RMS and max) when its standard
     *                      error is at most this many vol bp; default slv.quality.resolution-bps (1); the
     *                      verdict always uses the service's threshold
     */
    @Schema(description = "Round-trip repricing settings")
    public record RoundTrip(
            @Schema(description = "run it", defaultValue = "true") Boolean enabled,
            @Schema(description = "Monte Carlo paths (antithetic pairs counted twice); 1,000 to slv.limits.max-paths "
                    + "(fewer leave the control-variate regression without degrees of freedom for its standard error)",
                    minimum = "1000", maximum = "1000000", defaultValue = "100000") Integer paths,
            @Schema(description = "a point counts in the headline RMS and max when its Monte Carlo standard error "
                    + "is at most this many vol bp; default slv.quality.resolution-bps (1). It shapes the statistics "
                    + "shown; the quality verdict always uses the service's own threshold", exclusiveMinimumValue = 0,
                    defaultValue = "1") Double resolutionBps,
            @Schema(description = "extra paths: a point whose standard error after the first `paths` is above this "
                    + "many vol bp gets more paths, simulated only to its expiry (short expiries are cheap), the "
                    + "cheapest first within the extra-work cap; 0: none. Default 0.9 × slv.quality.resolution-bps",
                    minimum = "0", maximum = "1000", defaultValue = "0.9") Double targetStdErrorBps,
            @Schema(description = "the extra paths' work (paths × (steps + a path's fixed cost of 4 steps)) at most "
                    + "this multiple of the first `paths`' work (paths × steps), and calibration and "
                    + "round trip together within slv.limits.max-job-work; 0: no extra paths", minimum = "0",
                    maximum = "20", defaultValue = "4") Double maxExtraWorkFactor) {
        public RoundTrip(Boolean enabled, Integer paths) {
            this(enabled, paths, null, null, null);
        }

        public RoundTrip(Boolean enabled, Integer paths, Double resolutionBps) {
            this(enabled, paths, resolutionBps, null, null);
        }
    }

    /** Bounds L is clipped to (defaults 0.05 and 10); clipped grid points are counted per slice in the result. */
    @Schema(description = "Clip bounds of the leverage; clipped grid points are counted per slice in the result")
    public record Leverage(
            @Schema(description = "lower bound of L; in (0, 1]", exclusiveMinimumValue = 0, maximum = "1",
                    defaultValue = "0.05") Double floor,
            @Schema(description = "upper bound of L; in [1, 100]", minimum = "1", maximum = "100",
                    defaultValue = "10") Double cap) {
    }
}
