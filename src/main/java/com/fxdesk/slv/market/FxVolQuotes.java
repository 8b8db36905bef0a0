package com.fxdesk.slv.market;

import java.util.List;

/** ATM / risk-reversal / butterfly quotes per tenor with their conventions. */
public record FxVolQuotes(DeltaType deltaType, boolean premiumAdjusted, AtmType atmType,
                          ButterflyType butterflyType, List<FxVolPillar> pillars) implements VolatilityInput {

    public FxVolQuotes {
        pillars = List.copyOf(pillars);
    }

    public DeltaType deltaTypeOf(FxVolPillar p) {
        return p.deltaType() != null ? p.deltaType() : deltaType;
    }

    public boolean premiumAdjustedOf(FxVolPillar p) {
        return p.premiumAdjusted() != null ? p.premiumAdjusted() : premiumAdjusted;
    }
}
