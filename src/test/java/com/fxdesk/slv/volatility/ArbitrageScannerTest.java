package com.fxdesk.slv.volatility;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.market.RateCurve;
import com.fxdesk.slv.market.VolGrid;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArbitrageScannerTest {
    static final FxMarket FX = new FxMarket("TEST", LocalDate.of(2020, 1, 1), 1.0, RateCurve.flat(0.01), RateCurve.flat(0.0));

    /** Axel Vogt's raw SVI slice (T = 1), the classic example with butterfly arbitrage (g &lt; 0 near y ≈ 0.7). */
    static VolSurface butterflyArbitrageSurface() {
        return VolSurface.fromSvi(FX, new double[] {1.0},
                List.of(new SviSmile(-0.0410, 0.1331, 0.3060, 0.3586, 0.4153)));
    }

    @Test
    void findsButterflyArbitrageInVogtsSvi() {
        ArbitrageReport r = ArbitrageScanner.scan(butterflyArbitrageSurface());
        assertFalse(r.ok());
        ArbitrageViolation v = r.violations().stream().filter(x -> x.type() == ArbitrageType.BUTTERFLY
                && x.expiry() == 1.0).findFirst().orElseThrow();
        double y = Math.log(v.strike() / FX.forward(1.0));
        assertTrue(y > 0.4 && y < 1.2 && v.amount() > 0, v.toString());
    }

    @Test
    void findsCalendarArbitrageInAGridWithAnInversion() {
        double[] k = {0.8, 0.9, 1.0, 1.1, 1.2};
        VolGrid g = new VolGrid(new double[] {0.5, 1.0},
                new double[][] {k, k}, new double[][] {{0.22, 0.21, 0.2, 0.21, 0.22}, {0.12, 0.11, 0.1, 0.11, 0.12}});
        ArbitrageReport r = ArbitrageScanner.scan(VolSurfaceBuilder.build(new MarketData(FX, g)));
        assertFalse(r.ok());
        assertTrue(r.violations().stream().anyMatch(x -> x.type() == ArbitrageType.CALENDAR && x.expiry() == 1.0
                && x.amount() > 0.01), r.violations().toString());
    }

    @Test
    void cleanSurfaceHasNoViolations() {
        assertTrue(ArbitrageScanner.scan(VolSurface.fromSvi(FX, new double[] {0.5, 1.0},
                List.of(new SviSmile(0.004, 0.05, -0.3, 0.0, 0.1), new SviSmile(0.008, 0.07, -0.3, 0.0, 0.12)))).ok());
    }
}
