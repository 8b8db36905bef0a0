package com.fxdesk.slv.web.calibrations;

import com.fxdesk.slv.web.heston.HestonParamsDto;
import com.fxdesk.slv.web.market.MarketDto;
import com.fxdesk.slv.web.regression.EstimatorDto;

/** POST /api/v1/calibrations: an SLV calibration job. heston null: calibrate Heston to the market first. */
public record CalibrationRequest(MarketDto market, HestonParamsDto heston, Double mixing, Integer particles,
                                 Integer timeStepDays, Double maturity, EstimatorDto estimator, Integer spotGridSize,
                                 Long seed, RoundTrip roundTrip, Leverage leverage) {

    public record RoundTrip(Boolean enabled, Integer paths) {
    }

    /** Bounds L is clipped to (defaults 0.05 and 10); clipped grid points are counted per slice in the result. */
    public record Leverage(Double floor, Double cap) {
    }
}
