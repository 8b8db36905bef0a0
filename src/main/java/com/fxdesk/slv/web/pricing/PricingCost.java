package com.fxdesk.slv.web.pricing;

import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.web.calibrations.CalibrationRequestValidator;

import com.fxdesk.slv.web.pricing.PricingRequest.Model;
import com.fxdesk.slv.web.pricing.PricingRequest.ProductDto;
import com.fxdesk.slv.web.support.CostEstimate;
import com.fxdesk.slv.montecarlo.McConfig;
import com.fxdesk.slv.montecarlo.TimeGrid;
import com.fxdesk.slv.pipeline.SlvSettings;

/** The estimated cost of a validated pricing request, in path-steps ({@link CostEstimate}). */
final class PricingCost {
    private PricingCost() {
    }

    static long of(PricingRequest r) {
        int products = r.products().size();
        double maturity = 0;
        for (ProductDto p : r.products()) {
            maturity = Math.max(maturity, p.maturity());
        }
        PricingRequest.MonteCarlo mc = r.monteCarlo();
        long paths = mc != null && mc.paths() != null ? mc.paths() : McConfig.defaults().paths();
        double dt = mc != null && mc.timeStepDays() != null ? mc.timeStepDays() : McConfig.defaults().timeStepDays();
        long pathSteps = paths * TimeGrid.maxSteps(maturity, dt, products);
        boolean calibrated = r.calibrationId() != null;
        boolean hestonGiven = r.heston() != null || r.calibration() != null && r.calibration().heston() != null;
        long cost = calibrated ? 0 : CostEstimate.SURFACE;
        boolean needsHeston = false;
        for (Model m : r.models()) {
            switch (m) {
                case BS -> cost += products;
                case HESTON -> {
                    needsHeston = true;
                    cost += products * CostEstimate.HESTON_ANALYTIC + pathSteps; // touches and barriers: simulated
                }
                case LV -> cost += pathSteps;
                case SLV -> {
                    needsHeston = true;
                    cost += pathSteps;
                    if (!calibrated) {
                        SlvSettings s = PricingService.inlineSettings(r.calibration(), maturity);
                        long particles = s.particles();
                        int days = s.timeStepDays();
                        double horizon = s.maturity();
                        // the engine's own work measure (particle-steps incl. regressions, on the finest grid any
                        // Heston fit can give); a particle step costs about four path-steps
                        SlvCalibrationInput.GridSize grid = SlvCalibrationInput.gridSize(horizon, days,
                                (int) particles, r.market() != null
                                        ? CalibrationRequestValidator.expiryTimes(r.market()) : new double[0],
                                Double.POSITIVE_INFINITY);
                        cost += SlvCalibrationInput.work((int) particles, grid, 0) * 4;
                    }
                }
            }
        }
        if (needsHeston && !calibrated && !hestonGiven) {
            cost += CostEstimate.HESTON_CALIBRATION;
        }
        return cost;
    }
}
