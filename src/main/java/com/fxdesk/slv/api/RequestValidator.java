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
import com.fxdesk.slv.heston.HestonCalibrator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Validation of every request body: all violations at once, with JSON paths, before any work starts. */
@Component
public class RequestValidator {
    /** Shortest pricing Monte Carlo step (days): below it the time discretisation error is long negligible. */
    static final double MIN_MC_STEP_DAYS = 0.25;
    /** Bound on |x| and |y| of regression samples (x is ln S, y a variance): far beyond any real market. */
    static final double MAX_SAMPLE_ABS = 1e6;
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
            initialGuess("initialGuess", r.initialGuess(), v);
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
            // x is meant to be ln S: bounded so that the estimators' powers and kernels stay finite
            xOk = xOk && bounded("samples.x", x, MAX_SAMPLE_ABS, v);
            yOk = yOk && bounded("samples.y", y, MAX_SAMPLE_ABS, v);
            if (xOk && yOk && x.size() != y.size()) {
                v.add("samples.y", "must have as many elements as samples.x (" + x.size() + "), has " + y.size());
            }
            if (xOk && x.size() < 2) {
                v.add("samples.x", "needs at least 2 samples");
            }
        }
        estimator("estimator", r.estimator(), v);
        if (v.list("evaluateAt", r.evaluateAt(), limits.maxEvaluationPoints())
                && v.numbers("evaluateAt", r.evaluateAt(), false, false)) {
            bounded("evaluateAt", r.evaluateAt(), MAX_SAMPLE_ABS, v);
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
            Domain.expiry("maturity", r.maturity(), limits.maxMaturity(), v);
        }
        double maturity = r.maturity() != null && Double.isFinite(r.maturity()) ? r.maturity() : lastExpiry(r.market());
        int expiries = expiries(r.market());
        if (r.leverage() != null) {
            leverageBounds(r.leverage(), v);
        }
        long steps = slv("", r.particles(), r.timeStepDays(), r.estimator(), r.spotGridSize(), maturity, expiries, v);
        if (r.roundTrip() != null && r.roundTrip().paths() != null) {
            if (v.intRange("roundTrip.paths", r.roundTrip().paths(), 2, limits.maxPaths())) {
                // the round trip steps on the leverage's propagation times plus the expiries
                long rtSteps = steps + expiries;
                if (steps > 0 && (long) r.roundTrip().paths() * rtSteps > limits.maxPathSteps()) {
                    v.add("roundTrip.paths", "paths × time steps = " + (long) r.roundTrip().paths() * rtSteps
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
        int paths = mc != null && mc.paths() != null ? mc.paths() : Defaults.MC_PATHS;
        double dtDays = mc != null && mc.timeStepDays() != null && mc.timeStepDays() >= MIN_MC_STEP_DAYS
                ? mc.timeStepDays() : Defaults.TIME_STEP_DAYS;
        // the grid has ceil(T / Δt) steps plus at most one per product date inserted into a step
        long steps = steps(maxMaturity, dtDays) + (r.products() != null ? r.products().size() : 0);
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
                    heston("calibration.heston", s.heston(), v);
                }
            }
            if (s.market() != null) {
                v.add("calibration.market", "give the market at the top level only");
            }
            slv("calibration.", s.particles(), s.timeStepDays(), s.estimator(), s.spotGridSize(), maturity,
                    r.market() != null ? expiries(r.market()) : 0, v);
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

    /** Validates SLV settings; returns the engine's propagation step count (an upper bound; 0 if unknown). */
    private long slv(String prefix, Integer particles, Integer timeStepDays, EstimatorDto estimator,
                     Integer spotGridSize, double maturity, int expiries, Violations v) {
        v.intRange(prefix + "particles", particles, 16, limits.maxParticles());
        boolean dtOk = v.intRange(prefix + "timeStepDays", timeStepDays, 1, 365);
        boolean gridOk = v.intRange(prefix + "spotGridSize", spotGridSize, 10, limits.maxSpotGridSize());
        estimator(prefix + "estimator", estimator, v);
        int n = particles != null ? particles : Defaults.PARTICLES;
        int dt = timeStepDays != null ? timeStepDays : (int) Defaults.TIME_STEP_DAYS;
        int m = spotGridSize != null ? spotGridSize : Defaults.SPOT_GRID_SIZE;
        if (!dtOk || !gridOk) {
            return 0;
        }
        long steps = engineSteps(maturity, dt, expiries);
        if (n <= limits.maxParticles() && (long) n * steps > limits.maxParticleSteps()) {
            v.add(prefix + "particles", "particles × propagation steps = " + (long) n * steps + " (" + steps
                    + " steps: " + Defaults.SUB_STEPS + " per timeStepDays plus expiries); the limit is "
                    + limits.maxParticleSteps());
        }
        if (steps * m > limits.maxLeveragePoints()) {
            v.add(prefix + "spotGridSize", "propagation steps × spotGridSize = " + steps * m + " (" + steps
                    + " steps) leverage values to keep; the limit is " + limits.maxLeveragePoints());
        }
        return steps;
    }

    /**
     * The SLV engine's propagation steps (calibration.TimeGrid): ceil(T·365/Δt) regression intervals of
     * {@link Defaults#SUB_STEPS} sub-steps each, and every expiry or short-end refinement time inserted into an
     * interval adds at most one step. An upper bound, exact when no extra time falls inside an interval.
     */
    static long engineSteps(double maturity, int timeStepDays, int expiries) {
        if (!(maturity > 0) || timeStepDays <= 0) {
            return 0;
        }
        long grid = (long) Math.ceil(maturity * 365.0 / timeStepDays - 1e-9);
        return grid * Defaults.SUB_STEPS + Math.max(0, expiries) + Defaults.SHORT_END_REFINEMENT;
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

    /** A calibration starting point must lie in the calibrator's own box, else the optimiser would start outside it. */
    private static void initialGuess(String path, HestonParamsDto h, Violations v) {
        v.range(path + ".v0", h.v0(), HestonCalibrator.V_MIN, false, HestonCalibrator.V_MAX);
        v.range(path + ".kappa", h.kappa(), HestonCalibrator.KAPPA_MIN, false, HestonCalibrator.KAPPA_MAX);
        v.range(path + ".theta", h.theta(), HestonCalibrator.V_MIN, false, HestonCalibrator.V_MAX);
        v.range(path + ".xi", h.xi(), HestonCalibrator.XI_MIN, false, HestonCalibrator.XI_MAX);
        v.range(path + ".rho", h.rho(), -HestonCalibrator.RHO_MAX, false, HestonCalibrator.RHO_MAX);
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

    /** Each element within [−max, max]; reports the first offender by index. */
    private static boolean bounded(String path, List<Double> values, double max, Violations v) {
        for (int i = 0; i < values.size(); i++) {
            Double d = values.get(i);
            if (d != null && Math.abs(d) > max) {
                v.add(path + "[" + i + "]", "must be in [-" + Violations.fmt(max) + ", " + Violations.fmt(max)
                        + "]");
                return false;
            }
        }
        return true;
    }

    static long steps(double maturity, double timeStepDays) {
        if (!(maturity > 0) || !(timeStepDays > 0)) {
            return 0;
        }
        return (long) Math.ceil(maturity * 365.0 / timeStepDays);
    }

    private static int expiries(MarketDto m) {
        try {
            if (m.volatility().quotes() != null) {
                return m.volatility().quotes().pillars().size();
            }
            return m.volatility().grid().expiries().size();
        } catch (RuntimeException incomplete) {
            return 0; // the market itself is reported invalid
        }
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

    /** Leverage clip bounds: 0 < floor ≤ 1 ≤ cap ≤ 100 (L ≡ 1 must stay reachable). */
    private static void leverageBounds(CalibrationRequest.Leverage l, Violations v) {
        if (l.floor() != null) {
            v.range("leverage.floor", l.floor(), 0, true, 1.0);
        }
        boolean cap = l.cap() != null && v.range("leverage.cap", l.cap(), 1, false, 100);
        if (cap && l.floor() != null && Double.isFinite(l.floor()) && !(l.floor() < l.cap())) {
            // floor = cap = 1 pins L ≡ 1 and leaves the particle method nothing to calibrate
            v.add("leverage.cap", "must be greater than leverage.floor");
        }
    }
}
