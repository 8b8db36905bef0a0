package com.fxdesk.slv.web.market;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.LocalDate;

/** Market data as trading systems send it (API.md "Market data"). Boxed fields: null means "missing". */
@Schema(description = "An FX market: spot, the two currencies' zero curves and the volatility (quotes or a grid). "
        + "Times are years ACT/365F from the valuation date; rates continuously compounded decimals; vols decimals.")
public record MarketDto(
        @Schema(description = "currency pair, base then quote currency (EURUSD: USD per EUR); sets the spot lag "
                + "for tenors (T+1 for USD against CAD, TRY, PHP, RUB, KZT, else T+2); at most 32 characters",
                example = "EURUSD") String pair,
        @Schema(description = "valuation date (ISO); needed when expiries or maturities are given as tenors or "
                + "dates", example = "2018-03-15") LocalDate valuationDate,
        @Schema(description = "spot rate, units of quote currency per unit of base currency; > 0",
                requiredMode = RequiredMode.REQUIRED, exclusiveMinimumValue = 0, example = "1.2346") Double spot,
        @Schema(description = "zero curve of the quote (domestic) currency", requiredMode = RequiredMode.REQUIRED)
        RateCurveDto domesticRate,
        @Schema(description = "zero curve of the base (foreign) currency", requiredMode = RequiredMode.REQUIRED)
        RateCurveDto foreignRate,
        @Schema(description = "the implied volatility: FX quotes or a strike grid", requiredMode = RequiredMode.REQUIRED)
        VolatilityDto volatility) {
}
