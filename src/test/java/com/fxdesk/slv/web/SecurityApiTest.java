package com.fxdesk.slv.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Authentication over real HTTP with real API keys and real RS256-signed JWTs (the test key pair of
 * {@link TestJwts}): 401 without or with bad credentials, open health, job ownership across clients, headers.
 */
@TestPropertySource(properties = "slv.jobs.queue-capacity=8") // its own job queue: not filled by other classes' jobs
class SecurityApiTest extends ApiTestSupport {
    private static final String JOBS = "/api/v1/calibrations";

    private HttpRequest.Builder anonymous(String path) {
        return HttpRequest.newBuilder(uri(path)).header(AS_IS, "1");
    }

    private HttpResponse<String> getWith(String path, String header, String value) {
        return send(HttpRequest.newBuilder(uri(path)).header(header, value).GET().build());
    }

    private HttpResponse<String> deleteWith(String path, String header, String value) {
        return send(HttpRequest.newBuilder(uri(path)).header(header, value).DELETE().build());
    }

    private static JsonNode unauthorized(HttpResponse<String> r) {
        JsonNode body = problem(r, 401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).contains("X-API-Key").contains("Bearer");
        return body;
    }

    @Test
    void everyApiAndNonHealthActuatorEndpointNeedsCredentials() {
        for (String path : List.of(JOBS, JOBS + "/some-id", "/actuator/metrics", "/actuator/prometheus",
                "/actuator/info")) {
            JsonNode body = unauthorized(send(anonymous(path).GET().build()));
            assertThat(body.get("detail").asString()).contains("X-API-Key");
        }
        for (String path : List.of("/api/v1/pricing", "/api/v1/volatility/surface", JOBS, "/api/v1/heston/calibrate",
                "/api/v1/regression")) {
            unauthorized(send(anonymous(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build()));
        }
        HttpResponse<String> health = send(anonymous("/actuator/health").GET().build());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(send(anonymous("/actuator/health/liveness").GET().build()).statusCode()).isEqualTo(200);
        assertThat(send(anonymous("/v3/api-docs").GET().build()).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenWithoutSubjectNamesNoClient() {
        unauthorized(getWith(JOBS, "Authorization", "Bearer " + TestJwts.token(" ", 300)));
    }

    @Test
    void tokenSubjectsCannotTakeAnApiKeyClientsIdentity() {
        org.springframework.security.oauth2.jwt.Jwt jwt = org.springframework.security.oauth2.jwt.Jwt
                .withTokenValue("t").header("alg", "RS256").subject("default").build();
        assertThat(com.fxdesk.slv.security.SecurityConfig.jwtClient(jwt).getName()).isEqualTo("jwt:default");
    }

    @Test
    void badCredentialsAre401InPlainWords() {
        JsonNode wrongKey = unauthorized(getWith(JOBS, "X-API-Key", "not-a-key-of-this-service"));
        assertThat(wrongKey.get("detail").asString()).isEqualTo("The API key is not valid");
        JsonNode foreign = unauthorized(getWith(JOBS, "Authorization", "Bearer " + TestJwts.foreignToken("alice")));
        assertThat(foreign.get("detail").asString()).isEqualTo("The bearer token is not valid or has expired");
        unauthorized(getWith(JOBS, "Authorization", "Bearer " + TestJwts.token("alice", -600))); // expired
        // signed by the right key but for another service, or for no audience at all
        unauthorized(getWith(JOBS, "Authorization", "Bearer " + TestJwts.tokenFor("alice", "another-service")));
        unauthorized(getWith(JOBS, "Authorization", "Bearer " + TestJwts.tokenFor("alice", null)));
        JsonNode garbage = unauthorized(getWith(JOBS, "Authorization", "Bearer abc.def.ghi"));
        assertThat(garbage.toString()).doesNotContain("Jwt").doesNotContain("nimbus").doesNotContain("Exception");
        unauthorized(getWith(JOBS, "Authorization", "Basic dXNlcjpwYXNz"));
    }

    @Test
    void validKeyAndValidJwtAreAccepted() {
        assertThat(getWith(JOBS, "X-API-Key", OTHER_API_KEY).statusCode()).isEqualTo(200);
        HttpResponse<String> jwt = getWith(JOBS, "Authorization", "Bearer " + TestJwts.token("alice", 300));
        assertThat(jwt.statusCode()).as(jwt.body()).isEqualTo(200);
        assertThat(getWith("/actuator/metrics", "Authorization", "Bearer " + TestJwts.token("ops", 300))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aJobIsVisibleOnlyToTheClientThatSubmittedIt() {
        ObjectNode r = object();
        r.set("market", market("flat-10pct.json"));
        r.putObject("heston").put("v0", 0.01).put("kappa", 1.5).put("theta", 0.01).put("xi", 0.3).put("rho", -0.4);
        r.put("particles", 1024).put("timeStepDays", 30).put("spotGridSize", 20).put("maturity", 0.25);
        r.putObject("roundTrip").put("enabled", false);
        String bobToken = "Bearer " + TestJwts.token("bob", 300);
        // the context is shared: cancel what earlier test classes left queued or running as the test client
        for (var j : json(get(JOBS)).get("jobs")) {
            String s = j.get("status").asString();
            if (s.equals("QUEUED") || s.equals("RUNNING")) {
                delete(JOBS + "/" + j.get("id").asString());
            }
        }
        HttpResponse<String> created;
        long until = System.nanoTime() + 60_000_000_000L;
        do { // the context is shared: other test classes' jobs may still fill the small test queue
            created = send(HttpRequest.newBuilder(uri(JOBS + "?wait=true"))
                    .header("Authorization", bobToken).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(r.toString())).build());
        } while (created.statusCode() == 429 && System.nanoTime() < until && pause());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String id = json(created).get("id").asString();

        // the owner (JWT subject bob) sees it, lists it and may price with it
        assertThat(getWith(JOBS + "/" + id, "Authorization", bobToken).statusCode()).isEqualTo(200);
        assertThat(ids(getWith(JOBS, "Authorization", bobToken))).contains(id);

        // other clients: an API-key client and another JWT subject get 404 and do not see it
        for (String[] other : List.of(new String[] {"X-API-Key", API_KEY},
                new String[] {"Authorization", "Bearer " + TestJwts.token("mallory", 300)})) {
            problem(getWith(JOBS + "/" + id, other[0], other[1]), 404);
            problem(getWith(JOBS + "/" + id + "/charts/leverage", other[0], other[1]), 404);
            problem(deleteWith(JOBS + "/" + id, other[0], other[1]), 404);
            assertThat(ids(getWith(JOBS, other[0], other[1]))).doesNotContain(id);
        }
        ObjectNode pricing = object();
        pricing.put("calibrationId", id).putArray("models").add("SLV");
        pricing.putArray("products").addObject().put("type", "ONE_TOUCH").put("direction", "UP")
                .put("barrier", 1.3).put("maturity", 0.25);
        fieldError(post("/api/v1/pricing", pricing), "calibrationId"); // as test-client: not its calibration

        // still there for its owner, who may delete it
        assertThat(deleteWith(JOBS + "/" + id, "Authorization", bobToken).statusCode()).isIn(200, 204);
        problem(getWith(JOBS + "/" + id, "Authorization", bobToken), 404);
    }

    @Test
    void securityHeadersOnEveryAnswer() {
        for (HttpResponse<String> r : List.of(get(JOBS), send(anonymous(JOBS).GET().build()),
                post("/api/v1/pricing", "{"))) {
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(r.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
            assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    private static List<String> ids(HttpResponse<String> list) {
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        json(list).get("jobs").forEach(j -> out.add(j.get("id").asString()));
        return out;
    }
}
