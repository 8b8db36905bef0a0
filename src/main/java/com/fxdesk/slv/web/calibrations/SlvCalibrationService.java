package com.fxdesk.slv.web.calibrations;

import com.fxdesk.slv.calibration.RoundTripConfig;
import com.fxdesk.slv.calibration.RoundTripQuote;
import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.calibration.SlvCalibrationResult;
import com.fxdesk.slv.calibration.SlvCalibrator;
import com.fxdesk.slv.heston.CalibrationQuote;
import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.jobs.JobOutcome;
import com.fxdesk.slv.jobs.JobTask;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.regression.ConditionalExpectationEstimator;
import com.fxdesk.slv.regression.Estimators;
import com.fxdesk.slv.volatility.DupireLocalVol;
import com.fxdesk.slv.volatility.VolSurface;
import com.fxdesk.slv.web.heston.HestonService;
import com.fxdesk.slv.web.market.MarketMapper;
import com.fxdesk.slv.web.market.MarketRejection;
import com.fxdesk.slv.web.regression.EstimatorMapper;
import com.fxdesk.slv.web.support.Defaults;
import com.fxdesk.slv.web.support.EngineMetrics;
import com.fxdesk.slv.web.surface.SurfaceService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Service;

/**
 * The SLV calibration pipeline: surface and Dupire local vol, Heston (calibrated unless given), particle
 * calibration of the leverage with the round trip. Used by jobs and by pricing with model SLV.
 */
@Service
public class SlvCalibrationService {
    /** Share of the progress bar before the particle method starts (surface and Heston). */
    private static final double PRE = 0.1;

    private final SurfaceService surfaces;
    private final HestonService heston;
    private final EngineMetrics metrics;
    private final ExecutorService computePool;

    public SlvCalibrationService(SurfaceService surfaces, HestonService heston, EngineMetrics metrics,
                                 ExecutorService slvComputePool) {
        this.surfaces = surfaces;
        this.heston = heston;
        this.metrics = metrics;
        this.computePool = slvComputePool;
    }

    /** Engine-side result kept with a finished job, reused by pricing with calibrationId. */
    public record Calibrated(MarketData market, VolSurface surface, DupireLocalVol localVol, HestonParameters heston,
                             SlvCalibrationResult result, double hestonMs, double localVolMs, double totalMs) {
    }

    /** Settings of one calibration with every default filled in. */
    public record Settings(HestonParameters heston, double mixing, int particles, int timeStepDays, Double maturity,
                           com.fxdesk.slv.regression.EstimatorConfig estimator, int spotGridSize, long seed,
                           boolean roundTrip, int roundTripPaths, double leverageFloor, double leverageCap) {
    }

    public static Settings settings(CalibrationRequest r) {
        return new Settings(HestonService.toEngine(r.heston()), r.mixing() != null ? r.mixing() : Defaults.MIXING,
                r.particles() != null ? r.particles() : Defaults.PARTICLES,
                r.timeStepDays() != null ? r.timeStepDays() : (int) Defaults.TIME_STEP_DAYS, r.maturity(),
                EstimatorMapper.toEngine(r.estimator()),
                r.spotGridSize() != null ? r.spotGridSize() : Defaults.SPOT_GRID_SIZE,
                r.seed() != null ? r.seed() : Defaults.SEED,
                r.roundTrip() == null || r.roundTrip().enabled() == null || r.roundTrip().enabled(),
                r.roundTrip() != null && r.roundTrip().paths() != null ? r.roundTrip().paths()
                        : Defaults.ROUND_TRIP_PATHS,
                r.leverage() != null && r.leverage().floor() != null ? r.leverage().floor() : Defaults.LEVERAGE_FLOOR,
                r.leverage() != null && r.leverage().cap() != null ? r.leverage().cap() : Defaults.LEVERAGE_CAP);
    }

    /** Checks what can be checked without computing (e.g. estimator settings), then returns the job's work. */
    public JobTask prepare(CalibrationRequest request) {
        MarketData market = MarketMapper.toEngine(request.market());
        Settings s = settings(request);
        Estimators.create(s.estimator()); // configuration errors: 422 now rather than a failed job later
        try {
            surfaces.surface(market); // milliseconds: a market the builder refuses is a 422 now, not a FAILED job
        } catch (IllegalArgumentException e) {
            throw MarketRejection.of("market", request.market(), e);
        }
        return ctx -> {
            Calibrated c = calibrate(market, s, ctx.computePool(), ctx.cancelled(),
                    (f, phase) -> ctx.progress(f, phase));
            return new JobOutcome(CalibrationResultView.of(c, false), c); // the GET builds its own view
        };
    }

    public interface Progress {
        void report(double fraction, String phase);
    }

    public Calibrated calibrate(MarketData market, Settings s, ExecutorService pool, BooleanSupplier cancelled,
                                Progress progress) throws Exception {
        long t0 = System.nanoTime();
        progress.report(0, "localVol");
        long tLv = System.nanoTime();
        VolSurface surface = metrics.phase("localVol", () -> surfaces.surface(market));
        DupireLocalVol lv = new DupireLocalVol(surface);
        double localVolMs = (System.nanoTime() - tLv) / 1e6;
        checkCancelled(cancelled);
        List<CalibrationQuote> quotes = SurfaceService.vanillaQuotes(surface);
        HestonParameters h = s.heston();
        double hestonMs = 0;
        if (h == null) {
            progress.report(0.02, "heston");
            long tH = System.nanoTime();
            h = metrics.phase("heston", () -> heston.calibrate(market.fx(), quotes, null, null, cancelled))
                    .parameters();
            hestonMs = (System.nanoTime() - tH) / 1e6;
        }
        checkCancelled(cancelled);
        List<RoundTripQuote> rtQuotes = new ArrayList<>();
        for (CalibrationQuote q : quotes) {
            rtQuotes.add(new RoundTripQuote(q.expiry(), q.strike(), q.label(), q.marketVol()));
        }
        ConditionalExpectationEstimator estimator = Estimators.create(s.estimator());
        SlvCalibrationInput.Builder b = SlvCalibrationInput.builder(market.fx(), lv, h, estimator)
                .impliedVol(surface).surfaceExpiries(surface.expiries()).roundTripQuotes(rtQuotes)
                .mixing(s.mixing()).particles(s.particles()).timeStepDays(s.timeStepDays())
                .spotGridSize(s.spotGridSize()).seed(s.seed())
                .leverageFloor(s.leverageFloor()).leverageCap(s.leverageCap());
        if (s.maturity() != null) {
            b.maturity(s.maturity());
        }
        if (!s.roundTrip()) {
            b.roundTrip(RoundTripConfig.disabled());
        } else {
            b.roundTrip(new RoundTripConfig(true, s.roundTripPaths(),
                    s.seed() * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L, true, true));
        }
        SlvCalibrationInput input = b.build();
        progress.report(PRE, "leverage");
        long tL = System.nanoTime();
        SlvCalibrationResult result;
        try {
            // the calibrator gives the round trip the last paths / (1.5 particles + paths) of its progress
            double rtStart = s.roundTrip() ? 1 - s.roundTripPaths() / (1.5 * s.particles() + s.roundTripPaths()) : 1;
            result = new SlvCalibrator(pool).calibrate(input, f -> progress.report(PRE + (1 - PRE) * f,
                    f > rtStart + 1e-12 ? "roundTrip" : "particles"), cancelled);
        } catch (RuntimeException e) {
            metrics.record("leverage", EngineMetrics.outcome(e), System.nanoTime() - tL);
            throw e;
        }
        metrics.record("leverage", "success", (long) (result.timings().leverageMs() * 1e6));
        if (result.roundTrip() != null) {
            metrics.record("roundTrip", "success", (long) (result.timings().roundTripMs() * 1e6));
        }
        checkCancelled(cancelled);
        return new Calibrated(market, surface, lv, h, result, hestonMs, localVolMs, (System.nanoTime() - t0) / 1e6);
    }

    private static void checkCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled");
        }
    }
}
