package com.fxdesk.slv.web.pricing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fxdesk.slv.web.surface.SurfaceResponse;
import java.util.List;

/**
 * Prices per (product, model); stdError 0 for analytic prices; vol/volSource: the Black vol BS used. warnings: the
 * surface's (points it moved, strangles it missed), when a model priced off the market's surface.
 */
public record PricingResponse(List<Result> results, List<SurfaceResponse.Warning> warnings, long elapsedMs) {

    public enum Method { ANALYTIC, MONTE_CARLO, PDE }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String productId, PricingRequest.Model model, double price, double stdError, Method method,
                         Double vol, String volSource) {
    }
}
