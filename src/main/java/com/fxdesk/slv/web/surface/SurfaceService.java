package com.fxdesk.slv.web.surface;

import com.fxdesk.slv.heston.CalibrationQuote;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.volatility.SmilePillar;
import com.fxdesk.slv.volatility.VolSurface;
import com.fxdesk.slv.volatility.VolSurfaceBuilder;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/** Market data to the engine's implied-vol surface and to vanilla (expiry, strike, vol) quotes. */
@Service
public class SurfaceService {

    /** The SVI surface of the market (FX quotes converted to strikes under their conventions). */
    public VolSurface surface(MarketData market) {
        return VolSurfaceBuilder.build(market);
    }

    /** Vanilla quotes for calibration: the surface's pillar points (grid points, or FX quotes as strikes). */
    public List<CalibrationQuote> vanillaQuotes(MarketData market) {
        return vanillaQuotes(surface(market));
    }

    public static List<CalibrationQuote> vanillaQuotes(VolSurface surface) {
        List<CalibrationQuote> quotes = new ArrayList<>();
        for (SmilePillar p : surface.pillars()) {
            for (int j = 0; j < p.strikes().length; j++) {
                String tenor = p.tenor() != null ? p.tenor() : "T=" + p.expiry();
                quotes.add(new CalibrationQuote(p.expiry(), p.strikes()[j], p.vols()[j], tenor + " " + p.labels()[j]));
            }
        }
        return quotes;
    }
}
