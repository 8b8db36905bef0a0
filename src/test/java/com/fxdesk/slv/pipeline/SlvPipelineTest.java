package com.fxdesk.slv.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fxdesk.slv.calibration.Phase;
import com.fxdesk.slv.calibration.RoundTripConfig;
import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.market.FxVolPillar;
import com.fxdesk.slv.market.FxVolQuotes;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.market.MarketDataException;
import com.fxdesk.slv.testdata.TestMarkets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlvPipelineTest {

    @Test
    void runsThePhasesInOrderAndKeepsTheEnginesRules() {
        MarketData market = TestMarkets.load(TestMarkets.EURUSD_2018);
        SlvSettings s = new SlvSettings(new HestonParameters(0.0052, 1.4, 0.0101, 0.24, 0.09), 0.66, 512, 7, 0.25,
                SlvSettings.defaults().estimator(), 50, 3L, true, 2_000, 0.05, 10.0);
        List<Phase> phases = Collections.synchronizedList(new ArrayList<>());
        List<Double> fractions = Collections.synchronizedList(new ArrayList<>());
        SlvPipeline.Calibrated c = new SlvPipeline(null).calibrate(market, s, null, (f, p) -> {
            phases.add(p);
            fractions.add(f);
        });
        // given Heston parameters: no fit, and the phases come in order, progress ending at 1
        assertEquals(0.0, c.hestonMs());
        assertEquals(Phase.LOCAL_VOL, phases.get(0));
        assertTrue(!phases.contains(Phase.HESTON));
        for (int i = 1; i < phases.size(); i++) {
            assertTrue(phases.get(i).compareTo(phases.get(i - 1)) >= 0, "phases in order: " + phases);
            assertTrue(fractions.get(i) >= fractions.get(i - 1) - 1e-12, "progress monotone");
        }
        assertEquals(Phase.ROUND_TRIP, phases.get(phases.size() - 1));
        assertEquals(1.0, fractions.get(fractions.size() - 1), 1e-12);
        assertNotNull(c.result().roundTrip());
        double[] t = c.result().regressionTimes();
        assertEquals(0.25, t[t.length - 1], 1e-12);

        // the input the pipeline builds carries the settings, and the round trip's seed is derived from the seed
        SlvCalibrationInput in = SlvPipeline.input(market, c.surface(), c.localVol(), c.heston(), s);
        assertEquals(512, in.particles().count());
        assertEquals(RoundTripConfig.seedFor(3L), in.repricing().config().seed());
        assertEquals(2_000, in.repricing().config().paths());
        assertEquals(SlvPipeline.vanillaQuotes(c.surface()).size(), in.repricing().quotes().size());
        assertNull(new SlvPipeline(null).calibrate(market, s.withoutRoundTrip(), null, null).result().roundTrip());
    }

    @Test
    void defaultsAreTheEnginesOwn() {
        SlvSettings d = SlvSettings.defaults();
        assertEquals(SlvCalibrationInput.Particles.DEFAULTS.count(), d.particles());
        assertEquals(SlvCalibrationInput.Heston.DEFAULT_MIXING, d.mixing());
        assertEquals(RoundTripConfig.DEFAULT_PATHS, d.roundTripPaths());
        assertEquals(SlvCalibrationInput.LeverageBounds.DEFAULTS.floor(), d.leverageFloor());
        assertNull(d.heston());
        // a caller's partial choices: what is given is kept, the rest is the defaults
        SlvSettings some = SlvSettings.of(null, 0.5, null, null, null, null, null, 7L, false, null, null, 3.0);
        assertEquals(new SlvSettings(null, 0.5, d.particles(), d.timeStepDays(), null, d.estimator(),
                d.spotGridSize(), 7L, false, d.roundTripPaths(), d.leverageFloor(), 3.0), some);
    }

    @Test
    void aRefusedMarketNamesThePillarInTheOrderGiven() {
        MarketData market = TestMarkets.load(TestMarkets.EURUSD_2018);
        FxVolQuotes q = (FxVolQuotes) market.volatility();
        List<FxVolPillar> pillars = new ArrayList<>(q.pillars());
        FxVolPillar p = pillars.get(3);
        pillars.set(3, new FxVolPillar(p.tenor(), p.expiry(), -0.1, p.rr25(), p.bf25(), p.rr10(), p.bf10(),
                p.deltaType(), p.premiumAdjusted()));
        MarketData bad = new MarketData(market.fx(), new FxVolQuotes(q.deltaType(), q.premiumAdjusted(),
                q.atmType(), q.butterflyType(), pillars));
        MarketDataException e = assertThrows(MarketDataException.class, () -> SlvPipeline.surface(bad));
        assertEquals("volatility.quotes.pillars[3]", e.field());
    }
}
