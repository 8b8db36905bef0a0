package com.fxdesk.slv.api;

import com.fxdesk.slv.api.dto.CalibrationRequest;
import com.fxdesk.slv.api.dto.EstimatorDto;
import com.fxdesk.slv.api.dto.HestonCalibrationRequest;
import com.fxdesk.slv.api.dto.HestonParamsDto;
import com.fxdesk.slv.api.dto.MarketDto;
import com.fxdesk.slv.api.dto.PricingRequest;
import com.fxdesk.slv.api.dto.PricingRequest.ProductDto;
import com.fxdesk.slv.api.dto.RegressionRequest;
import com.fxdesk.slv.config.LimitsProperties;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Validation of every request body: all violations at once, with JSON paths, before any work starts. */
@Component
public class RequestValidator {
    private final MarketValidator market;
    private final LimitsProperties limits;

    public RequestValidator(MarketValidator market, LimitsProperties limits) {
        this.market = market;
        this.limits = limits;
    }

    public void validate(HestonCalibrationRequest r) {
        Violations v = new Violations();
        market.validate("market", r.market(), v);
        if (r.initialGuess() != null) {
            heston("initialGuess", r.initialGuess(), v);
        }
        v.throwIfAny();
    }

    public void validate(RegressionRequest r) {
        Violations v = new Violations();
        if (v.required("samples", r.samples())) {
            List<Double> x = r.samples().x();
            List<Double> y = r.samples().y();
            boolean xOk = v.list("samples.x", x, limits.maxRegressionSamples()) && v.numbers("samples.x", x, false, false);
            boolean yOk = v.list("samples.y", y, limits.maxRegressionSamples()) && v.numbers("samples.y", y, false, false);
            if (xOk && yOk && x.size() != y.size()) {
                v.add("samples.y", "must have as many elements as samples.x (" + x.size() + "), has " + y.size());
            }
            if (xOk && x.size() < 2) {
                v.add("samples.x", "needs at least 2 samples");
            }
        }
        estimator("estimator", r.estimator(), v);
        if (v.list("evaluateAt", r.evaluateAt(), limits.maxEvaluationPoints())) {
            v.numbers("evaluateAt", r.evaluateAt(), false, false);
        }
        v.throwIfAny();
    }

    public void validate(CalibrationRequest r) {
        Violations v = new Violations();
        market.validate("market", r.market(), v);
        if (r.heston() != null) {
            heston("heston", r.heston(), v);
        }
        if (r.mixing() != null) {
            v.range("mixing", r.mixing(), 0, false, 1);
        }
        if (r.maturity() != null) {
            v.range("maturity", r.maturity(), 0, true, limits.maxMaturity());
        }
        double maturity = r.maturity() != null && Double.isFinite(r.maturity()) ? r.maturity() : lastExpiry(r.market());
        slv("", r.particles(), r.timeStepDays(), r.estimator(), r.spotGridSize(), maturity, v);
        if (r.roundTrip() != null && r.roundTrip().paths() != null) {
            if (v.intRange("roundTrip.paths", r.roundTrip().paths(), 2, limits.maxPaths())) {
                long steps = steps(maturity, 1.0); // the round trip steps daily like the calibration
                if (steps > 0 && (long) r.roundTrip().paths() * steps > limits.maxPathSteps()) {
                    v.add("roundTrip.paths", "paths × time steps = " + (long) r.roundTrip().paths() * steps
                            + "; the limit is " + limits.maxPathSteps());
                }
            }
        }
        v.throwIfAny();
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
            heston("heston", r.heston(), v);
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
                    if (p.id() != null && !ids.add(p.id())) {
                        v.add(path + ".id", "duplicate product id '" + p.id() + "'");
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
                v.range("monteCarlo.timeStepDays", mc.timeStepDays(), 0, true, 365);
            }
        }
        int paths = mc != null && mc.paths() != null ? mc.paths() : Defaults.MC_PATHS;
        double dtDays = mc != null && mc.timeStepDays() != null && mc.timeStepDays() > 0 ? mc.timeStepDays()
                : Defaults.TIME_STEP_DAYS;
        long steps = steps(maxMaturity, dtDays);
        if (paths <= limits.maxPaths() && (long) paths * steps > limits.maxPathSteps()) {
            v.add("monteCarlo.paths", "paths × time steps = " + (long) paths * steps + "; the limit is "
                    + limits.maxPathSteps());
        }
        if (r.calibration() != null) {
            PricingRequest.SlvSettings s = r.calibration();
            double maturity = Math.max(maxMaturity, 0);
            slv("calibration.", s.particles(), s.timeStepDays(), s.estimator(), s.spotGridSize(), maturity, v);
        }
        v.throwIfAny();
    }

    private void product(String path, ProductDto p, Violations v) {
        if (p.id() != null && (p.id().isBlank() || p.id().length() > 64)) {
            v.add(path + ".id", "must be non-blank, at most 64 characters");
        }
        v.range(path + ".maturity", p.maturity(), 0, true, limits.maxMaturity());
        if (p.notional() != null) {
            v.positive(path + ".notional", p.notional());
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

    private void slv(String prefix, Integer particles, Integer timeStepDays, EstimatorDto estimator,
                     Integer spotGridSize, double maturity, Violations v) {
        v.intRange(prefix + "particles", particles, 16, limits.maxParticles());
        v.intRange(prefix + "timeStepDays", timeStepDays, 1, 365);
        v.intRange(prefix + "spotGridSize", spotGridSize, 10, limits.maxSpotGridSize());
        estimator(prefix + "estimator", estimator, v);
        int n = particles != null ? particles : Defaults.PARTICLES;
        // the engine propagates particles in daily sub-steps whatever the regression step: count days
        long steps = steps(maturity, 1.0);
        if (n <= limits.maxParticles() && (long) n * steps > limits.maxParticleSteps()) {
            v.add(prefix + "particles", "particles × time steps = " + (long) n * steps + "; the limit is "
                    + limits.maxParticleSteps());
        }
    }

    void estimator(String path, EstimatorDto e, Violations v) {
        if (e == null) {
            return;
        }
        v.intRange(path + ".units", e.units(), 2, limits.maxRbfUnits());
        v.intRange(path + ".bins", e.bins(), 0, limits.maxRbfUnits()); // 0: automatic
        if (e.lambda() != null) {
            v.range(path + ".lambda", e.lambda(), 0, false, 1e6);
        }
        if (e.pruning() != null && v.required(path + ".pruning.theta", e.pruning().theta())) {
            v.range(path + ".pruning.theta", e.pruning().theta(), 0, false, 100);
        }
        if (e.bandwidth() != null) {
            EstimatorDto.Bandwidth b = e.bandwidth();
            if (v.required(path + ".bandwidth.rule", b.rule())) {
                if (b.rule() == EstimatorDto.BandwidthRule.FIXED) {
                    v.positive(path + ".bandwidth.value", b.value());
                } else if (b.value() != null) {
                    v.add(path + ".bandwidth.value", "is only used with rule FIXED");
                }
            }
        }
        if (e.width() != null) {
            EstimatorDto.Width w = e.width();
            v.required(path + ".width.rule", w.rule());
            v.intRange(path + ".width.k", w.k(), 1, 100);
            if (w.scale() != null) {
                v.range(path + ".width.scale", w.scale(), 0, true, 1e3);
            }
        }
    }

    private static void heston(String path, HestonParamsDto h, Violations v) {
        v.range(path + ".v0", h.v0(), 0, true, 25);
        v.range(path + ".kappa", h.kappa(), 0, true, 1000);
        v.range(path + ".theta", h.theta(), 0, true, 25);
        v.range(path + ".xi", h.xi(), 0, false, 100);
        if (v.finite(path + ".rho", h.rho()) && !(h.rho() > -1 && h.rho() < 1)) {
            v.add(path + ".rho", "must be in (-1, 1)");
        }
    }

    static long steps(double maturity, double timeStepDays) {
        if (!(maturity > 0) || !(timeStepDays > 0)) {
            return 0;
        }
        return (long) Math.ceil(maturity * 365.0 / timeStepDays);
    }

    private static double lastExpiry(MarketDto m) {
        try {
            if (m.volatility().quotes() != null) {
                List<?> p = m.volatility().quotes().pillars();
                return m.volatility().quotes().pillars().get(p.size() - 1).expiry();
            }
            List<Double> e = m.volatility().grid().expiries();
            return e.get(e.size() - 1);
        } catch (RuntimeException incomplete) {
            return 0; // the market itself is reported invalid
        }
    }
}
