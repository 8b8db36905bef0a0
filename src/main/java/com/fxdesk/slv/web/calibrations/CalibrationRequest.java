package com.fxdesk.slv.web.calibrations;

import com.fxdesk.slv.web.heston.HestonParamsDto;
import com.fxdesk.slv.web.market.MarketDto;
import com.fxdesk.slv.web.regression.EstimatorDto;

/** POST /api/v1/calibrations: an SLV calibration job. heston null: calibrate Heston to the market first. */
public record CalibrationRequest(MarketDto market, HestonParamsDto heston, Double mixing, Integer particles,
                                 Integer timeStepDays, Double maturity, EstimatorDto estimator, Integer spotGridSize,
                                 Long seed, RoundTrip roundTrip, Leverage leverage) {

    /**
     * @param resolutionBps a round-trip point is resolved (counted in the headline RMS and max) when its standard
     *                      error is at most this many vol bp; default slv.quality.resolution-bps (5)
     */
    public record RoundTrip(Boolean enabled, Integer paths, Double resolutionBps) {
        public RoundTrip(Boolean enabled, Integer paths) {
            this(enabled, paths, null);
        }
    }

    /** Bounds L is clipped to (defaults 0.05 and 10); clipped grid points are counted per slice in the result. */
    public record Leverage(Double floor, Double cap) {
    }
}
