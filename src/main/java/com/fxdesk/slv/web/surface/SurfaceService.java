package com.fxdesk.slv.web.surface;

import com.fxdesk.slv.heston.CalibrationQuote;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.pipeline.SlvPipeline;
import com.fxdesk.slv.volatility.VolSurface;
import java.util.List;
import org.springframework.stereotype.Service;

/** Market data to the engine's implied-vol surface and to vanilla (expiry, strike, vol) quotes ({@link SlvPipeline}). */
@Service
public class SurfaceService {

    public VolSurface surface(MarketData market) {
        return SlvPipeline.surface(market);
    }

    public List<CalibrationQuote> vanillaQuotes(MarketData market) {
        return SlvPipeline.vanillaQuotes(surface(market));
    }
}
