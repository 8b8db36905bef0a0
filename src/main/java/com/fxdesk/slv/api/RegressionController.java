package com.fxdesk.slv.api;

import com.fxdesk.slv.api.dto.RegressionRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Regression")
public class RegressionController {
    private final RequestValidator validator;

    public RegressionController(RequestValidator validator) {
        this.validator = validator;
    }

    @Operation(summary = "Fit E[y | x] with one of the estimators and evaluate it")
    @PostMapping(path = "/regression", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> regression(@RequestBody RegressionRequest request) {
        validator.validate(request);
        throw ApiProblemException.unavailable("Regression");
    }
}
