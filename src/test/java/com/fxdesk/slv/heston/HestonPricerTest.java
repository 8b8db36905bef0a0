package com.fxdesk.slv.heston;

import com.fxdesk.slv.math.BlackFormula;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HestonPricerTest {

    private final HestonPricer pricer = new HestonPricer();

    @Test
    void matchesQuantLibReference() {
        JsonNode ref = HestonTestData.read("reference/heston.json");
        double maxErr = 0;
        double maxUncertainty = 0;
        String worst = "";
        int n = 0;
        for (JsonNode c : ref.get("cases")) {
            JsonNode h = c.get("heston");
            HestonParameters p = new HestonParameters(h.get("v0").asDouble(), h.get("kappa").asDouble(),
                    h.get("theta").asDouble(), h.get("xi").asDouble(), h.get("rho").asDouble());
            double spot = c.get("spot").asDouble();
            double rd = c.get("rd").asDouble();
            double rf = c.get("rf").asDouble();
            JsonNode prod = c.get("product");
            double t = prod.get("maturity").asDouble();
            double k = prod.get("strike").asDouble();
            boolean call = "CALL".equals(prod.get("optionType").asText());
            double f = spot * Math.exp((rd - rf) * t);
            double price = pricer.price(p, t, f, Math.exp(-rd * t), k, call);
            double err = Math.abs(price - c.get("price").asDouble()) / spot;
            maxUncertainty = Math.max(maxUncertainty, c.get("engineDisagreement").asDouble() / spot);
            if (err > maxErr) {
                maxErr = err;
                worst = c.get("hestonSet").asText() + " " + c.get("market").asText() + " T=" + t + " K=" + k
                        + " " + prod.get("optionType").asText() + " ref=" + c.get("price").asDouble() + " got=" + price;
            }
            n++;
        }
        System.out.printf("heston reference: %d cases, max |error|/spot = %.3e (%s); max engine disagreement/spot = %.3e%n",
                n, maxErr, worst, maxUncertainty);
        assertEquals(1140, n);
        // the reference's own uncertainty (QuantLib Lobatto vs COS) is ≤ 2.3e-9 × spot, below this tolerance
        assertTrue(maxErr < 1e-8, "max error/spot " + maxErr + " at " + worst);
    }

    private static final HestonParameters EURUSD = new HestonParameters(0.0064, 1.5, 0.0081, 0.3, -0.2);
    private static final HestonParameters WILD = new HestonParameters(0.04, 0.5, 0.04, 1.0, -0.7);

    @Test
    void putCallParity() {
        double f = 1.25;
        double df = 0.97;
        for (HestonParameters p : new HestonParameters[] {EURUSD, WILD}) {
            for (double t : new double[] {0.02, 0.5, 5}) {
                double[] k = {0.6, 1.0, 1.25, 1.6, 2.4};
                double[] calls = pricer.priceStrip(p, t, f, df, k, new boolean[] {true, true, true, true, true});
                double[] puts = pricer.priceStrip(p, t, f, df, k, new boolean[] {false, false, false, false, false});
                for (int i = 0; i < k.length; i++) {
                    assertEquals(df * (f - k[i]), calls[i] - puts[i], 1e-12, "parity T=" + t + " K=" + k[i]);
                }
            }
        }
    }

    @Test
    void smallVolOfVolIsBlackWithIntegratedVariance() {
        double f = 1.25;
        double df = 0.97;
        for (double t : new double[] {0.02, 1, 10}) {
            HestonParameters p = new HestonParameters(0.01, 2.0, 0.0225, 1e-12, -0.5);
            double w = 0.0225 * t + (0.01 - 0.0225) * (1 - Math.exp(-2.0 * t)) / 2.0;
            assertEquals(w, HestonPricer.integratedVariance(p, t), 1e-16);
            double vol = Math.sqrt(w / t);
            for (double m : new double[] {0.8, 1.0, 1.3}) {
                double k = f * m;
                double black = BlackFormula.price(k >= f, f, k, t, vol, df);
                // the correction is O(ξ): at ξ = 1e-12 it is far below 1e-12 of the forward
                assertEquals(black, pricer.price(p, t, f, df, k, k >= f), 1e-12 * f, "T=" + t + " K=" + k);
            }
            // ξ = 0 exactly: the control variate is the whole price
            HestonParameters zero = new HestonParameters(0.01, 2.0, 0.0225, 0.0, -0.5);
            assertEquals(BlackFormula.price(true, f, f, t, vol, df), pricer.price(zero, t, f, df, f, true), 1e-15);
        }
    }

    @Test
    void smallVolOfVolConvergesLinearly() {
        // the price moves O(ρξ) away from Black: the gap must shrink tenfold when ξ does
        double f = 1.25;
        double t = 1;
        HestonParameters a = new HestonParameters(0.01, 2.0, 0.0225, 1e-3, -0.5);
        HestonParameters b = new HestonParameters(0.01, 2.0, 0.0225, 1e-4, -0.5);
        double vol = Math.sqrt(HestonPricer.integratedVariance(a, t) / t);
        double k = 1.4;
        double black = BlackFormula.price(true, f, k, t, vol, 1);
        double ga = pricer.price(a, t, f, 1, k, true) - black;
        double gb = pricer.price(b, t, f, 1, k, true) - black;
        assertTrue(Math.abs(ga) > 1e-8, "gap " + ga);
        assertEquals(10.0, ga / gb, 0.05);
    }

    @Test
    void stripEqualsSinglePricesAndFixedQuadratureReproducesIt() {
        double f = 1.25;
        double df = 0.97;
        double t = 0.75;
        double[] k = {1.0, 1.1, 1.2, 1.25, 1.3, 1.4, 1.6};
        boolean[] c = {false, false, false, true, true, true, true};
        HestonPricer.StripResult strip = pricer.priceStripWithQuadrature(WILD, t, f, df, k, c);
        double[] again = pricer.priceStrip(WILD, t, f, df, k, c, strip.quadrature());
        for (int i = 0; i < k.length; i++) {
            assertEquals(pricer.price(WILD, t, f, df, k[i], c[i]), strip.prices()[i], 1e-11 * f);
            assertEquals(strip.prices()[i], again[i], 1e-14);
        }
    }

    @Test
    void digitalIsMinusStrikeDerivativeOfCall() {
        double f = 1.25;
        double df = 0.97;
        for (HestonParameters p : new HestonParameters[] {EURUSD, WILD}) {
            for (double t : new double[] {0.05, 1, 5}) {
                for (double m : new double[] {0.85, 1.0, 1.2}) {
                    double k = f * m;
                    double h = 1e-4 * k;
                    double fd = -(pricer.price(p, t, f, df, k + h, true) - pricer.price(p, t, f, df, k - h, true)) / (2 * h);
                    double dc = pricer.digital(p, t, f, df, k, true);
                    double dp = pricer.digital(p, t, f, df, k, false);
                    assertEquals(fd, dc, 1e-6, "T=" + t + " K=" + k);
                    assertEquals(df, dc + dp, 1e-14);
                    assertTrue(dc >= 0 && dc <= df);
                }
            }
        }
    }

    @Test
    void rejectsBadInputs() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> pricer.price(EURUSD, 0, 1.2, 1, 1.2, true));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> pricer.price(EURUSD, 1, 1.2, 1, -1, true));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> pricer.priceStrip(EURUSD, 1, 1.2, 1, new double[] {1.2}, new boolean[0]));
    }

    /** Degenerate expiries and far strikes are refused within the work cap, never integrated without bound. */
    @Test
    void degenerateInputsAreRefusedQuicklyInsteadOfExhaustingTheMachine() {
        HestonPricer pricer = new HestonPricer();
        long t0 = System.nanoTime();
        for (double expiry : new double[] {5e-324, 1e-300, 1e-14}) {
            for (double strike : new double[] {1.25, 1.2, 1e-3}) {
                try {
                    double d = pricer.digital(EURUSD, expiry, 1.23, 1.0, strike, true);
                    double c = pricer.price(EURUSD, expiry, 1.23, 1.0, strike, true);
                    // where an answer comes, it is a finite number within the no-arbitrage bounds
                    assertTrue(d >= -1e-9 && d <= 1 + 1e-9, "digital " + d);
                    assertTrue(c >= Math.max(0, 1.23 - strike) - 1e-9 && c <= 1.23 + 1e-9, "call " + c);
                } catch (IllegalArgumentException refused) {
                    assertTrue(refused.getMessage().contains("Heston"), refused.getMessage());
                }
            }
        }
        // 18 pricings, each refused within the work cap (≈ 20 ms quiet; generous for a loaded CI machine)
        assertTrue(System.nanoTime() - t0 < 6_000_000_000L, "took " + (System.nanoTime() - t0) / 1e6 + " ms");
    }
}
