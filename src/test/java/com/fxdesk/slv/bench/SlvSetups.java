package com.fxdesk.slv.bench;

import com.fxdesk.slv.calibration.RoundTripQuote;
import com.fxdesk.slv.heston.CalibrationQuote;
import com.fxdesk.slv.heston.HestonCalibrator;
import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.testdata.TestMarkets;
import com.fxdesk.slv.volatility.DupireLocalVol;
import com.fxdesk.slv.volatility.SmilePillar;
import com.fxdesk.slv.volatility.VolSurface;
import com.fxdesk.slv.volatility.VolSurfaceBuilder;
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
        VolSurface surface = VolSurfaceBuilder.build(data);
        DupireLocalVol lv = new DupireLocalVol(surface);
        List<CalibrationQuote> cq = new ArrayList<>();
        List<RoundTripQuote> rq = new ArrayList<>();
        for (SmilePillar p : surface.pillars()) {
            for (int i = 0; i < p.strikes().length; i++) {
                cq.add(new CalibrationQuote(p.expiry(), p.strikes()[i], p.vols()[i], p.tenor() + " " + p.labels()[i]));
                if (p.expiry() >= minExpiry - 1e-9 && p.expiry() <= maturity + 1e-9) {
                    rq.add(new RoundTripQuote(p.expiry(), p.strikes()[i], p.labels()[i], p.vols()[i]));
                }
            }
        }
        HestonParameters h = new HestonCalibrator().calibrate(data.fx(), cq, null, null).parameters();
        return new SlvSetups(name, data, surface, lv, h, rq);
    }
}
