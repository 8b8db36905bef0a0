package com.fxdesk.slv.web.errors;

import com.fxdesk.slv.web.ApiTestSupport;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Every class of bad input answers problem+json with the right status and names the field. */
class ErrorHandlingApiTest extends ApiTestSupport {
    private static final String SURFACE = "/api/v1/volatility/surface";

    private static ObjectNode request(ObjectNode market) {
        ObjectNode r = object();
        r.set("market", market);
        return r;
    }

    private static ObjectNode pillar(ObjectNode market, int i) {
        return (ObjectNode) market.get("volatility").get("quotes").get("pillars").get(i);
    }

    @Test
    void malformedJsonNamesThePathWhereParsingStopped() {
        String body = "{\"market\": {\"spot\": 1.2, \"pair\": }}";
        String msg = fieldError(post(SURFACE, body), "market.pair");
        assertThat(msg).contains("malformed JSON").contains("line 1");
    }

    @Test
    void truncatedJsonIs400() {
        HttpResponse<String> r = post(SURFACE, "{\"market\": {\"spot\": 1.2,");
        assertThat(problem(r, 400).get("errors").get(0).get("message").asString()).contains("malformed JSON");
    }

    @Test
    void wrongTypeNamesTheField() {
        ObjectNode m = market("eurusd-2018-03-15.json");
        m.put("spot", "abc");
        assertThat(fieldError(post(SURFACE, request(m)), "market.spot")).contains("expected a number");
    }

    @Test
    void numberAsStringIsNotCoerced() {
        ObjectNode m = market("eurusd-2018-03-15.json");
        pillar(m, 2).put("atm", "0.07");
        assertThat(fieldError(post(SURFACE, request(m)), "market.volatility.quotes.pillars[2].atm"))
                .contains("expected a number");
    }

    @Test
    void unknownEnumValueListsAllowedValues() {
        ObjectNode m = market("eurusd-2018-03-15.json");
        ((ObjectNode) m.get("volatility").get("quotes")).put("deltaType", "SPOTT");
        assertThat(fieldError(post(SURFACE, request(m)), "market.volatility.quotes.deltaType"))
                .contains("SPOTT").contains("SPOT, FORWARD");
        ObjectNode m2 = market("eurusd-2018-03-15.json");
        pillar(m2, 8).put("deltaType", "FWD");
        assertThat(fieldError(post(SURFACE, request(m2)), "market.volatility.quotes.pillars[8].deltaType"))
                .contains("SPOT, FORWARD");
    }

    @Test
    void missingRequiredFieldsAreAllListed() {
        ObjectNode m = market("eurusd-2018-03-15.json");
        m.remove("spot");
        pillar(m, 3).remove("rr25");
        HttpResponse<String> r = post(SURFACE, request(m));
        assertThat(fieldError(r, "market.spot")).isEqualTo("is required");
        assertThat(fieldError(r, "market.volatility.quotes.pillars[3].rr25")).isEqualTo("is required");
        assertThat(fieldError(post(SURFACE, object()), "market")).isEqualTo("is required");
    }

    @Test
    void nonFiniteNumbersAre400WithThePath() {
        ObjectNode m = market("eurusd-2018-03-15.json");
        String body = JSON.writeValueAsString(request(m)).replace("\"rr25\":0.0038", "\"rr25\":1e999");
        assertThat(body).contains("1e999");
        assertThat(fieldError(post(SURFACE, body), "market.volatility.quotes.pillars[3].rr25")).contains("finite");
        String nan = JSON.writeValueAsString(request(m)).replace("\"rr25\":0.0038", "\"rr25\":NaN");
        assertThat(fieldError(post(SURFACE, nan), "market.volatility.quotes.pillars[3].rr25"))
                .contains("malformed JSON");
    }

    @Test
    void unknownFieldIsRejectedWithTheAllowedNames() {
        ObjectNode m = market("eurusd-2018-03-15.json");
        m.put("spto", 1.2);
        assertThat(fieldError(post(SURFACE, request(m)), "market.spto")).contains("unknown field").contains("spot");
    }

    @Test
    void emptyBodyIs400() {
        HttpResponse<String> r = post(SURFACE, "");
        assertThat(problem(r, 400).get("detail").asString()).contains("body");
    }

    @Test
    void wrongMediaTypeIs415() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri(SURFACE)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        problem(r, 415);
    }

    @Test
    void oversizedBodyIs413WithContentLength() {
        String big = "{\"market\": {\"pair\": \"" + "x".repeat(70_000) + "\"}}";
        problem(post(SURFACE, big), 413);
    }

    @Test
    void oversizedChunkedBodyIs413() {
        byte[] big = ("{\"market\": {\"pair\": \"" + "x".repeat(70_000) + "\"}}").getBytes();
        HttpRequest req = HttpRequest.newBuilder(uri(SURFACE)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        JsonNode body = problem(send(req), 413);
        assertThat(body.get("detail").asString()).contains("65536");
    }

    @Test
    void unknownPathIs404Problem() {
        problem(get("/api/v1/nothing-here"), 404);
        problem(post("/api/v1/nothing-here", "{}"), 404);
    }

    @Test
    void wrongMethodIs405() {
        HttpResponse<String> r = get(SURFACE);
        problem(r, 405);
        assertThat(r.headers().firstValue("Allow").orElse("")).contains("POST");
    }

    @Test
    void requestsRejectedByTomcatItselfAreProblemJsonToo() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.getOutputStream().write(("GET /api/v1/calibrations/%zz HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String raw = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(raw).startsWith("HTTP/1.1 400").contains("application/problem+json")
                    .contains("\"status\":400").doesNotContain("<html");
        }
        HttpResponse<String> direct = get("/error");
        problem(direct, 404);
    }

    static java.util.stream.Stream<String> oddBodies() {
        return java.util.stream.Stream.of("null", "[]", "\"text\"", "123", "true", "{} trailing",
                "{\"market\": []}", "{\"market\": null}", "{\"market\": {\"spot\": 1, \"spot\": 2}}",
                "{\"market\": {\"volatility\": {\"quotes\": {\"pillars\": [[]]}}}}",
                "{\"market\": {\"volatility\": {\"grid\": {\"expiries\": [1], \"strikes\": [null], \"vols\": [[null]]}}}}",
                "{\"market\": {\"spot\": 1e999999}}", "{\"market\": {\"spot\": " + "9".repeat(5000) + "}}",
                "[".repeat(3000) + "]".repeat(3000), "{\"market\": {\"valuationDate\": \"2018-13-45\"}}",
                "{\"products\": [null], \"models\": [null]}", "{\"samples\": {\"x\": [1, null], \"y\": []}}",
                "{\"particles\": 99999999999}", "{\"estimator\": {\"type\": null, \"bandwidth\": {}}}");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("oddBodies")
    void oddBodiesAreClientErrorsOnEveryEndpoint(String body) {
        for (String path : new String[] {SURFACE, "/api/v1/pricing", "/api/v1/heston/calibration",
                "/api/v1/regression", "/api/v1/calibrations"}) {
            HttpResponse<String> r = post(path, body);
            assertThat(r.statusCode()).as(path + " " + body.substring(0, Math.min(80, body.length())) + " -> "
                    + r.body()).isEqualTo(400);
            problem(r, 400);
        }
    }

    /** A client accepting only problem+json gets the real problem, not a 406. */
    @Test
    void acceptProblemJsonAloneGetsTheRealProblem() {
        ObjectNode r = request(market("flat-10pct.json"));
        ((ObjectNode) r.get("market")).put("spot", -1.0);
        HttpResponse<String> resp = send(HttpRequest.newBuilder(uri(SURFACE))
                .header("Content-Type", "application/json").header("Accept", "application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(r))).build());
        fieldError(resp, "market.spot");
        HttpResponse<String> missing = send(HttpRequest.newBuilder(uri("/api/v1/calibrations/nope"))
                .header("Accept", "application/problem+json").GET().build());
        problem(missing, 404);
    }

    /** Malformed JSON: a clean message with line and column, no parser internals. */
    @Test
    void malformedJsonDetailHasNoParserInternals() {
        HttpResponse<String> r = post(SURFACE, "{\"market\": {\"spot\": 1.2,\n \"pair\": \"EURUSD\"");
        JsonNode body = problem(r, 400);
        assertThat(r.body()).doesNotContain("Source:").doesNotContain("StreamReadFeature").doesNotContain("REDACTED");
        assertThat(body.get("errors").get(0).get("message").asString()).contains("line 2, column 18").endsWith("expected close marker for Object");
    }
}
