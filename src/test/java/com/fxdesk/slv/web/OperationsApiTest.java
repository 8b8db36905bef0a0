package com.fxdesk.slv.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Health probes, info, metrics, Prometheus and Swagger UI answer as operations expect. */
class OperationsApiTest extends ApiTestSupport {

    @Test
    void livenessAndReadinessAreUp() {
        for (String p : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> r = get(p);
            assertThat(r.statusCode()).as(p).isEqualTo(200);
            assertThat(json(r).get("status").asString()).isEqualTo("UP");
        }
    }

    @Test
    void infoHasBuildAndJava() {
        HttpResponse<String> r = get("/actuator/info");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).has("java")).isTrue();
        // build-info and git.properties exist when Maven generated them (always under ./mvnw)
        if (getClass().getResource("/META-INF/build-info.properties") != null) {
            assertThat(json(r).get("build").get("artifact").asString()).isEqualTo("slv-service");
        }
        if (getClass().getResource("/git.properties") != null) {
            assertThat(json(r).get("git").get("commit").get("id").asString()).isNotBlank();
        }
    }

    @Test
    void prometheusExposesJobMetrics() {
        HttpResponse<String> r = get("/actuator/prometheus");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("slv_jobs_running").contains("slv_jobs_queued").contains("slv_jobs_finished_total")
                .contains("jvm_memory_used_bytes");
        assertThat(get("/actuator/metrics/slv.jobs.running").statusCode()).isEqualTo(200);
    }

    @Test
    void swaggerUiAndSpecAreServed() {
        HttpResponse<String> ui = get("/swagger-ui.html");
        assertThat(ui.statusCode()).isIn(200, 302);
        assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
        HttpResponse<String> spec = get("/v3/api-docs");
        assertThat(spec.statusCode()).isEqualTo(200);
        assertThat(spec.body()).contains("/api/v1/pricing").contains("/api/v1/calibrations/{id}")
                .contains("/api/v1/volatility/surface").contains("/api/v1/heston/calibration")
                .contains("/api/v1/regression");
    }
}
