package com.fxdesk.slv.web.calibrations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fxdesk.slv.jobs.store.JobRecord;
import com.fxdesk.slv.jobs.store.JobStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A calibration job as GET /api/v1/calibrations/{id} shows it: status and progress; once SUCCEEDED a summary, the
 * result (Heston, diagnostics and the leverage at a summary resolution unless detail=full) and links to the
 * report, the full leverage grid and the charts; error when FAILED.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A calibration job")
public record JobView(
        @Schema(description = "job id (a UUID); \"latest\" names your newest SUCCEEDED job in every path") String id,
        @Schema(description = "QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED") JobStatus status,
        @Schema(description = "fraction done, 0 to 1", minimum = "0", maximum = "1") double progress,
        @Schema(description = "current phase") String phase,
        @Schema(description = "true while a cancellation is pending") Boolean cancelRequested,
        @Schema(description = "why the job FAILED") String error,
        @Schema(description = "when the job was accepted (UTC)") Instant createdAt,
        @Schema(description = "when it started running") Instant startedAt,
        @Schema(description = "when it finished") Instant finishedAt,
        @Schema(description = "how many times a replica claimed it (shown once a job was claimed again because its "
                + "replica stopped)") Integer attempts,
        @Schema(description = "the batch this job belongs to") String batchId,
        @Schema(description = "the replica running it, or the one that ran it") String replica,
        @Schema(description = "key figures of a SUCCEEDED calibration") Summary summary,
        @Schema(description = "the result of a SUCCEEDED calibration (API contract \"Calibration result\")",
                implementation = CalibrationResultView.class) JsonNode result,
        @Schema(description = "related resources") Links links) {

    /** Key figures of a finished calibration (read off its result). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(
            @Schema(description = "currency pair of the market") String pair,
            @Schema(description = "valuation date of the market, if it had one") String valuationDate,
            @Schema(description = "calibrated horizon, years ACT/365F") Double maturity,
            @Schema(description = "number of particles") Integer particles,
            @Schema(description = "mixing factor η (vol-of-vol scale)") Double mixing,
            @Schema(description = "estimator of E[V | S] used") String estimator,
            @Schema(description = "regression times") Integer regressionTimes,
            @Schema(description = "round-trip RMS error over resolved points, vol bp (absent without round trip)")
            Double roundTripRmsBps,
            @Schema(description = "round-trip largest |error| over resolved points, vol bp") Double roundTripMaxBps,
            @Schema(description = "quality verdict: PASS, WARN or FAIL (absent without round trip)") String verdict,
            @Schema(description = "wall time of the whole calibration, ms") Double totalMs) {

        static Summary of(JsonNode r) {
            JsonNode times = r.path("leverage").path("times");
            JsonNode d = r.path("diagnostics");
            JsonNode slices = d.path("slices");
            JsonNode rt = d.path("roundTrip");
            return new Summary(text(r.path("pair")), text(r.path("valuationDate")), number(r.path("maturity")),
                    d.path("particles").isNumber() ? d.path("particles").asInt() : null, number(r.path("mixing")),
                    slices.size() > 1 ? text(slices.get(1).path("estimator").path("estimator")) : null,
                    times.isArray() ? times.size() : null, number(rt.path("rmsErrorBps")),
                    number(rt.path("maxErrorBps")), text(d.path("quality").path("verdict")),
                    number(d.path("timings").path("totalMs")));
        }

        private static Double number(JsonNode n) {
            return n.isNumber() ? n.asDouble() : null;
        }

        private static String text(JsonNode n) {
            return n.isString() ? n.asString() : null;
        }
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

    /**
     * result: the stored result of a SUCCEEDED job, already at the resolution to show (null: not shown). attempts:
     * only once a job was claimed again (its replica stopped).
     */
    public static JobView of(JobRecord j, JsonNode result) {
        return of(j, result, result);
    }

    /** summaryOf: the full stored result the summary is read from; result: what to show (full or slim). */
    public static JobView of(JobRecord j, JsonNode summaryOf, JsonNode result) {
        boolean succeeded = j.status() == JobStatus.SUCCEEDED;
        String self = "/api/v1/calibrations/" + j.id();
        Links links = !succeeded ? new Links(self, null, null, null, null, null, null)
                : new Links(self, self + "/report", self + "/leverage", self + "/leverage?format=csv",
                        self + "/leverage/values", self + "?detail=full",
                        List.of(self + "/charts/leverage", self + "/charts/local-vol", self + "/charts/implied-vol",
                                self + "/charts/regression?time=1", self + "/charts/round-trip"));
        JsonNode shown = succeeded ? result : null;
        return new JobView(j.id(), j.status(), j.progress(), j.phase(),
                j.cancelRequested() && !j.status().isFinal() ? Boolean.TRUE : null, j.error(), j.createdAt(),
                j.startedAt(), j.finishedAt(), j.attempts() > 1 ? j.attempts() : null, j.batchId(), j.worker(),
                shown == null || summaryOf == null ? null : Summary.of(summaryOf), shown, links);
    }

    /**
     * The job's default view of a stored result: the leverage and the slice diagnostics at
     * {@link CalibrationResultView#SUMMARY_TIMES} regression times and {@link CalibrationResultView#SUMMARY_SPOTS}
     * spots per time (exact grid values, first and last included), a few kB whatever the number of steps; the whole
     * grid is the job's leverage resource and detail=full.
     */
    public static JsonNode slim(JsonNode full) {
        JsonNode lev = full.path("leverage");
        JsonNode times = lev.path("times");
        if (!(full instanceof ObjectNode) || !times.isArray()) {
            return full;
        }
        ObjectNode out = (ObjectNode) full.deepCopy();
        JsonNode slices = full.path("diagnostics").path("slices");
        ObjectNode slimLev = out.putObject("leverage");
        ArrayNode t = slimLev.putArray("times");
        ArrayNode s = slimLev.putArray("spots");
        ArrayNode v = slimLev.putArray("values");
        ArrayNode sl = slices.isArray() && out.get("diagnostics") instanceof ObjectNode diag
                ? diag.putArray("slices") : null;
        for (int k : CalibrationResultView.spread(times.size(), CalibrationResultView.SUMMARY_TIMES)) {
            t.add(times.get(k));
            JsonNode spots = lev.path("spots").path(k);
            int[] points = CalibrationResultView.spread(spots.size(), CalibrationResultView.SUMMARY_SPOTS);
            pick(s.addArray(), spots, points);
            pick(v.addArray(), lev.path("values").path(k), points);
            if (sl != null && k < slices.size()) {
                sl.add(slices.get(k));
            }
        }
        return out;
    }

    private static void pick(ArrayNode into, JsonNode values, int[] indices) {
        for (int i : indices) {
            into.add(values.get(i));
        }
    }
}
