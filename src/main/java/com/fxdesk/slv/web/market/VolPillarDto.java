package com.fxdesk.slv.web.market;

import com.fxdesk.slv.market.DeltaType;

/** One tenor: ATM, 25Δ RR/BF, optional 10Δ RR/BF (both or neither), optional convention overrides. */
public record VolPillarDto(String tenor, Double expiry, Double atm, Double rr25, Double bf25, Double rr10,
                           Double bf10, DeltaType deltaType, Boolean premiumAdjusted) {
}
