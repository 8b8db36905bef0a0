package com.fxdesk.slv.web.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fxdesk.slv.pipeline.SlvSettings;
import com.fxdesk.slv.web.calibrations.CalibrationRequest;
import org.junit.jupiter.api.Test;

/** Inline SLV pricing settles its settings by the calibration job's rule: what is given is kept, the rest defaults. */
class InlineSettingsTest {

    @Test
    void givenFieldsAndLeverageBoundsAreKeptAndTheHorizonCoversTheProducts() {
        SlvSettings d = SlvSettings.defaults();
        SlvSettings none = PricingService.inlineSettings(null, 1.5);
        assertThat(none).isEqualTo(SlvSettings.of(null, null, null, null, 1.5, null, null, null, false, null, null,
                null));
        PricingRequest.SlvSettings c = new PricingRequest.SlvSettings(4096, null, null, null, 9L, 1.0, null, null,
                null, null, new CalibrationRequest.Leverage(0.2, 4.0));
        SlvSettings s = PricingService.inlineSettings(c, 1.5);
        assertThat(s.particles()).isEqualTo(4096);
        assertThat(s.seed()).isEqualTo(9L);
        assertThat(s.maturity()).isEqualTo(1.5); // the calibration's 1.0 does not cover the 1.5-year product
        assertThat(s.leverageFloor()).isEqualTo(0.2);
        assertThat(s.leverageCap()).isEqualTo(4.0);
        assertThat(s.timeStepDays()).isEqualTo(d.timeStepDays());
        assertThat(s.roundTrip()).isFalse();
    }
}
