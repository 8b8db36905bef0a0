package com.fxdesk.slv.web.calibrations;

import com.fxdesk.slv.pipeline.SlvPipeline.Calibrated;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fxdesk.slv.calibration.RegressionSlice;
import com.fxdesk.slv.calibration.RoundTripResult;
import com.fxdesk.slv.calibration.SlvCalibrationResult;
import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.volatility.SmilePillar;
import com.fxdesk.slv.volatility.VolSurface;
import com.fxdesk.slv.web.heston.HestonParamsDto;
import com.fxdesk.slv.web.regression.RegressionResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of a finished SLV calibration (API.md "Calibration result"). The leverage is given at the regression
 * times (each slice on its own spot grid); between them the engine used daily sub-steps.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CalibrationResultView(@Schema(description = "the Heston parameters used (calibrated or given)") HestonParamsDto heston,
        @Schema(description = "mixing factor η") double mixing,
        @Schema(description = "the SLV model's Heston: ξ scaled by η") HestonParamsDto mixedHeston,
                                    LeverageView leverage, CalibrationDiagnostics diagnostics) {

    @Schema(description = "L(S, t): values[i][j] = L(spots[i][j], times[i]), at the regression times shown")
    public record LeverageView(@Schema(description = "times, years") double[] times,
                               @Schema(description = "per time: increasing spots") double[][] spots,
                               @Schema(description = "per time: L at those spots") double[][] values) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CalibrationDiagnostics(@Schema(description = "round trip (absent when disabled)") RoundTripView roundTrip, @Schema(description = "phase wall times") PhaseTimings timings, @Schema(description = "per regression time shown: variance and estimator diagnostics") List<SliceView> slices, @Schema(description = "number of particles") int particles,
                              @Schema(description = "particles × propagation steps") long pathSteps, @Schema(description = "grid points where L was raised to the floor, all steps") long leverageFloored, @Schema(description = "grid points where L was lowered to the cap, all steps") long leverageCapped, @Schema(description = "grid points where E[V | S] hit the variance floor") long varianceFloored) {
    }

    public record RoundTripView(@Schema(description = "largest |model − market| implied vol, bp") double maxErrorBps, @Schema(description = "RMS error over priced points, bp") double rmsErrorBps, @Schema(description = "points whose price could not be inverted to a vol") int failed, @Schema(description = "Monte Carlo paths") int paths,
                            @Schema(description = "one per repriced quote") List<RoundTripPoint> points, @Schema(description = "errors grouped by delta label across expiries") List<RoundTripResult.Bucket> byDelta) {
    }

    /**
     * Every field is always present (API.md: expiry, strike, delta, marketVol, modelVol, errorBps). delta: the
     * quote's delta under the pillar's convention (25P → −0.25, 10C → 0.10, ATM: the call delta at the ATM
     * strike), null for grid points; priced false and modelVol/errorBps/stdErrorBps null where the Monte Carlo
     * price could not be inverted to a vol, typically a strike too far out of the money for the number of paths.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RoundTripPoint(@Schema(description = "expiry, years") double expiry, @Schema(description = "strike") double strike, @Schema(description = "tenor and delta label, e.g. 6M 25P") String label, @Schema(description = "the quote's delta (25P → −0.25), null for grid points") Double delta, @Schema(description = "market implied vol, decimal") double marketVol,
                                 @Schema(description = "false when the price could not be inverted") boolean priced, @Schema(description = "implied vol of the SLV Monte Carlo price, decimal") Double modelVol, @Schema(description = "modelVol − marketVol, bp") Double errorBps, @Schema(description = "Monte Carlo standard error of modelVol, bp") Double stdErrorBps) {
    }

    @Schema(description = "Wall times of the phases, milliseconds")
    public record PhaseTimings(@Schema(description = "Heston fit (0 when given)") double hestonMs,
                               @Schema(description = "surface and Dupire local vol") double localVolMs,
                               @Schema(description = "particle method") double leverageMs,
                               @Schema(description = "round-trip Monte Carlo") double roundTripMs,
                               @Schema(description = "the whole job") double totalMs) {
    }

    public record SliceView(@Schema(description = "regression time, years") double time, @Schema(description = "particle mean of V") double meanVariance, @Schema(description = "grid points where E[V | S] hit the floor") int varianceFloored, @Schema(description = "grid points where L hit the floor (this interval)") int leverageFloored,
                        @Schema(description = "grid points where L hit the cap (this interval)") int leverageCapped, @Schema(description = "the estimator's diagnostics at this time") RegressionResponse.Diagnostics estimator) {
    }

    public static HestonParamsDto params(HestonParameters p) {
        return new HestonParamsDto(p.v0(), p.kappa(), p.theta(), p.xi(), p.rho());
    }

    /** Regression times the summary shows (evenly by index, first and last included). */
    static final int SUMMARY_TIMES = 25;
    /** Spot points per time in the summary (every k-th grid point, both ends included: exact grid values). */
    static final int SUMMARY_SPOTS = 41;

    /** The full result: the leverage and the slice diagnostics at every regression time, on each full spot grid. */
    public static CalibrationResultView of(Calibrated c) {
        return of(c, true);
    }

    /**
     * full false: the leverage and the slice diagnostics at {@value #SUMMARY_TIMES} regression times and
     * {@value #SUMMARY_SPOTS} spots per time, a few kB whatever the number of steps (the whole grid is the job's
     * leverage resource).
     */
    public static CalibrationResultView of(Calibrated c, boolean full) {
        SlvCalibrationResult r = c.result();
        List<RegressionSlice> slices = r.slices();
        int[] chosen = full ? everyIndex(slices.size()) : spread(slices.size(), SUMMARY_TIMES);
        int n = chosen.length;
        double[] times = new double[n];
        double[][] spots = new double[n][];
        double[][] values = new double[n][];
        List<SliceView> sliceViews = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            RegressionSlice s = slices.get(chosen[i]);
            times[i] = s.time();
            int[] points = full ? everyIndex(s.spots().length) : spread(s.spots().length, SUMMARY_SPOTS);
            spots[i] = pick(s.spots(), points);
            values[i] = pick(s.leverage(), points);
            sliceViews.add(new SliceView(s.time(), s.meanVariance(), s.varianceFloored(), s.leverageFloored(),
                    s.leverageCapped(), RegressionResponse.Diagnostics.of(s.diagnostics())));
        }
        RoundTripView rt = null;
        if (r.roundTrip() != null) {
            RoundTripResult t = r.roundTrip();
            List<RoundTripPoint> points = new ArrayList<>(t.points().size());
            for (RoundTripResult.Point p : t.points()) {
                boolean priced = Double.isFinite(p.modelVol()) && p.modelVol() > 0;
                points.add(new RoundTripPoint(p.expiry(), p.strike(), p.label(), delta(c.surface(), p), p.marketVol(),
                        priced, priced ? p.modelVol() : null, priced ? p.errorBps() : null,
                        priced ? p.stdErrorBps() : null));
            }
            rt = new RoundTripView(t.maxErrorBps(), t.rmsErrorBps(), t.failed(), t.paths(), points, t.byLabel());
        }
        SlvCalibrationResult.Timings tm = r.timings();
        PhaseTimings timings = new PhaseTimings(c.hestonMs(), c.localVolMs(), tm.leverageMs(), tm.roundTripMs(), c.totalMs());
        return new CalibrationResultView(params(c.heston()), r.mixing(), params(r.mixedHeston()),
                new LeverageView(times, spots, values), new CalibrationDiagnostics(rt, timings, sliceViews, r.particles(),
                r.pathSteps(), r.leverageFloored(), r.leverageCapped(), r.varianceFloored()));
    }

    static int[] everyIndex(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /** At most k indices of 0 … n−1, evenly spread, first and last included. */
    static int[] spread(int n, int k) {
        if (n <= k) {
            return everyIndex(n);
        }
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = (int) Math.round((double) i * (n - 1) / (k - 1));
        }
        return out;
    }

    private static double[] pick(double[] values, int[] indices) {
        double[] out = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return out;
    }

    /** The quoted delta of the surface point the quote came from (ATM included); from the label otherwise. */
    static Double delta(VolSurface surface, RoundTripResult.Point p) {
        if (surface != null) {
            for (SmilePillar pillar : surface.pillars()) {
                if (Math.abs(pillar.expiry() - p.expiry()) > 1e-10 || pillar.deltas() == null) {
                    continue;
                }
                double[] k = pillar.strikes();
                for (int j = 0; j < k.length; j++) {
                    if (Math.abs(k[j] - p.strike()) <= 1e-12 * Math.max(1, Math.abs(k[j]))) {
                        double d = pillar.deltas()[j];
                        return Double.isFinite(d) ? d : null;
                    }
                }
            }
        }
        return delta(p.label());
    }

    /** "25P" → −0.25, "10C" → 0.10; labels look like "6M 25P" (tenor first). */
    static Double delta(String label) {
        if (label == null) {
            return null;
        }
        String last = label.substring(label.lastIndexOf(' ') + 1);
        if (last.matches("\\d{1,2}[PC]")) {
            double d = Integer.parseInt(last.substring(0, last.length() - 1)) / 100.0;
            return last.endsWith("P") ? -d : d;
        }
        return null;
    }
}
