package com.fxdesk.slv.web.calibrations;

import com.fxdesk.slv.calibration.RoundTripConfig;
import com.fxdesk.slv.web.support.Domain;
import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.config.LimitsProperties;
import com.fxdesk.slv.pipeline.SlvSettings;
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
    /**
     * Fewest round-trip paths: the control-variate regression fits up to 7 coefficients per point and needs about
     * ten antithetic pairs per coefficient for its β and standard error to mean anything (fewer: the plain
     * mean without controls, or no standard error at all), and the 1 bp resolution needs far more paths anyway.
     */
    static final int MIN_ROUND_TRIP_PATHS = 1_000;
    /** The largest {@code roundTrip.maxExtraWorkFactor}: extra work at most 20 times the pilot's (work units). */
    static final double MAX_EXTRA_WORK_FACTOR = 20;

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
            Domain.expiry("maturity", r.maturity(), limits.maxMaturity(), v);
        }
        double maturity = r.maturity() != null && Double.isFinite(r.maturity()) ? r.maturity() : lastExpiry(r.market());
        leverageBounds("", r.leverage(), v);
        boolean roundTrip = r.roundTrip() == null || r.roundTrip().enabled() == null || r.roundTrip().enabled();
        int paths = RoundTripConfig.DEFAULT_PATHS;
        boolean pathsOk = true;
        if (r.roundTrip() != null && r.roundTrip().paths() != null) {
            pathsOk = v.intRange("roundTrip.paths", r.roundTrip().paths(), MIN_ROUND_TRIP_PATHS, limits.maxPaths());
            paths = r.roundTrip().paths();
        }
        if (r.roundTrip() != null && r.roundTrip().resolutionBps() != null) {
            v.range("roundTrip.resolutionBps", r.roundTrip().resolutionBps(), 0, true, 1000);
        }
        if (r.roundTrip() != null && r.roundTrip().targetStdErrorBps() != null) {
            v.range("roundTrip.targetStdErrorBps", r.roundTrip().targetStdErrorBps(), 0, false, 1000);
        }
        if (r.roundTrip() != null && r.roundTrip().maxExtraWorkFactor() != null) {
            v.range("roundTrip.maxExtraWorkFactor", r.roundTrip().maxExtraWorkFactor(), 0, false,
                    MAX_EXTRA_WORK_FACTOR);
        }
        // a given κ above the fit's range cuts the round trip's steps finer (κ·Δt ≤ 0.1): count it
        double kappaMax = r.heston() != null && r.heston().kappa() != null && Double.isFinite(r.heston().kappa())
                ? r.heston().kappa() : Double.POSITIVE_INFINITY;
        slv("", r.particles(), r.timeStepDays(), r.estimator(), r.spotGridSize(), maturity,
                expiryTimes(r.market()), roundTrip && pathsOk ? paths : 0, kappaMax, v);
        v.throwIfAny();
    }

    /**
     * Validates SLV settings and the job's work: calibration and round trip together against
     * {@link LimitsProperties#maxJobWork()} ({@link SlvCalibrationInput#work}, on the largest grid any Heston fit can
     * give: κ = +∞), and the leverage function's size.
     *
     * @param roundTripPaths 0 when no round trip runs
     */
    public void slv(String prefix, Integer particles, Integer timeStepDays, EstimatorDto estimator,
                    Integer spotGridSize, double maturity, double[] expiries, int roundTripPaths, double kappaMax,
                    Violations v) {
        boolean nOk = v.intRange(prefix + "particles", particles, 16, limits.maxParticles());
        boolean dtOk = v.intRange(prefix + "timeStepDays", timeStepDays, 1, 365);
        boolean gridOk = v.intRange(prefix + "spotGridSize", spotGridSize, 10, limits.maxSpotGridSize());
        regression.estimator(prefix + "estimator", estimator, v);
        SlvSettings s = SlvSettings.of(null, null, particles, timeStepDays, null, null, spotGridSize, null, null, null,
                null, null);
        int n = s.particles();
        int dt = s.timeStepDays();
        int m = s.spotGridSize();
        if (!nOk || !dtOk || !gridOk || !(maturity > 0) || !(maturity <= limits.maxMaturity())) {
            return;
        }
        SlvCalibrationInput.GridSize grid = SlvCalibrationInput.gridSize(maturity, dt, n, expiries, kappaMax);
        long work = SlvCalibrationInput.work(n, grid, roundTripPaths);
        if (work > limits.maxJobWork()) {
            long rt = (long) roundTripPaths * grid.roundTripSteps();
            String field = rt > work - rt ? prefix + "roundTrip.paths" : prefix + "particles";
            v.add(field, String.format(java.util.Locale.ROOT, "work %,d particle-steps (%,d particles on %,d "
                    + "steps, %,d regressions, %,d round-trip paths on at most %,d steps) is over the job budget %,d "
                    + "(about %.0f s on 2 cores)", work, n, grid.steps(), grid.regressions(), roundTripPaths,
                    grid.roundTripSteps(), limits.maxJobWork(), limits.maxJobWork() / 1.35e8));
        }
        if ((long) grid.steps() * m > limits.maxLeveragePoints()) {
            v.add(prefix + "spotGridSize", "propagation steps × spotGridSize = " + (long) grid.steps() * m + " ("
                    + grid.steps() + " steps) leverage values to keep; the limit is " + limits.maxLeveragePoints());
        }
    }

    /** Pillar (or grid) expiries in years; empty when the market is incomplete (reported invalid elsewhere). */
    public static double[] expiryTimes(MarketDto m) {
        try {
            if (m.volatility().quotes() != null) {
                return m.volatility().quotes().pillars().stream().filter(p -> p.expiry() != null)
                        .mapToDouble(p -> p.expiry()).toArray();
            }
            return m.volatility().grid().expiries().stream().filter(e -> e != null).mapToDouble(e -> e).toArray();
        } catch (RuntimeException incomplete) {
            return new double[0];
        }
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

    /** Leverage clip bounds (null: the defaults): 0 < floor ≤ 1 ≤ cap ≤ 100 (L ≡ 1 must stay reachable). */
    public static void leverageBounds(String prefix, CalibrationRequest.Leverage l, Violations v) {
        if (l == null) {
            return;
        }
        if (l.floor() != null) {
            v.range(prefix + "leverage.floor", l.floor(), 0, true, 1.0);
        }
        boolean cap = l.cap() != null && v.range(prefix + "leverage.cap", l.cap(), 1, false, 100);
        if (cap && l.floor() != null && Double.isFinite(l.floor()) && !(l.floor() < l.cap())) {
            // floor = cap = 1 pins L ≡ 1 and leaves the particle method nothing to calibrate
            v.add(prefix + "leverage.cap", "must be greater than " + prefix + "leverage.floor");
        }
    }
}
