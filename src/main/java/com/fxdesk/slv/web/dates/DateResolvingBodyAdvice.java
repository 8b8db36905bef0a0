package com.fxdesk.slv.web.dates;

import com.fxdesk.slv.pipeline.SlvPipeline.Calibrated;
import com.fxdesk.slv.jobs.JobService;
import com.fxdesk.slv.jobs.store.JobStatus;
import com.fxdesk.slv.security.Clients;
import com.fxdesk.slv.web.errors.FieldViolation;
import com.fxdesk.slv.web.errors.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs {@link RequestDates} on every JSON request body before it is bound, so tenors and ISO dates arrive in the
 * DTOs as year fractions. A body that is not a JSON object (or not JSON at all) passes unchanged and binding
 * reports its problem; the body size was already bounded by the body-size filter.
 */
@ControllerAdvice
public class DateResolvingBodyAdvice extends RequestBodyAdviceAdapter {
    private final JsonMapper json;
    private final RequestDates dates;

    public DateResolvingBodyAdvice(JsonMapper json, JobService jobs) {
        this.json = json;
        this.dates = new RequestDates(id -> jobs.find(id, Clients.current())
                .filter(j -> j.status() == JobStatus.SUCCEEDED)
                .flatMap(j -> model(jobs, j.id()))
                .map(c -> c.market().fx())
                .map(fx -> new RequestDates.DateContext(fx.valuationDate(), fx.pair())));
    }

    /** The calibrated model behind a job (the one pricing by calibrationId will use), if it can be had. */
    private static Optional<Calibrated> model(JobService jobs, String id) {
        try {
            return jobs.model(id, Calibrated.class);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] body = input.getBody().readAllBytes();
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JacksonException e) {
            return message(input.getHeaders(), body);
        }
        if (!(tree instanceof ObjectNode object)) {
            return message(input.getHeaders(), body);
        }
        List<FieldViolation> violations = dates.resolve(object);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return message(input.getHeaders(), json.writeValueAsBytes(object));
    }

    private static HttpInputMessage message(HttpHeaders original, byte[] body) {
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(original);
        headers.setContentLength(body.length);
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }
}
