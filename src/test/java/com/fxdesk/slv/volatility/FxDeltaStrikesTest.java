package com.fxdesk.slv.volatility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fxdesk.slv.market.AtmType;
import com.fxdesk.slv.market.DeltaType;
import com.fxdesk.slv.testdata.TestMarkets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FxDeltaStrikesTest {

    @Test
    void matchesQuantLibReferenceStrikes() {
        JsonNode cases = TestMarkets.readTree(TestMarkets.REFERENCE.resolve("fx_delta_strikes.json")).get("cases");
        int checked = 0;
        double worst = 0;
        for (JsonNode c : cases) {
            double spot = c.get("spot").asDouble();
            double rd = c.get("rd").asDouble();
            double rf = c.get("rf").asDouble();
            double vol = c.get("vol").asDouble();
            double t = c.get("expiry").asDouble();
            DeltaType type = DeltaType.valueOf(c.get("deltaType").asString());
            boolean pa = c.get("premiumAdjusted").asBoolean();
            double fwd = spot * Math.exp((rd - rf) * t);
            double df = Math.exp(-rf * t);
            double s = vol * Math.sqrt(t);
            JsonNode k = c.get("strikes");
            for (String name : new String[] {"CALL_10D", "CALL_25D", "PUT_10D", "PUT_25D"}) {
                if (k.get(name).isNull()) {
                    continue;
                }
                boolean call = name.startsWith("CALL");
                double d = (name.endsWith("10D") ? 0.10 : 0.25) * (call ? 1 : -1);
                double strike = FxDeltaStrikes.strike(call, d, type, pa, fwd, s, df);
                double ref = k.get(name).asDouble();
                worst = Math.max(worst, Math.abs(strike / ref - 1));
                assertEquals(ref, strike, 1e-8 * ref, () -> c + " " + name);
                // round trip of our own strike
                assertEquals(d, FxDeltaStrikes.delta(call, type, pa, fwd, strike, s, df), 1e-10, () -> c + " " + name);
                checked++;
            }
            assertEquals(k.get("ATM_DNS").asDouble(), FxDeltaStrikes.atmStrike(AtmType.DELTA_NEUTRAL, pa, fwd, s),
                    1e-8 * spot, () -> c + " DNS");
            assertEquals(k.get("ATM_FWD").asDouble(), FxDeltaStrikes.atmStrike(AtmType.FORWARD, pa, fwd, s),
                    1e-8 * spot, () -> c + " FWD");
        }
        assertTrue(checked >= 700, "checked " + checked);
        System.out.println("fx delta strikes: " + checked + " strikes, worst relative error " + worst);
    }

    @Test
    void dnsStraddleIsDeltaNeutral() {
        double f = 1.3, s = 0.25 * Math.sqrt(5), df = 0.9;
        for (boolean pa : new boolean[] {false, true}) {
            double k = FxDeltaStrikes.atmStrike(AtmType.DELTA_NEUTRAL, pa, f, s);
            for (DeltaType t : DeltaType.values()) {
                double sum = FxDeltaStrikes.delta(true, t, pa, f, k, s, df) + FxDeltaStrikes.delta(false, t, pa, f, k, s, df);
                assertEquals(0, sum, 1e-14);
            }
        }
    }

    @Test
    void premiumAdjustedCallTakesTheRightRootAndRejectsUnattainableDelta() {
        double f = 100, s = 0.6, df = 1.0; // large stdDev: max pa call delta is well below 1
        double dStar = FxDeltaStrikes.maxDeltaD2(s);
        double kStar = f * Math.exp(-s * dStar - 0.5 * s * s);
        double maxDelta = FxDeltaStrikes.delta(true, DeltaType.FORWARD, true, f, kStar, s, df);
        assertTrue(maxDelta < 0.7 && maxDelta > 0.25, "max " + maxDelta);
        double k = FxDeltaStrikes.strike(true, 0.25, DeltaType.FORWARD, true, f, s, df);
        assertTrue(k > kStar, "right branch");
        assertEquals(0.25, FxDeltaStrikes.delta(true, DeltaType.FORWARD, true, f, k, s, df), 1e-12);
        // delta is decreasing on the right branch: slightly higher strike, smaller delta
        assertTrue(FxDeltaStrikes.delta(true, DeltaType.FORWARD, true, f, k * 1.001, s, df) < 0.25);
        assertThrows(IllegalArgumentException.class,
                () -> FxDeltaStrikes.strike(true, maxDelta + 1e-3, DeltaType.FORWARD, true, f, s, df));
        assertThrows(IllegalArgumentException.class,
                () -> FxDeltaStrikes.strike(false, -0.99, DeltaType.SPOT, false, f, s, 0.95));
    }
}
