package com.fxdesk.slv.web.pricing;

import com.fxdesk.slv.web.support.Domain;
import com.fxdesk.slv.config.LimitsProperties;
import com.fxdesk.slv.montecarlo.McConfig;
import com.fxdesk.slv.montecarlo.TimeGrid;
import com.fxdesk.slv.web.calibrations.CalibrationRequestValidator;
import com.fxdesk.slv.web.errors.Violations;
import com.fxdesk.slv.web.heston.HestonRequestValidator;
import com.fxdesk.slv.web.market.MarketValidator;
import com.fxdesk.slv.web.pricing.PricingRequest.ProductDto;
import java.util.HashSet;
import java.util.Set;
import org.springframework.stereotype.Component;
/** Validation of pricing requests: all violations at once, with JSON paths, before any work starts. */
@Component
public class PricingRequestValidator {
    /** Shortest pricing Monte Carlo step (days): below it the time discretisation error is long negligible. */
    static final double MIN_MC_STEP_DAYS = 0.25;
    private final MarketValidator market;
    private final CalibrationRequestValidator slv;
    private final LimitsProperties limits;

    public PricingRequestValidator(MarketValidator market, CalibrationRequestValidator slv, LimitsProperties limits) {
        this.market = market;
        this.slv = slv;
        this.limits = limits;
    }

    /** Validates a pricing request; the market may come from a calibration (then market must be absent). */
    public void validate(PricingRequest r) {
        Violations v = new Violations();
        if (r.calibrationId() != null) {
            if (r.market() != null) {
                v.add("market", "give either market or calibrationId, not both");
            }
            if (r.calibrationId().isBlank()) {
                v.add("calibrationId", "must not be blank");
            }
            // the calibration fixes the model: inputs that would silently mix with it are refused
            if (r.heston() != null) {
                v.add("heston", "give either heston or calibrationId (which fixes the Heston parameters), not both");
            }
            if (r.mixing() != null) {
                v.add("mixing", "give either mixing or calibrationId (which fixes the mixing), not both");
            }
            if (r.calibration() != null) {
                v.add("calibration", "give either calibration settings or calibrationId (already calibrated), "
                        + "not both");
            }
        } else {
            market.validate("market", r.market(), v);
        }
        if (v.list("models", r.models(), PricingRequest.Model.values().length)) {
            Set<PricingRequest.Model> seen = new HashSet<>();
            for (int i = 0; i < r.models().size(); i++) {
                if (v.required("models[" + i + "]", r.models().get(i)) && !seen.add(r.models().get(i))) {
                    v.add("models[" + i + "]", "duplicate model " + r.models().get(i));
                }
            }
        }
        if (r.heston() != null) {
            HestonRequestValidator.heston("heston", r.heston(), v);
        }
        if (r.mixing() != null) {
            v.range("mixing", r.mixing(), 0, false, 1);
        }
        double maxMaturity = 0;
        if (v.list("products", r.products(), limits.maxProducts())) {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < r.products().size(); i++) {
                ProductDto p = r.products().get(i);
                String path = "products[" + i + "]";
                if (v.required(path, p)) {
                    product(path, p, v);
                    // results are keyed by id: an explicit id may not collide with another's default one either
                    String id = ProductMapper.effectiveId(p, i);
                    if (id != null && !ids.add(id)) {
                        v.add(path + ".id", "duplicate product id '" + id + "'"
                                + (p.id() == null ? " (the default id of this product)" : ""));
                    }
                    if (p.maturity() != null && Double.isFinite(p.maturity())) {
                        maxMaturity = Math.max(maxMaturity, p.maturity());
                    }
                }
            }
        }
        PricingRequest.MonteCarlo mc = r.monteCarlo();
        if (mc != null) {
            v.intRange("monteCarlo.paths", mc.paths(), 2, limits.maxPaths());
            if (mc.timeStepDays() != null) {
                v.range("monteCarlo.timeStepDays", mc.timeStepDays(), MIN_MC_STEP_DAYS, false, 365);
            }
        }
        int paths = mc != null && mc.paths() != null ? mc.paths() : McConfig.defaults().paths();
        double dtDays = mc != null && mc.timeStepDays() != null && mc.timeStepDays() >= MIN_MC_STEP_DAYS
                ? mc.timeStepDays() : McConfig.defaults().timeStepDays();
        long steps = TimeGrid.maxSteps(maxMaturity, dtDays, r.products() != null ? r.products().size() : 0);
        if (steps > limits.maxMcTimeSteps()) {
            v.add("monteCarlo.timeStepDays", "the longest product needs " + steps + " time steps at "
                    + dtDays + " days; the limit is " + limits.maxMcTimeSteps() + " (use a longer step)");
        }
        if (paths <= limits.maxPaths() && (long) paths * steps > limits.maxPathSteps()) {
            v.add("monteCarlo.paths", "paths × time steps = " + (long) paths * steps + "; the limit is "
                    + limits.maxPathSteps());
        }
        if (r.calibration() != null) {
            PricingRequest.SlvSettings s = r.calibration();
            double maturity = Math.max(maxMaturity, 0);
            if (s.maturity() != null && Domain.expiry("calibration.maturity", s.maturity(), limits.maxMaturity(), v)) {
                if (s.maturity() < maxMaturity * (1 - 1e-12)) {
                    v.add("calibration.maturity", "must cover the longest product (" + maxMaturity + ")");
                } else {
                    maturity = s.maturity();
                }
            }
            if (s.mixing() != null) {
                if (r.mixing() != null) {
                    v.add("calibration.mixing", "give mixing here or at the top level, not both");
                } else {
                    v.range("calibration.mixing", s.mixing(), 0, false, 1);
                }
            }
            if (s.heston() != null) {
                if (r.heston() != null) {
                    v.add("calibration.heston", "give heston here or at the top level, not both");
                } else {
                    HestonRequestValidator.heston("calibration.heston", s.heston(), v);
                }
            }
            if (s.market() != null) {
                v.add("calibration.market", "give the market at the top level only");
            }
            CalibrationRequestValidator.leverageBounds("calibration.", s.leverage(), v);
            slv.slv("calibration.", s.particles(), s.timeStepDays(), s.estimator(), s.spotGridSize(), maturity,
                    r.market() != null ? CalibrationRequestValidator.expiryTimes(r.market()) : new double[0], 0,
                    Double.POSITIVE_INFINITY, v); // no round trip: κ above the fit's range changes no count
        }
        v.throwIfAny();
    }

    private void product(String path, ProductDto p, Violations v) {
        if (p.id() != null && (p.id().isBlank() || p.id().length() > 64)) {
            v.add(path + ".id", "must be non-blank, at most 64 characters");
        }
        Domain.expiry(path + ".maturity", p.maturity(), limits.maxMaturity(), v);
        if (p.notional() != null) {
            Domain.notional(path + ".notional", p.notional(), v);
        }
        if (p.vol() != null) {
            v.range(path + ".vol", p.vol(), 0, true, MarketValidator.MAX_VOL);
        }
        if (!v.required(path + ".type", p.type())) {
            return;
        }
        boolean strike = false, option = false, barrier = false, direction = false, barrierType = false;
        boolean range = false, payAt = false;
        switch (p.type()) {
            case EUROPEAN, DIGITAL -> {
                option = true;
                strike = true;
            }
            case ONE_TOUCH -> {
                direction = true;
                barrier = true;
                payAt = true;
            }
            case NO_TOUCH -> {
                direction = true;
                barrier = true;
            }
            case BARRIER -> {
                option = true;
                strike = true;
                barrier = true;
                barrierType = true;
            }
            case DOUBLE_NO_TOUCH -> range = true;
        }
        String type = p.type().name();
        need(path + ".optionType", p.optionType(), option, type, v);
        need(path + ".direction", p.direction(), direction, type, v);
        need(path + ".barrierType", p.barrierType(), barrierType, type, v);
        if (p.payAt() != null && !payAt) {
            v.add(path + ".payAt", "is not used by " + type);
        }
        positive(path + ".strike", p.strike(), strike, type, v);
        positive(path + ".barrier", p.barrier(), barrier, type, v);
        boolean lo = positive(path + ".lower", p.lower(), range, type, v);
        boolean hi = positive(path + ".upper", p.upper(), range, type, v);
        if (range && lo && hi && !(p.lower() < p.upper())) {
            v.add(path + ".upper", "must be greater than lower");
        }
    }

    private static void need(String path, Object value, boolean used, String type, Violations v) {
        if (used) {
            v.required(path, value);
        } else if (value != null) {
            v.add(path, "is not used by " + type);
        }
    }

    private static boolean positive(String path, Double value, boolean used, String type, Violations v) {
        if (used) {
            return v.positive(path, value);
        }
        if (value != null) {
            v.add(path, "is not used by " + type);
        }
        return false;
    }
}
