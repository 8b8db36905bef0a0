package com.fxdesk.slv.api;

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
import tools.jackson.databind.node.ObjectNode;

/**
 * Base of the HTTP tests: one shared application context (same properties everywhere) on a random port, driven
 * through java.net.http. Small limits so that limit tests stay cheap.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "slv.limits.max-body-bytes=65536",
        "slv.limits.max-products=5",
        "slv.limits.max-particles=20000",
        "slv.limits.max-regression-samples=5000",
        "slv.jobs.queue-capacity=2",
        "slv.jobs.max-wait=20s",
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

    protected HttpResponse<String> post(String path, Object body) {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text)).build());
    }

    protected HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    protected HttpResponse<String> delete(String path) {
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
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
}
