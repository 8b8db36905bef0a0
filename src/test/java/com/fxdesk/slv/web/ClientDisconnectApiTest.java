package com.fxdesk.slv.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fxdesk.slv.web.support.ComputeGate;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.ObjectNode;

/**
 * When the client goes away, its computation stops: a long Monte Carlo pricing is sent through a raw socket, the
 * socket is closed while the work runs, and the gate's running computations (gauge slv.compute.running) drop back to
 * zero within about a second, long before the work would have ended or met its deadline.
 */
class ClientDisconnectApiTest extends ApiTestSupport {
    @Autowired
    ComputeGate gate;

    @Test
    void closingTheConnectionStopsTheComputation() throws Exception {
        ObjectNode r = pricing();
        r.putArray("models").add("LV");
        // ≈ 1.8·10^8 path-steps (within the limits): tens of seconds of work on two cores, far beyond the second this test allows
        r.putObject("monteCarlo").put("paths", 1_000_000).put("timeStepDays", 2.0).put("seed", 3);
        byte[] body = JSON.writeValueAsBytes(r);
        waitUntil(() -> gate.running() == 0, 30_000); // earlier tests' work has ended
        long closedAt;
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/pricing HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "X-API-Key: " + API_KEY + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            assertThat(waitUntil(() -> gate.running() == 1, 10_000)).as("the pricing started").isTrue();
            Thread.sleep(300); // well into the simulation
            assertThat(gate.running()).as("still computing").isEqualTo(1);
            closedAt = System.nanoTime();
        }
        boolean stopped = waitUntil(() -> gate.running() == 0, 3_000);
        long millis = (System.nanoTime() - closedAt) / 1_000_000;
        System.out.println("computation stopped " + millis + " ms after the client closed its connection");
        assertThat(stopped).as("the computation stopped after the client left").isTrue();
        assertThat(millis).isLessThan(2_000);
        // the service is unaffected: the next request is answered
        assertThat(post("/api/v1/pricing", pricing()).statusCode()).isEqualTo(200);
    }

    private static boolean waitUntil(java.util.function.BooleanSupplier condition, long millis)
            throws InterruptedException {
        long until = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
