package com.fxdesk.slv.web.calibrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fxdesk.slv.web.ApiTestSupport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A finished job's resources: slim job, links, the leverage grid (JSON, CSV, any resolution), L at points, report. */
// its own context (own job queue): in the shared one, other classes' jobs of other clients can fill the small queue
@TestPropertySource(properties = "slv.jobs.queue-capacity=4")
class CalibrationResourcesApiTest extends ApiTestSupport {
    // one calibration for all tests of the class (the context is shared, the job store keeps it)
    private static String id;
    private static JsonNode job;

    @BeforeEach
    void calibrate() {
        if (id != null) {
            return;
        }
        ObjectNode c = calibration();
        c.set("market", market("eurusd-2018-03-15.json"));
        c.put("maturity", "6M").put("particles", 1024);
        c.putObject("roundTrip").put("enabled", true).put("paths", 10000);
        HttpResponse<String> r = submitAndWait(c);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        job = json(r);
        id = job.get("id").asString();
    }

    @Test
    void theJobIsSmallAndLinksItsResources() {
        JsonNode summary = job.get("summary");
        assertThat(summary.get("pair").asString()).isEqualTo("EURUSD");
        assertThat(summary.get("maturity").asDouble()).isCloseTo(0.5, within(5 / 365.0));
        assertThat(summary.get("particles").asInt()).isEqualTo(1024);
        // 10,000 round-trip paths resolve few points at 5 bp: the verdict is there, the resolved RMS may be absent
        assertThat(summary.get("verdict").asString()).isIn("PASS", "WARN", "FAIL");
        JsonNode lev = job.get("result").get("leverage");
        assertThat(lev.get("times").size()).isLessThanOrEqualTo(25);
        assertThat(lev.get("spots").get(3).size()).isLessThanOrEqualTo(41);
        assertThat(job.get("result").get("diagnostics").get("slices").size()).isEqualTo(lev.get("times").size());
        JsonNode links = job.get("links");
        assertThat(links.get("report").asString()).isEqualTo("/api/v1/calibrations/" + id + "/report");
        for (String link : new String[] {"self", "report", "leverage", "leverageCsv", "full"}) {
            HttpResponse<String> r = get(links.get(link).asString());
            assertThat(r.statusCode()).as(link).isEqualTo(200);
        }
        JsonNode full = json(get("/api/v1/calibrations/" + id + "?detail=full"));
        int slices = full.get("summary").get("regressionTimes").asInt();
        assertThat(full.get("result").get("leverage").get("times").size()).isEqualTo(slices).isGreaterThan(25);
        fieldError(get("/api/v1/calibrations/" + id + "?detail=everything"), "detail");
        // the alias of the newest succeeded job
        assertThat(json(get("/api/v1/calibrations/latest")).get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void theLeverageGridComesAtAChosenResolutionInJsonAndCsv() {
        JsonNode native_ = json(get("/api/v1/calibrations/" + id + "/leverage"));
        JsonNode full = json(get("/api/v1/calibrations/" + id + "?detail=full")).get("result").get("leverage");
        assertThat(native_).isEqualTo(full);
        JsonNode g = json(get("/api/v1/calibrations/" + id + "/leverage?times=11&spots=21"));
        assertThat(g.get("times").size()).isEqualTo(11);
        assertThat(g.get("times").get(10).asDouble()).isCloseTo(job.get("summary").get("maturity").asDouble(),
                within(1e-12));
        assertThat(g.get("spots").get(5).size()).isEqualTo(21);
        // the values are the engine's L: the same as the point endpoint at the same (t, S)
        double t = g.get("times").get(5).asDouble();
        double s = g.get("spots").get(5).get(7).asDouble();
        JsonNode p = json(get("/api/v1/calibrations/" + id + "/leverage/values?time=" + t + "&spot=" + s));
        assertThat(p.get("points").get(0).get("leverage").asDouble()).isEqualTo(g.get("values").get(5).get(7).asDouble());

        HttpResponse<String> csv = get("/api/v1/calibrations/" + id + "/leverage?times=3&spots=4&format=csv");
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String[] lines = csv.body().split("\n");
        assertThat(lines).hasSize(1 + 3 * 4);
        assertThat(lines[0]).isEqualTo("time,spot,leverage");
        HttpResponse<String> byAccept = send(HttpRequest.newBuilder(uri("/api/v1/calibrations/" + id
                + "/leverage?times=3&spots=4")).header("Accept", "text/csv").GET().build());
        assertThat(byAccept.body()).isEqualTo(csv.body());

        fieldError(get("/api/v1/calibrations/" + id + "/leverage?times=1"), "times");
        fieldError(get("/api/v1/calibrations/" + id + "/leverage?times=5000&spots=2000"), "spots");
        fieldError(get("/api/v1/calibrations/" + id + "/leverage?format=xml"), "format");
        fieldError(get("/api/v1/calibrations/" + id + "/leverage/values?time=0.5,9&spot=1.2,1.3"), "time[1]");
        fieldError(get("/api/v1/calibrations/" + id + "/leverage/values?time=0.5&spot=1.2,1.3"), "spot");
        problem(get("/api/v1/calibrations/no-such-job/leverage"), 404);
    }

    @Test
    void theReportIsOneSelfContainedPage() {
        HttpResponse<String> r = get("/api/v1/calibrations/" + id + "/report?time=0.5");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        String html = r.body();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").contains("Round trip")
                .contains("particles (V against ln S/F)").contains("1W").contains("6M");
        assertThat(html).doesNotContain("NaN").doesNotContain("Infinity").doesNotContain("<script")
                .doesNotContain("src=\"http").doesNotContain("href=\"http");
        fieldError(get("/api/v1/calibrations/" + id + "/report?time=-1"), "time");
    }

    @Test
    void textResponsesAreGzipped() throws IOException {
        HttpResponse<byte[]> r;
        try {
            r = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/calibrations/" + id + "?detail=full"))
                    .header("Accept-Encoding", "gzip").header("X-API-Key", API_KEY).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String body = new String(new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(JSON.readTree(body).get("id").asString()).isEqualTo(id);
        assertThat(r.body().length).isLessThan(body.length() / 2);
    }
}
