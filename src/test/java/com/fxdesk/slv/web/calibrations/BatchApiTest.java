package com.fxdesk.slv.web.calibrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fxdesk.slv.web.ApiTestSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** POST/GET/DELETE /api/v1/calibrations/batch on the default (memory) store: bumps, items, validation, queue bound. */
class BatchApiTest extends ApiTestSupport {
    private static final String BATCH = "/api/v1/calibrations/batch";

    /** A short EURUSD calibration: cheap, but a real one (Heston fitted, so a bumped ATM moves it). */
    private static ObjectNode eurusd() {
        ObjectNode r = calibration();
        r.set("market", market("eurusd-2018-03-15.json"));
        r.put("maturity", 0.25).put("particles", 1024);
        return r;
    }

    private JsonNode waitForBatch(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode b;
        do {
            b = json(get(BATCH + "/" + id));
            if (!b.get("status").asString().equals("RUNNING") && !b.get("status").asString().equals("QUEUED")) {
                return b;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("batch did not finish: " + b);
    }

    @Test
    void bumpedVariantsOfOneMarketRunAsJobsWithOneSummary() throws Exception {
        ObjectNode body = object();
        body.set("base", eurusd());
        body.putObject("bumps").put("size", 0.01).put("includeBase", false)
                .<ObjectNode>set("quotes", object().arrayNode().add("atm"))
                .set("tenors", object().arrayNode().add("1M"));
        HttpResponse<String> created = post(BATCH, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String id = json(created).get("id").asString();
        assertThat(created.headers().firstValue("Location").orElse("")).endsWith(BATCH + "/" + id);
        assertThat(json(created).get("total").asInt()).isEqualTo(2);

        JsonNode done = waitForBatch(id);
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(done.get("counts").get("SUCCEEDED").asInt()).isEqualTo(2);
        assertThat(done.get("wallMs").asDouble()).isPositive();
        assertThat(done.get("replicas")).hasSize(1);
        JsonNode up = done.get("items").get(0);
        JsonNode down = done.get("items").get(1);
        assertThat(up.get("label").asString()).isEqualTo("1M atm +0.0100");
        assertThat(down.get("label").asString()).isEqualTo("1M atm -0.0100");
        assertThat(up.get("bump").asDouble()).isEqualTo(0.01);
        assertThat(up.get("tenor").asString()).isEqualTo("1M");
        // ATM up two vols relative to ATM down: the fitted short-end variance is higher
        assertThat(up.get("heston").get("v0").asDouble()).isGreaterThan(down.get("heston").get("v0").asDouble());
        // each item is an ordinary job with its full result
        JsonNode job = json(get("/api/v1/calibrations/" + up.get("jobId").asString()));
        assertThat(job.get("batchId").asString()).isEqualTo(id);
        assertThat(job.get("result").get("leverage").get("values").size()).isPositive();
        problem(get(BATCH + "/no-such-batch"), 404);
    }

    @Test
    void itemsAreValidatedBeforeAnyIsQueuedAndErrorsNameTheItem() {
        ObjectNode bad = object();
        bad.putArray("items").add(object().put("label", "ok").set("request", eurusd()))
                .add(object().put("label", "broken").set("request", eurusd().put("particles", -5)));
        assertThat(fieldError(post(BATCH, bad), "items[1].request.particles")).isNotBlank();

        ObjectNode both = object();
        both.putArray("items").add(object().set("request", eurusd()));
        both.set("base", eurusd());
        fieldError(post(BATCH, both), "base");

        ObjectNode quote = object();
        quote.set("base", eurusd());
        quote.putObject("bumps").set("quotes", object().arrayNode().add("vega"));
        fieldError(post(BATCH, quote), "bumps.quotes[0]");

        ObjectNode grid = object();
        grid.set("base", calibration()); // a strike-grid market has no quotes to bump
        grid.putObject("bumps");
        fieldError(post(BATCH, grid), "base.market.volatility.quotes");

        ObjectNode tenor = object();
        tenor.set("base", eurusd());
        tenor.putObject("bumps").set("tenors", object().arrayNode().add("7Y"));
        fieldError(post(BATCH, tenor), "bumps.tenors[0]");

        // 5 calibrations (2 tenors × ATM × ±, and the base) do not fit the test queue (2): none is queued
        ObjectNode many = object();
        many.set("base", eurusd());
        many.putObject("bumps").<ObjectNode>set("quotes", object().arrayNode().add("atm"))
                .set("tenors", object().arrayNode().add("1M").add("2M"));
        int before = json(get("/api/v1/calibrations")).get("jobs").size();
        HttpResponse<String> refused = post(BATCH, many);
        problem(refused, 429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(get("/api/v1/calibrations")).get("jobs").size()).as("all or none").isEqualTo(before);
    }
}
