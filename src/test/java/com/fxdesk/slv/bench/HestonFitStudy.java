package com.fxdesk.slv.bench;

import com.fxdesk.slv.heston.CalibrationQuote;
import com.fxdesk.slv.heston.HestonCalibrationResult;
import com.fxdesk.slv.heston.HestonCalibrator;
import com.fxdesk.slv.heston.HestonTestData;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.testdata.TestMarkets;
import com.fxdesk.slv.volatility.VolSurfaceBuilder;

import java.util.List;

/**
 * Heston fit quality on the shared markets with the quotes the API uses (the surface builder's pillars), both
 * weightings: RMSE / max error / time per market.
 * ./mvnw -B -Pbench test-compile exec:exec -Dbench.main=com.fxdesk.slv.bench.HestonFitStudy
 */
public final class HestonFitStudy {

    private HestonFitStudy() {
    }

    public static void main(String[] args) {
        HestonCalibrator cal = new HestonCalibrator();
        for (String name : TestMarkets.ALL) {
            MarketData md = TestMarkets.load(name);
            List<CalibrationQuote> quotes = HestonTestData.pillarQuotes(VolSurfaceBuilder.build(md));
            for (HestonCalibrator.Weighting w : HestonCalibrator.Weighting.values()) {
                HestonCalibrationResult r = cal.calibrate(md.fx(), quotes, null, w);
                System.out.printf("%-18s %-19s rmse %7.3f bp max %7.3f bp  %5d ms  %3d it  %s  [%s]%n", name, w,
                        r.rmseVolBps(), r.maxErrorVolBps(), r.elapsedMs(), r.iterations(), r.parameters(),
                        r.startUsed());
            }
        }
    }
}
