package com.fxdesk.slv.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RateCurveTest {

    private final RateCurve curve = RateCurve.of(new double[] {0.5, 1.0, 2.0}, new double[] {0.01, 0.02, 0.03});

    @Test
    void reproducesPillarsAndIsLinearInRateTimesTime() {
        assertEquals(0.02, curve.zeroRate(1.0), 1e-15);
        // halfway between 1Y (rt = 0.02) and 2Y (rt = 0.06): rt = 0.04
        assertEquals(0.04, curve.integratedRate(1.5), 1e-15);
        assertEquals(Math.exp(-0.04), curve.discountFactor(1.5), 1e-15);
        // piecewise-flat forwards: the forward over [1, 2] is (0.06 - 0.02) / 1
        assertEquals(0.04, curve.forwardRate(1.0, 1.5), 1e-14);
        assertEquals(0.04, curve.forwardRate(1.2, 2.0), 1e-14);
    }

    @Test
    void flatZeroRateBeyondTheEnds() {
        assertEquals(0.01, curve.zeroRate(0.1), 1e-15);
        assertEquals(0.03, curve.zeroRate(7.0), 1e-15);
        assertEquals(1.0, curve.discountFactor(0.0), 0.0);
    }

    @Test
    void rejectsNonIncreasingTimes() {
        assertThrows(IllegalArgumentException.class, () -> RateCurve.of(new double[] {1, 1}, new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> RateCurve.of(new double[] {0}, new double[] {0}));
    }

    @Test
    void forwardFromCurves() {
        FxMarket m = new FxMarket("EURUSD", LocalDate.of(2018, 3, 15), 1.2, RateCurve.flat(0.02), RateCurve.flat(-0.01));
        assertEquals(1.2 * Math.exp(0.03 * 2), m.forward(2.0), 1e-14);
        assertEquals(0.03, m.drift(0.3, 0.7), 1e-14);
    }
}
