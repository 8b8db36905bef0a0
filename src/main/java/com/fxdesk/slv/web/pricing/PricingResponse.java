package com.fxdesk.slv.web.pricing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Prices per (product, model); stdError 0 for analytic prices; vol/volSource: the Black vol BS used. */
public record PricingResponse(List<Result> results, long elapsedMs) {

    public enum Method { ANALYTIC, MONTE_CARLO, PDE }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String productId, PricingRequest.Model model, double price, double stdError, Method method,
                         Double vol, String volSource) {
    }
}
