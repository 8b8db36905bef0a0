package com.fxdesk.slv.bench;

import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.calibration.SlvCalibrationResult;
import com.fxdesk.slv.calibration.SlvCalibrator;
import com.fxdesk.slv.heston.CalibrationQuote;
import com.fxdesk.slv.heston.HestonCalibrationResult;
import com.fxdesk.slv.heston.HestonCalibrator;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.montecarlo.McConfig;
import com.fxdesk.slv.pricing.mc.McModel;
import com.fxdesk.slv.pricing.mc.MonteCarloPricer;
import com.fxdesk.slv.pricing.mc.MonteCarloRequest;
import com.fxdesk.slv.pricing.mc.OneTouchLadder;
import com.fxdesk.slv.regression.Estimators;
import com.fxdesk.slv.testdata.TestMarkets;
import com.fxdesk.slv.volatility.DupireLocalVol;
import com.fxdesk.slv.volatility.VolSurface;
import com.fxdesk.slv.volatility.VolSurfaceBuilder;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The paper's one-touch ladder on EURUSD 2018-03-15: TV (BS at the ATM vol), LV, Heston (calibrated to the surface)
 * and SLV (particle calibration with the paper's defaults, mixing η). Prints model − TV per barrier, counts the
 * rungs where SLV lies between LV and Heston (within 2 combined standard errors), and writes
 * target/one-touch-ladder-&lt;T&gt;.csv. Args: [maturity years (default 1)] [barriers per side (default 20)]
 * [η (default 0.66)] [particles (default 2048)].
 */
public final class OneTouchLadderStudy {

    public static void main(String[] args) throws IOException {
        double t = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        int perSide = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        double eta = args.length > 2 ? Double.parseDouble(args[2]) : 0.66;
        int particles = args.length > 3 ? Integer.parseInt(args[3]) : 2048;
        MarketData md = TestMarkets.load(TestMarkets.EURUSD_2018);
        FxMarket fx = md.fx();
        VolSurface surface = VolSurfaceBuilder.build(md);
        List<CalibrationQuote> quotes = new ArrayList<>();
        for (double e : surface.expiries()) {
            double atm = surface.impliedVol(e, surface.forward(e));
            for (double z : new double[] {-1.5, -0.75, 0, 0.75, 1.5}) {
                double k = surface.forward(e) * Math.exp(z * atm * Math.sqrt(e));
                quotes.add(new CalibrationQuote(e, k, surface.impliedVol(e, k), e + "y z=" + z));
            }
        }
        HestonCalibrationResult hc = new HestonCalibrator().calibrate(fx, quotes, null,
                HestonCalibrator.Weighting.IMPLIED_VOL);
        System.out.printf("Heston fit: %s, rmse %.1f bp, Feller %.2f%n", hc.parameters(), hc.rmseVolBps(),
                hc.fellerRatio());
        DupireLocalVol lv = new DupireLocalVol(surface);
        long c0 = System.nanoTime();
        SlvCalibrationResult slv = new SlvCalibrator(null).calibrate(SlvCalibrationInput.of(
                new SlvCalibrationInput.Market(fx, lv, surface, surface.expiries(), t), hc.parameters(),
                Estimators.paperDefault()).withHeston(new SlvCalibrationInput.Heston(hc.parameters(), eta))
                .withParticles(SlvCalibrationInput.Particles.DEFAULTS.withCount(particles)), null, null);
        System.out.printf("SLV calibration: eta %.2f, %d particles, %.0f ms%n", eta, particles,
                (System.nanoTime() - c0) / 1e6);
        double atm = surface.impliedVol(t, surface.forward(t));
        double[] barriers = OneTouchLadder.barriers(fx.spot(), atm, t, perSide, 2.5);
        long t0 = System.nanoTime();
        List<OneTouchLadder.Rung> rungs = OneTouchLadder.price(new MonteCarloPricer(), new MonteCarloRequest(fx,
                List.of(), List.of(McModel.LV, McModel.HESTON, McModel.SLV), null, lv, hc.parameters(), eta,
                slv.leverage(), McConfig.defaults()), t, barriers, atm);
        System.out.printf("EURUSD 2018-03-15, T = %.2fY, TV at ATM vol %.4f, %d barriers, LV + HESTON + SLV in %.0f ms%n",
                t, atm, barriers.length, (System.nanoTime() - t0) / 1e6);
        System.out.println(" dir   barrier      TV   LV-TV  HES-TV  SLV-TV  (se LV, se HES, se SLV)  between");
        int between = 0;
        Path csv = Path.of("target", "one-touch-ladder-" + t + ".csv");
        Files.createDirectories(csv.getParent());
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(csv))) {
            w.println("direction,barrier,tv,lv,heston,slv,lvSe,hestonSe,slvSe");
            for (OneTouchLadder.Rung r : rungs) {
                double lo = Math.min(r.lv(), r.heston());
                double hi = Math.max(r.lv(), r.heston());
                double tol = 2 * Math.sqrt(r.slvStdError() * r.slvStdError()
                        + Math.max(r.lvStdError(), r.hestonStdError()) * Math.max(r.lvStdError(), r.hestonStdError()));
                boolean ok = r.slv() >= lo - tol && r.slv() <= hi + tol;
                between += ok ? 1 : 0;
                System.out.printf("%5s %8.4f %7.4f %+7.4f %+7.4f %+7.4f  (%.4f, %.4f, %.4f)  %s%n", r.direction(),
                        r.barrier(), r.tv(), r.lv() - r.tv(), r.heston() - r.tv(), r.slv() - r.tv(), r.lvStdError(),
                        r.hestonStdError(), r.slvStdError(), ok ? "yes" : "NO");
                w.printf("%s,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f%n", r.direction(), r.barrier(), r.tv(), r.lv(),
                        r.heston(), r.slv(), r.lvStdError(), r.hestonStdError(), r.slvStdError());
            }
        }
        System.out.printf("SLV between LV and Heston (within 2 SE) on %d of %d rungs%n", between, rungs.size());
        System.out.println("wrote " + csv);
    }
}
