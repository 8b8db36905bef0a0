package com.fxdesk.slv.bench;

import com.fxdesk.slv.heston.CalibrationQuote;
import com.fxdesk.slv.heston.HestonCalibrationResult;
import com.fxdesk.slv.heston.HestonCalibrator;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.pipeline.SlvPipeline;
import com.fxdesk.slv.testdata.TestMarkets;
import com.fxdesk.slv.volatility.VolSurface;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

/**
 * Heston fit quality on every market in examples/markets with the quotes the SLV pipeline fits (every pillar of the
 * surface, {@link SlvPipeline#vanillaQuotes}): RMSE / max error, wall and thread-CPU time, parameters, κ·T_max and
 * θ over the largest implied variance (the conditioning of the fit, docs/calibration-quality.md 8.6).
 * Args: market name filter ("" for all), "both" to run the vega-weighted price residuals too; conditioning bounds as
 * {@link SlvSetups#hestonOptions()} (-Dbench.jvm="-DminKappaT=0 -DmaxThetaOverVariance=Infinity": the box before 8.6).
 * ./mvnw -B -Pbench test-compile exec:exec -Dbench.main=com.fxdesk.slv.bench.HestonFitStudy -Dbench.args="sabr"
 */
public final class HestonFitStudy {

    private HestonFitStudy() {
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        String only = args.length > 0 ? args[0] : "";
        boolean both = args.length > 1 && args[1].equals("both");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        HestonCalibrator cal = new HestonCalibrator(SlvSetups.hestonOptions());
        for (String name : EstimatorSeedStudy.markets()) {
            if (!name.contains(only)) {
                continue;
            }
            MarketData md = TestMarkets.load(name);
            VolSurface surface = SlvPipeline.surface(md);
            List<CalibrationQuote> quotes = SlvPipeline.vanillaQuotes(surface);
            double tMax = 0;
            double maxVar = 0;
            for (CalibrationQuote q : quotes) {
                tMax = Math.max(tMax, q.expiry());
                maxVar = Math.max(maxVar, q.marketVol() * q.marketVol());
            }
            for (HestonCalibrator.Weighting w : HestonCalibrator.Weighting.values()) {
                if (!both && w != HestonCalibrator.Weighting.IMPLIED_VOL) {
                    continue;
                }
                long cpu0 = mx.getCurrentThreadCpuTime();
                HestonCalibrationResult r = cal.calibrate(md.fx(), quotes, null, w);
                double cpuMs = (mx.getCurrentThreadCpuTime() - cpu0) / 1e6;
                var p = r.parameters();
                System.out.printf("%-30s %-19s rmse %7.3f bp max %8.3f bp  %5d ms wall %6.0f ms cpu  %3d it  "
                                + "v0 %.4f κ %.4f θ %.4f ξ %.3f ρ %+.3f  κT %.2f θ/maxVar %.2f  [%s]%n", name, w,
                        r.rmseVolBps(), r.maxErrorVolBps(), r.elapsedMs(), cpuMs, r.iterations(), p.v0(), p.kappa(),
                        p.theta(), p.xi(), p.rho(), p.kappa() * tMax, p.theta() / maxVar, r.startUsed());
            }
        }
    }
}
