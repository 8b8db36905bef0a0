package com.fxdesk.slv.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Base of the HTTP tests: one shared application context (same properties everywhere) on a random port, driven
 * through java.net.http. Small limits so that limit tests stay cheap.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "slv.limits.max-body-bytes=65536",
        "slv.limits.max-products=5",
        "slv.limits.max-particles=20000",
        // jobs the tests (and the fuzzer) may queue stay light: a fifth of the shipped budget
        "slv.limits.max-job-work=500000000",
        "slv.limits.max-regression-samples=5000",
        "slv.jobs.queue-capacity=2",
        "slv.jobs.max-wait=20s",
        // generous on a loaded CI machine; the deadline itself is tested in ComputeGateTest and the fuzz test
        "slv.compute.deadline=30s",
        "slv.security.api-keys.test-client=" + ApiTestSupport.API_KEY,
        "slv.security.api-keys.other-client=" + ApiTestSupport.OTHER_API_KEY})
public abstract class ApiTestSupport {
    /** The key every request of these tests sends (see {@link #send}); tests of authentication use others. */
    protected static final String API_KEY = "test-key-0123456789abcdef";
    protected static final String OTHER_API_KEY = "other-key-0123456789abcdef";
    /** Requests carrying this header are sent as built (no key added): for tests of authentication itself. */
    protected static final String AS_IS = "X-Test-As-Is";
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    /** JWT bearer tokens are checked against the test key pair's public key (signed tokens: {@link TestJwts}). */
    @DynamicPropertySource
    static void jwt(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestJwts::publicKeyLocation);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> TestJwts.AUDIENCE);
    }

    protected static ObjectNode market(String file) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(Path.of("examples/markets", file)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static ObjectNode object() {
        return JSON.createObjectNode();
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    public HttpResponse<String> post(String path, Object body) {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text)).build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE().build());
    }

    /** Sends the request with the test client's API key unless it carries credentials of its own (or AS_IS). */
    protected static HttpResponse<String> send(HttpRequest request) {
        var h = request.headers();
        boolean own = h.firstValue("X-API-Key").isPresent() || h.firstValue("Authorization").isPresent()
                || h.firstValue(AS_IS).isPresent();
        if (!own) {
            request = HttpRequest.newBuilder(request, (n, v) -> true).header("X-API-Key", API_KEY).build();
        }
        HttpResponse<String> r;
        try {
            r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        // every 2xx JSON body of every HTTP test keeps the contract: no null, NaN or infinity
        if (JsonContract.isSuccessJson(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null))) {
            String breach = JsonContract.breach(r.body());
            assertThat(breach).as(request.method() + " " + request.uri() + " answered " + r.statusCode() + ": "
                    + r.body()).isNull();
        }
        return r;
    }

    /**
     * POST /api/v1/calibrations?wait=true in the shared context: first cancels what earlier test classes left queued
     * or running (test classes run one after another), then retries while the small test queue answers 429.
     */
    protected HttpResponse<String> submitAndWait(Object body) {
        for (JsonNode j : json(get("/api/v1/calibrations")).get("jobs")) {
            String s = j.get("status").asString();
            if (s.equals("QUEUED") || s.equals("RUNNING")) {
                delete("/api/v1/calibrations/" + j.get("id").asString());
            }
        }
        long until = System.nanoTime() + 60_000_000_000L;
        HttpResponse<String> r = post("/api/v1/calibrations?wait=true", body);
        while (r.statusCode() == 429 && System.nanoTime() < until) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            r = post("/api/v1/calibrations?wait=true", body);
        }
        return r;
    }

    protected static JsonNode json(HttpResponse<String> r) {
        return JSON.readTree(r.body());
    }

    /** Asserts a problem+json answer with the status, and returns its body. */
    protected static JsonNode problem(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode body = json(r);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asString()).isNotBlank();
        assertThat(body.has("detail")).isTrue();
        assertThat(r.body()).doesNotContain("at com.").doesNotContain("Exception");
        return body;
    }

    /** Asserts a 400 whose errors name the field, and returns that error's message. */
    protected static String fieldError(HttpResponse<String> r, String field) {
        JsonNode body = problem(r, 400);
        for (JsonNode e : body.get("errors")) {
            if (field.equals(e.get("field").asString())) {
                return e.get("message").asString();
            }
        }
        throw new AssertionError("no error for field " + field + " in " + r.body());
    }

    // small valid requests shared by the endpoint tests
    protected static ObjectNode pricing() {
        ObjectNode r = object();
        r.set("market", market("eurusd-2018-03-15.json"));
        r.putArray("models").add("BS");
        ArrayNode products = r.putArray("products");
        products.addObject().put("id", "ot-up-130").put("type", "ONE_TOUCH").put("direction", "UP")
                .put("barrier", 1.30).put("maturity", 0.5).put("payAt", "MATURITY").put("notional", 1.0);
        products.addObject().put("id", "call").put("type", "EUROPEAN").put("optionType", "CALL")
                .put("strike", 1.25).put("maturity", 1.0);
        products.addObject().put("id", "dnt").put("type", "DOUBLE_NO_TOUCH").put("lower", 1.15)
                .put("upper", 1.35).put("maturity", 0.5);
        return r;
    }

    protected static ObjectNode calibration() {
        ObjectNode r = object();
        r.set("market", market("flat-10pct.json"));
        r.put("mixing", 0.66).put("particles", 1024).put("timeStepDays", 5).put("spotGridSize", 50);
        r.putObject("estimator").put("type", "PURBF").put("units", 20).put("lambda", 0.2)
                .putObject("width").put("rule", "KNN").put("k", 5);
        r.putObject("roundTrip").put("enabled", false);
        return r;
    }

    /** A small valid regression request (also the fuzzer's template). */
    public static ObjectNode regression() {
        ObjectNode r = object();
        ObjectNode s = r.putObject("samples");
        ArrayNode x = s.putArray("x");
        ArrayNode y = s.putArray("y");
        for (int i = 0; i < 200; i++) {
            double xi = -1 + 2.0 * i / 199;
            x.add(xi);
            y.add(0.01 + 0.02 * xi * xi);
        }
        r.putObject("estimator").put("type", "NADARAYA_WATSON").put("kernel", "GAUSSIAN")
                .putObject("bandwidth").put("rule", "SILVERMAN");
        r.putArray("evaluateAt").add(-0.5).add(0.0).add(0.5);
        return r;
    }
}
