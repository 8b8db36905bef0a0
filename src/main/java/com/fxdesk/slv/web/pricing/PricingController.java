package com.fxdesk.slv.web.pricing;

import com.fxdesk.slv.web.support.ComputeGate;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Pricing")
public class PricingController {
    private final PricingRequestValidator validator;
    private final PricingService pricing;
    private final ComputeGate gate;

    public PricingController(PricingRequestValidator validator, PricingService pricing, ComputeGate gate) {
        this.validator = validator;
        this.pricing = pricing;
        this.gate = gate;
    }

    @Operation(summary = "Price products under BS, LV, HESTON and SLV",
            description = "BS is analytic (TV) for every product, HESTON analytic for Europeans and digitals. "
                    + "A model this version cannot price answers 422 naming it; nothing is priced then.")
    @PostMapping(path = "/pricing", consumes = MediaType.APPLICATION_JSON_VALUE)
    public DeferredResult<PricingResponse> price(@RequestBody PricingRequest request) {
        validator.validate(request);
        return gate.submit(PricingCost.of(request), cancelled -> pricing.price(request, cancelled));
    }
}
