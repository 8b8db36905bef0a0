package com.fxdesk.slv.web.market;

import com.fxdesk.slv.market.DeltaType;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** One tenor: ATM, 25Δ RR/BF, optional 10Δ RR/BF (both or neither), optional convention overrides. */
@Schema(description = "The quotes of one tenor: ATM vol, 25-delta risk reversal and butterfly, optionally 10-delta "
        + "(both or neither). Vols are decimals (0.068 = 6.8%).")
public record VolPillarDto(
        @Schema(description = "tenor: ON, or a number of D, W, M or Y (1W, 6M, 2Y); with market.valuationDate "
                + "it gives the expiry when expiry is absent, and must agree with a given expiry (within "
                + "max(4 days, 5%)) — see docs/dates.md", example = "6M") String tenor,
        @Schema(description = "expiry: years ACT/365F (> 0, at most slv.limits.max-maturity, default 30), or an "
                + "ISO date after the valuation date; increasing across pillars; may be omitted when tenor and "
                + "market.valuationDate are given", types = {"number", "string"}, example = "0.4986") Double expiry,
        @Schema(description = "ATM vol, decimal; > 0 and at most 5", requiredMode = RequiredMode.REQUIRED,
                exclusiveMinimumValue = 0, maximum = "5", example = "0.0765") Double atm,
        @Schema(description = "25-delta risk reversal σ25C − σ25P, decimal; between -5 and 5",
                requiredMode = RequiredMode.REQUIRED, minimum = "-5", maximum = "5", example = "0.003") Double rr25,
        @Schema(description = "25-delta butterfly, decimal (smile or broker strangle per butterflyType); "
                + "between -5 and 5", requiredMode = RequiredMode.REQUIRED, minimum = "-5", maximum = "5",
                example = "0.0025") Double bf25,
        @Schema(description = "10-delta risk reversal, decimal; optional, together with bf10", minimum = "-5",
                maximum = "5") Double rr10,
        @Schema(description = "10-delta butterfly, decimal; optional, together with rr10", minimum = "-5",
                maximum = "5") Double bf10,
        @Schema(description = "this pillar's delta convention if it differs from quotes.deltaType (e.g. FORWARD "
                + "beyond 1Y)") DeltaType deltaType,
        @Schema(description = "this pillar's premium adjustment if it differs from quotes.premiumAdjusted")
        Boolean premiumAdjusted) {
}
