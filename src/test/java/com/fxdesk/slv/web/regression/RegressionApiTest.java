package com.fxdesk.slv.web.regression;

import com.fxdesk.slv.web.ApiTestSupport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class RegressionApiTest extends ApiTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"NADARAYA_WATSON", "LOCAL_LINEAR", "RBF", "PURBF", "BINNING"})
    void everyEstimatorFitsASmoothFunction(String type) {
        ObjectNode r = regression(); // y = 0.01 + 0.02 x² on [-1, 1], noiseless
        ObjectNode e = r.putObject("estimator").put("type", type);
        if (type.equals("NADARAYA_WATSON") || type.equals("LOCAL_LINEAR")) {
            e.putObject("bandwidth").put("rule", "CROSS_VALIDATION");
        }
        HttpResponse<String> resp = post("/api/v1/regression", r);
        assertThat(resp.statusCode()).as(resp.body()).isEqualTo(200);
        JsonNode body = json(resp);
        assertThat(body.get("values")).hasSize(3);
        double[] at = {-0.5, 0.0, 0.5};
        for (int i = 0; i < 3; i++) {
            double truth = 0.01 + 0.02 * at[i] * at[i];
            assertThat(body.get("values").get(i).asDouble()).as(type + " at " + at[i]).isCloseTo(truth, within(3e-3)); // PURBF: ridge (λ = 0.2) bias ~2e-3 at the minimum
        }
        assertThat(body.get("diagnostics").get("estimator").asString()).isNotBlank();
        assertThat(resp.body()).doesNotContain("NaN");
    }

    /** Huge x (1e155 overflows local linear's moments, 1e308 PURBF's): 400 naming the sample, not a 500. */
    @ParameterizedTest
    @ValueSource(strings = {"NADARAYA_WATSON", "LOCAL_LINEAR", "PURBF"})
    void hugeSamplesAreRefusedByName(String type) {
        ObjectNode r = regression();
        r.putObject("estimator").put("type", type);
        ((tools.jackson.databind.node.ArrayNode) r.get("samples").get("x")).set(2, 1e155);
        assertThat(fieldError(post("/api/v1/regression", r), "samples.x[2]")).contains("1000000");
        ObjectNode r2 = regression();
        r2.putObject("estimator").put("type", type);
        ((tools.jackson.databind.node.ArrayNode) r2.get("samples").get("y")).set(1, -1e308);
        fieldError(post("/api/v1/regression", r2), "samples.y[1]");
    }
}
