package com.fxdesk.slv.pricing.analytic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.market.RateCurve;
import com.fxdesk.slv.math.BlackFormula;
import com.fxdesk.slv.pricing.BarrierDirection;
import com.fxdesk.slv.pricing.BarrierType;
import com.fxdesk.slv.pricing.OptionType;
import com.fxdesk.slv.pricing.PayAt;
import com.fxdesk.slv.pricing.Product;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Parities, limits and edge cases; the values themselves are checked against QuantLib in the reference test. */
class BlackScholesAnalyticTest {

    /** spot, rd, rf, vol, maturity: rd ≠ rf of both signs, negative rates, short and long, low and high vol. */
    static final double[][] MARKETS = {
            {1.2346, 0.0213, -0.0033, 0.07, 0.5},
            {106.2, -0.0010, 0.0230, 0.12, 2.0},
            {4.05, 0.0650, -0.0030, 0.25, 5.0},
            {0.9, 0.0, 0.0, 0.10, 1.0},
            {1.5, 0.10, 0.01, 0.05, 10.0},
            {1.5, -0.02, 0.03, 0.30, 0.02},
    };

    static double tol(double scale) {
        return 1e-13 * Math.max(1.0, scale);
    }

    @Test
    void putCallParity() {
        for (double[] m : MARKETS) {
            double s = m[0], rd = m[1], rf = m[2], vol = m[3], t = m[4];
            for (double k : new double[] {0.7 * s, s, 1.4 * s}) {
                double c = BlackScholesAnalytic.european(true, s, k, t, rd, rf, vol);
                double p = BlackScholesAnalytic.european(false, s, k, t, rd, rf, vol);
                assertEquals(Math.exp(-rf * t) * s - Math.exp(-rd * t) * k, c - p, tol(s));
            }
        }
    }

    @Test
    void digitalCallPlusPutIsDiscountFactor() {
        for (double[] m : MARKETS) {
            double s = m[0], rd = m[1], rf = m[2], vol = m[3], t = m[4];
            for (double k : new double[] {0.7 * s, s, 1.4 * s}) {
                double c = BlackScholesAnalytic.digital(true, s, k, t, rd, rf, vol);
                double p = BlackScholesAnalytic.digital(false, s, k, t, rd, rf, vol);
                assertEquals(Math.exp(-rd * t), c + p, 1e-15);
            }
        }
    }

    @Test
    void digitalIsMinusStrikeDerivativeOfCall() {
        double s = 1.2346, rd = 0.0213, rf = -0.0033, vol = 0.09, t = 1.5, k = 1.3, h = 1e-5;
        double fd = -(BlackScholesAnalytic.european(true, s, k + h, t, rd, rf, vol)
                - BlackScholesAnalytic.european(true, s, k - h, t, rd, rf, vol)) / (2 * h);
        assertEquals(fd, BlackScholesAnalytic.digital(true, s, k, t, rd, rf, vol), 1e-9);
    }

    @Test
    void oneTouchAtMaturityPlusNoTouchIsDiscountFactor() {
        for (double[] m : MARKETS) {
            double s = m[0], rd = m[1], rf = m[2], vol = m[3], t = m[4];
            double sd = vol * Math.sqrt(t);
            for (double dist : new double[] {0.01, 0.5, 1.5, 4.0}) {
                for (BarrierDirection dir : BarrierDirection.values()) {
                    double b = s * Math.exp((dir == BarrierDirection.UP ? 1 : -1) * dist * sd);
                    double ot = BlackScholesAnalytic.oneTouch(dir, PayAt.MATURITY, s, b, t, rd, rf, vol);
                    double nt = BlackScholesAnalytic.noTouch(dir, s, b, t, rd, rf, vol);
                    assertEquals(Math.exp(-rd * t), ot + nt, 1e-14, dir + " dist " + dist);
                    assertTrue(ot >= 0 && nt >= 0);
                }
            }
        }
    }

    @Test
    void knockInPlusKnockOutIsVanilla() {
        for (double[] m : MARKETS) {
            double s = m[0], rd = m[1], rf = m[2], vol = m[3], t = m[4];
            double sd = vol * Math.sqrt(t);
            for (boolean up : new boolean[] {true, false}) {
                double b = s * Math.exp((up ? 1 : -1) * 0.8 * sd);
                BarrierType in = up ? BarrierType.UP_AND_IN : BarrierType.DOWN_AND_IN;
                BarrierType out = up ? BarrierType.UP_AND_OUT : BarrierType.DOWN_AND_OUT;
                // strikes on both sides of the barrier and of spot exercise all eight formula branches
                for (double k : new double[] {0.6 * s, 0.95 * s, s, 1.05 * s, 1.6 * s, b}) {
                    for (boolean call : new boolean[] {true, false}) {
                        double vanilla = BlackScholesAnalytic.european(call, s, k, t, rd, rf, vol);
                        double ki = BlackScholesAnalytic.barrier(call, in, s, k, b, t, rd, rf, vol);
                        double ko = BlackScholesAnalytic.barrier(call, out, s, k, b, t, rd, rf, vol);
                        assertEquals(vanilla, ki + ko, tol(s), "up=" + up + " k=" + k + " call=" + call);
                        assertTrue(ki >= 0 && ko >= 0 && ki <= vanilla + tol(s) && ko <= vanilla + tol(s));
                    }
                }
            }
        }
    }

    @Test
    void barrierPricesAreContinuousWhereStrikeCrossesBarrier() {
        double s = 1.2346, rd = 0.0213, rf = -0.0033, vol = 0.1, t = 1.0;
        for (BarrierType type : BarrierType.values()) {
            double b = type.isUp() ? 1.35 : 1.15;
            for (boolean call : new boolean[] {true, false}) {
                double below = BlackScholesAnalytic.barrier(call, type, s, b * (1 - 1e-10), b, t, rd, rf, vol);
                double above = BlackScholesAnalytic.barrier(call, type, s, b * (1 + 1e-10), b, t, rd, rf, vol);
                assertEquals(below, above, 1e-9, type + " call=" + call);
            }
        }
    }

    @Test
    void knockOutVanishesAndTouchPaysAsSpotApproachesBarrier() {
        double rd = 0.03, rf = 0.01, vol = 0.1, t = 1.0, b = 1.3;
        double s = b * (1 - 1e-9);
        assertEquals(0.0, BlackScholesAnalytic.barrier(true, BarrierType.UP_AND_OUT, s, 1.2, b, t, rd, rf, vol), 1e-8);
        assertEquals(BlackScholesAnalytic.european(false, s, 1.2, t, rd, rf, vol),
                BlackScholesAnalytic.barrier(false, BarrierType.UP_AND_IN, s, 1.2, b, t, rd, rf, vol), 1e-8);
        assertEquals(1.0, BlackScholesAnalytic.oneTouch(BarrierDirection.UP, PayAt.HIT, s, b, t, rd, rf, vol), 1e-7);
        assertEquals(Math.exp(-rd * t),
                BlackScholesAnalytic.oneTouch(BarrierDirection.UP, PayAt.MATURITY, s, b, t, rd, rf, vol), 1e-7);
        assertEquals(0.0, BlackScholesAnalytic.doubleNoTouch(s, 1.0, b, t, rd, rf, vol), 1e-7);
    }

    @Test
    void barrierAlreadyBreachedAtStart() {
        double rd = 0.02, rf = 0.01, vol = 0.1, t = 1.0, dfd = Math.exp(-rd * t);
        for (double s : new double[] {1.3, 1.31}) { // at and beyond an up barrier 1.3
            double b = 1.3;
            for (boolean call : new boolean[] {true, false}) {
                double vanilla = BlackScholesAnalytic.european(call, s, 1.25, t, rd, rf, vol);
                assertEquals(0.0, BlackScholesAnalytic.barrier(call, BarrierType.UP_AND_OUT, s, 1.25, b, t, rd, rf, vol));
                assertEquals(vanilla, BlackScholesAnalytic.barrier(call, BarrierType.UP_AND_IN, s, 1.25, b, t, rd, rf, vol));
            }
            assertEquals(1.0, BlackScholesAnalytic.oneTouch(BarrierDirection.UP, PayAt.HIT, s, b, t, rd, rf, vol));
            assertEquals(dfd, BlackScholesAnalytic.oneTouch(BarrierDirection.UP, PayAt.MATURITY, s, b, t, rd, rf, vol));
            assertEquals(0.0, BlackScholesAnalytic.noTouch(BarrierDirection.UP, s, b, t, rd, rf, vol));
            assertEquals(0.0, BlackScholesAnalytic.doubleNoTouch(s, 1.1, b, t, rd, rf, vol));
        }
        double s = 1.1; // at and below a down barrier 1.1
        assertEquals(0.0, BlackScholesAnalytic.barrier(false, BarrierType.DOWN_AND_OUT, s, 1.2, 1.1, t, rd, rf, vol));
        assertEquals(BlackScholesAnalytic.european(false, s, 1.2, t, rd, rf, vol),
                BlackScholesAnalytic.barrier(false, BarrierType.DOWN_AND_IN, s, 1.2, 1.1, t, rd, rf, vol));
        assertEquals(1.0, BlackScholesAnalytic.oneTouch(BarrierDirection.DOWN, PayAt.HIT, 1.05, 1.1, t, rd, rf, vol));
        assertEquals(0.0, BlackScholesAnalytic.noTouch(BarrierDirection.DOWN, 1.05, 1.1, t, rd, rf, vol));
        assertEquals(0.0, BlackScholesAnalytic.doubleNoTouch(1.1, 1.1, 1.3, t, rd, rf, vol));
        // through the Product API, with notional
        Product.OneTouch ot = new Product.OneTouch("ot", BarrierDirection.DOWN, 1.2, t, PayAt.MATURITY, 1e6, null);
        assertEquals(1e6 * dfd, BlackScholesAnalytic.price(ot, 1.15, rd, rf, vol), 1e-8);
    }

    @Test
    void payAtHitEqualsPayAtMaturityWithZeroRateAndOrdersWithItsSign() {
        for (double[] m : MARKETS) {
            double s = m[0], rf = m[2], vol = m[3], t = m[4];
            for (BarrierDirection dir : BarrierDirection.values()) {
                double b = s * Math.exp((dir == BarrierDirection.UP ? 1 : -1) * vol * Math.sqrt(t));
                double hit0 = BlackScholesAnalytic.oneTouch(dir, PayAt.HIT, s, b, t, 0.0, rf, vol);
                double mat0 = BlackScholesAnalytic.oneTouch(dir, PayAt.MATURITY, s, b, t, 0.0, rf, vol);
                assertEquals(mat0, hit0, 1e-14);
                double hitPos = BlackScholesAnalytic.oneTouch(dir, PayAt.HIT, s, b, t, 0.03, rf, vol);
                double matPos = BlackScholesAnalytic.oneTouch(dir, PayAt.MATURITY, s, b, t, 0.03, rf, vol);
                assertTrue(hitPos > matPos, "paid earlier is worth more when rd > 0");
            }
        }
    }

    @Test
    void payAtHitIntegrationAgreesWithClosedForm() {
        // the integral is only used when γ² = ν² + 2 rd σ² < 0; check it where the closed form also applies
        double[][] cases = {{0.05, 0.02, 0.1, 1.0, 0.03}, {0.2, -0.01, 0.15, 2.0, 0.01}, {0.1, 0.0, 0.08, 0.5, -0.001},
                {0.3, 0.04, 0.25, 5.0, 0.05}};
        for (double[] c : cases) {
            double h = c[0], nu = c[1], vol = c[2], t = c[3], r = c[4];
            double closed = BlackScholesAnalytic.oneTouch(BarrierDirection.UP, PayAt.HIT, 1.0, Math.exp(h), t,
                    r, r - nu - 0.5 * vol * vol, vol);
            assertEquals(closed, BlackScholesAnalytic.payAtHitByIntegration(h, nu, vol, t, r), 1e-13 * closed);
        }
    }

    @Test
    void payAtHitIsContinuousAcrossNegativeDiscriminant() {
        // rd < 0: γ² = ν² + 2 rd σ² changes sign at ν = γ0 = √(−2 rd σ²); below, the integral is used
        double s = 1.0, b = 1.1, t = 2.0, vol = 0.1, rd = -0.005;
        double rfAtZeroDrift = rd - 0.5 * vol * vol; // ν = rd − rf − σ²/2 = rfAtZeroDrift − rf
        double gamma0 = Math.sqrt(-2 * rd * vol * vol);
        double eps = 1e-7 * gamma0;
        double above = BlackScholesAnalytic.oneTouch(BarrierDirection.UP, PayAt.HIT, s, b, t, rd,
                rfAtZeroDrift - gamma0 - eps, vol);
        double at = BlackScholesAnalytic.oneTouch(BarrierDirection.UP, PayAt.HIT, s, b, t, rd,
                rfAtZeroDrift - gamma0, vol);
        double below = BlackScholesAnalytic.oneTouch(BarrierDirection.UP, PayAt.HIT, s, b, t, rd,
                rfAtZeroDrift - gamma0 + eps, vol);
        // smooth in ν: the integral branch continues the closed form linearly to 1e-12
        assertEquals(2 * at - above, below, 1e-12);
        double atZero = BlackScholesAnalytic.oneTouch(BarrierDirection.UP, PayAt.HIT, s, b, t, rd, rfAtZeroDrift, vol);
        assertTrue(Double.isFinite(atZero) && atZero > 0 && atZero < Math.exp(-rd * t));
        // with rd < 0 a later payment is worth more: pay at hit below pay at maturity
        assertTrue(atZero < BlackScholesAnalytic.oneTouch(BarrierDirection.UP, PayAt.MATURITY, s, b, t, rd,
                rfAtZeroDrift, vol));
    }

    @Test
    void doubleNoTouchFourierAndImageSeriesAgreeWithinTheirRoundingBounds() {
        int compared = 0;
        for (double nu : new double[] {-0.2, -0.01, 0.0, 0.03, 0.3}) {
            for (double vol : new double[] {0.05, 0.15, 0.4}) {
                for (double t : new double[] {0.05, 1.0, 5.0}) {
                    for (double zOverSd : new double[] {0.8, 2.0, 4.0, 8.0}) {
                        double z = zOverSd * vol * Math.sqrt(t);
                        for (double frac : new double[] {0.05, 0.3, 0.5, 0.9}) {
                            double x0 = frac * z;
                            double[] f = BlackScholesAnalytic.survivalFourier(x0, z, nu, vol, t, 1e-15);
                            double[] im = BlackScholesAnalytic.survivalImages(x0, z, nu, vol, t, 1e-15);
                            if (f == null || im == null) {
                                continue;
                            }
                            compared++;
                            double bound = 2e-15 + 64 * Math.ulp(1.0) * (f[1] + im[1]);
                            assertEquals(f[0], im[0], bound, nu + " " + vol + " " + t + " " + zOverSd + " " + frac);
                        }
                    }
                }
            }
        }
        assertTrue(compared > 500, "compared " + compared);
    }

    @Test
    void doubleNoTouchMatchesHighPrecisionValuesWithStrongDrift() {
        // {x0, Z, ν, σ, T, survival probability in 50-digit arithmetic (mpmath, image sum over |n| ≤ 80)};
        // here one of the two series loses up to 7e-9 to cancellation and must not be the one chosen
        double[][] cases = {
                {0.36, 0.4, -0.2, 0.05, 1.0, 0.99744044788747060795},
                {0.02, 0.4, 0.2, 0.05, 1.0, 0.95902769602333136371},
                {0.1, 0.25, -0.3, 0.04, 0.3, 0.63504078129406240242},
                {0.5, 1.0, 0.05, 0.1, 5.0, 0.80785222857028986444},
        };
        for (double[] c : cases) {
            double spot = 1.0, lower = Math.exp(-c[0]), upper = Math.exp(c[1] - c[0]);
            double rd = 0.01, vol = c[3], t = c[4], rf = rd - c[2] - 0.5 * vol * vol;
            double dnt = BlackScholesAnalytic.doubleNoTouch(spot, lower, upper, t, rd, rf, vol);
            assertEquals(c[5] * Math.exp(-rd * t), dnt, 1e-13, java.util.Arrays.toString(c));
        }
    }

    @Test
    void doubleNoTouchNeedsFewTermsAndTendsToSingleNoTouch() {
        double s = 1.2346, rd = 0.0213, rf = -0.0033, vol = 0.1, t = 1.0;
        for (double lowerDist : new double[] {0.02, 0.2, 1.0}) {
            for (double upperDist : new double[] {0.02, 0.2, 1.0}) {
                int[] terms = BlackScholesAnalytic.doubleNoTouchTerms(s, s * Math.exp(-lowerDist),
                        s * Math.exp(upperDist), t, rd, rf, vol);
                assertTrue(Math.min(terms[0], terms[1]) <= 12, "terms " + terms[0] + " " + terms[1]);
            }
        }
        // lower barrier 12 s.d. away: the DNT is the up no-touch
        double upper = 1.3;
        double far = s * Math.exp(-12 * vol * Math.sqrt(t));
        assertEquals(BlackScholesAnalytic.noTouch(BarrierDirection.UP, s, upper, t, rd, rf, vol),
                BlackScholesAnalytic.doubleNoTouch(s, far, upper, t, rd, rf, vol), 1e-14);
        double farUp = s * Math.exp(12 * vol * Math.sqrt(t));
        assertEquals(BlackScholesAnalytic.noTouch(BarrierDirection.DOWN, s, 1.15, t, rd, rf, vol),
                BlackScholesAnalytic.doubleNoTouch(s, 1.15, farUp, t, rd, rf, vol), 1e-14);
        // and it is below either single no-touch
        double dnt = BlackScholesAnalytic.doubleNoTouch(s, 1.15, upper, t, rd, rf, vol);
        assertTrue(dnt < BlackScholesAnalytic.noTouch(BarrierDirection.UP, s, upper, t, rd, rf, vol));
        assertTrue(dnt < BlackScholesAnalytic.noTouch(BarrierDirection.DOWN, s, 1.15, t, rd, rf, vol));
    }

    @Test
    void extremeInputsStayFiniteAndBounded() {
        // strong drift over small vol: (H/S)^{2μ} overflows a double unless evaluated in log space
        double s = 1.0, rd = 0.15, rf = -0.05, vol = 0.01, t = 10.0, dfd = Math.exp(-rd * t);
        for (double b : new double[] {0.5, 0.99, 1.01, 3.0, 20.0}) {
            BarrierDirection dir = b > s ? BarrierDirection.UP : BarrierDirection.DOWN;
            double ot = BlackScholesAnalytic.oneTouch(dir, PayAt.MATURITY, s, b, t, rd, rf, vol);
            double hit = BlackScholesAnalytic.oneTouch(dir, PayAt.HIT, s, b, t, rd, rf, vol);
            double nt = BlackScholesAnalytic.noTouch(dir, s, b, t, rd, rf, vol);
            assertTrue(ot >= 0 && ot <= dfd && hit >= 0 && hit <= 1 && Double.isFinite(nt), b + " " + ot + " " + hit);
            assertEquals(dfd, ot + nt, 1e-14);
            for (BarrierType type : BarrierType.values()) {
                if (type.isUp() != b > s) {
                    continue;
                }
                for (boolean call : new boolean[] {true, false}) {
                    double v = BlackScholesAnalytic.barrier(call, type, s, 1.1, b, t, rd, rf, vol);
                    assertTrue(Double.isFinite(v) && v >= 0, type + " " + b + " " + v);
                }
            }
        }
        double dnt = BlackScholesAnalytic.doubleNoTouch(s, 0.2, 30.0, t, rd, rf, vol);
        assertTrue(dnt >= 0 && dnt <= dfd);
    }

    @Test
    void productApiScalesByNotionalAndUsesCurveZeroRates() {
        double t = 1.5;
        RateCurve dom = RateCurve.of(new double[] {0.5, 1.0, 2.0}, new double[] {0.01, 0.02, 0.025});
        RateCurve fgn = RateCurve.of(new double[] {0.5, 1.0, 2.0}, new double[] {-0.003, 0.0, 0.004});
        FxMarket market = new FxMarket("EURUSD", LocalDate.of(2018, 3, 15), 1.2346, dom, fgn);
        Product.European call = new Product.European("c", OptionType.CALL, 1.25, t, 2.0, null);
        // European under term curves is exact: Black on the curve forward and discount factor
        double expected = 2.0 * BlackFormula.price(true, market.forward(t), 1.25, t, 0.09, market.domesticDf(t));
        assertEquals(expected, BlackScholesAnalytic.price(call, market, 0.09), 1e-14);
        Product.Digital dig = new Product.Digital("d", OptionType.PUT, 1.25, t, 3.0, null);
        assertEquals(3.0 * BlackScholesAnalytic.digital(false, 1.2346, 1.25, t, dom.zeroRate(t), fgn.zeroRate(t), 0.09),
                BlackScholesAnalytic.price(dig, market, 0.09), 1e-14);
        Product.DoubleNoTouch dnt = new Product.DoubleNoTouch("n", 1.15, 1.35, t, 5.0, null);
        assertEquals(5.0 * BlackScholesAnalytic.doubleNoTouch(1.2346, 1.15, 1.35, t, dom.zeroRate(t),
                fgn.zeroRate(t), 0.09), BlackScholesAnalytic.price(dnt, market, 0.09), 1e-14);
    }

    @Test
    void invalidInputsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> BlackScholesAnalytic.european(true, 1, 1, 0, 0, 0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> BlackScholesAnalytic.european(true, 1, 1, 1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> BlackScholesAnalytic.european(true, 1, 1, 1, 0, 0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> BlackScholesAnalytic.digital(true, 1, -1, 1, 0, 0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> BlackScholesAnalytic.doubleNoTouch(1, 1.2, 0.8, 1, 0, 0, 0.1));
    }
}
