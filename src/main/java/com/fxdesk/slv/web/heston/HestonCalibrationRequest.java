package com.fxdesk.slv.web.heston;

import com.fxdesk.slv.web.market.MarketDto;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** POST /api/v1/heston/calibration. */
@Schema(description = "Fit Heston to every quote of the market (every pillar's strikes)")
public record HestonCalibrationRequest(
        @Schema(description = "the market to fit", requiredMode = RequiredMode.REQUIRED) MarketDto market,
        @Schema(description = "an extra starting point besides the automatic ones (inside the calibrator's box)")
        HestonParamsDto initialGuess,
        @Schema(description = "objective: IMPLIED_VOL (least squares in implied vol, default) or VEGA (price "
                + "errors divided by Black vega)", defaultValue = "IMPLIED_VOL") Weighting weighting) {

    /** IMPLIED_VOL: least squares in implied vol; VEGA: price errors divided by Black vega (the same to first order). */
    public enum Weighting { IMPLIED_VOL, VEGA }
}
