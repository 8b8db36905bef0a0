package com.fxdesk.slv.web.report;

import com.fxdesk.slv.pipeline.SlvPipeline.Calibrated;
import com.fxdesk.slv.calibration.RegressionSlice;
import com.fxdesk.slv.web.calibrations.SucceededCalibrations;
import com.fxdesk.slv.web.errors.InvalidInputException;
import com.fxdesk.slv.web.support.ComputeGate;
import com.fxdesk.slv.web.support.CostEstimate;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import tools.jackson.databind.JsonNode;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/v1/calibrations/{id}/report: the calibration report, one self-contained HTML page. */
@RestController
@Tag(name = "SLV calibration jobs")
public class ReportController {
    private final SucceededCalibrations calibrations;
    private final ComputeGate gate;

    public ReportController(SucceededCalibrations calibrations, ComputeGate gate) {
        this.calibrations = calibrations;
        this.gate = gate;
    }

    @Operation(summary = "The calibration report: one HTML page, no external assets",
            description = "Leverage heatmap in log-moneyness × time and slices at 1W, 1M, 6M, 1Y, 5Y around the "
                    + "forward; the regression E[V | S] at one time with the particles behind the fit; implied vol "
                    + "per pillar with the quotes, the calibrated Heston and the SLV round trip; the round trip as "
                    + "an expiry × delta table coloured by z-score with standard errors; timings and diagnostics.")
    @ApiResponse(responseCode = "200", description = "the report",
            content = @Content(mediaType = "text/html", schema = @Schema(type = "string")))
    @GetMapping(path = "/api/v1/calibrations/{id}/report", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> report(@Parameter(description = "job id, or \"latest\"") @PathVariable String id,
            @Parameter(description = "time (years) of the regression to show; the nearest regression time is "
                    + "used (default: the one nearest 1Y, or the maturity if shorter)")
            @RequestParam(required = false) Double time) throws Exception {
        if (time != null && !(time >= 0 && time <= 100)) {
            throw new InvalidInputException("time", "must be between 0 and 100 years");
        }
        Calibrated c = calibrations.get(id);
        String jobId = calibrations.id(id);
        String self = "/api/v1/calibrations/" + jobId;
        Map<String, String> links = new LinkedHashMap<>();
        links.put("job (JSON)", self);
        links.put("leverage grid (JSON)", self + "/leverage");
        links.put("leverage grid (CSV)", self + "/leverage?format=csv");
        List<RegressionSlice> slices = c.result().slices();
        String estimator = slices.size() > 1 ? slices.get(1).diagnostics().estimator() : "—";
        JsonNode view = calibrations.view(id);
        JsonNode quality = view == null ? null : view.path("diagnostics").path("quality");
        String verdict = quality != null && quality.path("verdict").isString() ? quality.path("verdict").asString()
                : null;
        List<String> reasons = quality == null || !quality.path("reasons").isArray() ? null
                : quality.path("reasons").valueStream().map(JsonNode::asString).toList();
        CalibrationReport.Input in = new CalibrationReport.Input(jobId, c.market().fx(), c.surface(), c.heston(),
                c.result(), estimator, c.hestonMs(), c.localVolMs(), c.totalMs(), verdict, reasons, links);
        String html = gate.run(CostEstimate.SURFACE, cancelled -> CalibrationReport.html(in, time));
        return ResponseEntity.ok().contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                .body(html);
    }
}
