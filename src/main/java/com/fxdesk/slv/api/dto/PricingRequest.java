package com.fxdesk.slv.api.dto;

import com.fxdesk.slv.pricing.BarrierDirection;
import com.fxdesk.slv.pricing.BarrierType;
import com.fxdesk.slv.pricing.OptionType;
import com.fxdesk.slv.pricing.PayAt;
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

    /** How to calibrate the SLV leverage when no calibrationId is given (same fields and defaults as a job). */
    public record SlvSettings(Integer particles, Integer timeStepDays, EstimatorDto estimator, Integer spotGridSize,
                              Long seed) {
    }
}
