package com.fxdesk.slv.web.surface;

import com.fxdesk.slv.web.ApiTestSupport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class SurfaceApiTest extends ApiTestSupport {

    @Test
    void flatSurfaceHasFlatLocalVolAndNoArbitrage() {
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
        assertThat(point.get("impliedVol").asDouble()).isCloseTo(0.10, within(1e-6));
        assertThat(point.get("localVol").asDouble()).isCloseTo(0.10, within(1e-4));
        for (JsonNode row : body.get("localVolGrid").get("values")) {
            for (JsonNode v : row) {
                assertThat(v.asDouble()).isCloseTo(0.10, within(1e-4));
            }
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
}
