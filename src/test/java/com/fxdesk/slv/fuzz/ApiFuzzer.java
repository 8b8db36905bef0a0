package com.fxdesk.slv.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Random;
import java.util.TreeMap;
import com.fxdesk.slv.web.ApiTestSupport;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Property-based fuzzing of the HTTP API. Each case takes a small valid request of one endpoint and applies 1–3
 * mutations drawn from jqwik arbitraries (hostile numbers with jqwik's edge cases — 0, ±tiny, ±huge, 5e-324,
 * 1e308 — rescalings over 16 decades, wrong JSON types, removed, added and emptied fields), sends it with a valid
 * API key and checks the service's contract:
 * <ul>
 *   <li>no 5xx; every 4xx is application/problem+json, and every 400/422 names at least one field;</li>
 *   <li>a 200 carries no null, and every price is finite and within its bounds (≥ 0 up to noise; a digital or
 *       touch at most its notional times the largest discount factor the market allows);</li>
 *   <li>every answer comes within the synchronous deadline (plus a margin for a loaded machine).</li>
 * </ul>
 * Deterministic for a seed: case i is generated from {@code new Random(seed + i)}, so a failure is replayed by its
 * seed and index.
 */
public final class ApiFuzzer {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Numbers a hostile or careless client sends; jqwik adds its own edge cases of each range. */
    private static final Arbitrary<Double> HOSTILE = Arbitraries.oneOf(
            Arbitraries.of(0.0, -0.0, 5e-324, 1e-300, 1e-14, 1e-10, -1e-10, 1e-6, -1.0, 1.0, 1e6, 1e12, 1e15,
                    1e300, 1e308, -1e308, 2147483648.0, 9.007199254740993e15),
            Arbitraries.doubles().between(-1e6, 1e6).withSpecialValue(0.0),
            Arbitraries.doubles().between(-2.0, 2.0));
    /** Factors for plausible-but-wrong values: 10^k with k uniform in [-8, 8]. */
    private static final Arbitrary<Double> DECADES = Arbitraries.doubles().between(-8, 8).map(k -> Math.pow(10, k));
    private static final Arbitrary<Integer> KIND = Arbitraries.integers().between(0, 99);

    private final URI base;
    private final String apiKey;
    private final Duration deadline;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, ObjectNode> templates = new TreeMap<>();
    // jqwik's generators live in its property lifecycle: created lazily on the property's thread
    private RandomGenerator<Double> hostile;
    private RandomGenerator<Double> decades;
    private RandomGenerator<Integer> kind;

    /** Statuses seen so far, for the run's summary. */
    private final Map<Integer, Integer> byStatus = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final List<Long> millis = java.util.Collections.synchronizedList(new ArrayList<>());
    private long slowestMillis;
    private String slowestCase = "none";

    public ApiFuzzer(URI base, String apiKey, Duration deadline, Path markets) {
        this.base = base;
        this.apiKey = apiKey;
        this.deadline = deadline;
        ObjectNode eurusd = read(markets.resolve("eurusd-2018-03-15.json"));
        ObjectNode flat = read(markets.resolve("flat-10pct.json"));
        ObjectNode usdjpy = read(markets.resolve("usdjpy-2018-03-15.json"));
        templates.put("pricing-bs", pricing(eurusd, "BS", 1.23, false));
        templates.put("pricing-heston", hestonPricing(eurusd));
        templates.put("pricing-lv", pricing(flat, "LV", 1.0, true));
        templates.put("pricing-bs-usdjpy", pricing(usdjpy, "BS", 106, false));
        templates.put("surface", surface(eurusd));
        templates.put("surface-grid", surface(flat));
        templates.put("regression", ApiTestSupport.regression());
        templates.put("calibration", calibration(flat));
        templates.put("heston", heston(flat));
    }

    // ---------------------------------------------------------------- templates (small: each case costs milliseconds)

    private static ObjectNode pricing(ObjectNode market, String model, double f, boolean mc) {
        ObjectNode r = NODES.objectNode();
        r.set("market", market.deepCopy());
        r.putArray("models").add(model);
        ArrayNode p = r.putArray("products");
        p.addObject().put("type", "ONE_TOUCH").put("direction", "UP").put("barrier", 1.06 * f).put("maturity", 0.5)
                .put("payAt", "MATURITY").put("notional", 1.0);
        p.addObject().put("type", "EUROPEAN").put("optionType", "CALL").put("strike", f).put("maturity", 1.0);
        p.addObject().put("type", "DOUBLE_NO_TOUCH").put("lower", 0.93 * f).put("upper", 1.1 * f)
                .put("maturity", 0.25);
        p.addObject().put("type", "BARRIER").put("optionType", "PUT").put("strike", f).put("barrier", 0.9 * f)
                .put("barrierType", "DOWN_AND_OUT").put("maturity", 0.5);
        if (mc) {
            r.putObject("monteCarlo").put("paths", 512).put("timeStepDays", 7.0).put("seed", 7);
        }
        return r;
    }

    private static ObjectNode hestonPricing(ObjectNode market) {
        ObjectNode r = NODES.objectNode();
        r.set("market", market.deepCopy());
        r.putArray("models").add("HESTON").add("BS");
        r.putObject("heston").put("v0", 0.0064).put("kappa", 1.5).put("theta", 0.0081).put("xi", 0.3)
                .put("rho", -0.2);
        ArrayNode p = r.putArray("products");
        p.addObject().put("type", "DIGITAL").put("optionType", "CALL").put("strike", 1.25).put("maturity", 0.5)
                .put("notional", 100.0);
        p.addObject().put("type", "EUROPEAN").put("optionType", "PUT").put("strike", 1.2).put("maturity", 2.0);
        return r;
    }

    private static ObjectNode surface(ObjectNode market) {
        ObjectNode r = NODES.objectNode();
        r.set("market", market.deepCopy());
        r.putArray("points").addObject().put("expiry", 0.5).put("strike", market.get("spot").asDouble());
        return r;
    }

    private static ObjectNode calibration(ObjectNode market) {
        ObjectNode r = NODES.objectNode();
        r.set("market", market.deepCopy());
        r.putObject("heston").put("v0", 0.01).put("kappa", 1.5).put("theta", 0.01).put("xi", 0.3).put("rho", -0.4);
        r.put("particles", 256).put("timeStepDays", 30).put("spotGridSize", 20).put("maturity", 0.25);
        r.putObject("roundTrip").put("enabled", false);
        return r;
    }

    private static ObjectNode heston(ObjectNode market) {
        ObjectNode r = NODES.objectNode();
        r.set("market", market.deepCopy());
        return r;
    }

    // ---------------------------------------------------------------- one case

    /**
     * One case generated from {@code caseSeed} (drawn by jqwik); returns the contract violations found (empty: the
     * service behaved). Must run inside a jqwik property.
     */
    public List<String> oneCase(long caseSeed) {
        if (hostile == null) {
            hostile = HOSTILE.generator(1000, true);
            decades = DECADES.generator(1000, true);
            kind = KIND.generator(100, true);
        }
        List<String> violations = new ArrayList<>();
        long start = System.nanoTime();
        try {
            oneCase(new Random(caseSeed), "case seed " + caseSeed, byStatus, violations);
        } catch (RuntimeException e) {
            violations.add("case seed " + caseSeed + ": " + e);
        }
        millis.add((System.nanoTime() - start) / 1_000_000);
        return violations;
    }

    /** The slowest request so far, with its class and mutations (to tell a costly request class from a stall). */
    private synchronized void slowest(String what, long ms) {
        if (ms > slowestMillis) {
            slowestMillis = ms;
            slowestCase = what;
        }
    }

    /** "N cases, statuses {...}, p50/p99/max ms, slowest: …". */
    public synchronized String summary() {
        List<Long> m;
        synchronized (millis) {
            m = new ArrayList<>(millis);
        }
        java.util.Collections.sort(m);
        if (m.isEmpty()) {
            return "no cases";
        }
        return m.size() + " cases, statuses " + byStatus + ", latency p50 " + m.get(m.size() / 2) + " ms, p99 "
                + m.get(Math.min(m.size() - 1, (int) Math.ceil(0.99 * m.size()) - 1)) + " ms, max "
                + m.get(m.size() - 1) + " ms; slowest request " + slowestMillis + " ms: " + slowestCase;
    }

    private void oneCase(Random random, String label, Map<Integer, Integer> byStatus, List<String> violations) {
        int k = kind.next(random).value();
        // weights: cheap endpoints most; the Heston fit (≈ 1 s) and jobs rarely
        String name = k < 26 ? "pricing-bs" : k < 40 ? "pricing-heston" : k < 52 ? "pricing-lv"
                : k < 58 ? "pricing-bs-usdjpy" : k < 72 ? "surface" : k < 78 ? "surface-grid"
                : k < 92 ? "regression" : k < 97 ? "calibration" : k < 98 ? "heston" : "job-ids";
        if (name.equals("job-ids")) {
            String id = random.nextBoolean() ? "no-such-job" : java.util.UUID.randomUUID().toString();
            check(label + " GET job", send("GET", "/api/v1/calibrations/" + id, null), null, byStatus, violations);
            check(label + " DELETE job", send("DELETE", "/api/v1/calibrations/" + id, null), null, byStatus,
                    violations);
            return;
        }
        ObjectNode body = templates.get(name).deepCopy();
        int mutations = 1 + random.nextInt(3);
        List<String> applied = new ArrayList<>();
        for (int m = 0; m < mutations; m++) {
            applied.add(mutate(body, random));
        }
        String path = switch (name) {
            case "surface", "surface-grid" -> "/api/v1/volatility/surface";
            case "regression" -> "/api/v1/regression";
            case "calibration" -> "/api/v1/calibrations";
            case "heston" -> "/api/v1/heston/calibration";
            default -> "/api/v1/pricing";
        };
        String what = label + " " + name + " " + applied;
        long t0 = System.nanoTime();
        HttpResponse<String> r;
        try {
            r = send("POST", path, JSON.writeValueAsString(body));
        } catch (IllegalStateException late) {
            violations.add(what + ": " + late.getMessage()); // names the request class, not only the seed
            return;
        } finally {
            slowest(what, (System.nanoTime() - t0) / 1_000_000);
        }
        check(what, r, body, byStatus, violations);
        if (name.equals("calibration") && r.statusCode() == 202) {
            // free the small test queue: the job itself is cancelled (its final state is CANCELLED, not lost)
            String id = JSON.readTree(r.body()).get("id").asString();
            send("DELETE", "/api/v1/calibrations/" + id, null);
        }
    }

    /** Applies one mutation at a random node; returns its description. */
    private String mutate(ObjectNode root, Random random) {
        List<String[]> leaves = new ArrayList<>();
        collect(root, "", leaves);
        String[] target = leaves.get(random.nextInt(leaves.size()));
        String path = target[0];
        int choice = random.nextInt(100);
        JsonNode value;
        String what;
        if (choice < 45 && target[1].equals("number")) {
            double old = at(root, path).asDouble();
            double d = random.nextBoolean() ? hostile.next(random).value() : old * decades.next(random).value();
            value = NODES.numberNode(d);
            what = path + "=" + d;
        } else if (choice < 60) {
            double d = hostile.next(random).value();
            value = NODES.numberNode(d);
            what = path + "=" + d;
        } else if (choice < 70) {
            value = switch (random.nextInt(5)) {
                case 0 -> NODES.stringNode("1.25");
                case 1 -> NODES.booleanNode(true);
                case 2 -> NODES.nullNode();
                case 3 -> NODES.arrayNode();
                default -> NODES.objectNode();
            };
            what = path + "=" + value;
        } else if (choice < 85) {
            remove(root, path);
            return "-" + path;
        } else if (choice < 92) {
            JsonNode parent = at(root, parentOf(path));
            if (parent instanceof ObjectNode o) {
                o.put("unexpected" + random.nextInt(10), 1);
                return "+" + parentOf(path) + ".unexpected";
            }
            if (parent instanceof ArrayNode a && a.size() > 0) {
                if (random.nextBoolean()) {
                    a.removeAll();
                    return parentOf(path) + "=[]";
                }
                a.add(a.get(a.size() - 1).deepCopy()); // a duplicate element
                return parentOf(path) + "+dup";
            }
            return "noop";
        } else {
            // a number slightly off: rounding-level perturbations around boundaries
            JsonNode old = at(root, path);
            double d = old.isNumber() ? old.asDouble() * (1 + (random.nextDouble() - 0.5) * 1e-9) : 0.0;
            value = NODES.numberNode(d);
            what = path + "≈" + d;
        }
        set(root, path, value);
        return what;
    }

    private static void collect(JsonNode node, String path, List<String[]> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                collect(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
            }
        } else if (node.isArray()) {
            // long arrays (samples, grids): a few elements represent them
            for (int i = 0; i < node.size(); i += Math.max(1, node.size() / 4)) {
                collect(node.get(i), path + "[" + i + "]", out);
            }
        } else {
            out.add(new String[] {path, node.isNumber() ? "number" : "other"});
        }
    }

    private static List<Object> steps(String path) {
        List<Object> s = new ArrayList<>();
        for (String part : path.split("\\.")) {
            int b = part.indexOf('[');
            String name = b < 0 ? part : part.substring(0, b);
            if (!name.isEmpty()) {
                s.add(name);
            }
            while (b >= 0) {
                int e = part.indexOf(']', b);
                s.add(Integer.parseInt(part.substring(b + 1, e)));
                b = part.indexOf('[', e);
            }
        }
        return s;
    }

    private static JsonNode at(JsonNode root, String path) {
        JsonNode n = root;
        for (Object s : steps(path)) {
            n = s instanceof Integer i ? n.get(i) : n.get((String) s);
        }
        return n;
    }

    private static String parentOf(String path) {
        int dot = path.lastIndexOf('.');
        int br = path.lastIndexOf('[');
        int cut = Math.max(dot, br);
        return cut < 0 ? "" : path.substring(0, cut);
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        List<Object> s = steps(path);
        JsonNode parent = root;
        for (int i = 0; i < s.size() - 1; i++) {
            parent = s.get(i) instanceof Integer j ? parent.get(j) : parent.get((String) s.get(i));
        }
        Object last = s.get(s.size() - 1);
        if (parent instanceof ObjectNode o) {
            o.set((String) last, value);
        } else if (parent instanceof ArrayNode a) {
            a.set((Integer) last, value);
        }
    }

    private static void remove(ObjectNode root, String path) {
        List<Object> s = steps(path);
        JsonNode parent = root;
        for (int i = 0; i < s.size() - 1; i++) {
            parent = s.get(i) instanceof Integer j ? parent.get(j) : parent.get((String) s.get(i));
        }
        Object last = s.get(s.size() - 1);
        if (parent instanceof ObjectNode o) {
            o.remove((String) last);
        } else if (parent instanceof ArrayNode a) {
            a.remove((Integer) last);
        }
    }

    // ---------------------------------------------------------------- the contract

    private void check(String label, HttpResponse<String> r, ObjectNode request, Map<Integer, Integer> byStatus,
                       List<String> violations) {
        int status = r.statusCode();
        byStatus.merge(status, 1, Integer::sum);
        String ct = r.headers().firstValue("Content-Type").orElse("");
        if (status >= 500) {
            violations.add(label + ": " + status + " " + r.body());
            return;
        }
        if (status >= 400) {
            if (!ct.startsWith("application/problem+json")) {
                violations.add(label + ": " + status + " is not problem+json: " + ct);
                return;
            }
            JsonNode body = JSON.readTree(r.body());
            if (status == 400 || status == 422) {
                JsonNode errors = body.get("errors");
                boolean named = false;
                if (errors != null) {
                    for (JsonNode e : errors) {
                        named |= e.get("field") != null && !e.get("field").asString().isBlank();
                    }
                }
                if (!named) {
                    violations.add(label + ": " + status + " names no field: " + r.body());
                }
            }
            String text = r.body();
            if (text.contains("Exception") || text.contains("tools.jackson") || text.contains("com.fxdesk")
                    || text.contains("Infinity") || text.contains("NaN")) {
                violations.add(label + ": " + status + " detail shows internals: " + text);
            }
            return;
        }
        String bad = com.fxdesk.slv.web.JsonContract.isSuccessJson(status, ct)
                ? com.fxdesk.slv.web.JsonContract.breach(r.body()) : null;
        if (bad != null) {
            violations.add(label + ": " + status + " carries " + bad + ": " + r.body());
            return;
        }
        JsonNode body = JSON.readTree(r.body());
        if (request != null && body.has("results")) {
            prices(label, request, body, violations);
        }
    }

    /** Prices ≥ 0 (up to 5 standard errors) and a digital or touch at most notional × the largest possible DF. */
    private static void prices(String label, ObjectNode request, JsonNode body, List<String> violations) {
        for (JsonNode res : body.get("results")) {
            double price = res.get("price").asDouble();
            double se = res.has("stdError") ? res.get("stdError").asDouble() : 0;
            String id = res.get("productId").asString();
            JsonNode product = product(request, id);
            if (!(price >= -5 * se - 1e-9)) {
                violations.add(label + ": negative price " + price + " for " + id);
            }
            if (product == null) {
                continue;
            }
            String type = product.path("type").asString("");
            double notional = product.has("notional") ? product.get("notional").asDouble() : 1.0;
            double maturity = product.path("maturity").asDouble();
            // |r| ≤ 1 in the domain: no discount factor exceeds e^T
            double maxDf = Math.exp(maturity);
            if ((type.equals("DIGITAL") || type.endsWith("TOUCH")) && price > notional * maxDf * (1 + 1e-9) + 5 * se) {
                violations.add(label + ": " + type + " " + id + " worth " + price + " > notional " + notional);
            }
        }
    }

    private static JsonNode product(ObjectNode request, String id) {
        JsonNode products = request.get("products");
        if (products == null || !products.isArray()) {
            return null;
        }
        for (int i = 0; i < products.size(); i++) {
            JsonNode p = products.get(i);
            String pid = p.has("id") ? p.get("id").asString() : null;
            String effective = pid != null ? pid
                    : p.path("type").asString("?").toLowerCase().replace('_', '-') + "-" + i;
            if (id.equals(effective)) {
                return p;
            }
        }
        return null;
    }

    private HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("X-API-Key", apiKey)
                .timeout(deadline.plusSeconds(20));
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ms > deadline.toMillis() + 5_000) {
                throw new IllegalStateException(method + " " + path + " answered after " + ms + " ms");
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode read(Path p) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
