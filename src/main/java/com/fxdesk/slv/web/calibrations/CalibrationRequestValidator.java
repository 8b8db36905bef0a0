package com.fxdesk.slv.web.calibrations;

import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.config.LimitsProperties;
import com.fxdesk.slv.web.errors.Violations;
import com.fxdesk.slv.web.heston.HestonRequestValidator;
import com.fxdesk.slv.web.market.MarketDto;
import com.fxdesk.slv.web.market.MarketValidator;
import com.fxdesk.slv.web.regression.EstimatorDto;
import com.fxdesk.slv.web.regression.RegressionRequestValidator;
import java.util.List;
import org.springframework.stereotype.Component;
/** Validation of calibration requests, and of SLV settings wherever a request carries them. */
@Component
public class CalibrationRequestValidator {
    private final MarketValidator market;
    private final RegressionRequestValidator regression;
    private final LimitsProperties limits;

    public CalibrationRequestValidator(MarketValidator market, RegressionRequestValidator regression,
                                       LimitsProperties limits) {
        this.market = market;
        this.regression = regression;
        this.limits = limits;
    }

    public void validate(CalibrationRequest r) {
        Violations v = new Violations();
        market.validate("market", r.market(), v);
        if (r.heston() != null) {
            HestonRequestValidator.heston("heston", r.heston(), v);
        }
        if (r.mixing() != null) {
            v.range("mixing", r.mixing(), 0, false, 1);
        }
        if (r.maturity() != null) {
            v.range("maturity", r.maturity(), 0, true, limits.maxMaturity());
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

    /** Validates SLV settings; returns the engine's propagation step count (an upper bound; 0 if unknown). */
    public long slv(String prefix, Integer particles, Integer timeStepDays, EstimatorDto estimator,
                     Integer spotGridSize, double maturity, int expiries, Violations v) {
        v.intRange(prefix + "particles", particles, 16, limits.maxParticles());
        boolean dtOk = v.intRange(prefix + "timeStepDays", timeStepDays, 1, 365);
        boolean gridOk = v.intRange(prefix + "spotGridSize", spotGridSize, 10, limits.maxSpotGridSize());
        regression.estimator(prefix + "estimator", estimator, v);
        int n = particles != null ? particles : SlvCalibrationInput.DEFAULT_PARTICLES;
        int dt = timeStepDays != null ? timeStepDays : SlvCalibrationInput.DEFAULT_TIME_STEP_DAYS;
        int m = spotGridSize != null ? spotGridSize : SlvCalibrationInput.DEFAULT_SPOT_GRID_SIZE;
        if (!dtOk || !gridOk) {
            return 0;
        }
        long steps = engineSteps(maturity, dt, expiries);
        if (n <= limits.maxParticles() && (long) n * steps > limits.maxParticleSteps()) {
            v.add(prefix + "particles", "particles × propagation steps = " + (long) n * steps + " (" + steps
                    + " steps: " + SlvCalibrationInput.MAX_DEFAULT_SUB_STEPS + " per timeStepDays plus expiries); the limit is "
                    + limits.maxParticleSteps());
        }
        if (steps * m > limits.maxLeveragePoints()) {
            v.add(prefix + "spotGridSize", "propagation steps × spotGridSize = " + steps * m + " (" + steps
                    + " steps) leverage values to keep; the limit is " + limits.maxLeveragePoints());
        }
        return steps;
    }

    /** The engine's bound on propagation steps ({@link SlvCalibrationInput#propagationStepBound}). */
    public static long engineSteps(double maturity, int timeStepDays, int expiries) {
        return SlvCalibrationInput.propagationStepBound(maturity, timeStepDays, expiries);
    }

    public static int expiries(MarketDto m) {
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
        if (l.cap() != null) {
            v.range("leverage.cap", l.cap(), 1, false, 100);
        }
    }
}
