package com.fxdesk.slv.web.pricing;

import com.fxdesk.slv.pricing.BarrierDirection;
import com.fxdesk.slv.pricing.BarrierType;
import com.fxdesk.slv.pricing.OptionType;
import com.fxdesk.slv.pricing.PayAt;
import com.fxdesk.slv.web.calibrations.CalibrationRequest;
import com.fxdesk.slv.web.heston.HestonParamsDto;
import com.fxdesk.slv.web.market.MarketDto;
import com.fxdesk.slv.web.regression.EstimatorDto;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * POST /api/v1/pricing. Either market (with heston / calibration settings as needed) or calibrationId (a finished
 * calibration job, whose market, Heston parameters and leverage are reused).
 */
public record PricingRequest(MarketDto market, String calibrationId, List<Model> models, HestonParamsDto heston,
                             Double mixing, SlvSettings calibration, List<ProductDto> products,
                             MonteCarlo monteCarlo) {

    public enum Model { BS, LV, HESTON, SLV }

    public enum ProductType { EUROPEAN, DIGITAL, ONE_TOUCH, NO_TOUCH, BARRIER, DOUBLE_NO_TOUCH }

    public enum Sequence { SOBOL, PSEUDO }

    /** One product; which fields apply depends on type (API.md). vol: flat Black vol used by BS instead of the surface. */
    public record ProductDto(String id, ProductType type, OptionType optionType, BarrierDirection direction,
                             Double strike, Double barrier, BarrierType barrierType, Double lower, Double upper,
                             Double maturity, PayAt payAt, Double notional, Double vol) {
    }

    public record MonteCarlo(Integer paths, Double timeStepDays, Boolean antithetic, Sequence sequence, Long seed,
                             Boolean barrierCorrection) {
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
    public record SlvSettings(Integer particles, Integer timeStepDays, EstimatorDto estimator, Integer spotGridSize,
                              Long seed, Double maturity, Double mixing, HestonParamsDto heston, MarketDto market,
                              CalibrationRequest.RoundTrip roundTrip) {
    }
}
