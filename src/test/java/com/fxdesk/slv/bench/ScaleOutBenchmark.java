package com.fxdesk.slv.bench;

import com.fxdesk.slv.SlvServiceApplication;
import com.fxdesk.slv.jobs.store.StoreMembers;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Throughput of calibration jobs with one and with two service replicas on one Hazelcast store (a member started
 * here; replicas are application contexts in this JVM, each with the default compute pool of all cores and one
 * job at a time), then a batch of 50 bumped calibrations (EURUSD 2018; 1M, 3M, 6M, 1Y, 2Y × ATM, RR25, BF25, RR10,
 * BF10 × ±1 vol) on the same replicas. Jobs are the API defaults (2,048 particles, PURBF, Heston fitted, round trip
 * of 100,000 paths) unless args say otherwise. All jobs are queued at once; the clock runs from the first POST to the
 * last job seen finished (polling every 50 ms).
 * Args (optional): jobs per run (default 16), replica counts (default 1,2), "batch" or "nobatch" (default batch).
 * Run: ./mvnw -B -Pbench test-compile exec:exec -Dbench.main=com.fxdesk.slv.bench.ScaleOutBenchmark
 */
public final class ScaleOutBenchmark {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String KEY = "bench-key-0123456789abcdef";

    private ScaleOutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int[] replicaCounts = args.length > 1
                ? java.util.Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {1, 2};
        boolean batch = args.length <= 2 || !args[2].equals("nobatch");
        ObjectNode market = (ObjectNode) JSON.readTree(Files.readString(
                Path.of("examples/markets/eurusd-2018-03-15.json")));
        System.out.printf("cores %d; load average at start %.1f%n", Runtime.getRuntime().availableProcessors(),
                load());
        HazelcastInstance member = StoreMembers.member(null);
        try {
            for (int n : replicaCounts) {
                List<ConfigurableApplicationContext> replicas = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    replicas.add(replica(member, "r" + (i + 1)));
                }
                try {
                    ObjectNode request = JSON.createObjectNode();
                    request.set("market", market);
                    // warm-up (JIT) on every replica, not timed
                    for (ConfigurableApplicationContext r : replicas) {
                        post(r, "/api/v1/calibrations?wait=true", request);
                    }
                    double load0 = load();
                    long t0 = System.nanoTime();
                    List<String> ids = new ArrayList<>();
                    for (int j = 0; j < jobs; j++) {
                        ids.add(post(replicas.get(j % n), "/api/v1/calibrations", request).get("id").asString());
                    }
                    Map<String, Integer> byReplica = new TreeMap<>();
                    long resultChars = 0;
                    for (String id : ids) {
                        JsonNode done = waitJob(replicas.get(0), id);
                        byReplica.merge(done.get("replica").asString(), 1, Integer::sum);
                        resultChars = Math.max(resultChars, done.get("result").toString().length());
                    }
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    JsonNode stored = JSON.readTree(get(replicas.get(0), "/actuator/metrics/slv.jobs.result.size")
                            .body()).get("measurements");
                    double count = stored.get(0).get("value").asDouble();
                    double total = stored.get(1).get("value").asDouble();
                    System.out.printf("%d replica(s): %d jobs in %.1f s = %.2f jobs/s (%.0f ms/job); by replica %s; "
                            + "result JSON %d chars, stored deflated %.0f bytes (mean); load average %.1f -> %.1f%n",
                            n, jobs, seconds, jobs / seconds, 1000 * seconds / jobs, byReplica, resultChars,
                            total / count, load0, load());
                    if (batch && n == replicaCounts[replicaCounts.length - 1]) {
                        batch(replicas, request);
                    }
                } finally {
                    replicas.forEach(ConfigurableApplicationContext::close);
                }
            }
        } finally {
            member.shutdown();
        }
    }

    private static void batch(List<ConfigurableApplicationContext> replicas, ObjectNode base) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.set("base", base);
        ObjectNode bumps = body.putObject("bumps").put("size", 0.01).put("includeBase", false);
        bumps.putArray("quotes").add("atm").add("rr25").add("bf25").add("rr10").add("bf10");
        bumps.putArray("tenors").add("1M").add("3M").add("6M").add("1Y").add("2Y");
        double load0 = load();
        long t0 = System.nanoTime();
        JsonNode created = post(replicas.get(0), "/api/v1/calibrations/batch", body);
        String id = created.get("id").asString();
        JsonNode b;
        do {
            Thread.sleep(100);
            b = JSON.readTree(get(replicas.get(replicas.size() - 1), "/api/v1/calibrations/batch/" + id).body());
        } while (b.get("status").asString().equals("RUNNING") || b.get("status").asString().equals("QUEUED"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Integer> byReplica = new TreeMap<>();
        for (JsonNode it : b.get("items")) {
            if (it.hasNonNull("replica")) {
                byReplica.merge(it.get("replica").asString(), 1, Integer::sum);
            }
        }
        System.out.printf("batch of %d bumped calibrations on %d replica(s): %s in %.1f s (batch wallMs %.0f); "
                + "counts %s; by replica %s; max round-trip error %.1f bp; load average %.1f -> %.1f%n",
                b.get("total").asInt(), replicas.size(), b.get("status").asString(), seconds,
                b.get("wallMs").asDouble(), b.get("counts"), byReplica, b.path("maxRoundTripErrorBps").asDouble(),
                load0, load());
    }

    private static ConfigurableApplicationContext replica(HazelcastInstance member, String name) {
        return new SpringApplicationBuilder(SlvServiceApplication.class).run(
                "--server.port=0", "--server.address=127.0.0.1", "--spring.jmx.enabled=false",
                "--logging.level.root=WARN",
                "--slv.jobs.store=hazelcast",
                "--slv.jobs.hazelcast.members=" + StoreMembers.address(member),
                "--slv.jobs.hazelcast.cluster-name=" + member.getConfig().getClusterName(),
                "--slv.jobs.replica-id=" + name,
                "--slv.jobs.max-wait=120s",
                "--slv.security.api-keys.bench=" + KEY);
    }

    private static JsonNode waitJob(ConfigurableApplicationContext r, String id) throws Exception {
        while (true) {
            JsonNode j = JSON.readTree(get(r, "/api/v1/calibrations/" + id).body());
            String s = j.get("status").asString();
            if (s.equals("SUCCEEDED")) {
                return j;
            }
            if (!s.equals("QUEUED") && !s.equals("RUNNING")) {
                throw new IllegalStateException("job " + id + " ended " + j);
            }
            Thread.sleep(50);
        }
    }

    private static String base(ConfigurableApplicationContext c) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) c).getWebServer().getPort();
    }

    private static JsonNode post(ConfigurableApplicationContext c, String path, Object body) throws IOException,
            InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base(c) + path))
                .header("Content-Type", "application/json").header("X-API-Key", KEY).timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext c, String path) throws IOException,
            InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base(c) + path)).header("X-API-Key", KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
