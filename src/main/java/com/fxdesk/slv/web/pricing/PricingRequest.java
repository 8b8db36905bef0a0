package com.fxdesk.slv.web.pricing;

import com.fxdesk.slv.pricing.BarrierDirection;
import com.fxdesk.slv.pricing.BarrierType;
import com.fxdesk.slv.pricing.OptionType;
import com.fxdesk.slv.pricing.PayAt;
import com.fxdesk.slv.web.calibrations.CalibrationRequest;
import com.fxdesk.slv.web.heston.HestonParamsDto;
import com.fxdesk.slv.web.market.MarketDto;
import com.fxdesk.slv.web.regression.EstimatorDto;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/**
 * POST /api/v1/pricing. Either market (with heston / calibration settings as needed) or calibrationId (a finished
 * calibration job, whose market, Heston parameters and leverage are reused).
 */
@Schema(description = "Price products under one or more models. Give either market (the surface, Heston and SLV "
        + "are built from it as needed) or calibrationId (a finished calibration's market, Heston and leverage).")
public record PricingRequest(
        @Schema(description = "the market; exclusive with calibrationId") MarketDto market,
        @Schema(description = "id of a SUCCEEDED calibration job, or \"latest\" for the newest one; exclusive "
                + "with market, heston, mixing and calibration", example = "latest") String calibrationId,
        @ArraySchema(arraySchema = @Schema(description = "models, each at most once: BS (analytic, the TV), LV "
                + "(Dupire local vol, MC), HESTON (analytic European/digital, else MC), SLV (MC with the leverage)",
                requiredMode = RequiredMode.REQUIRED), minItems = 1, uniqueItems = true) List<Model> models,
        @Schema(description = "Heston parameters for HESTON and SLV; absent: fitted to the market") HestonParamsDto heston,
        @Schema(description = "mixing factor η of SLV", minimum = "0", maximum = "1", defaultValue = "0.66")
        Double mixing,
        SlvSettings calibration,
        @ArraySchema(arraySchema = @Schema(description = "the products (at most slv.limits.max-products, default "
                + "200); one simulation per model prices them all", requiredMode = RequiredMode.REQUIRED),
                minItems = 1, maxItems = 200) List<ProductDto> products,
        @Schema(description = "Monte Carlo settings (LV, HESTON path-dependent, SLV)") MonteCarlo monteCarlo) {

    public enum Model { BS, LV, HESTON, SLV }

    public enum ProductType { EUROPEAN, DIGITAL, ONE_TOUCH, NO_TOUCH, BARRIER, DOUBLE_NO_TOUCH }

    public enum Sequence { SOBOL, PSEUDO }

    /** One product; which fields apply depends on type (API.md). vol: flat Black vol used by BS instead of the surface. */
    @Schema(description = "One product. EUROPEAN, DIGITAL: optionType, strike. ONE_TOUCH, NO_TOUCH: direction, "
            + "barrier (payAt for ONE_TOUCH). BARRIER: optionType, strike, barrier, barrierType. DOUBLE_NO_TOUCH: "
            + "lower, upper. Prices are per unit of notional in the quote currency; barriers are monitored "
            + "continuously.")
    public record ProductDto(
            @Schema(description = "your label (at most 64 characters, unique), echoed in the results; default derived from the index", example = "ot-up-130")
            String id,
            @Schema(description = "product type", requiredMode = RequiredMode.REQUIRED) ProductType type,
            @Schema(description = "CALL or PUT (EUROPEAN, DIGITAL, BARRIER)") OptionType optionType,
            @Schema(description = "UP or DOWN (ONE_TOUCH, NO_TOUCH)") BarrierDirection direction,
            @Schema(description = "strike, quote currency per base currency; > 0", exclusiveMinimumValue = 0)
            Double strike,
            @Schema(description = "barrier level, quote currency per base currency; > 0 (touches: UP above spot, "
                    + "DOWN below)", exclusiveMinimumValue = 0) Double barrier,
            @Schema(description = "UP_AND_OUT, UP_AND_IN, DOWN_AND_OUT, DOWN_AND_IN (BARRIER)") BarrierType barrierType,
            @Schema(description = "lower barrier (DOUBLE_NO_TOUCH); > 0", exclusiveMinimumValue = 0)
            Double lower,
            @Schema(description = "upper barrier (DOUBLE_NO_TOUCH); greater than lower", exclusiveMinimumValue = 0)
            Double upper,
            @Schema(description = "maturity: years ACT/365F (> 0, at most slv.limits.max-maturity, default 30), a "
                    + "tenor (\"6M\") or an ISO date (both need a valuation date: market.valuationDate or the "
                    + "calibration's)", requiredMode = RequiredMode.REQUIRED, types = {"number", "string"},
                    example = "6M") Double maturity,
            @Schema(description = "ONE_TOUCH: pay at MATURITY or at HIT", defaultValue = "MATURITY") PayAt payAt,
            @Schema(description = "notional, quote currency; > 0", exclusiveMinimumValue = 0, defaultValue = "1")
            Double notional,
            @Schema(description = "a flat Black vol (decimal, in (0, 5]) that BS uses instead of the surface's",
                    exclusiveMinimumValue = 0, maximum = "5") Double vol) {
    }

    @Schema(description = "Monte Carlo settings; default the paper's: 32,000 antithetic Sobol paths, 5-day steps, "
            + "Brownian-bridge barrier correction")
    public record MonteCarlo(
            @Schema(description = "paths, antithetic partners included; 2 to slv.limits.max-paths (default 10⁶); "
                    + "paths × steps ≤ slv.limits.max-path-steps (default 2·10⁸)", minimum = "2", maximum = "1000000",
                    defaultValue = "32000") Integer paths,
            @Schema(description = "time step, calendar days; 0.25 to 365", minimum = "0.25", maximum = "365",
                    defaultValue = "5") Double timeStepDays,
            @Schema(description = "antithetic pairs", defaultValue = "true") Boolean antithetic,
            @Schema(description = "SOBOL (randomised quasi-random with a Brownian bridge) or PSEUDO",
                    defaultValue = "SOBOL") Sequence sequence,
            @Schema(description = "random seed", defaultValue = "42") Long seed,
            @Schema(description = "continuous monitoring by the Brownian-bridge crossing probability (false: "
                    + "monitor the step dates only)", defaultValue = "true") Boolean barrierCorrection) {
    }

    /**
     * How to calibrate the SLV leverage when no calibrationId is given: the fields of a calibration job request
     * (POST /api/v1/calibrations) with the same defaults. maturity: the leverage horizon (default: the longest
     * product; must cover every product); heston and mixing may be given here or at the top level, not both;
     * market must be the top-level one; roundTrip is accepted and ignored (pricing never runs it).
     */
    @Schema(description = "SLV leverage calibration settings (no calibrationId): the fields of a calibration job "
            + "request with its defaults. maturity is the leverage horizon (default the longest product; must be at "
            + "least every product's maturity); heston and mixing may be given here or at the top level, not both; "
            + "market is taken from the top level and must not be repeated here; roundTrip is accepted and ignored "
            + "(pricing never runs a round trip).")
    public record SlvSettings(
            @Schema(description = "particles", minimum = "16", maximum = "100000", defaultValue = "2048")
            Integer particles,
            @Schema(description = "regression grid spacing, calendar days (below 10,000 particles: the particles' "
                    + "step, with a regression at most every other one)", minimum = "1", maximum = "365",
                    defaultValue = "5") Integer timeStepDays,
            @Schema(description = "estimator of E[V | S]") EstimatorDto estimator,
            @Schema(description = "spot grid points per regression time", minimum = "10", maximum = "2000",
                    defaultValue = "200") Integer spotGridSize,
            @Schema(description = "random seed", defaultValue = "42") Long seed,
            @Schema(description = "leverage horizon: years, a tenor or an ISO date; default the longest product",
                    types = {"number", "string"}) Double maturity,
            @Schema(description = "mixing factor η (or at the top level)", minimum = "0", maximum = "1") Double mixing,
            @Schema(description = "Heston parameters (or at the top level)") HestonParamsDto heston,
            @Schema(description = "not allowed: the top-level market is used") MarketDto market,
            @Schema(description = "accepted and ignored") CalibrationRequest.RoundTrip roundTrip,
            @Schema(description = "bounds L is clipped to, as in a calibration job") CalibrationRequest.Leverage leverage) {
    }
}
