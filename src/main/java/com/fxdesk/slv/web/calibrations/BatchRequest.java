package com.fxdesk.slv.web.calibrations;

import java.util.List;

/**
 * POST /api/v1/calibrations/batch: either items (many markets or settings, one job each), or base with bumps
 * (bumped variants of one quoted market, e.g. ATM/RR/BF ± 1 vol per pillar, one job each).
 *
 * @param items one calibration per item; label names it in the batch (default: its index)
 * @param base  the calibration whose market is bumped (its market needs volatility.quotes)
 * @param bumps which quotes of which pillars move, and by how much
 */
public record BatchRequest(List<Item> items, CalibrationRequest base, Bumps bumps) {

    public record Item(String label, CalibrationRequest request) {
    }

    /**
     * @param size        the bump in vol (0.01 = 1 vol point), applied up and down; default 0.01
     * @param quotes      which of atm, rr25, bf25, rr10, bf10 (default atm, rr25, bf25); 10Δ quotes only on
     *                    pillars that have them
     * @param tenors      which pillars by tenor (default all)
     * @param includeBase also calibrate the unbumped base (default true), the reference for the differences
     */
    public record Bumps(Double size, List<String> quotes, List<String> tenors, Boolean includeBase) {
    }
}
