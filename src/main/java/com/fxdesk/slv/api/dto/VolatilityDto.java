package com.fxdesk.slv.api.dto;

/** Exactly one of FX quotes or a strike grid. */
public record VolatilityDto(VolQuotesDto quotes, VolGridDto grid) {
}
