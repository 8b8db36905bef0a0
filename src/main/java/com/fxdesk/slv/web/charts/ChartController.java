package com.fxdesk.slv.web.charts;

import com.fxdesk.slv.security.Clients;
import com.fxdesk.slv.web.support.CostEstimate;
import com.fxdesk.slv.pipeline.SlvPipeline.Calibrated;
import com.fxdesk.slv.calibration.RegressionSlice;
import com.fxdesk.slv.calibration.RoundTripResult;
import com.fxdesk.slv.jobs.JobService;
import com.fxdesk.slv.jobs.store.JobRecord;
import com.fxdesk.slv.jobs.store.JobStatus;
import com.fxdesk.slv.volatility.SmilePillar;
import com.fxdesk.slv.volatility.VolSurface;
import com.fxdesk.slv.web.errors.ApiProblemException;
import com.fxdesk.slv.web.errors.InvalidInputException;
import com.fxdesk.slv.web.support.ComputeGate;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.TextTitle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Charts of a finished calibration: SVG by default, PNG when the client accepts image/png and not SVG. */
@RestController
@RequestMapping("/api/v1/calibrations/{id}/charts")
@Tag(name = "SLV calibration jobs")
public class ChartController {
    public static final List<String> NAMES = List.of("leverage", "local-vol", "implied-vol", "regression", "round-trip");
    private static final int MAX_LINES = 8;
    private static final MediaType SVG = MediaType.parseMediaType("image/svg+xml");
    /** How many plotted implied vols are held fallbacks (VolSurface.VolFallback), so a client need not read the picture. */
    static final String FALLBACK_HEADER = "X-Implied-Vol-Fallbacks";

    private final JobService jobs;
    private final ComputeGate gate;

    public ChartController(JobService jobs, ComputeGate gate) {
        this.jobs = jobs;
        this.gate = gate;
    }

    @Operation(summary = "A chart of a finished calibration: leverage, local-vol, implied-vol, regression "
            + "(?time=), round-trip")
    @ApiResponse(responseCode = "200", description = "OK", headers = @Header(name = FALLBACK_HEADER,
            description = "how many plotted implied vols are fallbacks (IMPLIED_VOL_FALLBACK: held where the price "
                    + "has no time value); 0 for charts without implied vols",
            schema = @Schema(type = "integer", format = "int64", minimum = "0")), content = {
                @Content(mediaType = "image/svg+xml", schema = @Schema(type = "string", format = "byte")),
                @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "byte"))})
    @GetMapping(path = "/{name}", produces = {"image/svg+xml", "image/png"})
    public ResponseEntity<byte[]> chart(@PathVariable String id, @PathVariable String name,
            @Parameter(description = "regression chart: the time (years) whose slice to show (nearest)")
            @RequestParam(required = false) Double time,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) throws Exception {
        JobRecord job = jobs.find(id, Clients.current()).orElseThrow(() -> ApiProblemException.notFound(
                "no calibration job with id " + id));
        if (!NAMES.contains(name)) {
            throw ApiProblemException.notFound("no chart '" + name + "'; charts: " + String.join(", ", NAMES));
        }
        Calibrated c = (job.status() == JobStatus.SUCCEEDED ? jobs.model(job.id(), Calibrated.class)
                : Optional.<Calibrated>empty()).orElseThrow(() -> new ApiProblemException(HttpStatus.CONFLICT,
                "Conflict", "job " + id + " has status " + job.status() + "; charts need a SUCCEEDED calibration"));
        boolean png = accept != null && accept.contains("image/png") && !accept.contains("image/svg+xml");
        // building and rasterising a chart is CPU work like any other synchronous request: bounded by the gate
        Rendered out = gate.run(CostEstimate.SURFACE, cancelled -> {
            Drawn drawn = switch (name) {
                case "leverage" -> new Drawn(leverage(c), 0);
                case "local-vol" -> new Drawn(localVol(c), 0);
                case "implied-vol" -> impliedVol(c.surface());
                case "regression" -> new Drawn(regression(c, time), 0);
                default -> new Drawn(roundTrip(c), 0);
            };
            return new Rendered(png ? ChartRenderer.png(drawn.chart()) : ChartRenderer.svg(drawn.chart()),
                    drawn.impliedVolFallbacks());
        });
        return ResponseEntity.ok().contentType(png ? MediaType.IMAGE_PNG : SVG)
                .header(FALLBACK_HEADER, Long.toString(out.impliedVolFallbacks())).body(out.body());
    }

    /**
     * At most MAX_LINES slices after t = 0, the first at or after each of MAX_LINES evenly spaced times: spread in time,
     * not in index, because the regression grid is dense near t = 0 and after expiries.
     */
    private static List<RegressionSlice> spread(List<RegressionSlice> slices) {
        List<RegressionSlice> out = new ArrayList<>();
        int n = slices.size();
        if (n < 2) {
            return out;
        }
        double last = slices.get(n - 1).time();
        int j = 1;
        for (int i = 1; i <= MAX_LINES && j < n; i++) {
            double target = last * i / MAX_LINES;
            while (j < n - 1 && slices.get(j).time() < target - 1e-12) {
                j++;
            }
            out.add(slices.get(j));
            j++;
        }
        return out;
    }

    private static JFreeChart leverage(Calibrated c) {
        List<ChartRenderer.Series> series = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (RegressionSlice s : spread(c.result().slices())) {
            String label = String.format(Locale.ROOT, "t = %.3g", s.time());
            if (labels.add(label)) { // two slices that print alike would be one series to the chart library
                series.add(new ChartRenderer.Series(label, s.spots(), s.leverage()));
            }
        }
        return ChartRenderer.lines("Leverage L(S, t)", "spot", "L", series, false);
    }

    private static JFreeChart localVol(Calibrated c) {
        List<ChartRenderer.Series> series = new ArrayList<>();
        for (RegressionSlice s : spread(c.result().slices())) {
            double[] lv = new double[s.spots().length];
            c.localVol().localVol(s.time(), s.spots(), lv, lv.length);
            series.add(new ChartRenderer.Series(String.format("t = %.2f", s.time()), s.spots(), lv));
        }
        return ChartRenderer.lines("Dupire local volatility", "spot", "local vol", series, false);
    }

    /** A chart and the number of implied-vol fallbacks it plots (sent as a response header). */
    private record Drawn(JFreeChart chart, long impliedVolFallbacks) {
    }

    /** The rendered image and its fallback count. */
    private record Rendered(byte[] body, long impliedVolFallbacks) {
    }

    private static Drawn impliedVol(VolSurface surface) {
        List<ChartRenderer.Series> series = new ArrayList<>();
        long held = 0;
        List<SmilePillar> pillars = surface.pillars();
        int step = Math.max(1, (int) Math.ceil(pillars.size() / (double) MAX_LINES));
        for (int i = 0; i < pillars.size(); i += step) {
            SmilePillar p = pillars.get(i);
            double lo = p.strikes()[0];
            double hi = p.strikes()[p.strikes().length - 1];
            int m = 60;
            double[] k = new double[m];
            for (int j = 0; j < m; j++) {
                k[j] = lo + (hi - lo) * j / (m - 1);
            }
            VolSurface.SmileSample smile = surface.smile(p.expiry(), k);
            String name = p.tenor() != null ? p.tenor() : String.format(Locale.ROOT, "T = %.2f", p.expiry());
            series.add(new ChartRenderer.Series(name, k, smile.vols()));
            if (smile.heldCount() > 0) { // a held vol is a fallback, not the market: drawn as its own series
                series.add(new ChartRenderer.Series(name + " fallback (no time value)", k, smile.held()));
                held += smile.heldCount();
            }
        }
        JFreeChart chart = ChartRenderer.lines("Implied volatility smiles", "strike", "implied vol", series, false);
        if (held > 0) {
            chart.addSubtitle(new TextTitle(held + " plotted vols are IMPLIED_VOL_FALLBACK: held (or the ATM "
                    + "placeholder) where the price has no time value to double precision"));
        }
        return new Drawn(chart, held);
    }

    private static JFreeChart regression(Calibrated c, Double time) {
        if (time == null || !Double.isFinite(time) || time < 0) {
            throw new InvalidInputException("time", "the regression chart needs ?time= (years, >= 0)");
        }
        RegressionSlice best = null;
        for (RegressionSlice s : c.result().slices()) {
            if (best == null || Math.abs(s.time() - time) < Math.abs(best.time() - time)) {
                best = s;
            }
        }
        String label = String.format("E[V | S] at t = %.3f (%s)", best.time(), best.diagnostics().estimator());
        return ChartRenderer.lines(label, "spot", "conditional variance",
                List.of(new ChartRenderer.Series("E[V | S]", best.spots(), best.conditionalVariance())), false);
    }

    private static JFreeChart roundTrip(Calibrated c) {
        RoundTripResult rt = c.result().roundTrip();
        if (rt == null) {
            throw new ApiProblemException(HttpStatus.CONFLICT, "Conflict", "this calibration ran without round trip");
        }
        Map<Double, List<RoundTripResult.Point>> byExpiry = new TreeMap<>();
        for (RoundTripResult.Point p : rt.points()) {
            byExpiry.computeIfAbsent(p.expiry(), e -> new ArrayList<>()).add(p);
        }
        List<ChartRenderer.Series> series = new ArrayList<>();
        for (Map.Entry<Double, List<RoundTripResult.Point>> e : byExpiry.entrySet()) {
            List<RoundTripResult.Point> pts = new ArrayList<>(e.getValue());
            pts.sort(java.util.Comparator.comparingDouble(RoundTripResult.Point::strike));
            double[] k = new double[pts.size()];
            double[] err = new double[pts.size()];
            for (int i = 0; i < k.length; i++) {
                k[i] = pts.get(i).strike();
                err[i] = pts.get(i).errorBps();
            }
            series.add(new ChartRenderer.Series(String.format("T = %.2f", e.getKey()), k, err));
        }
        return ChartRenderer.lines(String.format("Round trip: max %.1f bp, RMS %.1f bp", rt.maxErrorBps(),
                rt.rmsErrorBps()), "strike", "model − market vol (bp)", series, true);
    }
}
