package com.fxdesk.slv.web;

import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.web.calibrations.CalibrationRequestValidator;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Work and memory limits counted with the engine's real step counts: SLV propagation steps (sub-steps plus
 * expiries), leverage values kept per job, Monte Carlo time steps.
 */
class EngineLimitsApiTest extends ApiTestSupport {
    private static final String JOBS = "/api/v1/calibrations";

    private static ObjectNode calibration(String marketFile) {
        ObjectNode r = object();
        r.set("market", market(marketFile));
        r.putObject("heston").put("v0", 0.01).put("kappa", 1.5).put("theta", 0.01).put("xi", 0.3).put("rho", -0.4);
        r.putObject("roundTrip").put("enabled", false);
        return r;
    }

    @Test
    void leverageMemoryIsBoundedBeforeTheJobStarts() {
        ObjectNode r = calibration("flat-10pct.json");
        r.put("particles", 16).put("timeStepDays", 1).put("maturity", 30.0).put("spotGridSize", 2000);
        assertThat(fieldError(post(JOBS, r), "spotGridSize")).contains("limit is 2500000");
    }

    @Test
    void leverageBoundsAreConfigurableCountedAndValidated() {
        ObjectNode r = calibration("eurusd-2018-03-15.json");
        r.put("particles", 2048).put("maturity", 1.0).put("spotGridSize", 50);
        r.putObject("leverage").put("floor", 0.95).put("cap", 1.05);
        JsonNode job = json(post(JOBS + "?wait=true", r));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        JsonNode d = job.get("result").get("diagnostics");
        // a tight clip on a skewed market must bite, and every clipped grid point is counted
        assertThat(d.get("leverageFloored").asLong() + d.get("leverageCapped").asLong()).isGreaterThan(0);
        for (JsonNode v : job.get("result").get("leverage").get("values")) {
            for (JsonNode l : v) {
                assertThat(l.asDouble()).isBetween(0.95, 1.05);
            }
        }
        ObjectNode bad = calibration("eurusd-2018-03-15.json");
        bad.putObject("leverage").put("floor", 0.0).put("cap", 0.5);
        HttpResponse<String> resp = post(JOBS, bad);
        assertThat(fieldError(resp, "leverage.floor")).contains("(0, 1]");
        assertThat(fieldError(resp, "leverage.cap")).contains("[1, 100]");
    }

    @Test
    void oneWorkBudgetForCalibrationAndRoundTrip() {
        // 20,000 particles to 6Y (test budget 5·10⁸, ApiTestSupport): the calibration alone fits, with the default
        // round trip it is over, and the round trip is the larger part
        ObjectNode r = calibration("flat-10pct.json");
        r.put("particles", 20_000).put("timeStepDays", 5).put("maturity", 6.0).put("spotGridSize", 10);
        r.put("mixing", 1.5); // invalid on purpose: a 400 naming only mixing shows the work check passed
        JsonNode alone = problem(post(JOBS, r), 400);
        assertThat(alone.get("errors")).as(alone.toString()).hasSize(1);
        assertThat(alone.get("errors").get(0).get("field").asString()).isEqualTo("mixing");
        r.put("mixing", 0.66);
        r.putObject("roundTrip").put("enabled", true);
        assertThat(fieldError(post(JOBS, r), "roundTrip.paths")).contains("over the job budget 500,000,000");
        // a tiny calibration with a huge round trip is refused on the round trip's field
        ObjectNode rt = calibration("flat-10pct.json");
        rt.put("particles", 16).put("timeStepDays", 1).put("maturity", 20.0);
        rt.putObject("roundTrip").put("enabled", true).put("paths", 1_000_000);
        assertThat(fieldError(post(JOBS, rt), "roundTrip.paths")).contains("over the job budget");
    }

    @Test
    void theStepCountBoundsTheEnginesOwn() {
        ObjectNode r = calibration("eurusd-2018-03-15.json");
        // 10,000 particles: the engine then propagates on 5 sub-steps per regression step, the most it ever uses,
        // so the lower bound below shows the validator's count is tight, not just an upper bound
        r.put("particles", 10_000).put("timeStepDays", 7).put("maturity", 1.3).put("spotGridSize", 20);
        r.putObject("roundTrip").put("enabled", true).put("paths", 2000);
        HttpResponse<String> resp = post(JOBS + "?wait=true", r);
        JsonNode job = json(resp);
        assertThat(job.get("status").asString()).as(resp.body()).isEqualTo("SUCCEEDED");
        // round-trip points carry every API.md field that applies (quoted points a delta, priced ones modelVol and
        // errorBps; never a null); the ATM delta comes from the surface's quoted deltas
        int atm = 0;
        for (JsonNode p : job.get("result").get("diagnostics").get("roundTrip").get("points")) {
            for (String field : new String[] {"expiry", "strike", "delta", "marketVol", "priced"}) {
                assertThat(p.has(field)).as(field + " in " + p).isTrue();
            }
            assertThat(p.has("modelVol") && p.has("errorBps")).as(p.toString())
                    .isEqualTo(p.get("priced").asBoolean());
            if (p.get("label").asString().endsWith("ATM")) {
                atm++;
                assertThat(p.get("delta").asDouble()).as(p.toString()).isBetween(0.45, 0.6);
            }
        }
        assertThat(atm).isGreaterThan(3);
        long engine = job.get("result").get("diagnostics").get("pathSteps").asLong() / 10_000;
        double[] expiries = CalibrationRequestValidator.expiryTimes(
                tools.jackson.databind.json.JsonMapper.builder().build().treeToValue(market("eurusd-2018-03-15.json"),
                        com.fxdesk.slv.web.market.MarketDto.class));
        double kappa = job.get("result").get("mixedHeston").get("kappa").asDouble();
        double volOfVol = job.get("result").get("mixedHeston").get("xi").asDouble();
        // the validator's count (every κ, the finest step growth) bounds the engine's; with the fitted κ and ηξ and no
        // steepness bound (EURUSD's ½|ρ|ξ√(Δ/θ) is under it) it is the engine's exactly
        var p = SlvCalibrationInput.Particles.DEFAULTS.withCount(10_000).withTimeStepDays(7);
        assertThat(engine).isLessThanOrEqualTo(SlvCalibrationInput.gridSize(1.3, 7, 10_000, expiries,
                Double.POSITIVE_INFINITY).steps()).isEqualTo(SlvCalibrationInput.gridSize(1.3, p, expiries,
                kappa, volOfVol, Double.POSITIVE_INFINITY).steps());
    }

    private static ObjectNode longOneTouch(double timeStepDays) {
        ObjectNode r = object();
        r.set("market", market("flat-10pct.json"));
        r.putArray("models").add("HESTON");
        r.putObject("heston").put("v0", 0.01).put("kappa", 1.0).put("theta", 0.01).put("xi", 0.2).put("rho", 0.0);
        r.putArray("products").addObject().put("type", "ONE_TOUCH").put("direction", "UP").put("barrier", 1.5)
                .put("maturity", 30.0);
        r.putObject("monteCarlo").put("paths", 2).put("timeStepDays", timeStepDays);
        return r;
    }

    @Test
    void pricingMonteCarloStepsAreBounded() {
        assertThat(fieldError(post("/api/v1/pricing", longOneTouch(0.0006)), "monteCarlo.timeStepDays"))
                .contains("[0.25, 365]");
        assertThat(fieldError(post("/api/v1/pricing", longOneTouch(0.25)), "monteCarlo.timeStepDays"))
                .contains("limit is 20000");
    }

    /** A market the surface builder refuses is refused before a job is queued, naming the pillar. */
    @Test
    void unbuildableMarketIsA422NamingThePillarNotAFailedJob() {
        ObjectNode r = calibration("eurusd-2018-03-15.json");
        ((ObjectNode) r.get("market").get("volatility").get("quotes").get("pillars").get(3)).put("bf25", 0.2);
        HttpResponse<String> resp = post(JOBS, r);
        JsonNode body = problem(resp, 422);
        assertThat(body.get("errors").get(0).get("field").asString())
                .isEqualTo("market.volatility.quotes.pillars[3]");
        // the engine's MarketDataException carries the field: every endpoint that builds the surface names it
        ObjectNode surface = object();
        surface.set("market", r.get("market"));
        assertThat(problem(post("/api/v1/volatility/surface", surface), 422).get("errors").get(0).get("field")
                .asString()).isEqualTo("market.volatility.quotes.pillars[3]");
    }
}
