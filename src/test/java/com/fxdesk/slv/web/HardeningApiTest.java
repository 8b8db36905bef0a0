package com.fxdesk.slv.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reproducers of the hardening issue over HTTP: each is a 4xx naming the field (or a finite, bounded price),
 * answered within a second, never a 500, a FAILED job or a 200 with a meaningless number.
 */
class HardeningApiTest extends ApiTestSupport {
    private static final String PRICING = "/api/v1/pricing";

    private static ObjectNode pricingWith(String models, ObjectNode product) {
        ObjectNode r = object();
        r.set("market", market("eurusd-2018-03-15.json"));
        var m = r.putArray("models");
        for (String model : models.split(",")) {
            m.add(model);
        }
        r.putArray("products").add(product);
        return r;
    }

    private static ObjectNode digital(double strike, double maturity) {
        return object().put("type", "DIGITAL").put("optionType", "CALL").put("strike", strike)
                .put("maturity", maturity);
    }

    private HttpResponse<String> timed(String path, Object body, long maxMillis) {
        long t0 = System.nanoTime();
        HttpResponse<String> r = post(path, body);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).as("answered in %d ms: %s", ms, r.body()).isLessThanOrEqualTo(maxMillis);
        return r;
    }

    @Test
    void hestonDigitalOfVanishingMaturityIsA400WithinOneSecond() {
        for (double maturity : new double[] {5e-324, 1e-14, 1e-10}) {
            ObjectNode r = pricingWith("HESTON", digital(1.25, maturity));
            r.putObject("heston").put("v0", 0.0064).put("kappa", 1.5).put("theta", 0.0081).put("xi", 0.3)
                    .put("rho", -0.2);
            assertThat(fieldError(timed(PRICING, r, 1000), "products[0].maturity")).contains("one day");
        }
    }

    @Test
    void extremeLevelsAndSizesAre400NamingTheField() {
        ObjectNode dnt = object().put("type", "DOUBLE_NO_TOUCH").put("lower", 1e-300).put("upper", 1e300)
                .put("maturity", 0.5);
        HttpResponse<String> r = timed(PRICING, pricingWith("BS", dnt), 1000);
        fieldError(r, "products[0].lower");
        fieldError(r, "products[0].upper");

        ObjectNode put = object().put("type", "DIGITAL").put("optionType", "PUT").put("strike", 1e-300)
                .put("maturity", 1.0);
        assertThat(fieldError(timed(PRICING, pricingWith("BS,HESTON", put), 1000), "products[0].strike"))
                .contains("factor 10 of the forward");

        ObjectNode call = object().put("type", "EUROPEAN").put("optionType", "CALL").put("strike", 1.25)
                .put("maturity", 1.0).put("notional", 1e308);
        fieldError(timed(PRICING, pricingWith("BS", call), 1000), "products[0].notional");

        ObjectNode bigSpot = pricingWith("HESTON,LV", digital(1.25, 1.0));
        ((ObjectNode) bigSpot.get("market")).put("spot", 1e308);
        fieldError(timed(PRICING, bigSpot, 1000), "market.spot");
    }

    @Test
    void calibrationsThatUsedToFailAsJobsAre400() {
        ObjectNode tinyPillar = calibration();
        ObjectNode m = market("eurusd-2018-03-15.json");
        ((ObjectNode) m.get("volatility").get("quotes").get("pillars").get(0)).put("expiry", 1e-10);
        tinyPillar.set("market", m);
        fieldError(timed("/api/v1/calibrations", tinyPillar, 1000),
                "market.volatility.quotes.pillars[0].expiry");

        ObjectNode pinned = calibration();
        pinned.putObject("leverage").put("floor", 1.0).put("cap", 1.0);
        assertThat(fieldError(timed("/api/v1/calibrations", pinned, 1000), "leverage.cap"))
                .contains("greater than leverage.floor");
    }

    @Test
    void everyPriceOfA200IsFiniteAndWithinItsNoArbitrageBounds() {
        ObjectNode r = pricing();
        r.putArray("models").add("BS").add("HESTON");
        r.putObject("heston").put("v0", 0.0064).put("kappa", 1.5).put("theta", 0.0081).put("xi", 0.3)
                .put("rho", -0.2);
        r.putObject("monteCarlo").put("paths", 4000);
        HttpResponse<String> resp = post(PRICING, r);
        assertThat(resp.statusCode()).as(resp.body()).isEqualTo(200);
        for (JsonNode res : json(resp).get("results")) {
            double price = res.get("price").asDouble();
            assertThat(res.get("price").isNumber()).as(res.toString()).isTrue();
            assertThat(price).isFinite().isGreaterThanOrEqualTo(0);
            if (!res.get("productId").asString().equals("call")) {
                assertThat(price).as(res.toString()).isLessThanOrEqualTo(1.0 + 5 * res.get("stdError").asDouble());
            }
        }
    }

    @Test
    void errorDetailsAreInPlainWords() {
        String deep = "[".repeat(1500) + "]".repeat(1500);
        HttpResponse<String> r = post(PRICING, deep);
        problem(r, 400);
        assertThat(r.body()).doesNotContain("StreamReadConstraints").doesNotContain("`")
                .doesNotContain("tools.jackson").doesNotContain("com.fxdesk");
    }

    @Test
    void readinessReportsTheComputeSaturationAndLivenessIsOpen() {
        HttpResponse<String> ready = get("/actuator/health/readiness");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(json(ready).get("status").asString()).isEqualTo("UP");
    }
}
