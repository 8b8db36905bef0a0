package com.fxdesk.slv.api;

import com.fxdesk.slv.heston.CalibrationQuote;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.market.VolGrid;
import com.fxdesk.slv.volatility.ImpliedVolSurface;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/** Market data to the engine's implied-vol surface and to vanilla (expiry, strike, vol) quotes. */
@Service
public class SurfaceService {

    /** The arbitrage-free implied vol surface of the market; 503 until the surface builder is part of the build. */
    public ImpliedVolSurface surface(MarketData market) {
        throw ApiProblemException.unavailable("The implied volatility surface (volatility.VolSurfaceBuilder)");
    }

    /** Vanilla quotes for calibration: the grid as given, or FX quotes turned into strikes by the surface builder. */
    public List<CalibrationQuote> vanillaQuotes(MarketData market) {
        if (market.volatility() instanceof VolGrid g) {
            List<CalibrationQuote> quotes = new ArrayList<>();
            for (int i = 0; i < g.expiries().length; i++) {
                for (int j = 0; j < g.strikes()[i].length; j++) {
                    quotes.add(new CalibrationQuote(g.expiries()[i], g.strikes()[i][j], g.vols()[i][j],
                            "T=" + g.expiries()[i] + " K=" + g.strikes()[i][j]));
                }
            }
            return quotes;
        }
        throw ApiProblemException.unavailable("Converting FX delta quotes to strikes (volatility.VolSurfaceBuilder)");
    }
}
