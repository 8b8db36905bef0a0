package com.fxdesk.slv.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

/**
 * Cody's erfc against 30-digit values (mpmath) and against the continued-fraction erfc of commons-math (the former
 * implementation of Φ, itself only ~3e-15 relative: at x = 0.99567 it is 2.8e-15 off, Cody 4e-16).
 */
class NormalTest {

    @Test
    void erfcMatchesHighPrecisionValues() {
        double[][] ref = {{0.3, 0.67137324054087257236}, {1, 0.15729920705028513066}, {2.5, 0.00040695201744495893956},
            {5, 1.5374597944280348502e-12}, {10, 2.088487583762544757e-45}, {20, 5.3958656116079009289e-176}};
        for (double[] r : ref) {
            assertEquals(r[1], Normal.erfc(r[0]), 1e-15 * r[1], "x=" + r[0]);
            assertEquals(2 - r[1], Normal.erfc(-r[0]), 1e-15, "x=" + -r[0]);
        }
    }

    @Test
    void erfcMatchesTheFormerImplementationToRelative1e14() {
        double worst = 0;
        for (double x = -6; x <= 5; x += 0.00731) { // beyond, commons-math loses digits (1.4e-14 at 8)
            double ref = Erf.erfc(x);
            double got = Normal.erfc(x);
            worst = Math.max(worst, Math.abs(got - ref) / ref);
            assertEquals(ref, got, 1e-14 * ref, "x=" + x);
        }
        System.out.println("erfc: worst relative difference to commons-math " + worst);
    }

    /** Φ deep in the tail, where e^{−y²} of the rounded y = x/√2 alone would cost 1.5e-13 (x = −37): 30-digit values. */
    @Test
    void cdfMatchesHighPrecisionValuesInTheTail() {
        double[][] ref = {{-37.0470962993612005220711580477654933929443359375, 9.999999999999523654740e-301},
            {-20, 2.753624118606233695075e-89}, {-8.5, 9.479534822203318354151e-18}, {-3, 0.001349898031630094526652},
            {1.5, 0.9331927987311419339955}};
        for (double[] r : ref) {
            assertEquals(r[1], Normal.cdf(r[0]), 2e-15 * r[1], "x=" + r[0]);
        }
    }

    @Test
    void cdfTailsAndSymmetry() {
        assertEquals(0.5, Normal.cdf(0), 0);
        assertEquals(1.2815515655446004, InverseCdfProbe.root(0.9), 1e-12);
        for (double x = 0; x < 37; x += 0.37) {
            assertEquals(1.0, Normal.cdf(-x) + Normal.cdf(x), 2e-16);
        }
        assertEquals(7.61985302416047e-24, Normal.cdf(-10), 1e-14 * 7.61985302416047e-24);
    }

    /** Φ⁻¹ by bisection: a known quantile checks the scaling by √2. */
    private static final class InverseCdfProbe {
        static double root(double p) {
            double lo = -10;
            double hi = 10;
            for (int i = 0; i < 200; i++) {
                double m = 0.5 * (lo + hi);
                if (Normal.cdf(m) < p) {
                    lo = m;
                } else {
                    hi = m;
                }
            }
            return 0.5 * (lo + hi);
        }
    }
}
