package com.fxdesk.slv.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fxdesk.slv.api.SlvCalibrationService;
import com.fxdesk.slv.calibration.RegressionSlice;
import com.fxdesk.slv.calibration.RoundTripResult;
import com.fxdesk.slv.calibration.SlvCalibrationResult;
import com.fxdesk.slv.heston.HestonParameters;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of a finished SLV calibration (API.md "Calibration result"). The leverage is given at the regression
 * times (each slice on its own spot grid); between them the engine used daily sub-steps.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CalibrationResultView(HestonParamsDto heston, double mixing, HestonParamsDto mixedHeston,
                                    LeverageView leverage, CalibrationDiagnostics diagnostics) {

    public record LeverageView(double[] times, double[][] spots, double[][] values) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CalibrationDiagnostics(RoundTripView roundTrip, PhaseTimings timings, List<SliceView> slices, int particles,
                              long pathSteps, long leverageFloored, long leverageCapped, long varianceFloored) {
    }

    public record RoundTripView(double maxErrorBps, double rmsErrorBps, int failed, int paths,
                            List<RoundTripPoint> points, List<RoundTripResult.Bucket> byDelta) {
    }

    /**
     * delta: the quote's delta from its label (25P → −0.25, 10C → 0.10), null for ATM and grid points;
     * priced false (and no modelVol/errorBps) where the Monte Carlo price could not be inverted to a vol, typically
     * a strike too far out of the money for the number of paths.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RoundTripPoint(double expiry, double strike, String label, Double delta, double marketVol,
                                 boolean priced, Double modelVol, Double errorBps, Double stdErrorBps) {
    }

    public record PhaseTimings(double hestonMs, double localVolMs, double leverageMs, double roundTripMs, double totalMs) {
    }

    public record SliceView(double time, double meanVariance, int varianceFloored, int leverageFloored,
                        int leverageCapped, RegressionResponse.Diagnostics estimator) {
    }

    public static HestonParamsDto params(HestonParameters p) {
        return new HestonParamsDto(p.v0(), p.kappa(), p.theta(), p.xi(), p.rho());
    }

    public static CalibrationResultView of(SlvCalibrationService.Calibrated c) {
        SlvCalibrationResult r = c.result();
        List<RegressionSlice> slices = r.slices();
        int n = slices.size();
        double[] times = new double[n];
        double[][] spots = new double[n][];
        double[][] values = new double[n][];
        List<SliceView> sliceViews = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            RegressionSlice s = slices.get(i);
            times[i] = s.time();
            spots[i] = s.spots();
            values[i] = s.leverage();
            sliceViews.add(new SliceView(s.time(), s.meanVariance(), s.varianceFloored(), s.leverageFloored(),
                    s.leverageCapped(), RegressionResponse.Diagnostics.of(s.diagnostics())));
        }
        RoundTripView rt = null;
        if (r.roundTrip() != null) {
            RoundTripResult t = r.roundTrip();
            List<RoundTripPoint> points = new ArrayList<>(t.points().size());
            for (RoundTripResult.Point p : t.points()) {
                boolean priced = Double.isFinite(p.modelVol()) && p.modelVol() > 0;
                points.add(new RoundTripPoint(p.expiry(), p.strike(), p.label(), delta(p.label()), p.marketVol(),
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
