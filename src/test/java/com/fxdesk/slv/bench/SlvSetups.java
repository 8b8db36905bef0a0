package com.fxdesk.slv.bench;

import com.fxdesk.slv.calibration.RoundTripQuote;
import com.fxdesk.slv.heston.CalibrationQuote;
import com.fxdesk.slv.heston.HestonCalibrator;
import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.pipeline.SlvPipeline;
import com.fxdesk.slv.testdata.TestMarkets;
import com.fxdesk.slv.volatility.DupireLocalVol;
import com.fxdesk.slv.volatility.VolSurface;
import java.util.ArrayList;
import java.util.List;

/** A market ready for the SLV studies: surface, Dupire local vol, Heston fit and the pillar quotes 1M–maturity. */
record SlvSetups(String name, MarketData data, VolSurface surface, DupireLocalVol localVol, HestonParameters heston,
                 List<RoundTripQuote> quotes) {

    static SlvSetups load(String name, double maturity) {
        return load(name, maturity, 1 / 12.0);
    }

    /** Round-trip quotes from {@code minExpiry} to {@code maturity} (every delta of each pillar). */
    static SlvSetups load(String name, double maturity, double minExpiry) {
        MarketData data = TestMarkets.load(name);
        return build(name, data, SlvPipeline.surface(data), maturity, minExpiry);
    }

    /** The studies' horizon: min(5Y, the last expiry), every quote from the first expiry on. */
    static SlvSetups toFiveYearsOrLastExpiry(String name) {
        MarketData data = TestMarkets.load(name);
        VolSurface surface = SlvPipeline.surface(data);
        return build(name, data, surface, horizon(surface), 0);
    }

    /** min(5Y, the surface's last expiry). */
    static double horizon(VolSurface surface) {
        double[] ex = surface.expiries();
        return Math.min(5.0, ex[ex.length - 1]);
    }

    private static SlvSetups build(String name, MarketData data, VolSurface surface, double maturity,
                                   double minExpiry) {
        // scratch switch for the SABR attribution (wip/sabr): -DlvCap=3 lowers the local vol's last-guard cap
        DupireLocalVol lv = new DupireLocalVol(surface, DupireLocalVol.DEFAULT_FLOOR,
                Double.parseDouble(System.getProperty("lvCap", String.valueOf(DupireLocalVol.DEFAULT_CAP))));
        List<CalibrationQuote> cq = SlvPipeline.vanillaQuotes(surface);
        List<RoundTripQuote> rq = new ArrayList<>();
        for (RoundTripQuote q : SlvPipeline.roundTripQuotes(cq)) {
            if (q.expiry() >= minExpiry - 1e-9 && q.expiry() <= maturity + 1e-9) {
                rq.add(q);
            }
        }
        HestonParameters h = new HestonCalibrator(hestonOptions()).calibrate(data.fx(), cq, null, null).parameters();
        return new SlvSetups(name, data, surface, lv, h, rq);
    }

    /**
     * The shipped Heston options (as {@link SlvPipeline#fitHeston}), or other conditioning bounds for the studies of
     * docs/calibration-quality.md 8.6: -Dbench.jvm="-DminKappaT=0 -DmaxThetaOverVariance=Infinity" (the box before).
     */
    static HestonCalibrator.Options hestonOptions() {
        HestonCalibrator.Options d = HestonCalibrator.Options.defaults();
        return d.withConditioning(Double.parseDouble(System.getProperty("minKappaT", "" + d.minKappaT())),
                Double.parseDouble(System.getProperty("maxThetaOverVariance", "" + d.maxThetaOverVariance())));
    }
}
