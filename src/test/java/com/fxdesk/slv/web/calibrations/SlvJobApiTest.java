package com.fxdesk.slv.web.calibrations;

import com.fxdesk.slv.web.ApiTestSupport;
import com.fxdesk.slv.web.charts.ChartController;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real (small) SLV calibration job end to end: wait=true, the result's shape, pricing by calibrationId, charts.
 * Flat 10% market: the SLV must reprice vanillas at Black–Scholes.
 */
class SlvJobApiTest extends ApiTestSupport {

    private static ObjectNode smallCalibration() {
        ObjectNode r = object();
        r.set("market", market("flat-10pct.json"));
        r.putObject("heston").put("v0", 0.01).put("kappa", 1.5).put("theta", 0.01).put("xi", 0.3).put("rho", -0.4);
        r.put("mixing", 0.66).put("particles", 2048).put("timeStepDays", 5).put("spotGridSize", 60).put("maturity", 1.0);
        r.putObject("roundTrip").put("enabled", true).put("paths", 8000).put("resolutionBps", 20.0);
        return r;
    }

    @Test
    void calibrateThenPriceAndChart() {
        HttpResponse<String> resp = post("/api/v1/calibrations?wait=true", smallCalibration());
        assertThat(resp.statusCode()).as(resp.body()).isEqualTo(200);
        JsonNode job = json(resp);
        assertThat(job.get("status").asString()).as(resp.body()).isEqualTo("SUCCEEDED");
        assertThat(job.get("phase").asString()).isEqualTo("done");
        String id = job.get("id").asString();
        JsonNode result = job.get("result");
        assertThat(result.get("mixing").asDouble()).isEqualTo(0.66);
        assertThat(result.get("heston").get("xi").asDouble()).isEqualTo(0.3);
        // the job shows the leverage at a summary resolution; detail=full has every regression time and spot
        assertThat(result.get("leverage").get("values").get(5).size()).isLessThanOrEqualTo(41);
        JsonNode lev = json(get("/api/v1/calibrations/" + id + "?detail=full")).get("result").get("leverage");
        assertThat(lev.get("times").size()).isGreaterThan(10);
        assertThat(lev.get("spots").size()).isEqualTo(lev.get("times").size());
        assertThat(lev.get("values").get(5)).hasSize(60);
        JsonNode diag = result.get("diagnostics");
        assertThat(diag.get("timings").get("totalMs").asDouble()).isPositive();
        assertThat(diag.get("slices").get(3).get("estimator").get("estimator").asString()).isNotBlank();
        JsonNode rt = diag.get("roundTrip");
        assertThat(rt.get("points").size()).isPositive();
        int checked = 0;
        for (JsonNode p : rt.get("points")) {
            double k = p.get("strike").asDouble();
            double t = p.get("expiry").asDouble();
            // within 2.5 standard deviations (F = e^{0.01 t}, 10% vol): beyond, 8,000 paths see a handful of
            // payoffs and 2,048 particles leave a 40-60 bp wing bias (16 seeds, before and after the perf work)
            boolean inside = Math.abs(Math.log(k) - 0.01 * t) <= 2.5 * 0.10 * Math.sqrt(t);
            if (p.get("priced").asBoolean() && inside) {
                checked++;
                assertThat(Math.abs(p.get("errorBps").asDouble())).as(p.toString())
                        .isLessThan(4 * p.get("stdErrorBps").asDouble() + 15);
            } else if (!p.get("priced").asBoolean()) {
                assertThat(p.has("modelVol")).as(p.toString()).isFalse();
                assertThat(p.has("errorBps")).as(p.toString()).isFalse();
            }
            // every point priced on at least the round trip's paths (more where extra paths reached its expiry)
            assertThat(p.get("paths").asInt()).as(p.toString()).isGreaterThanOrEqualTo(rt.get("paths").asInt());
            for (String field : new String[] {"expiry", "strike", "marketVol", "priced", "resolved"}) {
                assertThat(p.has(field)).as(field + " in " + p).isTrue();
            }
            if (p.get("priced").asBoolean()) {
                assertThat(p.has("modelVol") && p.has("errorBps")).as(p.toString()).isTrue();
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
        assertThat(resp.body()).doesNotContain("NaN").doesNotContain("Infinity");
        // headline over resolved points only; the others counted and listed apart; one verdict with its thresholds
        int resolved = 0;
        int open = 0;
        for (JsonNode p : rt.get("points")) {
            boolean res = p.get("resolved").asBoolean();
            resolved += res ? 1 : 0;
            open += res ? 0 : 1;
            if (res) {
                assertThat(p.get("stdErrorBps").asDouble()).isLessThanOrEqualTo(rt.get("resolutionBps").asDouble());
                assertThat(p.get("zScore").asDouble()).isCloseTo(p.get("errorBps").asDouble()
                        / p.get("stdErrorBps").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
            }
        }
        assertThat(rt.get("resolved").asInt()).isEqualTo(resolved).isPositive();
        assertThat(rt.get("unresolved").asInt()).isEqualTo(open).isEqualTo(rt.get("unresolvedPoints").size());
        JsonNode q = diag.get("quality");
        assertThat(q.get("verdict").asString()).isIn("PASS", "WARN", "FAIL");
        // the verdict judges at the service's threshold (1 bp), not at the 20 bp this request asked its statistics at
        double service = q.get("resolutionBps").asDouble();
        assertThat(service).isEqualTo(1.0).isNotEqualTo(rt.get("resolutionBps").asDouble());
        int resolvedAtService = 0;
        for (JsonNode p : rt.get("points")) {
            if (p.path("stdErrorBps").isNumber() && p.get("stdErrorBps").asDouble() <= service) {
                resolvedAtService++;
            }
        }
        assertThat(q.get("resolved").asInt()).as(q + " / " + rt.get("points")).isEqualTo(resolvedAtService);
        if (q.get("unresolved").asInt() > 0) {
            assertThat(q.get("verdict").asString()).isNotEqualTo("PASS");
        }
        String prom = get("/actuator/prometheus").body();
        assertThat(prom).contains("phase=\"leverage\"").contains("phase=\"localVol\"").contains("phase=\"roundTrip\"");
        for (String gauge : new String[] {"slv_calibration_roundtrip_rms", "slv_calibration_roundtrip_max",
                "slv_calibration_quality"}) {
            assertThat(prom.lines().filter(l -> l.startsWith(gauge + "{") && l.contains("pair=\"FLATFOR\"")))
                    .as(gauge).hasSize(1);
        }

        // SLV by calibrationId: a European on the flat surface is worth its Black–Scholes price
        ObjectNode pricing = object();
        pricing.put("calibrationId", id);
        pricing.putArray("models").add("BS").add("SLV").add("LV");
        pricing.putArray("products").addObject().put("id", "atm").put("type", "EUROPEAN").put("optionType", "CALL")
                .put("strike", 1.0).put("maturity", 1.0);
        pricing.putObject("monteCarlo").put("paths", 16000).put("sequence", "SOBOL");
        HttpResponse<String> priced = post("/api/v1/pricing", pricing);
        assertThat(priced.statusCode()).as(priced.body()).isEqualTo(200);
        JsonNode results = json(priced).get("results");
        double bs = results.get(0).get("price").asDouble();
        for (int i = 1; i <= 2; i++) {
            JsonNode r = results.get(i);
            assertThat(r.get("method").asString()).isEqualTo("MONTE_CARLO");
            double se = r.get("stdError").asDouble();
            assertThat(Math.abs(r.get("price").asDouble() - bs)).as(r.toString() + " vs BS " + bs)
                    .isLessThan(4 * se + 0.01 * bs);
        }

        // calibrationId fixes the model: no silent mixing with request inputs, no SLV beyond the calibrated maturity
        ObjectNode mixed = pricing.deepCopy();
        mixed.putObject("heston").put("v0", 0.04).put("kappa", 1.0).put("theta", 0.04).put("xi", 0.5).put("rho", 0.0);
        mixed.put("mixing", 0.3);
        mixed.putObject("calibration").put("particles", 1000);
        HttpResponse<String> refused = post("/api/v1/pricing", mixed);
        fieldError(refused, "heston");
        fieldError(refused, "mixing");
        fieldError(refused, "calibration");
        ObjectNode tooLong = pricing.deepCopy();
        ((ObjectNode) tooLong.get("products").get(0)).put("maturity", 2.0);
        assertThat(fieldError(post("/api/v1/pricing", tooLong), "products[0].maturity")).contains("maturity 1.0");

        for (String chart : ChartController.NAMES) {
            String path = "/api/v1/calibrations/" + id + "/charts/" + chart + (chart.equals("regression") ? "?time=0.5" : "");
            HttpResponse<String> svg = get(path);
            assertThat(svg.statusCode()).as(chart + ": " + svg.body()).isEqualTo(200);
            assertThat(svg.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
            assertThat(svg.body()).contains("<svg").doesNotContain("NaN");
            // held implied vols are counted per call and drawn apart: this grid's 1M inputs reach 7-10 sd, where
            // the prices have no time value to double precision
            long held = Long.parseLong(svg.headers().firstValue("X-Implied-Vol-Fallbacks").orElseThrow());
            if (chart.equals("implied-vol")) {
                assertThat(held).isPositive();
                assertThat(svg.body()).contains("fallback (no time value)").contains("IMPLIED_VOL_FALLBACK");
            } else {
                assertThat(held).as(chart).isZero();
            }
        }
        HttpResponse<byte[]> png = sendBytes(HttpRequest.newBuilder(uri("/api/v1/calibrations/" + id
                + "/charts/leverage")).header("Accept", "image/png").header("X-API-Key", API_KEY).build());
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.body()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        problem(get("/api/v1/calibrations/" + id + "/charts/regression"), 400);
        problem(get("/api/v1/calibrations/" + id + "/charts/nope"), 404);
    }

    @Test
    void runningCalibrationIsCancelledByDelete() throws Exception {
        ObjectNode r = smallCalibration();
        r.put("particles", 20000).put("maturity", 2.0);
        r.putObject("roundTrip").put("enabled", true).put("paths", 80000);
        HttpResponse<String> resp = post("/api/v1/calibrations", r);
        assertThat(resp.statusCode()).as(resp.body()).isEqualTo(202);
        String id = json(resp).get("id").asString();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!json(get("/api/v1/calibrations/" + id)).get("status").asString().equals("RUNNING")) {
            assertThat(System.nanoTime()).as("job never started").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(delete("/api/v1/calibrations/" + id).statusCode()).isEqualTo(200);
        String status;
        do {
            status = json(get("/api/v1/calibrations/" + id)).get("status").asString();
            assertThat(System.nanoTime()).as("job not cancelled in time").isLessThan(deadline);
            Thread.sleep(20);
        } while (status.equals("RUNNING"));
        assertThat(status).isEqualTo("CANCELLED");
    }

    @Test
    void slvPricingWithoutCalibrationIdCalibratesInline() {
        ObjectNode pricing = object();
        pricing.set("market", market("flat-10pct.json"));
        pricing.putArray("models").add("SLV");
        pricing.putObject("heston").put("v0", 0.01).put("kappa", 1.5).put("theta", 0.01).put("xi", 0.3)
                .put("rho", -0.4);
        pricing.put("mixing", 0.5);
        pricing.putObject("calibration").put("particles", 1024).put("spotGridSize", 40);
        pricing.putArray("products").addObject().put("id", "dnt").put("type", "DOUBLE_NO_TOUCH").put("lower", 0.92)
                .put("upper", 1.08).put("maturity", 0.25);
        pricing.putObject("monteCarlo").put("paths", 8000);
        HttpResponse<String> priced = post("/api/v1/pricing", pricing);
        assertThat(priced.statusCode()).as(priced.body()).isEqualTo(200);
        JsonNode r = json(priced).get("results").get(0);
        assertThat(r.get("model").asString()).isEqualTo("SLV");
        assertThat(r.get("price").asDouble()).isBetween(0.0, 1.0);
    }

    private static HttpResponse<byte[]> sendBytes(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
