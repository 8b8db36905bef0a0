package com.fxdesk.slv.web.pricing;

import com.fxdesk.slv.web.ApiTestSupport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fxdesk.slv.math.BlackFormula;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class PricingApiTest extends ApiTestSupport {

    private static ObjectNode flatVolRequest(String... models) {
        ObjectNode r = pricing();
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
    void localVolMonteCarloOnAFlatSurfaceMatchesBlackScholes() {
        ObjectNode r = pricing();
        r.set("market", market("flat-10pct.json"));
        ArrayNode products = r.putArray("products");
        products.addObject().put("id", "ot").put("type", "ONE_TOUCH").put("direction", "UP").put("barrier", 1.1)
                .put("maturity", 0.5);
        products.addObject().put("id", "kO").put("type", "BARRIER").put("optionType", "CALL").put("strike", 1.0)
                .put("barrier", 1.15).put("barrierType", "UP_AND_OUT").put("maturity", 0.5);
        ArrayNode models = r.putArray("models");
        models.add("BS").add("LV").add("HESTON");
        r.putObject("heston").put("v0", 0.01).put("kappa", 1.0).put("theta", 0.01).put("xi", 0.2).put("rho", 0.0);
        r.putObject("monteCarlo").put("paths", 20000).put("timeStepDays", 1).put("seed", 7);
        HttpResponse<String> resp = post("/api/v1/pricing", r);
        assertThat(resp.statusCode()).as(resp.body()).isEqualTo(200);
        JsonNode results = json(resp).get("results");
        assertThat(results).hasSize(6); // for each model, each product
        for (int i = 0; i < 2; i++) {
            JsonNode bs = results.get(i);
            JsonNode lv = results.get(2 + i);
            assertThat(lv.get("model").asString()).isEqualTo("LV");
            assertThat(lv.get("productId").asString()).isEqualTo(bs.get("productId").asString());
            assertThat(lv.get("stdError").asDouble()).isPositive();
            assertThat(Math.abs(lv.get("price").asDouble() - bs.get("price").asDouble())).as(lv + " vs " + bs)
                    .isLessThan(4 * lv.get("stdError").asDouble() + 0.003);
            assertThat(results.get(4 + i).get("method").asString()).isEqualTo("MONTE_CARLO");
        }
    }

    @Test
    void unknownCalibrationIdIsAFieldError() {
        ObjectNode r = pricing();
        r.remove("market");
        r.put("calibrationId", "no-such-job");
        assertThat(fieldError(post("/api/v1/pricing", r), "calibrationId")).contains("no-such-job");
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
        HttpResponse<String> resp = post("/api/v1/pricing", pricing());
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

    @Test
    void blackScholesAtAHeldSurfaceVolCarriesTheFallbackWarning() {
        // crisis USDJPY: at 2Y a barrier at 250 (F ≈ 88) lies beyond the last strike whose call price has time value,
        // where the surface holds a vol; a barrier at 95 is read from a price. Only the first is reported.
        ObjectNode r = object();
        r.set("market", market("usdjpy-2008-10-24-crisis.json"));
        r.putArray("models").add("BS");
        ArrayNode products = r.putArray("products");
        products.addObject().put("id", "far").put("type", "ONE_TOUCH").put("direction", "UP").put("barrier", 250.0)
                .put("maturity", 2.0);
        products.addObject().put("id", "near").put("type", "ONE_TOUCH").put("direction", "UP").put("barrier", 95.0)
                .put("maturity", 2.0);
        HttpResponse<String> resp = post("/api/v1/pricing", r);
        assertThat(resp.statusCode()).as(resp.body()).isEqualTo(200);
        int fallbacks = 0;
        for (JsonNode w : json(resp).get("warnings")) {
            if (w.get("code").asString().equals("IMPLIED_VOL_FALLBACK") && w.get("tenor").asString().isEmpty()) {
                fallbacks++;
                assertThat(w.get("amountBps").asDouble()).isEqualTo(1.0);
                assertThat(w.get("strike").asDouble()).isEqualTo(250.0);
                assertThat(w.get("expiry").asDouble()).isEqualTo(2.0);
            }
        }
        assertThat(fallbacks).as(resp.body()).isEqualTo(1);
    }

    /** The pricing "calibration" object takes a calibration request's fields (maturity, mixing, heston, leverage, …). */
    @Test
    void calibrationSettingsAcceptTheCalibrationRequestFields() {
        ObjectNode ok = pricing();
        ObjectNode settings = ok.putObject("calibration").put("maturity", 2.0).put("mixing", 0.5)
                .put("particles", 1024);
        settings.putObject("roundTrip").put("enabled", false);
        settings.putObject("leverage").put("floor", 0.1).put("cap", 5.0);
        HttpResponse<String> resp = post("/api/v1/pricing", ok);
        assertThat(resp.statusCode()).as(resp.body()).isEqualTo(200);

        ObjectNode bad = pricing();
        bad.put("mixing", 0.3);
        ObjectNode c = bad.putObject("calibration").put("maturity", 0.25).put("mixing", 0.5);
        c.set("market", market("flat-10pct.json"));
        c.putObject("leverage").put("floor", 0.5).put("cap", 0.9);
        HttpResponse<String> refused = post("/api/v1/pricing", bad);
        assertThat(fieldError(refused, "calibration.maturity")).contains("longest product");
        fieldError(refused, "calibration.mixing");
        fieldError(refused, "calibration.market");
        fieldError(refused, "calibration.leverage.cap"); // the calibration job's rule: cap in [1, 100]
    }
}
