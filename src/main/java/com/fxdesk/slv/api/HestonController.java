package com.fxdesk.slv.api;

import com.fxdesk.slv.api.dto.HestonCalibrationRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/heston", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Heston")
public class HestonController {
    private final RequestValidator validator;

    public HestonController(RequestValidator validator) {
        this.validator = validator;
    }

    @Operation(summary = "Calibrate Heston (v0, kappa, theta, xi, rho) to the vanilla surface")
    @PostMapping(path = "/calibration", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> calibrate(@RequestBody HestonCalibrationRequest request) {
        validator.validate(request);
        throw ApiProblemException.unavailable("Heston calibration");
    }
}
