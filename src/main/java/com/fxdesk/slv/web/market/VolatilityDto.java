package com.fxdesk.slv.web.market;

/** Exactly one of FX quotes or a strike grid. */
public record VolatilityDto(VolQuotesDto quotes, VolGridDto grid) {
}
