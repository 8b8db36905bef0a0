package com.fxdesk.slv.web.market;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/** Black vols per expiry on that expiry's increasing strikes. */
@Schema(description = "Black implied vols on a strike grid: per expiry its own increasing strikes and the vols "
        + "there (at most slv.limits.max-grid-points values in all, default 10,000)")
public record VolGridDto(
        @ArraySchema(schema = @Schema(description = "expiry: years ACT/365F (> 0), a tenor or an ISO date (needs "
                + "market.valuationDate)", types = {"number", "string"}), arraySchema = @Schema(description =
                "expiries, increasing", requiredMode = RequiredMode.REQUIRED), minItems = 1) List<Double> expiries,
        @ArraySchema(arraySchema = @Schema(description = "per expiry: increasing strikes (> 0)",
                requiredMode = RequiredMode.REQUIRED)) List<List<Double>> strikes,
        @ArraySchema(arraySchema = @Schema(description = "per expiry: the Black vol at each strike, decimal, > 0",
                requiredMode = RequiredMode.REQUIRED)) List<List<Double>> vols) {
}
