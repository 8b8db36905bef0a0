package com.fxdesk.slv.api;

import com.fxdesk.slv.api.dto.PricingRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Pricing")
public class PricingController {
    private final RequestValidator validator;

    public PricingController(RequestValidator validator) {
        this.validator = validator;
    }

    @Operation(summary = "Price products under BS, LV, HESTON and SLV")
    @PostMapping(path = "/pricing", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> price(@RequestBody PricingRequest request) {
        validator.validate(request);
        PricingRequest.Model model = request.models().get(0);
        throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Model not available",
                "model " + model + " is not available in this version of the service");
    }
}
