package com.fxdesk.slv.volatility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fxdesk.slv.market.AtmType;
import com.fxdesk.slv.market.ButterflyType;
import com.fxdesk.slv.market.DeltaType;
import com.fxdesk.slv.market.FxVolPillar;
import com.fxdesk.slv.market.FxVolQuotes;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.math.BlackFormula;
import com.fxdesk.slv.testdata.TestMarkets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class VolSurfaceBuilderTest {
    static final List<String> ALL = TestMarkets.ALL;

    @ParameterizedTest
    @FieldSource("ALL")
    void fitsEveryPillarWithinHalfABasisPointAndArbitrageFree(String name) {
        VolSurface s = VolSurfaceBuilder.build(TestMarkets.load(name));
        for (int i = 0; i < s.pillars().size(); i++) {
            SmilePillar p = s.pillars().get(i);
            SviSmile svi = s.smiles().get(i).svi();
            System.out.printf("%s %-4s T=%.4f max|res|=%.2e bp  %s  wing=%.3f%n", name, p.tenor(), p.expiry(),
                    p.maxAbsResidualBps(), svi + " corr=" + java.util.Arrays.toString(s.smiles().get(i).weights()), svi.maxWingSlope());
            assertTrue(p.maxAbsResidualBps() < 0.5, name + " " + p.tenor() + " residual " + p.maxAbsResidualBps());
            // the surface passes through its pillars
            for (int j = 0; j < p.strikes().length; j++) {
                assertEquals(p.vols()[j] + p.fitResidualBps()[j] * 1e-4, s.impliedVol(p.expiry(), p.strikes()[j]), 1e-12);
            }
        }
    }

    @ParameterizedTest
    @FieldSource("ALL")
    void sharedMarketsAreArbitrageFree(String name) {
        ArbitrageReport r = ArbitrageScanner.scan(VolSurfaceBuilder.build(TestMarkets.load(name)));
        r.violations().forEach(v -> System.out.println(name + " " + v));
        assertTrue(r.ok(), name + " " + r.violations());
    }
}
