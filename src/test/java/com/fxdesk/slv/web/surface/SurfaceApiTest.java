package com.fxdesk.slv.web.surface;

import com.fxdesk.slv.web.ApiTestSupport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class SurfaceApiTest extends ApiTestSupport {
    @Autowired
    MeterRegistry registry;

    private double cacheHits() {
        return registry.get("cache.gets").tag("cache", SurfaceService.CACHE_NAME).tag("result", "hit")
                .functionCounter().count();
    }

    /**
     * Flat 10% grid: implied vol within 5 bp of flat between pillars, local vol within the band the implicit time
     * steps leave (docs/surface.md: 7.6%–16% inside ±4 sd), no arbitrage, no warnings.
     */
    @Test
    void flatSurfaceHasNearlyFlatLocalVolAndNoArbitrage() {
        ObjectNode r = object();
        r.set("market", market("flat-10pct.json"));
        r.putArray("points").addObject().put("expiry", 0.75).put("strike", 1.05);
        ObjectNode g = r.putObject("localVolGrid");
        g.putArray("times").add(0.1).add(0.5).add(1.5);
        g.putArray("spots").add(0.85).add(1.0).add(1.2);
        HttpResponse<String> resp = post("/api/v1/volatility/surface", r);
        assertThat(resp.statusCode()).as(resp.body()).isEqualTo(200);
        JsonNode body = json(resp);
        JsonNode point = body.get("points").get(0);
        assertThat(point.get("impliedVol").asDouble()).isCloseTo(0.10, within(5e-4));
        assertThat(point.get("localVol").asDouble()).isCloseTo(0.10, within(0.01));
        for (JsonNode row : body.get("localVolGrid").get("values")) {
            for (JsonNode v : row) {
                assertThat(v.asDouble()).isBetween(0.075, 0.16);
            }
        }
        for (JsonNode w : body.get("warnings")) { // only the 0.6 and 1.6 strikes 7+ sd out at 3M and 6M
            assertThat(w.get("code").asString()).isEqualTo("UNRESOLVED_POINT");
        }
        assertThat(body.get("arbitrage").get("ok").asBoolean()).isTrue();
        assertThat(body.get("arbitrage").get("violations")).isEmpty();
        assertThat(body.get("pillars")).hasSize(4);
    }

    @Test
    void fxQuotesBecomeStrikePillarsWithDeltas() {
        ObjectNode r = object();
        r.set("market", market("eurusd-2018-03-15.json"));
        HttpResponse<String> resp = post("/api/v1/volatility/surface", r);
        assertThat(resp.statusCode()).as(resp.body()).isEqualTo(200);
        JsonNode body = json(resp);
        assertThat(body.get("pillars")).hasSize(10);
        JsonNode p6m = body.get("pillars").get(4);
        assertThat(p6m.get("tenor").asString()).isEqualTo("6M");
        assertThat(p6m.get("strikes")).hasSize(5);
        assertThat(p6m.get("labels").get(2).asString()).isEqualTo("ATM");
        assertThat(p6m.get("deltas").get(1).asDouble()).isCloseTo(-0.25, within(1e-9));
        assertThat(body.get("localVolGrid").get("times")).hasSize(10);
        assertThat(body.get("localVolGrid").get("spots")).hasSize(41);
        assertThat(body.get("arbitrage").has("ok")).isTrue();
    }

    /** A crisis quote set the arbitrage-free surface cannot reprice exactly: 200, with the misses as warnings. */
    @Test
    void crisisQuotesAreBuiltWithTheirMissesAsWarnings() {
        ObjectNode r = object();
        r.set("market", market("usdjpy-2008-10-24-crisis.json"));
        // 2Y ATM (K ≈ F) and a call strike ≈ 3.5 ATM sd out, beyond the last strike whose price has time value
        var pts = r.putArray("points");
        pts.addObject().put("expiry", 2.0).put("strike", 90.0);
        pts.addObject().put("expiry", 2.0).put("strike", 250.0);
        HttpResponse<String> resp = post("/api/v1/volatility/surface", r);
        assertThat(resp.statusCode()).as(resp.body()).isEqualTo(200);
        JsonNode body = json(resp);
        // the scan is of the served implied vols: clean (the former violations ≤ 2.2e-9 of the forward in the call wing
        // came from the vol of a "moved inward" inversion where the lattice price was −1e-17 noise)
        JsonNode arbitrage = body.get("arbitrage");
        assertThat(arbitrage.get("ok").asBoolean()).as(arbitrage.toString()).isTrue();
        assertThat(arbitrage.get("violations")).isEmpty();
        JsonNode p1m = body.get("pillars").get(2);
        assertThat(p1m.get("tenor").asString()).isEqualTo("1M");
        assertThat(p1m.get("strangleResidualBps")).hasSize(2);
        for (JsonNode v : p1m.get("strangleResidualBps")) {
            assertThat(Math.abs(v.asDouble())).isLessThan(0.1);
        }
        boolean strangle = false;
        int fallbacks = 0;
        for (JsonNode w : body.get("warnings")) {
            strangle |= w.get("code").asString().equals("STRANGLE_RESIDUAL");
            if (w.get("code").asString().equals("IMPLIED_VOL_FALLBACK")) {
                // the far call strike's vol is held from the last resolved strike: counted and located, not silent
                fallbacks++;
                assertThat(w.get("amountBps").asDouble()).isEqualTo(1.0);
                assertThat(w.get("strike").asDouble()).isEqualTo(250.0);
                assertThat(w.get("expiry").asDouble()).isEqualTo(2.0);
            }
            assertThat(w.get("message").asString()).isNotBlank();
            assertThat(w.has("amountBps")).isTrue();
        }
        assertThat(strangle).as(body.get("warnings").toString()).isTrue();
        assertThat(fallbacks).as(body.get("warnings").toString()).isEqualTo(1);
        assertThat(body.get("points").get(1).get("impliedVol").asDouble()).isPositive();

        // the same market again is served from the surface cache: the same answer, warnings included, to the bit
        double hits = cacheHits();
        HttpResponse<String> again = post("/api/v1/volatility/surface", r);
        assertThat(cacheHits()).isGreaterThanOrEqualTo(hits + 1);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        ObjectNode first = (ObjectNode) body;
        ObjectNode second = (ObjectNode) json(again);
        first.remove("elapsedMs");
        second.remove("elapsedMs");
        assertThat(second).isEqualTo(first);
    }
}
