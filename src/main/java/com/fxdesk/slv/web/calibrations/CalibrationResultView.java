package com.fxdesk.slv.web.calibrations;

import com.fxdesk.slv.pipeline.SlvPipeline.Calibrated;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fxdesk.slv.calibration.RegressionSlice;
import com.fxdesk.slv.calibration.QualityVerdict;
import com.fxdesk.slv.calibration.RoundTripResult;
import com.fxdesk.slv.calibration.RoundTripStatistics;
import com.fxdesk.slv.calibration.SlvCalibrationResult;
import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.volatility.SmilePillar;
import com.fxdesk.slv.volatility.VolSurface;
import com.fxdesk.slv.web.heston.HestonParamsDto;
import com.fxdesk.slv.web.regression.RegressionResponse;
import com.fxdesk.slv.web.surface.SurfaceResponse;
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
                                    LeverageView leverage, CalibrationDiagnostics diagnostics,
        @Schema(description = "the surface's warnings: points it moved, strangles it missed, local-vol adjustments")
        List<SurfaceResponse.Warning> warnings,
        @Schema(description = "currency pair of the calibrated market") String pair,
        @Schema(description = "valuation date of the market, if it had one") java.time.LocalDate valuationDate,
        @Schema(description = "calibrated horizon (the last propagation time), years ACT/365F") double maturity) {

    @Schema(description = "L(S, t): values[i][j] = L(spots[i][j], times[i]), at the regression times shown")
    public record LeverageView(@Schema(description = "times, years") double[] times,
                               @Schema(description = "per time: increasing spots") double[][] spots,
                               @Schema(description = "per time: L at those spots") double[][] values) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CalibrationDiagnostics(RoundTripView roundTrip, PhaseTimings timings, List<SliceView> slices, int particles,
                              long pathSteps, long leverageFloored, long leverageCapped, long varianceFloored,
                              @Schema(description = "grid points, over all regressions, where the fitted E[V | S] "
                                      + "dipped below half the particles' binned local mean of V and was raised to it "
                                      + "(PURBF in a peaked cloud; docs/calibration-quality.md 9.3)")
                              long varianceGuarded,
                              QualityView quality) {
    }

    /**
     * Headline over resolved points only (standard error ≤ resolutionBps): maxErrorBps, rmsErrorBps (absent when no
     * point is resolved; a 200 never carries null), byDelta and byExpiry; unresolved points are counted and listed
     * apart. allPointsRmsErrorBps:
     * RMS over every priced point, noise included (the former headline). hestonControlRefused: expiries whose Heston
     * control prices the pricer refused (they used S_T as their only control: wider standard errors).
     */
    public record RoundTripView(Double maxErrorBps, Double rmsErrorBps, int failed, int paths,
                                List<RoundTripPoint> points, List<GroupView> byDelta, double resolutionBps,
                                int resolved, int unresolved, Double maxAbsZ, List<GroupView> byExpiry,
                                List<RoundTripPoint> unresolvedPoints, Double allPointsRmsErrorBps,
                                @Schema(description = "expiries whose Heston control the pricer refused (they used "
                                        + "S_T as their only control)") int hestonControlRefused,
                                @Schema(description = "extra paths run after the first `paths` for points whose "
                                        + "standard error was above the target (each simulated only to its batch's "
                                        + "expiry; per point: `paths`)") long extraPaths,
                                @Schema(description = "their work, paths × steps simulated (counted in "
                                        + "slv.limits.max-job-work with the calibration's)") long extraWork) {
    }

    /** One delta label or expiry: resolved count, their RMS and max (absent when none), unresolved count. */
    public record GroupView(String label, int count, Double rmsErrorBps, Double maxErrorBps, int unresolved) {
        static List<GroupView> of(List<RoundTripStatistics.Group> groups) {
            List<GroupView> out = new ArrayList<>(groups.size());
            for (RoundTripStatistics.Group g : groups) {
                out.add(new GroupView(g.key(), g.resolved(), finite(g.rmsErrorBps()), finite(g.maxErrorBps()),
                        g.unresolved()));
            }
            return out;
        }
    }

    /**
     * The quality verdict (PASS, WARN, FAIL), why, and the thresholds it used (vol bp): a point is resolved when its
     * standard error ≤ resolutionBps; PASS needs resolved RMS ≤ passRmsBps and max ≤ passMaxBps, no unresolved
     * point, no clipped leverage and no surface warning; RMS > failRmsBps or max > failMaxBps is FAIL.
     */
    public record QualityView(String verdict, List<String> reasons, double resolutionBps, double passRmsBps,
                              double passMaxBps, double failRmsBps, double failMaxBps, int resolved, int unresolved,
                              Double rmsErrorBps, Double maxErrorBps, long leverageClipped,
                              List<String> surfaceWarnings) {
        static QualityView of(QualityVerdict q) {
            QualityVerdict.Thresholds t = q.thresholds();
            return new QualityView(q.verdict().name(), q.reasons(), t.resolutionBps(), t.passRmsBps(), t.passMaxBps(),
                    t.failRmsBps(), t.failMaxBps(), q.resolved(), q.unresolved(), finite(q.rmsErrorBps()),
                    finite(q.maxErrorBps()), q.leverageClipped(), q.surfaceWarnings());
        }
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /**
     * One round-trip point (API.md: expiry, strike, delta, marketVol, modelVol, errorBps). A 200 never carries a
     * null, so a field that does not apply is absent rather than null: delta only for quoted points (grid points have
     * none), modelVol and errorBps only when {@code priced} (the Monte Carlo price could be inverted to a vol; a strike
     * far out of the money for the number of paths often cannot), stdErrorBps and zScore only when the standard
     * error is known too.
     */
    @Schema(description = "One round-trip point. Always present: expiry, strike, label, marketVol, priced, resolved, "
            + "paths. delta only for quoted points; modelVol and errorBps only when priced is true; stdErrorBps and "
            + "zScore only when priced and the standard error is finite.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RoundTripPoint(
            @Schema(description = "expiry, years ACT/365F", requiredMode = Schema.RequiredMode.REQUIRED) double expiry,
            @Schema(description = "strike", requiredMode = Schema.RequiredMode.REQUIRED) double strike,
            @Schema(description = "the quote's label (e.g. 1M 25P) or the grid point's",
                    requiredMode = Schema.RequiredMode.REQUIRED) String label,
            @Schema(description = "the quote's delta under the pillar's convention (25P → −0.25, 10C → 0.10, ATM: the "
                    + "call delta at the ATM strike); absent for grid points",
                    requiredMode = Schema.RequiredMode.NOT_REQUIRED) Double delta,
            @Schema(description = "market implied vol", requiredMode = Schema.RequiredMode.REQUIRED) double marketVol,
            @Schema(description = "whether the Monte Carlo price could be inverted to a vol",
                    requiredMode = Schema.RequiredMode.REQUIRED) boolean priced,
            @Schema(description = "the SLV model's implied vol; present only when priced",
                    requiredMode = Schema.RequiredMode.NOT_REQUIRED) Double modelVol,
            @Schema(description = "model − market vol, bp; present only when priced",
                    requiredMode = Schema.RequiredMode.NOT_REQUIRED) Double errorBps,
            @Schema(description = "Monte Carlo standard error of modelVol, bp; present only when priced and finite",
                    requiredMode = Schema.RequiredMode.NOT_REQUIRED) Double stdErrorBps,
            @Schema(description = "errorBps / stdErrorBps; present only when both are",
                    requiredMode = Schema.RequiredMode.NOT_REQUIRED) Double zScore,
            @Schema(description = "standard error within the resolution threshold",
                    requiredMode = Schema.RequiredMode.REQUIRED) boolean resolved,
            @Schema(description = "Monte Carlo paths that priced it: the round trip's `paths` plus the extra paths "
                    + "that reached its expiry", requiredMode = Schema.RequiredMode.REQUIRED) long paths) {
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

    public static CalibrationResultView of(Calibrated c, RoundTripStatistics st, QualityVerdict quality) {
        SlvCalibrationResult r = c.result();
        List<RegressionSlice> slices = r.slices();
        int[] chosen = everyIndex(slices.size());
        int n = chosen.length;
        double[] times = new double[n];
        double[][] spots = new double[n][];
        double[][] values = new double[n][];
        List<SliceView> sliceViews = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            RegressionSlice s = slices.get(chosen[i]);
            times[i] = s.time();
            int[] points = everyIndex(s.spots().length);
            spots[i] = pick(s.spots(), points);
            values[i] = pick(s.leverage(), points);
            sliceViews.add(new SliceView(s.time(), s.meanVariance(), s.varianceFloored(), s.leverageFloored(),
                    s.leverageCapped(), RegressionResponse.Diagnostics.of(s.diagnostics())));
        }
        RoundTripView rt = null;
        if (r.roundTrip() != null && st != null) {
            RoundTripResult t = r.roundTrip();
            List<RoundTripPoint> points = new ArrayList<>(t.points().size());
            List<RoundTripPoint> open = new ArrayList<>();
            for (RoundTripResult.Point p : t.points()) {
                RoundTripPoint v = point(c.surface(), p, st.thresholdBps());
                points.add(v);
                if (!v.resolved()) {
                    open.add(v);
                }
            }
            rt = new RoundTripView(finite(st.maxErrorBps()), finite(st.rmsErrorBps()), t.failed(), t.paths(), points,
                    GroupView.of(st.byDelta()), st.thresholdBps(), st.resolved(), st.unresolved(),
                    finite(st.maxAbsZ()), GroupView.of(st.byExpiry()), open, finite(t.rmsErrorBps()),
                    t.hestonControlRefused(), t.extraPaths(), t.extraWork());
        }
        SlvCalibrationResult.Timings tm = r.timings();
        PhaseTimings timings = new PhaseTimings(c.hestonMs(), c.localVolMs(), tm.leverageMs(), tm.roundTripMs(), c.totalMs());
        return new CalibrationResultView(params(c.heston()), r.mixing(), params(r.mixedHeston()),
                new LeverageView(times, spots, values), new CalibrationDiagnostics(rt, timings, sliceViews, r.particles(),
                r.pathSteps(), r.leverageFloored(), r.leverageCapped(), r.varianceFloored(), r.varianceGuarded(),
                quality == null ? null : QualityView.of(quality)),
                SurfaceResponse.Warning.of(c.surface().warnings(), null), c.market().fx().pair(),
                c.market().fx().valuationDate(), r.propagationTimes()[r.propagationTimes().length - 1]);
    }

    static RoundTripPoint point(VolSurface surface, RoundTripResult.Point p, double threshold) {
        boolean priced = Double.isFinite(p.modelVol()) && p.modelVol() > 0;
        boolean seOk = priced && Double.isFinite(p.stdErrorBps());
        Double z = seOk && p.stdErrorBps() > 0 ? finite(p.errorBps() / p.stdErrorBps()) : null;
        return new RoundTripPoint(p.expiry(), p.strike(), p.label(), delta(surface, p), p.marketVol(), priced,
                priced ? p.modelVol() : null, priced ? finite(p.errorBps()) : null,
                seOk ? p.stdErrorBps() : null, z, RoundTripStatistics.isResolved(p, threshold), p.paths());
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
