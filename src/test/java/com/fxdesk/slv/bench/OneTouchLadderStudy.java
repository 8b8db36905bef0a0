package com.fxdesk.slv.bench;

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
 * — SLV is added once the particle calibration is available. Prints model − TV per barrier and writes
 * target/one-touch-ladder-&lt;T&gt;.csv. Args: [maturity years (default 1)] [barriers per side (default 20)].
 */
public final class OneTouchLadderStudy {

    public static void main(String[] args) throws IOException {
        double t = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        int perSide = args.length > 1 ? Integer.parseInt(args[1]) : 20;
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
        double atm = surface.impliedVol(t, surface.forward(t));
        double[] barriers = OneTouchLadder.barriers(fx.spot(), atm, t, perSide, 2.5);
        long t0 = System.nanoTime();
        List<OneTouchLadder.Rung> rungs = OneTouchLadder.price(new MonteCarloPricer(), new MonteCarloRequest(fx,
                List.of(), List.of(McModel.LV, McModel.HESTON), null, new DupireLocalVol(surface), hc.parameters(), 1,
                null, McConfig.defaults()), t, barriers, atm);
        System.out.printf("EURUSD 2018-03-15, T = %.2fY, TV at ATM vol %.4f, %d barriers, LV + HESTON in %.0f ms%n", t,
                atm, barriers.length, (System.nanoTime() - t0) / 1e6);
        System.out.println(" dir   barrier      TV   LV-TV  HES-TV  (se LV, se HES)");
        Path csv = Path.of("target", "one-touch-ladder-" + t + ".csv");
        Files.createDirectories(csv.getParent());
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(csv))) {
            w.println("direction,barrier,tv,lv,heston,slv,lvSe,hestonSe,slvSe");
            for (OneTouchLadder.Rung r : rungs) {
                System.out.printf("%5s %8.4f %7.4f %+7.4f %+7.4f  (%.4f, %.4f)%n", r.direction(), r.barrier(), r.tv(),
                        r.lv() - r.tv(), r.heston() - r.tv(), r.lvStdError(), r.hestonStdError());
                w.printf("%s,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f%n", r.direction(), r.barrier(), r.tv(), r.lv(),
                        r.heston(), r.slv(), r.lvStdError(), r.hestonStdError(), r.slvStdError());
            }
        }
        System.out.println("wrote " + csv);
    }
}
