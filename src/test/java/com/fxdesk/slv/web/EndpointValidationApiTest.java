package com.fxdesk.slv.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Request validation of every endpoint, through HTTP, with the shipped markets as a base. */
class EndpointValidationApiTest extends ApiTestSupport {

    @Test
    void pricingRulesNameTheirFields() {
        ObjectNode r = pricing();
        ((ObjectNode) r.get("products").get(0)).remove("barrier");
        ((ObjectNode) r.get("products").get(1)).put("barrier", 1.3);
        ((ObjectNode) r.get("products").get(2)).put("upper", 1.1);
        r.putObject("monteCarlo").put("paths", 0).put("sequence", "SOBOL");
        HttpResponse<String> resp = post("/api/v1/pricing", r);
        assertThat(fieldError(resp, "products[0].barrier")).isEqualTo("is required");
        assertThat(fieldError(resp, "products[1].barrier")).contains("not used by EUROPEAN");
        assertThat(fieldError(resp, "products[2].upper")).contains("greater than lower");
        assertThat(fieldError(resp, "monteCarlo.paths")).contains("between 2 and");
    }

    @Test
    void pricingEnumsAndLimits() {
        ObjectNode r = pricing();
        ((ArrayNode) r.get("models")).add("SABR");
        assertThat(fieldError(post("/api/v1/pricing", r), "models[1]")).contains("BS, LV, HESTON, SLV");
        ObjectNode r2 = pricing();
        ((ObjectNode) r2.get("products").get(0)).put("type", "ASIAN");
        assertThat(fieldError(post("/api/v1/pricing", r2), "products[0].type"))
                .contains("EUROPEAN, DIGITAL, ONE_TOUCH, NO_TOUCH, BARRIER, DOUBLE_NO_TOUCH");
        ObjectNode r3 = pricing();
        for (int i = 0; i < 3; i++) {
            ((ArrayNode) r3.get("products")).add(r3.get("products").get(1).deepCopy());
        }
        assertThat(fieldError(post("/api/v1/pricing", r3), "products")).contains("limit is 5");
        ObjectNode r4 = pricing();
        r4.putObject("monteCarlo").put("paths", 1_000_000).put("timeStepDays", 0.5);
        assertThat(fieldError(post("/api/v1/pricing", r4), "monteCarlo.paths")).contains("paths × time steps");
        ObjectNode r5 = pricing();
        r5.put("calibrationId", "abc");
        assertThat(fieldError(post("/api/v1/pricing", r5), "market")).contains("not both");
    }

    @Test
    void calibrationRulesNameTheirFields() {
        ObjectNode r = calibration();
        r.put("mixing", 1.5).put("particles", 50_000).put("spotGridSize", 5);
        ((ObjectNode) r.get("estimator")).put("type", "KRIGING");
        HttpResponse<String> resp = post("/api/v1/calibrations", r);
        assertThat(fieldError(resp, "estimator.type")).contains("NADARAYA_WATSON, LOCAL_LINEAR, RBF, PURBF, BINNING");
        ObjectNode r2 = calibration();
        r2.put("mixing", 1.5).put("particles", 50_000).put("spotGridSize", 5);
        r2.putObject("heston").put("v0", 0.01).put("kappa", 1.0).put("theta", 0.01).put("xi", 0.3).put("rho", -1.0);
        HttpResponse<String> resp2 = post("/api/v1/calibrations", r2);
        assertThat(fieldError(resp2, "mixing")).contains("[0, 1]");
        assertThat(fieldError(resp2, "particles")).contains("between 16 and 20000");
        assertThat(fieldError(resp2, "spotGridSize")).contains("between 10 and");
        assertThat(fieldError(resp2, "heston.rho")).contains("(-1, 1)");
        ObjectNode r3 = calibration();
        r3.put("particles", 20_000).put("timeStepDays", 1).put("maturity", 25.0);
        r3.putObject("roundTrip").put("enabled", true); // 100,000 paths on 45,000 steps: over the job's work budget
        assertThat(fieldError(post("/api/v1/calibrations", r3), "roundTrip.paths")).contains("over the job budget");
        ObjectNode r4 = calibration();
        r4.put("particles", 2048.5);
        assertThat(fieldError(post("/api/v1/calibrations", r4), "particles")).contains("integer");
    }

    @Test
    void regressionRulesNameTheirFields() {
        ObjectNode r = regression();
        ((ArrayNode) r.get("samples").get("y")).remove(0);
        ((ArrayNode) r.get("evaluateAt")).add("x");
        HttpResponse<String> resp = post("/api/v1/regression", r);
        assertThat(fieldError(resp, "evaluateAt[3]")).contains("expected a number");
        ObjectNode r2 = regression();
        ((ArrayNode) r2.get("samples").get("y")).remove(0);
        ((ObjectNode) r2.get("estimator").get("bandwidth")).put("value", 0.1);
        HttpResponse<String> resp2 = post("/api/v1/regression", r2);
        assertThat(fieldError(resp2, "samples.y")).contains("as many elements as samples.x");
        assertThat(fieldError(resp2, "estimator.bandwidth.value")).contains("only used with rule FIXED");
        ObjectNode r3 = regression();
        ArrayNode x = (ArrayNode) r3.get("samples").get("x");
        for (int i = 0; i < 5000; i++) {
            x.add(0.5);
        }
        assertThat(fieldError(post("/api/v1/regression", r3), "samples.x")).contains("limit is 5000");
    }

    @Test
    void hestonAndSurfaceValidateMarket() {
        ObjectNode r = object();
        ObjectNode m = market("usdjpy-2018-03-15.json");
        ((ObjectNode) m.get("volatility").get("quotes").get("pillars").get(6)).put("atm", -0.1);
        r.set("market", m);
        r.put("weighting", "VEGA");
        assertThat(fieldError(post("/api/v1/heston/calibration", r), "market.volatility.quotes.pillars[6].atm"))
                .contains("(0, 5]");
        ObjectNode s = object();
        s.set("market", market("flat-10pct.json"));
        s.putArray("points").addObject().put("expiry", 0.5).put("strike", -1.0);
        s.putObject("localVolGrid").putArray("times").add(0.5).add(0.25);
        ((ObjectNode) s.get("localVolGrid")).putArray("spots").add(1.0);
        HttpResponse<String> resp = post("/api/v1/volatility/surface", s);
        assertThat(fieldError(resp, "points[0].strike")).contains("> 0");
        assertThat(fieldError(resp, "localVolGrid.times[1]")).contains("increasing");
    }

    @Test
    void unknownJobIs404AndListIsAnArray() {
        JsonNode body = problem(get("/api/v1/calibrations/does-not-exist"), 404);
        assertThat(body.get("detail").asString()).contains("does-not-exist");
        problem(delete("/api/v1/calibrations/does-not-exist"), 404);
        HttpResponse<String> list = get("/api/v1/calibrations");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json(list).get("jobs").isArray()).isTrue();
        assertThat(fieldError(post("/api/v1/calibrations?wait=maybe", calibration()), "wait")).contains("maybe");
    }

    /** The initial guess must lie inside the calibrator's own box, else the optimiser starts outside its bounds. */
    @Test
    void hestonInitialGuessIsCheckedAgainstTheCalibratorsBox() {
        ObjectNode r = object();
        r.set("market", market("flat-10pct.json"));
        r.putObject("initialGuess").put("v0", 5.0).put("kappa", 100.0).put("theta", 0.01).put("xi", 20.0)
                .put("rho", -0.9995);
        HttpResponse<String> resp = post("/api/v1/heston/calibration", r);
        assertThat(fieldError(resp, "initialGuess.v0")).contains("4]");
        assertThat(fieldError(resp, "initialGuess.kappa")).contains("50]");
        assertThat(fieldError(resp, "initialGuess.xi")).contains("10]");
        assertThat(fieldError(resp, "initialGuess.rho")).contains("0.999");
    }

    /** Results are keyed by id: an explicit id equal to another product's default id is a duplicate too. */
    @Test
    void explicitIdCollidingWithADefaultIdIsRefused() {
        ObjectNode r = pricing();
        ((ObjectNode) r.get("products").get(0)).put("id", "european-1");
        ((ObjectNode) r.get("products").get(1)).remove("id"); // defaults to european-1
        assertThat(fieldError(post("/api/v1/pricing", r), "products[1].id")).contains("european-1");
    }
}
