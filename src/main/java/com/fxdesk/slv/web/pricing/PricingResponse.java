package com.fxdesk.slv.web.pricing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fxdesk.slv.web.surface.SurfaceResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Prices per (product, model); stdError 0 for analytic prices; vol/volSource: the Black vol BS used. warnings: the
 * surface's (points it moved, strangles it missed), when a model priced off the market's surface, and
 * IMPLIED_VOL_FALLBACK when BS read a held surface vol (a strike or barrier beyond the last strike with time value).
 */
@Schema(description = "Prices per product and model")
public record PricingResponse(@Schema(description = "one per (product, model)") List<Result> results,
                              @Schema(description = "the surface's warnings (moved points, missed strangles), when a "
                                      + "model priced off the market's surface; IMPLIED_VOL_FALLBACK (amountBps = "
                                      + "count, expiry and strike of the first) when BS read a held surface vol") List<SurfaceResponse.Warning> warnings,
                              @Schema(description = "wall time of the request, ms") long elapsedMs) {

    public enum Method { ANALYTIC, MONTE_CARLO, PDE }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "The price of one product under one model")
    public record Result(@Schema(description = "the product's id") String productId,
                         @Schema(description = "the model") PricingRequest.Model model,
                         @Schema(description = "present value in the quote currency for the product's notional")
                         double price,
                         @Schema(description = "Monte Carlo standard error of price; 0 for analytic prices")
                         double stdError,
                         @Schema(description = "ANALYTIC, MONTE_CARLO or PDE") Method method,
                         @Schema(description = "BS: the Black vol used, decimal") Double vol,
                         @Schema(description = "BS: where the vol came from (the product's vol, or the surface at "
                                 + "which point)") String volSource) {
    }
}
