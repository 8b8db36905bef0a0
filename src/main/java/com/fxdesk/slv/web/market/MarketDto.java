package com.fxdesk.slv.web.market;

import java.time.LocalDate;

/** Market data as trading systems send it (API.md "Market data"). Boxed fields: null means "missing". */
public record MarketDto(String pair, LocalDate valuationDate, Double spot, RateCurveDto domesticRate,
                        RateCurveDto foreignRate, VolatilityDto volatility) {
}
