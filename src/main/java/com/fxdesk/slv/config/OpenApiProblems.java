package com.fxdesk.slv.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Documents every error response of every operation with the RFC 9457 problem+json schema the service sends
 * (ProblemHandler): which codes an operation can answer follows from what it does — a JSON body (400, 413, 415),
 * engine work that can reject an input (422) or find the compute pool busy (503), the job queue (429), a job id in
 * the path (404) or a job that has not succeeded (409). Operations that already document a code keep their text.
 */
@Component
public class OpenApiProblems implements OpenApiCustomizer {
    static final String PROBLEM = "Problem";
    private static final String REF = "#/components/schemas/" + PROBLEM;

    private static final Map<String, String> TEXT = new LinkedHashMap<>();

    static {
        TEXT.put("400", "Invalid input: errors[] names every invalid field by its JSON path "
                + "(e.g. market.volatility.quotes.pillars[3].rr25) and says why");
        TEXT.put("404", "No job with this id (finished jobs are kept for a limited time), or no such resource");
        TEXT.put("409", "The job has not SUCCEEDED (queued, running, failed or cancelled), or lacks what is asked "
                + "(e.g. a round trip)");
        TEXT.put("413", "The body is larger than slv.limits.max-body-bytes");
        TEXT.put("415", "The body is not application/json");
        TEXT.put("422", "Valid input the engine cannot use (e.g. a delta that no strike reaches, a surface "
                + "with arbitrage it cannot repair)");
        TEXT.put("429", "The job queue is full; retry after the Retry-After header's seconds");
        TEXT.put("500", "Unexpected error; detail carries a reference to quote (the stack trace is only logged)");
        TEXT.put("503", "All compute slots are busy; retry after the Retry-After header's seconds");
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getComponents().addSchemas(PROBLEM, problemSchema());
        if (openApi.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> e : openApi.getPaths().entrySet()) {
            String path = e.getKey();
            if (!path.startsWith("/api/")) {
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> op : e.getValue().readOperationsMap().entrySet()) {
                add(op.getValue(), codes(op.getKey(), path, op.getValue()));
            }
        }
    }

    static List<String> codes(PathItem.HttpMethod method, String path, Operation op) {
        List<String> codes = new ArrayList<>();
        boolean body = op.getRequestBody() != null;
        boolean job = path.contains("{id}");
        boolean sub = job && !path.endsWith("{id}");
        if (body) {
            codes.addAll(List.of("400", "413", "415", "422"));
        }
        if (method == PathItem.HttpMethod.POST && path.equals("/api/v1/calibrations")) {
            codes.add("429");
        } else if (method == PathItem.HttpMethod.POST) {
            codes.add("503");
        }
        if (path.equals("/api/v1/pricing")) {
            codes.add("409"); // calibrationId of a job that did not succeed
        }
        if (job) {
            codes.add("404");
        }
        if (sub) {
            codes.addAll(List.of("400", "409", "503"));
        }
        codes.add("500");
        return codes;
    }

    private static void add(Operation op, List<String> codes) {
        ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
        for (String code : codes) {
            ApiResponse r = responses.get(code);
            if (r == null) {
                r = new ApiResponse().description(TEXT.get(code));
                responses.addApiResponse(code, r);
            }
            Content content = r.getContent() == null ? new Content() : r.getContent();
            content.remove("*/*");
            content.addMediaType("application/problem+json", new MediaType().schema(new Schema<>().$ref(REF)));
            r.setContent(content);
        }
        op.setResponses(responses);
    }

    private static Schema<?> problemSchema() {
        Schema<?> violation = new ObjectSchema().description("One invalid field")
                .addProperty("field", new StringSchema().description("JSON path of the field, e.g. "
                        + "products[2].barrier; empty for the body as a whole"))
                .addProperty("message", new StringSchema().description("why it is invalid"));
        violation.setRequired(List.of("field", "message"));
        Schema<?> s = new ObjectSchema().description("RFC 9457 problem details (application/problem+json)")
                .addProperty("type", new StringSchema().format("uri").description("problem type; about:blank"))
                .addProperty("title", new StringSchema().description("short summary of the problem class"))
                .addProperty("status", new IntegerSchema().description("the HTTP status code"))
                .addProperty("detail", new StringSchema().description("what went wrong with this request"))
                .addProperty("instance", new StringSchema().format("uri").description("the request path"))
                .addProperty("errors", new ArraySchema().items(violation)
                        .description("400 and some 422: every invalid field"));
        s.setRequired(List.of("type", "title", "status"));
        return s;
    }
}
