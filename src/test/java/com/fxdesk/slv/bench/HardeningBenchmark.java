package com.fxdesk.slv.bench;

import com.fxdesk.slv.SlvServiceApplication;
import com.fxdesk.slv.web.pricing.PricingRequest;
import com.fxdesk.slv.web.pricing.PricingService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Load figures of docs/hardening.md, against the service with its default settings (random port, one API key):
 * <ol>
 *   <li>the reproducers: status and time of each, and the process RSS after them;</li>
 *   <li>latency of a small BS pricing (p50/p99 of 200 sequential calls) alone, then while two maximum-size
 *       Monte Carlo pricings run (1,000,000 paths × 199 steps: the path-step limit);</li>
 *   <li>50 calibration jobs submitted at once: how many are accepted (202) or refused (429 + Retry-After), and that
 *       every accepted one finishes SUCCEEDED (nothing lost).</li>
 * </ol>
 * {@code ./mvnw -B -Pbench test-compile exec:exec -Dbench.main=com.fxdesk.slv.bench.HardeningBenchmark}
 */
public final class HardeningBenchmark {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY = "bench-key-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static URI base;

    private HardeningBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // further arguments go to the service, e.g. -Dbench.args=--slv.surface-cache.max-entries=0 (cache off)
        List<String> settings = new ArrayList<>(List.of("--server.port=0", "--slv.security.api-keys.bench=" + KEY,
                "--logging.level.root=WARN", "--spring.main.banner-mode=off"));
        settings.addAll(List.of(args));
        ConfigurableApplicationContext app = SpringApplication.run(SlvServiceApplication.class,
                settings.toArray(String[]::new));
        try {
            base = URI.create("http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort() + "/");
            System.out.printf("load average at start: %.1f, cores %d%n", load(), Runtime.getRuntime().availableProcessors());
            reproducers();
            System.out.println("service arguments: " + List.of(args));
            smallLatencyUnderLoad(app);
            jobBurst();
            System.out.printf("load average at end: %.1f%n", load());
        } finally {
            app.close();
        }
    }

    // ---------------------------------------------------------------- 1. reproducers

    private static void reproducers() throws Exception {
        ObjectNode eurusd = market("eurusd-2018-03-15.json");
        ObjectNode warm = pricing(eurusd, "BS");
        ((ArrayNode) warm.get("products")).addObject().put("type", "EUROPEAN").put("optionType", "CALL")
                .put("strike", 1.25).put("maturity", 1.0);
        long w0 = System.nanoTime();
        System.out.printf("first request after start (class loading, JIT): %d in %d ms%n",
                post("/api/v1/pricing", warm).statusCode(), (System.nanoTime() - w0) / 1_000_000);
        Map<String, ObjectNode> cases = new java.util.LinkedHashMap<>();
        ObjectNode heston = pricing(eurusd, "HESTON");
        ((ArrayNode) heston.get("products")).addObject().put("type", "DIGITAL").put("optionType", "CALL")
                .put("strike", 1.25).put("maturity", 5e-324);
        cases.put("HESTON digital, maturity 5e-324", heston);
        ObjectNode dnt = pricing(eurusd, "BS");
        ((ArrayNode) dnt.get("products")).addObject().put("type", "DOUBLE_NO_TOUCH").put("lower", 1e-300)
                .put("upper", 1e300).put("maturity", 0.5);
        cases.put("BS DNT lower 1e-300 upper 1e300", dnt);
        ObjectNode spot = pricing(eurusd.deepCopy().put("spot", 1e308), "HESTON");
        ((ArrayNode) spot.get("products")).addObject().put("type", "DIGITAL").put("optionType", "CALL")
                .put("strike", 1.25).put("maturity", 1.0);
        cases.put("spot 1e308", spot);
        ObjectNode strike = pricing(eurusd, "HESTON");
        ((ArrayNode) strike.get("products")).addObject().put("type", "DIGITAL").put("optionType", "PUT")
                .put("strike", 1e-300).put("maturity", 1.0);
        cases.put("digital put strike 1e-300", strike);
        ObjectNode notional = pricing(eurusd, "BS");
        ((ArrayNode) notional.get("products")).addObject().put("type", "EUROPEAN").put("optionType", "CALL")
                .put("strike", 1.25).put("maturity", 1.0).put("notional", 1e308);
        cases.put("notional 1e308", notional);
        for (Map.Entry<String, ObjectNode> c : cases.entrySet()) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = post("/api/v1/pricing", c.getValue());
            System.out.printf("reproducer %-34s -> %d in %d ms: %s%n", c.getKey(), r.statusCode(),
                    (System.nanoTime() - t0) / 1_000_000, abbreviate(r.body()));
        }
        ObjectNode cal = calibration(market("eurusd-2018-03-15.json"));
        ((ObjectNode) cal.get("market").get("volatility").get("quotes").get("pillars").get(0)).put("expiry", 1e-10);
        report("calibration, pillar expiry 1e-10", post("/api/v1/calibrations", cal));
        ObjectNode pinned = calibration(market("flat-10pct.json"));
        pinned.putObject("leverage").put("floor", 1.0).put("cap", 1.0);
        report("calibration, leverage floor = cap = 1", post("/api/v1/calibrations", pinned));
        System.out.printf("process RSS after the reproducers: %d MB (JVM max heap %d MB)%n", rssMb(),
                Runtime.getRuntime().maxMemory() >> 20);
    }

    // ---------------------------------------------------------------- 2. small latency while two large requests run

    private static void smallLatencyUnderLoad(ConfigurableApplicationContext app) throws Exception {
        ObjectNode small = pricing(market("eurusd-2018-03-15.json"), "BS");
        ((ArrayNode) small.get("products")).addObject().put("type", "EUROPEAN").put("optionType", "CALL")
                .put("strike", 1.25).put("maturity", 1.0);
        for (int i = 0; i < 100; i++) {
            post("/api/v1/pricing", small); // warm-up
        }
        double[] alone = latencies(small, 200);
        System.out.printf("small BS pricing alone:            p50 %.1f ms, p99 %.1f ms, max %.1f ms (200 calls)%n",
                pct(alone, 50), pct(alone, 99), pct(alone, 100));
        // the engine's share: the same request through PricingService in this thread (no HTTP, no admission)
        PricingService pricing = app.getBean(PricingService.class);
        PricingRequest request = app.getBean(JsonMapper.class).treeToValue(small, PricingRequest.class);
        double[] engine = new double[200];
        for (int i = 0; i < engine.length; i++) {
            long t0 = System.nanoTime();
            pricing.price(request);
            engine[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(engine);
        System.out.printf("small BS pricing in process:       p50 %.2f ms, p99 %.2f ms, max %.2f ms (200 calls)%n",
                pct(engine, 50), pct(engine, 99), pct(engine, 100));

        ObjectNode big = pricing(market("flat-10pct.json"), "LV");
        ArrayNode products = (ArrayNode) big.get("products");
        for (double b : new double[] {1.1, 1.2, 1.3}) {
            products.addObject().put("type", "ONE_TOUCH").put("direction", "UP").put("barrier", b).put("maturity", 1.0);
        }
        // 196 steps + 3 product dates: 1,000,000 × 199 path-steps, just within slv.limits.max-path-steps (2e8)
        big.putObject("monteCarlo").put("paths", 1_000_000).put("timeStepDays", 1.87);
        ExecutorService ex = Executors.newFixedThreadPool(3);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> bigs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            bigs.add(ex.submit(() -> {
                go.await();
                long t0 = System.nanoTime();
                HttpResponse<String> r = post("/api/v1/pricing", big);
                return r.statusCode() + " after " + (System.nanoTime() - t0) / 1_000_000 + " ms"
                        + (r.statusCode() == 200 ? "" : ": " + abbreviate(r.body()));
            }));
        }
        go.countDown();
        Thread.sleep(500); // both large ones admitted and running
        HttpResponse<String> third = post("/api/v1/pricing", big);
        System.out.printf("a third maximum-size request meanwhile: %d, Retry-After %s%n", third.statusCode(),
                third.headers().firstValue("Retry-After").orElse("-"));
        double[] loaded = latencies(small, 200);
        System.out.printf("small BS pricing during 2 large:   p50 %.1f ms, p99 %.1f ms, max %.1f ms (200 calls)%n",
                pct(loaded, 50), pct(loaded, 99), pct(loaded, 100));
        for (Future<String> f : bigs) {
            System.out.println("maximum-size pricing (1,000,000 paths x 199 path-steps, 3 touches): " + f.get());
        }
        ex.shutdown();
    }

    private static double[] latencies(ObjectNode body, int n) throws Exception {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = post("/api/v1/pricing", body);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("small pricing answered " + r.statusCode() + ": " + r.body());
            }
        }
        Arrays.sort(ms);
        return ms;
    }

    // ---------------------------------------------------------------- 3. 50 jobs at once

    private static void jobBurst() throws Exception {
        ObjectNode job = calibration(market("flat-10pct.json"));
        ExecutorService ex = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(ex.submit(() -> {
                go.await();
                return post("/api/v1/calibrations", job);
            }));
        }
        long t0 = System.nanoTime();
        go.countDown();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> accepted = new ArrayList<>();
        int withRetryAfter = 0;
        for (Future<HttpResponse<String>> f : answers) {
            HttpResponse<String> r = f.get();
            statuses.merge(r.statusCode(), 1, Integer::sum);
            if (r.statusCode() == 202) {
                accepted.add(JSON.readTree(r.body()).get("id").asString());
            } else if (r.statusCode() == 429 && r.headers().firstValue("Retry-After").isPresent()) {
                withRetryAfter++;
            }
        }
        ex.shutdown();
        Map<String, String> finals = new ConcurrentHashMap<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (finals.size() < accepted.size() && System.nanoTime() < deadline) {
            for (String id : accepted) {
                if (!finals.containsKey(id)) {
                    JsonNode j = JSON.readTree(get("/api/v1/calibrations/" + id).body());
                    String s = j.get("status").asString();
                    if (!s.equals("QUEUED") && !s.equals("RUNNING")) {
                        finals.put(id, s);
                    }
                }
            }
            Thread.sleep(200);
        }
        Map<String, Integer> byFinal = new TreeMap<>();
        finals.values().forEach(s -> byFinal.merge(s, 1, Integer::sum));
        int listed = JSON.readTree(get("/api/v1/calibrations").body()).get("jobs").size();
        System.out.printf("50 jobs at once: answers %s (429 with Retry-After: %d); accepted %d finished %s in %.1f s; "
                        + "unaccounted %d; the client's list holds %d jobs%n", statuses, withRetryAfter,
                accepted.size(), byFinal, (System.nanoTime() - t0) / 1e9,
                50 - accepted.size() - withRetryAfter, listed);
    }

    // ---------------------------------------------------------------- helpers

    private static ObjectNode pricing(ObjectNode market, String model) {
        ObjectNode r = JSON.createObjectNode();
        r.set("market", market);
        r.putArray("models").add(model);
        r.putArray("products");
        if (model.equals("HESTON")) {
            r.putObject("heston").put("v0", 0.0064).put("kappa", 1.5).put("theta", 0.0081).put("xi", 0.3)
                    .put("rho", -0.2);
        }
        return r;
    }

    private static ObjectNode calibration(ObjectNode market) {
        ObjectNode r = JSON.createObjectNode();
        r.set("market", market);
        r.putObject("heston").put("v0", 0.01).put("kappa", 1.5).put("theta", 0.01).put("xi", 0.3).put("rho", -0.4);
        r.put("particles", 1024).put("timeStepDays", 30).put("spotGridSize", 20).put("maturity", 0.5);
        r.putObject("roundTrip").put("enabled", false);
        return r;
    }

    private static ObjectNode market(String file) throws Exception {
        return (ObjectNode) JSON.readTree(Files.readString(Path.of("examples/markets", file)));
    }

    private static void report(String name, HttpResponse<String> r) {
        System.out.printf("reproducer %-34s -> %d: %s%n", name, r.statusCode(), abbreviate(r.body()));
    }

    private static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }

    private static HttpResponse<String> post(String path, Object body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).header("X-API-Key", KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).header("X-API-Key", KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double pct(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static long rssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
            }
        }
        return -1;
    }

    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
