package com.fxdesk.slv.web.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fxdesk.slv.web.ApiTestSupport;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Only authenticated API requests are foreground work that pauses large computations: a stream of anonymous requests
 * (401s, health probes, API docs) must not be able to park every large computation until its deadline.
 */
class ForegroundAdmissionApiTest extends ApiTestSupport {
    @Autowired
    ComputeGate gate;

    @Test
    void anonymousRequestsAreNotForegroundWorkButAuthenticatedApiRequestsAre() {
        long before = gate.foregroundCounted();
        for (int i = 0; i < 5; i++) {
            assertThat(send(HttpRequest.newBuilder(uri("/api/v1/volatility/surface")).header(AS_IS, "1")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build()).statusCode()).isEqualTo(401);
            assertThat(send(HttpRequest.newBuilder(uri("/api/v1/calibrations")).header("X-API-Key", "wrong-key")
                    .GET().build()).statusCode()).isEqualTo(401);
            assertThat(send(HttpRequest.newBuilder(uri("/actuator/health")).header(AS_IS, "1").GET().build())
                    .statusCode()).isEqualTo(200);
        }
        assertThat(gate.foregroundCounted()).isEqualTo(before);

        assertThat(get("/api/v1/calibrations").statusCode()).isEqualTo(200);
        assertThat(gate.foregroundCounted()).isEqualTo(before + 1);
    }
}
