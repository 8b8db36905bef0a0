package com.fxdesk.slv.web.market;

import com.fxdesk.slv.market.AtmType;
import com.fxdesk.slv.market.ButterflyType;
import com.fxdesk.slv.market.DeltaType;
import java.util.List;

/** FX quotes with their conventions; premiumAdjusted defaults to false. */
public record VolQuotesDto(DeltaType deltaType, Boolean premiumAdjusted, AtmType atmType,
                           ButterflyType butterflyType, List<VolPillarDto> pillars) {
}
