package com.fxdesk.slv.web.calibrations;

import com.fxdesk.slv.pipeline.SlvPipeline.Calibrated;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fxdesk.slv.calibration.RegressionSlice;
import com.fxdesk.slv.calibration.SlvCalibrationResult;
import com.fxdesk.slv.jobs.Job;
import com.fxdesk.slv.jobs.JobOutcome;
import com.fxdesk.slv.jobs.JobStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A calibration job as GET /api/v1/calibrations/{id} shows it: status and progress; once SUCCEEDED a summary, the
 * result (Heston, diagnostics and the leverage at a summary resolution unless detail=full) and links to the
 * report, the full leverage grid and the charts; error when FAILED.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A calibration job")
public record JobView(
        @Schema(description = "job id (a UUID); \"latest\" names the newest SUCCEEDED job in every path") String id,
        @Schema(description = "QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED") JobStatus status,
        @Schema(description = "fraction done, 0 to 1", minimum = "0", maximum = "1") double progress,
        @Schema(description = "current phase: queued, localVol, heston, leverage, roundTrip, done") String phase,
        @Schema(description = "true while a cancellation is pending") Boolean cancelRequested,
        @Schema(description = "why the job FAILED") String error,
        @Schema(description = "when the job was accepted (UTC)") Instant createdAt,
        @Schema(description = "when it started running") Instant startedAt,
        @Schema(description = "when it finished") Instant finishedAt,
        @Schema(description = "key figures of a SUCCEEDED calibration") Summary summary,
        @Schema(description = "the result of a SUCCEEDED calibration (API contract \"Calibration result\")")
        CalibrationResultView result,
        @Schema(description = "related resources") Links links) {

    /** Key figures of a finished calibration. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(
            @Schema(description = "currency pair of the market") String pair,
            @Schema(description = "valuation date of the market, if it had one") LocalDate valuationDate,
            @Schema(description = "calibrated horizon, years ACT/365F") double maturity,
            @Schema(description = "number of particles") int particles,
            @Schema(description = "mixing factor η (vol-of-vol scale)") double mixing,
            @Schema(description = "estimator of E[V | S] used") String estimator,
            @Schema(description = "regression times") int regressionTimes,
            @Schema(description = "round-trip RMS error over resolved points, vol bp (absent without round trip)")
            Double roundTripRmsBps,
            @Schema(description = "round-trip largest |error| over resolved points, vol bp") Double roundTripMaxBps,
            @Schema(description = "quality verdict: PASS, WARN or FAIL (absent without round trip)") String verdict,
            @Schema(description = "wall time of the whole calibration, ms") double totalMs) {
    }

    /** Addresses of the job's resources (relative to the service root). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Links(
            @Schema(description = "this job") String self,
            @Schema(description = "the calibration report (HTML page)") String report,
            @Schema(description = "the leverage grid, JSON (choose the resolution with times= and spots=)")
            String leverage,
            @Schema(description = "the leverage grid as CSV (time, spot, leverage)") String leverageCsv,
            @Schema(description = "L(S, t) at given points: add time= and spot= lists") String leverageValues,
            @Schema(description = "this job with the full result (leverage at every regression time and spot)")
            String full,
            @Schema(description = "SVG charts: leverage, local-vol, implied-vol, regression?time=, round-trip")
            List<String> charts) {
    }

    public static JobView of(Job j, boolean withResult) {
        return of(j, withResult, false);
    }

    /** full: the result with the leverage on every regression time and spot (megabytes for long horizons). */
    public static JobView of(Job j, boolean withResult, boolean full) {
        JobStatus status = j.status(); // read before the outcome: the job writes its status last
        JobOutcome outcome = j.outcome();
        Calibrated c = status == JobStatus.SUCCEEDED && outcome != null
                && outcome.internal() instanceof Calibrated x ? x : null;
        String self = "/api/v1/calibrations/" + j.id();
        Links links = c == null ? new Links(self, null, null, null, null, null, null)
                : new Links(self, self + "/report", self + "/leverage", self + "/leverage?format=csv",
                        self + "/leverage/values", self + "?detail=full",
                        List.of(self + "/charts/leverage", self + "/charts/local-vol", self + "/charts/implied-vol",
                                self + "/charts/regression?time=1", self + "/charts/round-trip"));
        CalibrationResultView view = status == JobStatus.SUCCEEDED && outcome != null
                && outcome.view() instanceof CalibrationResultView v ? v : null;
        return new JobView(j.id(), status, j.progress(), j.phase(),
                j.cancelRequested() && !status.isFinal() ? Boolean.TRUE : null, j.error(), j.createdAt(),
                j.startedAt(), j.finishedAt(), c == null || !withResult ? null : summary(c, view),
                view == null || !withResult ? null : full ? view : view.summary(), links);
    }

    static Summary summary(Calibrated c, CalibrationResultView view) {
        SlvCalibrationResult r = c.result();
        double[] tau = r.propagationTimes();
        List<RegressionSlice> slices = r.slices();
        String estimator = slices.size() > 1 ? slices.get(1).diagnostics().estimator() : null;
        var rt = view == null || view.diagnostics() == null ? null : view.diagnostics().roundTrip();
        var quality = view == null || view.diagnostics() == null ? null : view.diagnostics().quality();
        return new Summary(c.market().fx().pair(), c.market().fx().valuationDate(), tau[tau.length - 1],
                r.particles(), r.mixing(), estimator, slices.size(), rt == null ? null : rt.rmsErrorBps(),
                rt == null ? null : rt.maxErrorBps(), quality == null ? null : quality.verdict(), c.totalMs());
    }

}
