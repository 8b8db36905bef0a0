package com.fxdesk.slv.web.calibrations;

import com.fxdesk.slv.pipeline.SlvPipeline.Calibrated;
import com.fxdesk.slv.calibration.RegressionSlice;
import com.fxdesk.slv.model.LeverageFunction;
import com.fxdesk.slv.web.errors.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The leverage function of a finished calibration as its own resource: the grid at a chosen resolution (JSON or
 * CSV) and L(S, t) at given points. L is the engine's own: piecewise constant in time (L(·, t_n) on
 * [t_n, t_{n+1}) of the propagation steps), linear in ln S between grid points, flat beyond.
 */
@RestController
@RequestMapping("/api/v1/calibrations/{id}/leverage")
@Tag(name = "SLV calibration jobs")
public class LeverageController {
    static final int MAX_TIMES = 5000;
    static final int MAX_SPOTS = 2000;
    /** Values in one grid response: 250,000 numbers are about 5 MB of JSON (1 MB gzipped). */
    static final int MAX_GRID_POINTS = 250_000;
    static final int MAX_POINTS = 10_000;
    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private final SucceededCalibrations calibrations;

    public LeverageController(SucceededCalibrations calibrations) {
        this.calibrations = calibrations;
    }

    /** The grid: per time its spots (increasing) and L there. */
    @Schema(description = "The leverage L(S, t) on a grid: values[i][j] = L(spots[i][j], times[i])")
    public record LeverageGrid(@Schema(description = "times, years") double[] times,
                               @Schema(description = "per time: increasing spots") double[][] spots,
                               @Schema(description = "per time: L at those spots") double[][] values) {
    }

    @Schema(description = "L(S, t) at one requested point")
    public record LeveragePoint(@Schema(description = "time, years") double time,
                                @Schema(description = "spot") double spot,
                                @Schema(description = "L(spot, time)") double leverage) {
    }

    @Schema(description = "L(S, t) at the requested points, in order")
    public record LeveragePoints(@Schema(description = "one per (time, spot) pair") List<LeveragePoint> points) {
    }

    @Operation(summary = "The leverage grid of a finished calibration, JSON or CSV, at a chosen resolution",
            description = "Without parameters: L at every regression time on that time's spot grid (what the "
                    + "particle method fitted). times=N: N times evenly spaced from 0 to the maturity; spots=M: M "
                    + "spots per time, uniform in ln S across that time's grid (the particles' 0.1%–99.9% "
                    + "quantiles). At most 250,000 values. CSV (format=csv or Accept: text/csv): one row per point, "
                    + "columns time,spot,leverage.")
    @ApiResponse(responseCode = "200", description = "the grid", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = LeverageGrid.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string",
                    example = "time,spot,leverage\n0,1.2346,1.0132\n"))})
    @GetMapping(produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    public ResponseEntity<?> grid(
            @Parameter(description = "job id, or \"latest\"") @PathVariable String id,
            @Parameter(description = "number of times, 2 to 5000, evenly spaced over [0, maturity] (default: the "
                    + "regression times)") @RequestParam(required = false) Integer times,
            @Parameter(description = "spots per time, 2 to 2000, uniform in ln S (default: each time's own grid)")
            @RequestParam(required = false) Integer spots,
            @Parameter(description = "json (default) or csv; Accept: text/csv also gives CSV",
                    schema = @Schema(allowableValues = {"json", "csv"}))
            @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        check("times", times, 2, MAX_TIMES);
        check("spots", spots, 2, MAX_SPOTS);
        if (format != null && !format.equals("json") && !format.equals("csv")) {
            throw new InvalidInputException("format", "must be json or csv, not '" + format + "'");
        }
        Calibrated c = calibrations.get(id);
        List<RegressionSlice> slices = c.result().slices();
        long n = times != null ? times : slices.size();
        long size = spots != null ? n * spots : slices.stream().mapToLong(s -> s.spots().length).sum()
                * n / slices.size();
        if (size > MAX_GRID_POINTS) {
            throw new InvalidInputException(spots != null ? "spots" : "times", "the grid would have " + size
                    + " values; at most " + MAX_GRID_POINTS + " (lower times or spots)");
        }
        LeverageGrid grid = grid(c, times, spots);
        boolean csv = "csv".equals(format) || format == null && accept != null && accept.contains("text/csv")
                && !accept.contains("application/json");
        if (csv) {
            return ResponseEntity.ok().contentType(CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"leverage-"
                            + calibrations.id(id) + ".csv\"").body(csv(grid));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(grid);
    }

    @Operation(summary = "L(S, t) of a finished calibration at given points",
            description = "time and spot are lists of equal length (comma-separated or repeated), paired "
                    + "element by element; at most 10,000 points; 0 ≤ time ≤ the calibrated maturity, spot > 0.")
    @GetMapping(path = "/values", produces = MediaType.APPLICATION_JSON_VALUE)
    public LeveragePoints values(@Parameter(description = "job id, or \"latest\"") @PathVariable String id,
            @Parameter(description = "times, years (e.g. 0.5,1)") @RequestParam List<Double> time,
            @Parameter(description = "spots (e.g. 1.20,1.30)") @RequestParam List<Double> spot) {
        if (time.size() != spot.size()) {
            throw new InvalidInputException("spot", "needs as many values as time (" + time.size() + "), has "
                    + spot.size());
        }
        if (time.isEmpty() || time.size() > MAX_POINTS) {
            throw new InvalidInputException("time", "needs 1 to " + MAX_POINTS + " values");
        }
        Calibrated c = calibrations.get(id);
        double[] tau = c.result().propagationTimes();
        double maturity = tau[tau.length - 1];
        LeverageFunction lev = c.result().leverage();
        List<LeveragePoint> out = new ArrayList<>(time.size());
        for (int i = 0; i < time.size(); i++) {
            Double t = time.get(i);
            Double s = spot.get(i);
            if (t == null || !(t >= 0 && t <= maturity)) {
                throw new InvalidInputException("time[" + i + "]", "must be between 0 and the calibrated maturity "
                        + maturity);
            }
            if (s == null || !(s > 0) || !Double.isFinite(s)) {
                throw new InvalidInputException("spot[" + i + "]", "must be a positive number");
            }
            out.add(new LeveragePoint(t, s, lev.value(t, s)));
        }
        return new LeveragePoints(out);
    }

    static LeverageGrid grid(Calibrated c, Integer times, Integer spots) {
        List<RegressionSlice> slices = c.result().slices();
        LeverageFunction lev = c.result().leverage();
        if (times == null) {
            int n = slices.size();
            double[] t = new double[n];
            double[][] s = new double[n][];
            double[][] v = new double[n][];
            for (int i = 0; i < n; i++) {
                RegressionSlice sl = slices.get(i);
                t[i] = sl.time();
                if (spots == null) {
                    s[i] = sl.spots().clone();
                    v[i] = sl.leverage().clone();
                } else {
                    s[i] = uniformLog(sl.spots()[0], sl.spots()[sl.spots().length - 1], spots);
                    v[i] = new double[spots];
                    int slice = lev.sliceIndex(t[i]);
                    for (int j = 0; j < spots; j++) {
                        v[i][j] = lev.valueInSlice(slice, s[i][j]);
                    }
                }
            }
            return new LeverageGrid(t, s, v);
        }
        double[] tau = c.result().propagationTimes();
        double maturity = tau[tau.length - 1];
        double[] t = new double[times];
        double[][] s = new double[times][];
        double[][] v = new double[times][];
        for (int i = 0; i < times; i++) {
            t[i] = maturity * i / (times - 1);
            // the slice in force on [t_n, t_{n+1}); at the maturity itself the last one
            int slice = Math.min(lev.sliceIndex(t[i]), lev.sliceCount() - 1);
            double[] grid = lev.spots(slice);
            s[i] = spots == null ? grid : uniformLog(grid[0], grid[grid.length - 1], spots);
            v[i] = new double[s[i].length];
            for (int j = 0; j < s[i].length; j++) {
                v[i][j] = lev.valueInSlice(slice, s[i][j]);
            }
        }
        return new LeverageGrid(t, s, v);
    }

    private static double[] uniformLog(double lo, double hi, int m) {
        double a = Math.log(lo);
        double b = Math.log(hi);
        double[] out = new double[m];
        for (int j = 0; j < m; j++) {
            out[j] = j == m - 1 ? hi : j == 0 ? lo : Math.exp(a + (b - a) * j / (m - 1));
        }
        return out;
    }

    static String csv(LeverageGrid g) {
        StringBuilder b = new StringBuilder(g.times().length * 64);
        b.append("time,spot,leverage\n");
        for (int i = 0; i < g.times().length; i++) {
            for (int j = 0; j < g.spots()[i].length; j++) {
                b.append(num(g.times()[i])).append(',').append(num(g.spots()[i][j])).append(',')
                        .append(num(g.values()[i][j])).append('\n');
            }
        }
        return b.toString();
    }

    private static String num(double v) {
        return Double.toString(v); // shortest exact form: the CSV round-trips to the same doubles
    }

    private static void check(String field, Integer v, int lo, int hi) {
        if (v != null && (v < lo || v > hi)) {
            throw new InvalidInputException(field, "must be between " + lo + " and " + hi);
        }
    }
}
