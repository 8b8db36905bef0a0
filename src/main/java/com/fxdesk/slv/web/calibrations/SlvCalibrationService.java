package com.fxdesk.slv.web.calibrations;

import com.fxdesk.slv.calibration.Phase;
import com.fxdesk.slv.calibration.QualityVerdict;
import com.fxdesk.slv.calibration.RoundTripConfig;
import com.fxdesk.slv.calibration.RoundTripStatistics;
import com.fxdesk.slv.config.LimitsProperties;
import com.fxdesk.slv.config.QualityProperties;
import java.util.List;
import com.fxdesk.slv.calibration.ProgressListener;
import com.fxdesk.slv.jobs.JobHandler;
import com.fxdesk.slv.jobs.JobOutcome;
import com.fxdesk.slv.jobs.JobTask;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.pipeline.SlvPipeline;
import com.fxdesk.slv.pipeline.SlvPipeline.Calibrated;
import com.fxdesk.slv.pipeline.SlvSettings;
import com.fxdesk.slv.regression.Estimators;
import com.fxdesk.slv.web.heston.HestonService;
import com.fxdesk.slv.web.market.MarketMapper;
import com.fxdesk.slv.web.market.MarketRejection;
import com.fxdesk.slv.web.regression.EstimatorMapper;
import com.fxdesk.slv.web.support.EngineMetrics;
import com.fxdesk.slv.web.surface.SurfaceService;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calibration requests to the engine's {@link SlvPipeline} (surface, Dupire, Heston unless given, leverage, round
 * trip), with the phases timed into the metrics. Used by jobs (kind {@value #KIND}: the request is stored as JSON,
 * so whichever replica claims the job rebuilds the work from it) and by pricing with model SLV.
 */
@Service
public class SlvCalibrationService implements JobHandler<Calibrated> {
    public static final String KIND = "slv-calibration";

    private final EngineMetrics metrics;
    private final SlvPipeline pipeline;
    private final SurfaceService surfaces;
    private final JsonMapper json;
    private final QualityProperties quality;
    private final LimitsProperties limits;

    public SlvCalibrationService(EngineMetrics metrics, ExecutorService slvComputePool, QualityProperties quality,
                                 JsonMapper json, SurfaceService surfaces, LimitsProperties limits) {
        this.metrics = metrics;
        this.limits = limits;
        this.quality = quality;
        this.surfaces = surfaces;
        this.pipeline = new SlvPipeline(slvComputePool, surfaces);
        this.json = json;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Class<Calibrated> modelType() {
        return Calibrated.class;
    }

    /** The request as stored with the job. */
    public String toJson(CalibrationRequest request) {
        return json.writeValueAsString(request);
    }

    @Override
    public JobTask<Calibrated> task(String request) {
        return prepare(json.readValue(request, CalibrationRequest.class));
    }

    /** The request's settings; a field left out takes the engine's default ({@link SlvSettings#of}). */
    public static SlvSettings settings(CalibrationRequest r) {
        CalibrationRequest.RoundTrip rt = r.roundTrip();
        CalibrationRequest.Leverage l = r.leverage();
        return SlvSettings.of(HestonService.toEngine(r.heston()), r.mixing(), r.particles(), r.timeStepDays(),
                r.maturity(), EstimatorMapper.toEngine(r.estimator()), r.spotGridSize(), r.seed(),
                rt != null ? rt.enabled() : null, rt != null ? rt.paths() : null, l != null ? l.floor() : null,
                l != null ? l.cap() : null);
    }

    /**
     * The round trip's extra paths: aimed at {@link RoundTripConfig#TARGET_MARGIN} × the service's resolution
     * threshold (the one the verdict judges by) unless the request names a target, within the request's extra-work
     * factor and the job's whole work budget (the calibrator leaves the round trip what the particles did not use).
     */
    static RoundTripConfig.Adaptive adaptive(CalibrationRequest.RoundTrip rt, double resolutionBps, long jobWork) {
        double target = rt != null && rt.targetStdErrorBps() != null ? rt.targetStdErrorBps()
                : RoundTripConfig.TARGET_MARGIN * resolutionBps;
        double factor = rt != null && rt.maxExtraWorkFactor() != null ? rt.maxExtraWorkFactor()
                : RoundTripConfig.DEFAULT_EXTRA_WORK_FACTOR;
        return new RoundTripConfig.Adaptive(target, factor, jobWork);
    }

    /** Checks what can be checked without computing (e.g. estimator settings), then returns the job's work. */
    public JobTask<Calibrated> prepare(CalibrationRequest request) {
        MarketData market = MarketMapper.toEngine(request.market());
        SlvSettings s = settings(request).withRoundTripAdaptive(
                adaptive(request.roundTrip(), quality.thresholds().resolutionBps(), limits.maxJobWork()));
        Estimators.create(s.estimator()); // configuration errors: 422 now rather than a failed job later
        try {
            surfaces.surface(market); // milliseconds (then cached for the job): a refused market is a 422 now, not a FAILED job
        } catch (IllegalArgumentException e) {
            throw MarketRejection.of("market", e);
        }
        // the verdict and the quality gauges use the service's thresholds, whatever resolution the client asks
        // its statistics at: a client cannot turn a FAIL into a WARN by declaring every point unresolved
        QualityVerdict.Thresholds thresholds = quality.thresholds();
        double shownResolution = request.roundTrip() != null && request.roundTrip().resolutionBps() != null
                ? request.roundTrip().resolutionBps() : thresholds.resolutionBps();
        return ctx -> {
            Calibrated c = calibrate(market, s, ctx.cancelled(), (f, phase) -> ctx.progress(f, phase.label()));
            RoundTripStatistics stats = c.result().roundTrip() == null ? null
                    : RoundTripStatistics.of(c.result().roundTrip(), shownResolution);
            RoundTripStatistics judged = stats == null || shownResolution == thresholds.resolutionBps() ? stats
                    : RoundTripStatistics.of(c.result().roundTrip(), thresholds.resolutionBps());
            List<String> surfaceWarnings = c.surface().warnings().stream()
                    .map(w -> w.code() + " " + w.tenor() + ": " + w.message()).toList();
            QualityVerdict verdict = QualityVerdict.judge(c.result(), judged, surfaceWarnings, thresholds);
            if (stats != null) {
                metrics.quality(market.fx().pair(), verdict);
            }
            return new JobOutcome<>(CalibrationResultView.of(c, stats, verdict), c);
        };
    }

    /** Runs the pipeline; each phase's time and outcome go to the metrics (slv.calibration.phase). */
    public Calibrated calibrate(MarketData market, SlvSettings s, BooleanSupplier cancelled,
                                ProgressListener progress) {
        PhaseClock clock = new PhaseClock(progress == null ? ProgressListener.NONE : progress);
        Calibrated c;
        try {
            c = pipeline.calibrate(market, s, cancelled, clock);
        } catch (RuntimeException e) {
            metrics.record(metricName(clock.phase), EngineMetrics.outcome(e), System.nanoTime() - clock.since);
            throw e;
        }
        metrics.record(metricName(Phase.LOCAL_VOL), "success", (long) (c.localVolMs() * 1e6));
        if (s.heston() == null) {
            metrics.record(metricName(Phase.HESTON), "success", (long) (c.hestonMs() * 1e6));
        }
        metrics.record(metricName(Phase.PARTICLES), "success", (long) (c.result().timings().leverageMs() * 1e6));
        if (c.result().roundTrip() != null) {
            metrics.record(metricName(Phase.ROUND_TRIP), "success", (long) (c.result().timings().roundTripMs() * 1e6));
        }
        return c;
    }

    /** The metrics' phase names (the particle phase is "leverage" there). */
    private static String metricName(Phase p) {
        return p == Phase.PARTICLES ? "leverage" : p.label();
    }

    /** Forwards progress and remembers the phase in force and since when (to time a failing phase). */
    private static final class PhaseClock implements ProgressListener {
        private final ProgressListener next;
        private volatile Phase phase = Phase.LOCAL_VOL;
        private volatile long since = System.nanoTime();

        PhaseClock(ProgressListener next) {
            this.next = next;
        }

        @Override
        public void onProgress(double fraction, Phase p) {
            if (p != phase) {
                phase = p;
                since = System.nanoTime();
            }
            next.onProgress(fraction, p);
        }
    }
}
