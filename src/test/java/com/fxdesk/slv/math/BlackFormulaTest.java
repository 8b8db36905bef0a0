package com.fxdesk.slv.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BlackFormulaTest {

    @Test
    void fastNormalCdfAgreesWithErfcVersion() {
        double maxErr = 0;
        for (double x = -40; x <= 40; x += 0.001) {
            maxErr = Math.max(maxErr, Math.abs(Normal.cdfFast(x) - Normal.cdf(x)));
        }
        assertTrue(maxErr < 1e-14, "max abs error " + maxErr);
        assertEquals(0.5, Normal.cdf(0), 1e-16);
        assertEquals(0.8413447460685429, Normal.cdf(1), 1e-15);
    }

    @Test
    void putCallParity() {
        double f = 1.25;
        double df = 0.97;
        for (double k : new double[] {0.8, 1.0, 1.25, 1.6}) {
            double c = BlackFormula.price(true, f, k, 2.0, 0.11, df);
            double p = BlackFormula.price(false, f, k, 2.0, 0.11, df);
            assertEquals(df * (f - k), c - p, 1e-15);
        }
    }

    @Test
    void impliedVolRoundTrip() {
        double f = 1.2346;
        for (double t : new double[] {0.02, 0.5, 5, 10}) {
            for (double vol : new double[] {0.03, 0.08, 0.25, 0.8}) {
                for (double z : new double[] {-3, -1, 0, 1, 3}) {
                    double k = f * Math.exp(z * vol * Math.sqrt(t));
                    for (boolean call : new boolean[] {true, false}) {
                        double price = BlackFormula.price(call, f, k, t, vol, 0.9);
                        double iv = BlackFormula.impliedVol(call, f, k, t, price, 0.9);
                        assertEquals(vol, iv, 1e-10 * Math.max(1, 1 / (price / f * 1e6)),
                                "t=" + t + " vol=" + vol + " z=" + z + " call=" + call);
                    }
                }
            }
        }
    }

    @Test
    void impliedVolOutsideBoundsIsNaN() {
        assertTrue(Double.isNaN(BlackFormula.impliedVol(true, 1.0, 1.0, 1.0, 1.5, 1.0)));
        assertTrue(Double.isNaN(BlackFormula.impliedVol(true, 1.0, 0.8, 1.0, 0.1, 1.0)));
    }
}
