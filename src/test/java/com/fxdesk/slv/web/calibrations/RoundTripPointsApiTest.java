package com.fxdesk.slv.web.calibrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fxdesk.slv.calibration.RoundTripResult;
import com.fxdesk.slv.web.ApiTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Round-trip points without a price or without a standard error: they carry no modelVol, errorBps, stdErrorBps or
 * zScore at all (absent, not null) and are unresolved; and a round trip too small for its control-variate regression
 * is refused up front with a 400 naming roundTrip.paths.
 */
class RoundTripPointsApiTest extends ApiTestSupport {

    @Test
    void fewerRoundTripPathsThanTheRegressionNeedsAreA400NamingTheField() {
        ObjectNode r = object();
        r.set("market", market("flat-10pct.json"));
        r.putObject("heston").put("v0", 0.01).put("kappa", 1.5).put("theta", 0.01).put("xi", 0.3).put("rho", -0.4);
        r.put("mixing", 0.66).put("particles", 1024).put("timeStepDays", 7).put("spotGridSize", 30)
                .put("maturity", 0.5);
        r.putObject("roundTrip").put("enabled", true).put("paths", 16);
        assertThat(fieldError(post("/api/v1/calibrations", r), "roundTrip.paths")).contains("between 1000 and");
    }

    @Test
    void extraPathSettingsOutOfRangeAreA400NamingTheField() {
        ObjectNode r = object();
        r.set("market", market("flat-10pct.json"));
        r.putObject("heston").put("v0", 0.01).put("kappa", 1.5).put("theta", 0.01).put("xi", 0.3).put("rho", -0.4);
        r.put("mixing", 0.66).put("particles", 1024).put("timeStepDays", 7).put("spotGridSize", 30)
                .put("maturity", 0.5);
        r.putObject("roundTrip").put("maxExtraWorkFactor", 21.0);
        assertThat(fieldError(post("/api/v1/calibrations", r), "roundTrip.maxExtraWorkFactor")).contains("[0, 20]");
        r.putObject("roundTrip").put("targetStdErrorBps", -1.0);
        assertThat(fieldError(post("/api/v1/calibrations", r), "roundTrip.targetStdErrorBps")).contains("[0, 1000]");
    }

    /** The service's extra paths: aimed at 0.9 × its threshold unless asked, within the job's whole budget. */
    @Test
    void extraPathsAimBelowTheServiceThresholdWithinTheJobBudget() {
        var a = SlvCalibrationService.adaptive(null, 1.0, 2_500_000_000L);
        assertThat(a.targetStdErrorBps()).isEqualTo(0.9);
        assertThat(a.maxExtraWorkFactor()).isEqualTo(4.0);
        assertThat(a.workBudget()).isEqualTo(2_500_000_000L);
        var asked = SlvCalibrationService.adaptive(new CalibrationRequest.RoundTrip(null, null, null, 0.5, 0.0), 1.0,
                7L);
        assertThat(asked.targetStdErrorBps()).isEqualTo(0.5);
        assertThat(asked.on()).isFalse();
    }

    @Test
    void unpricedPointsAndPointsWithoutStandardErrorOmitThoseFields() {
        JsonMapper mapper = JsonMapper.builder().build();
        RoundTripResult.Point unpriced = new RoundTripResult.Point(0.5, 0.8, "6M 10P", false, 0.1, Double.NaN,
                Double.NaN, Double.NaN, 0.0);
        RoundTripResult.Point noSe = new RoundTripResult.Point(0.5, 1.0, "6M ATM", true, 0.1, 0.101, 10.0,
                Double.NaN, 0.02);
        JsonNode a = mapper.valueToTree(CalibrationResultView.point(null, unpriced, 1.0));
        for (String absent : new String[] {"modelVol", "errorBps", "stdErrorBps", "zScore"}) {
            assertThat(a.has(absent)).as(absent + " in " + a).isFalse();
        }
        assertThat(a.get("priced").asBoolean()).isFalse();
        assertThat(a.get("resolved").asBoolean()).isFalse();
        JsonNode b = mapper.valueToTree(CalibrationResultView.point(null, noSe, 1.0));
        assertThat(b.get("priced").asBoolean()).isTrue();
        assertThat(b.get("modelVol").asDouble()).isEqualTo(0.101);
        assertThat(b.has("stdErrorBps") || b.has("zScore")).as(b.toString()).isFalse();
        assertThat(b.get("resolved").asBoolean()).as("no standard error: not resolved").isFalse();
    }
}
