package com.fxdesk.slv.web.calibrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fxdesk.slv.web.ApiTestSupport;
import com.fxdesk.slv.web.JsonContract;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A round trip with so few paths that out-of-the-money points see no payoff and cannot be inverted to a vol: those
 * points are {@code priced: false} and carry no modelVol, errorBps, stdErrorBps or zScore at all (absent, not null),
 * in the job answer and in the full result.
 */
class UnpricedRoundTripPointsApiTest extends ApiTestSupport {

    @Test
    void unpricedPointsOmitTheirModelFieldsInsteadOfCarryingNull() {
        ObjectNode r = object();
        r.set("market", market("flat-10pct.json"));
        r.putObject("heston").put("v0", 0.01).put("kappa", 1.5).put("theta", 0.01).put("xi", 0.3).put("rho", -0.4);
        r.put("mixing", 0.66).put("particles", 1024).put("timeStepDays", 7).put("spotGridSize", 30)
                .put("maturity", 0.5);
        r.putObject("roundTrip").put("enabled", true).put("paths", 4);
        HttpResponse<String> resp = submitAndWait(r);
        JsonNode job = json(resp);
        assertThat(job.get("status").asString()).as(resp.body()).isEqualTo("SUCCEEDED");
        String id = job.get("id").asString();
        HttpResponse<String> full = get("/api/v1/calibrations/" + id + "?detail=full");
        assertThat(JsonContract.breach(full.body())).as(full.body()).isNull();
        for (HttpResponse<String> answer : java.util.List.of(resp, full)) {
            int unpriced = 0;
            for (JsonNode p : json(answer).get("result").get("diagnostics").get("roundTrip").get("points")) {
                assertThat(p.has("expiry") && p.has("strike") && p.has("marketVol") && p.has("priced")).isTrue();
                if (!p.get("priced").asBoolean()) {
                    unpriced++;
                    for (String absent : new String[] {"modelVol", "errorBps", "stdErrorBps", "zScore"}) {
                        assertThat(p.has(absent)).as(absent + " in " + p).isFalse();
                    }
                    assertThat(p.get("resolved").asBoolean()).isFalse();
                }
            }
            assertThat(unpriced).as("4 paths leave out-of-the-money points unpriced").isPositive();
        }
    }
}
