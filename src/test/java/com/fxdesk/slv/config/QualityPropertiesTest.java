package com.fxdesk.slv.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fxdesk.slv.calibration.QualityVerdict.Thresholds;
import org.junit.jupiter.api.Test;

class QualityPropertiesTest {

    @Test
    void unsetThresholdsAreTheEnginesAndSetOnesReplaceThem() {
        Thresholds d = Thresholds.defaults();
        assertEquals(d, new QualityProperties(null, null, null, null, null).thresholds());
        assertEquals(new Thresholds(d.resolutionBps(), 2.0, d.passMaxBps(), d.failRmsBps(), 30.0),
                new QualityProperties(null, 2.0, null, null, 30.0).thresholds());
    }
}
