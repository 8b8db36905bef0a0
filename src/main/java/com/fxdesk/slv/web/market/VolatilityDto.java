package com.fxdesk.slv.web.market;

import io.swagger.v3.oas.annotations.media.Schema;

/** Exactly one of FX quotes or a strike grid. */
@Schema(description = "Exactly one of quotes (ATM, risk reversals and butterflies by tenor) or grid (Black vols on "
        + "strikes per expiry)")
public record VolatilityDto(
        @Schema(description = "FX market quotes per tenor with their conventions") VolQuotesDto quotes,
        @Schema(description = "Black vols on a strike grid per expiry") VolGridDto grid) {
}
