package com.fxdesk.slv.web.market;

import com.fxdesk.slv.market.AtmType;
import com.fxdesk.slv.market.ButterflyType;
import com.fxdesk.slv.market.DeltaType;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/** FX quotes with their conventions; premiumAdjusted defaults to false. */
@Schema(description = "FX volatility quotes by tenor and the conventions they are quoted in")
public record VolQuotesDto(
        @Schema(description = "delta convention of the quotes: SPOT (spot delta) or FORWARD (forward delta); a "
                + "pillar may override it", requiredMode = RequiredMode.REQUIRED) DeltaType deltaType,
        @Schema(description = "premium-adjusted deltas (premium in the base currency, e.g. USDJPY); default false",
                defaultValue = "false") Boolean premiumAdjusted,
        @Schema(description = "ATM convention: DELTA_NEUTRAL (delta-neutral straddle) or FORWARD (strike at the "
                + "forward)", requiredMode = RequiredMode.REQUIRED) AtmType atmType,
        @Schema(description = "butterfly convention: SMILE (σ25C/P = ATM + BF ± RR/2) or MARKET (broker strangle "
                + "priced at ATM + BF)", requiredMode = RequiredMode.REQUIRED) ButterflyType butterflyType,
        @ArraySchema(arraySchema = @Schema(description = "one entry per tenor in increasing expiry (at most "
                + "slv.limits.max-pillars, default 60)", requiredMode = RequiredMode.REQUIRED), minItems = 1,
                maxItems = 60) List<VolPillarDto> pillars) {
}
