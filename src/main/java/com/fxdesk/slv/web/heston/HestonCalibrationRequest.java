package com.fxdesk.slv.web.heston;

import com.fxdesk.slv.web.market.MarketDto;

/** POST /api/v1/heston/calibration. */
public record HestonCalibrationRequest(MarketDto market, HestonParamsDto initialGuess, Weighting weighting) {

    /** IMPLIED_VOL: least squares in implied vol; VEGA: price errors divided by Black vega (the same to first order). */
    public enum Weighting { IMPLIED_VOL, VEGA }
}
