package com.fxdesk.slv.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

    /**
     * The fast inversion (Newton on the log price) from no guess and from ±5% guesses: σ√T back to 1e-13 relative (or
     * to the few ulps of the price) wherever the out-of-the-money price is above 1e-250, including the deep wings where
     * the price Newton of impliedVol stops early (k = 1.0198, s = 0.001: 0.001414); at intrinsic 0, outside the
     * bounds NaN.
     */
    @Test
    void impliedStdDevRoundTrip() {
        for (double k = 0.2; k < 5; k *= 1.07) {
            for (double s = 1e-3; s < 5; s *= 1.3) {
                double c = BlackFormula.undiscounted(true, 1, k, s);
                double otm = k >= 1 ? c : c - (1 - k);
                if (!(otm > 1e-250) || !(otm > 1e-14 * c)) {
                    continue; // the price does not carry s (underflow, or the put lost in the forward's digits)
                }
                for (double guess : new double[] {Double.NaN, 1.05 * s, 0.95 * s}) {
                    double got = BlackFormula.impliedStdDev(k, c, guess);
                    // 1e-13 relative, or what 2e-15 of the forward in the call price is worth in s
                    double vega = Normal.pdf(-Math.log(k) / s + 0.5 * s);
                    assertEquals(s, got, 1e-13 * s + 2e-15 / vega, "k=" + k + " s=" + s + " guess=" + guess);
                }
            }
        }
        assertEquals(0.0, BlackFormula.impliedStdDev(1.2, 0.0, Double.NaN));
        assertTrue(Double.isNaN(BlackFormula.impliedStdDev(0.8, 0.1, Double.NaN)));
        assertTrue(Double.isNaN(BlackFormula.impliedStdDev(0.8, 1.0, Double.NaN)));
    }

    /**
     * The inversion against QuantLib 1.29's European prices (src/test/resources/reference/black_scholes.json, not our
     * own Black formula): every vanilla case's price, taken to an undiscounted call over the forward, inverts back to
     * the case's σ√T (to 1e-10 relative, or what the reference price's 1e-15 relative digits are worth in σ√T).
     */
    @Test
    void impliedStdDevRecoversQuantLibReferenceVols() throws Exception {
        JsonNode root = JsonMapper.builder().build().readTree(Files.readString(
                Path.of("src/test/resources/reference/black_scholes.json")));
        int checked = 0;
        for (JsonNode c : root.get("cases")) {
            JsonNode p = c.get("product");
            if (!p.get("type").asString().equals("EUROPEAN")) {
                continue;
            }
            double t = c.get("maturity").asDouble();
            double dfd = Math.exp(-c.get("rd").asDouble() * t);
            double fwd = c.get("spot").asDouble() * Math.exp((c.get("rd").asDouble() - c.get("rf").asDouble()) * t);
            double k = p.get("strike").asDouble() / fwd;
            double price = c.get("price").asDouble() / (dfd * fwd);
            double call = p.get("optionType").asString().equals("CALL") ? price : price + 1 - k; // parity
            double s = c.get("vol").asDouble() * Math.sqrt(t);
            double otm = k >= 1 ? call : call - (1 - k);
            if (!(otm > 1e-12)) {
                continue; // the reference price carries too few digits of σ√T
            }
            double vega = Normal.pdf(-Math.log(k) / s + 0.5 * s);
            assertEquals(s, BlackFormula.impliedStdDev(k, call, Double.NaN), 1e-10 * s + 1e-15 * (1 + call) / vega,
                    c.toString());
            checked++;
        }
        assertTrue(checked > 50, "European reference cases checked: " + checked);
    }
}
