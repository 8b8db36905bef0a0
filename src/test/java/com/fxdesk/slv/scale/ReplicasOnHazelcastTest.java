package com.fxdesk.slv.scale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fxdesk.slv.SlvServiceApplication;
import com.fxdesk.slv.jobs.store.StoreMembers;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two service replicas (two application contexts in this JVM, each on its own port, each a Hazelcast client) share
 * one store: a real Hazelcast member started here, standing in for the StatefulSet. They answer for each other's
 * jobs, a cancel reaches the replica that runs the job, a replica killed mid-job loses it to the other which
 * finishes it with the same bits, and finished jobs outlive a restart of both replicas.
 */
class ReplicasOnHazelcastTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String JOBS = "/api/v1/calibrations";
    /** Every replica is given the same clients' keys (a Secret in Kubernetes). */
    private static final String KEY = "desk-key-0123456789abcdef";
    private static final String OTHER_KEY = "other-key-0123456789abcdef";
    private static HazelcastInstance member;
    private static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

    @BeforeAll
    static void store() {
        member = StoreMembers.member(null);
    }

    @AfterAll
    static void stop() {
        replicas.forEach(ConfigurableApplicationContext::close);
        member.shutdown();
    }

    /** A replica as a pod runs it: store=hazelcast, short lease and heartbeat so that the test is quick. */
    private static ConfigurableApplicationContext replica(String name, int computeThreads) {
        // command-line arguments: they take precedence over application.properties, as in a pod's args
        ConfigurableApplicationContext c = new SpringApplicationBuilder(SlvServiceApplication.class).run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.jmx.enabled=false",
                "--slv.jobs.store=hazelcast",
                "--slv.jobs.hazelcast.members=" + StoreMembers.address(member),
                "--slv.jobs.hazelcast.cluster-name=" + member.getConfig().getClusterName(),
                "--slv.jobs.replica-id=" + name,
                "--slv.jobs.lease=2s",
                "--slv.jobs.heartbeat=200ms",
                "--slv.jobs.compute-threads=" + computeThreads,
                "--slv.jobs.max-wait=60s",
                "--slv.security.api-keys.desk=" + KEY,
                "--slv.security.api-keys.other=" + OTHER_KEY);
        replicas.add(c);
        return c;
    }

    private static String base(ConfigurableApplicationContext c) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) c).getWebServer().getPort();
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) {
        return send(b, KEY);
    }

    private static HttpResponse<String> send(HttpRequest.Builder b, String key) {
        try {
            return HTTP.send(b.header("X-API-Key", key).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode post(ConfigurableApplicationContext c, String path, Object body) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base(c) + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        assertThat(r.statusCode()).as(r.body()).isIn(200, 202);
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext c, String path) {
        return send(HttpRequest.newBuilder(URI.create(base(c) + path)).GET());
    }

    private static HttpResponse<String> delete(ConfigurableApplicationContext c, String path) {
        return send(HttpRequest.newBuilder(URI.create(base(c) + path)).DELETE());
    }

    private static JsonNode job(ConfigurableApplicationContext c, String id) {
        HttpResponse<String> r = get(c, JOBS + "/" + id);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode until(ConfigurableApplicationContext c, String id, Predicate<JsonNode> done, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        JsonNode j;
        do {
            j = job(c, id);
            if (done.test(j)) {
                return j;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("job " + id + " did not get there in " + seconds + " s: " + j);
    }

    /** A calibration with everything fixed (Heston given, seed given): its bits depend on the request only. */
    private static ObjectNode calibration(int particles, double maturity) throws IOException {
        ObjectNode r = JSON.createObjectNode();
        r.set("market", JSON.readTree(Files.readString(Path.of("examples/markets/eurusd-2018-03-15.json"))));
        r.putObject("heston").put("v0", 0.0094).put("kappa", 1.2).put("theta", 0.0121).put("xi", 0.3)
                .put("rho", -0.1);
        r.put("particles", particles).put("maturity", maturity).put("seed", 7).put("spotGridSize", 60);
        r.putObject("roundTrip").put("enabled", false);
        return r;
    }

    /** Slice diagnostics without their wall-clock timings (which differ between runs). */
    private static String withoutTimings(JsonNode original) {
        JsonNode slices = original.deepCopy();
        for (JsonNode s : slices) {
            ((ObjectNode) s.get("estimator")).remove("elapsedMicros");
        }
        return slices.toString();
    }

    @Test
    void replicasBehaveAsOneServiceAndJobsOutliveThem() throws Exception {
        ConfigurableApplicationContext a = replica("A", 2);
        ConfigurableApplicationContext b = replica("B", 1);

        // 1. any replica answers for any job: submitted on A, read, listed and deleted on B
        JsonNode quick = post(a, JOBS + "?wait=true", calibration(512, 0.25));
        String quickId = quick.get("id").asString();
        assertThat(quick.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(job(b, quickId).get("result")).isEqualTo(quick.get("result"));
        assertThat(get(b, JOBS).body()).contains(quickId);
        // ownership holds across replicas: another client sees neither the job nor it in the list
        assertThat(send(HttpRequest.newBuilder(URI.create(base(b) + JOBS + "/" + quickId)).GET(), OTHER_KEY)
                .statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(URI.create(base(b) + JOBS)).GET(), OTHER_KEY).body())
                .doesNotContain(quickId);
        assertThat(delete(b, JOBS + "/" + quickId).statusCode()).isEqualTo(204);
        assertThat(get(a, JOBS + "/" + quickId).statusCode()).isEqualTo(404);

        // 2. a cancel sent to one replica stops the job on the other
        String slowId = post(a, JOBS, calibration(16384, 2.0)).get("id").asString();
        JsonNode running = until(a, slowId, j -> j.get("status").asString().equals("RUNNING"), 30);
        ConfigurableApplicationContext other = running.get("replica").asString().equals("A") ? b : a;
        assertThat(delete(other, JOBS + "/" + slowId).statusCode()).isEqualTo(200);
        assertThat(until(a, slowId, j -> j.get("status").asString().equals("CANCELLED"), 20).get("error")
                .asString()).isEqualTo("cancelled");

        // 3. the replica running a job dies (its connection drops, no goodbye): the lease runs out, the other
        //    replica runs the job again from its stored request, with the same bits
        ObjectNode request = calibration(16384, 1.0);
        String id = post(b, JOBS, request).get("id").asString();
        JsonNode mid = until(b, id, j -> !j.get("status").asString().equals("QUEUED"), 60);
        assertThat(mid.get("status").asString()).as("the job must still run when its replica is killed")
                .isEqualTo("RUNNING");
        String victim = mid.get("replica").asString();
        ConfigurableApplicationContext dead = victim.equals("A") ? a : b;
        ConfigurableApplicationContext survivor = dead == a ? b : a;
        HazelcastClient.getHazelcastClientByName("slv-" + victim).getLifecycleService().terminate();
        dead.close();
        JsonNode finished = until(survivor, id, j -> j.get("status").asString().equals("SUCCEEDED"), 90);
        assertThat(finished.get("attempts").asInt()).isEqualTo(2);
        assertThat(finished.get("replica").asString()).isNotEqualTo(victim);

        // 4. every replica restarts (a deploy): the store member kept the finished jobs
        survivor.close();
        ConfigurableApplicationContext a2 = replica("A2", 3);
        ConfigurableApplicationContext b2 = replica("B2", 1);
        assertThat(job(a2, id).get("result")).isEqualTo(finished.get("result"));
        assertThat(job(b2, id).get("result")).isEqualTo(finished.get("result"));
        assertThat(job(b2, slowId).get("status").asString()).isEqualTo("CANCELLED");

        // the same request run uninterrupted on a replica with another thread count: the same bits
        JsonNode reference = post(a2, JOBS + "?wait=true", request);
        assertThat(reference.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(finished.get("result").get("leverage")).as("same request, same seed: same leverage, bit for bit")
                .isEqualTo(reference.get("result").get("leverage"));
        assertThat(withoutTimings(finished.get("result").get("diagnostics").get("slices")))
                .isEqualTo(withoutTimings(reference.get("result").get("diagnostics").get("slices")));
        // pricing by calibrationId on a replica that never ran it rebuilds the model from the stored request
        ObjectNode pricing = JSON.createObjectNode().put("calibrationId", id);
        pricing.putArray("models").add("SLV");
        pricing.putArray("products").addObject().put("id", "ot").put("type", "ONE_TOUCH").put("direction", "UP")
                .put("barrier", 1.30).put("maturity", 0.5).put("payAt", "MATURITY").put("notional", 1.0);
        pricing.putObject("monteCarlo").put("paths", 4096);
        HttpResponse<String> priced = send(HttpRequest.newBuilder(URI.create(base(a2) + "/api/v1/pricing"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(pricing))));
        assertThat(priced.statusCode()).as(priced.body()).isEqualTo(200);
    }
}
