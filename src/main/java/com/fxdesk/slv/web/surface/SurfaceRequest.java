package com.fxdesk.slv.web.surface;

import com.fxdesk.slv.web.market.MarketDto;
import java.util.List;

/** POST /api/v1/volatility/surface. */
public record SurfaceRequest(MarketDto market, List<SurfacePoint> points, LocalVolGridRequest localVolGrid) {

    public record SurfacePoint(Double expiry, Double strike) {
    }

    public record LocalVolGridRequest(List<Double> times, List<Double> spots) {
    }
}
