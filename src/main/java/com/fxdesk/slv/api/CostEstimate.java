package com.fxdesk.slv.api;

import com.fxdesk.slv.api.dto.PricingRequest;
import com.fxdesk.slv.api.dto.PricingRequest.Model;
import com.fxdesk.slv.api.dto.PricingRequest.ProductDto;
import com.fxdesk.slv.api.dto.RegressionRequest;
import com.fxdesk.slv.api.dto.SurfaceRequest;

/**
 * The cost of a synchronous request, estimated from the validated request before any work starts, in path-steps
 * (one Monte Carlo path over one time step, ≈ 10 ns of one core): what admission control ({@link ComputeGate})
 * compares with {@code slv.compute.heavy-cost}. An estimate, not a bound: the deadline bounds the actual work.
 */
public final class CostEstimate {
    /** A Heston calibration (a few hundred analytic strip pricings, capped by its time budget). */
    static final long HESTON_CALIBRATION = 20_000_000L;
    /** Building the implied-vol surface and Dupire local vol of one market. */
    static final long SURFACE = 200_000L;
    /** One analytic Heston price (an adaptive Gauss–Kronrod integral). */
    static final long HESTON_ANALYTIC = 20_000L;

    private CostEstimate() {
    }

    public static long pricing(PricingRequest r) {
        int products = r.products().size();
        double maturity = 0;
        for (ProductDto p : r.products()) {
            maturity = Math.max(maturity, p.maturity());
        }
        PricingRequest.MonteCarlo mc = r.monteCarlo();
        long paths = mc != null && mc.paths() != null ? mc.paths() : Defaults.MC_PATHS;
        double dt = mc != null && mc.timeStepDays() != null ? mc.timeStepDays() : Defaults.TIME_STEP_DAYS;
        long pathSteps = paths * (RequestValidator.steps(maturity, dt) + products);
        boolean calibrated = r.calibrationId() != null;
        boolean hestonGiven = r.heston() != null || r.calibration() != null && r.calibration().heston() != null;
        long cost = calibrated ? 0 : SURFACE;
        boolean needsHeston = false;
        for (Model m : r.models()) {
            switch (m) {
                case BS -> cost += products;
                case HESTON -> {
                    needsHeston = true;
                    cost += products * HESTON_ANALYTIC + pathSteps; // touches and barriers are simulated
                }
                case LV -> cost += pathSteps;
                case SLV -> {
                    needsHeston = true;
                    cost += pathSteps;
                    if (!calibrated) {
                        PricingRequest.SlvSettings s = r.calibration();
                        long particles = s != null && s.particles() != null ? s.particles() : Defaults.PARTICLES;
                        int days = s != null && s.timeStepDays() != null ? s.timeStepDays()
                                : (int) Defaults.TIME_STEP_DAYS;
                        double horizon = s != null && s.maturity() != null ? Math.max(s.maturity(), maturity)
                                : maturity;
                        cost += particles * RequestValidator.engineSteps(horizon, days, 0) * 4;
                    }
                }
            }
        }
        if (needsHeston && !calibrated && !hestonGiven) {
            cost += HESTON_CALIBRATION;
        }
        return cost;
    }

    public static long hestonCalibration() {
        return HESTON_CALIBRATION + SURFACE;
    }

    public static long regression(RegressionRequest r) {
        long n = r.samples().x().size();
        long units = r.estimator() != null && r.estimator().units() != null ? r.estimator().units()
                : Defaults.RBF_UNITS;
        return n * units * 4 + (r.evaluateAt() == null ? 0 : r.evaluateAt().size() * units);
    }

    public static long surface(SurfaceRequest r) {
        long grid = r.localVolGrid() == null ? 0
                : (long) r.localVolGrid().times().size() * r.localVolGrid().spots().size();
        return SURFACE + grid * 50 + (r.points() == null ? 0 : r.points().size() * 50L);
    }
}
