package com.fxdesk.slv.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fxdesk.slv.pricing.BlackFormula;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class PricingApiTest extends ApiTestSupport {

    private static ObjectNode flatVolRequest(String... models) {
        ObjectNode r = EndpointValidationApiTest.pricing();
        for (JsonNode p : r.get("products")) {
            ((ObjectNode) p).put("vol", 0.08);
        }
        ArrayNode m = r.putArray("models");
        for (String model : models) {
            m.add(model);
        }
        return r;
    }

    @Test
    void blackScholesWithFlatVolsIsAnalyticAndMatchesGarmanKohlhagen() {
        ObjectNode r = flatVolRequest("BS");
        r.set("market", market("flat-10pct.json"));
        HttpResponse<String> resp = post("/api/v1/pricing", r);
        assertThat(resp.statusCode()).as(resp.body()).isEqualTo(200);
        JsonNode results = json(resp).get("results");
        assertThat(results).hasSize(3);
        JsonNode call = null;
        for (JsonNode x : results) {
            assertThat(x.get("model").asString()).isEqualTo("BS");
            assertThat(x.get("method").asString()).isEqualTo("ANALYTIC");
            assertThat(x.get("stdError").asDouble()).isZero();
            assertThat(x.get("volSource").asString()).isEqualTo("flat");
            if (x.get("productId").asString().equals("call")) {
                call = x;
            }
        }
        assertThat(call).isNotNull();
        // flat-10pct: spot 1, rd 2%, rf 1%; call K = 1.25, T = 1, vol 8%
        double fwd = Math.exp(0.02 - 0.01);
        double expected = BlackFormula.price(true, fwd, 1.25, 1.0, 0.08, Math.exp(-0.02));
        assertThat(call.get("price").asDouble()).isCloseTo(expected, within(1e-12));
        assertThat(json(resp).get("elapsedMs").asLong()).isNotNegative();
        String prom = get("/actuator/prometheus").body();
        assertThat(prom).contains("slv_pricing_seconds_count{").contains("model=\"BS\"");
    }

    @Test
    void modelsThisBuildCannotPriceAre422NamingThem() {
        HttpResponse<String> resp = post("/api/v1/pricing", flatVolRequest("BS", "LV"));
        if (resp.statusCode() != 200) {
            JsonNode body = problem(resp, 422);
            assertThat(body.get("detail").asString()).contains("LV").contains("nothing was priced");
            assertThat(body.has("results")).isFalse();
        }
    }

    @Test
    void hestonEuropeanIsAnalyticWithGivenParameters() {
        ObjectNode r = flatVolRequest("HESTON");
        r.set("market", market("flat-10pct.json"));
        ArrayNode products = r.putArray("products");
        products.addObject().put("id", "c").put("type", "EUROPEAN").put("optionType", "CALL").put("strike", 1.0)
                .put("maturity", 1.0);
        // xi = 0 limit is Black with the expected variance: v0 = theta = 0.01 gives 10% vol
        r.putObject("heston").put("v0", 0.01).put("kappa", 1.0).put("theta", 0.01).put("xi", 1e-4).put("rho", 0.0);
        HttpResponse<String> resp = post("/api/v1/pricing", r);
        assertThat(resp.statusCode()).as(resp.body()).isEqualTo(200);
        double expected = BlackFormula.price(true, Math.exp(0.01), 1.0, 1.0, 0.10, Math.exp(-0.02));
        assertThat(json(resp).get("results").get(0).get("price").asDouble()).isCloseTo(expected, within(1e-6));
    }

    @Test
    void blackScholesOnTheSurfaceUsesTheDeskVolConventions() {
        HttpResponse<String> resp = post("/api/v1/pricing", EndpointValidationApiTest.pricing());
        assertThat(resp.statusCode()).as(resp.body()).isEqualTo(200);
        JsonNode results = json(resp).get("results");
        assertThat(results.get(0).get("volSource").asString()).isEqualTo("surface(T, barrier)");
        assertThat(results.get(1).get("volSource").asString()).isEqualTo("surface(T, strike)");
        assertThat(results.get(2).get("volSource").asString()).isEqualTo("surface(T, forward)");
        double ot = results.get(0).get("price").asDouble();
        assertThat(ot).isBetween(0.0, 1.0);
        double dnt = results.get(2).get("price").asDouble();
        assertThat(dnt).isBetween(0.0, 1.0);
    }
}
