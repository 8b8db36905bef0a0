package com.fxdesk.slv.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fxdesk.slv.calibration.QualityVerdict;
import com.fxdesk.slv.montecarlo.McConfig;
import com.fxdesk.slv.pipeline.SlvSettings;
import com.fxdesk.slv.regression.EstimatorConfig;
import com.fxdesk.slv.web.calibrations.CalibrationRequest;
import com.fxdesk.slv.web.pricing.PricingRequest;
import com.fxdesk.slv.web.regression.EstimatorDto;
import io.swagger.v3.oas.annotations.media.Schema;
import org.junit.jupiter.api.Test;

/**
 * The defaults the API documents (@Schema defaultValue, hence openapi.yaml) are the engine's own: the engine is
 * their one home, the annotations only repeat them, and this test keeps the two from drifting.
 */
class DocumentedDefaultsTest {

    private static double documented(Class<?> type, String component) throws NoSuchFieldException {
        Schema s = type.getDeclaredField(component).getAnnotation(Schema.class);
        assertThat(s).as(type.getSimpleName() + "." + component).isNotNull();
        return Double.parseDouble(s.defaultValue());
    }

    @Test
    void calibrationAndInlinePricingSettingsDocumentTheEnginesDefaults() throws Exception {
        SlvSettings d = SlvSettings.defaults();
        for (Class<?> c : new Class<?>[] {CalibrationRequest.class, PricingRequest.SlvSettings.class}) {
            assertThat(documented(c, "particles")).isEqualTo(d.particles());
            assertThat(documented(c, "timeStepDays")).isEqualTo(d.timeStepDays());
            assertThat(documented(c, "spotGridSize")).isEqualTo(d.spotGridSize());
            assertThat(documented(c, "seed")).isEqualTo(d.seed());
        }
        assertThat(documented(CalibrationRequest.class, "mixing")).isEqualTo(d.mixing());
        assertThat(documented(PricingRequest.class, "mixing")).isEqualTo(d.mixing());
        assertThat(documented(CalibrationRequest.RoundTrip.class, "paths")).isEqualTo(d.roundTripPaths());
        assertThat(documented(CalibrationRequest.RoundTrip.class, "resolutionBps"))
                .isEqualTo(QualityVerdict.Thresholds.defaults().resolutionBps());
        assertThat(documented(CalibrationRequest.RoundTrip.class, "targetStdErrorBps"))
                .isEqualTo(com.fxdesk.slv.calibration.RoundTripConfig.TARGET_MARGIN
                        * QualityVerdict.Thresholds.defaults().resolutionBps());
        assertThat(documented(CalibrationRequest.RoundTrip.class, "maxExtraWorkFactor"))
                .isEqualTo(com.fxdesk.slv.calibration.RoundTripConfig.DEFAULT_EXTRA_WORK_FACTOR);
        assertThat(documented(CalibrationRequest.Leverage.class, "floor")).isEqualTo(d.leverageFloor());
        assertThat(documented(CalibrationRequest.Leverage.class, "cap")).isEqualTo(d.leverageCap());
    }

    @Test
    void monteCarloAndEstimatorDocumentTheEnginesDefaults() throws Exception {
        McConfig mc = McConfig.defaults();
        assertThat(documented(PricingRequest.MonteCarlo.class, "paths")).isEqualTo(mc.paths());
        assertThat(documented(PricingRequest.MonteCarlo.class, "timeStepDays")).isEqualTo(mc.timeStepDays());
        assertThat(documented(PricingRequest.MonteCarlo.class, "seed")).isEqualTo(mc.seed());
        EstimatorConfig e = EstimatorConfig.defaults();
        assertThat(documented(EstimatorDto.class, "lambda")).isEqualTo(e.lambda());
        assertThat(documented(EstimatorDto.class, "units")).isEqualTo(e.units());
        assertThat(documented(EstimatorDto.class, "seed")).isEqualTo(e.seed());
        assertThat(documented(EstimatorDto.Width.class, "k")).isEqualTo(e.width().k());
        assertThat(documented(EstimatorDto.Width.class, "scale")).isEqualTo(e.width().scale());
        assertThat(documented(EstimatorDto.Pruning.class, "theta")).isEqualTo(e.pruning().theta());
    }
}
