package com.fxdesk.slv.heston;

import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.market.RateCurve;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HestonCalibratorTest {

    private static final FxMarket FX = new FxMarket("EURUSD", LocalDate.of(2018, 3, 15), 1.2346,
            RateCurve.flat(0.0213), RateCurve.flat(-0.0033));

    /** 6 expiries × 5 strikes (10Δ–90Δ-ish, in units of the ATM standard deviation) priced by Heston itself. */
    private static List<CalibrationQuote> hestonSurface(HestonParameters truth) {
        HestonPricer pricer = new HestonPricer(1e-12);
        List<CalibrationQuote> quotes = new ArrayList<>();
        for (double t : new double[] {0.0833, 0.25, 0.5, 1, 2, 5}) {
            double f = FX.forward(t);
            double sd = Math.sqrt(HestonPricer.integratedVariance(truth, t));
            for (double z : new double[] {-1.5, -0.7, 0, 0.7, 1.5}) {
                double k = f * Math.exp(z * sd);
                double vol = HestonTestData.hestonVol(pricer, truth, FX, t, k);
                quotes.add(new CalibrationQuote(t, k, vol, t + "Y z=" + z));
            }
        }
        return quotes;
    }

    private static void assertRecovered(HestonParameters truth, HestonCalibrationResult r) {
        HestonParameters p = r.parameters();
        String msg = r.toString();
        assertEquals(truth.v0(), p.v0(), 1e-4 * truth.v0(), "v0 " + msg);
        assertEquals(truth.kappa(), p.kappa(), 1e-4 * truth.kappa(), "kappa " + msg);
        assertEquals(truth.theta(), p.theta(), 1e-4 * truth.theta(), "theta " + msg);
        assertEquals(truth.xi(), p.xi(), 1e-4 * truth.xi(), "xi " + msg);
        assertEquals(truth.rho(), p.rho(), 1e-4 * Math.abs(truth.rho()), "rho " + msg);
        assertTrue(r.rmseVolBps() < 0.1, "rmse " + r.rmseVolBps());
    }

    @Test
    void recoversHestonParametersFromFarStartInImpliedVol() {
        HestonParameters truth = new HestonParameters(0.0095, 1.2, 0.0121, 0.45, -0.35);
        HestonParameters far = new HestonParameters(0.04, 5.0, 0.002, 1.5, 0.4);
        HestonCalibrator single = new HestonCalibrator(new HestonCalibrator.Options(200, 12, false, 1e-10));
        HestonCalibrationResult r = single.calibrate(FX, hestonSurface(truth), far,
                HestonCalibrator.Weighting.IMPLIED_VOL);
        System.out.println("far start, implied vol: " + r.parameters() + " rmse " + r.rmseVolBps() + " bp, "
                + r.iterations() + " iterations, " + r.elapsedMs() + " ms, start " + r.startUsed());
        assertEquals("initial-guess", r.startUsed());
        assertRecovered(truth, r);
    }

    @Test
    void recoversHestonParametersWithVegaWeightingAndOwnStarts() {
        HestonParameters truth = new HestonParameters(0.0225, 3.0, 0.04, 0.8, 0.55);
        HestonCalibrationResult r = new HestonCalibrator().calibrate(FX, hestonSurface(truth), null,
                HestonCalibrator.Weighting.VEGA_WEIGHTED_PRICE);
        System.out.println("own starts, vega weighted: " + r.parameters() + " rmse " + r.rmseVolBps() + " bp, "
                + r.iterations() + " iterations, " + r.elapsedMs() + " ms, start " + r.startUsed());
        assertRecovered(truth, r);
        assertEquals(truth.fellerRatio(), r.fellerRatio(), 1e-3 * truth.fellerRatio());
        assertEquals(30, r.quotes().size());
    }

    @Test
    void timeBudgetReturnsTheBestPointSoFarInsteadOfHanging() {
        HestonParameters truth = new HestonParameters(0.0095, 1.2, 0.0121, 0.45, -0.35);
        HestonCalibrator hurried = new HestonCalibrator(new HestonCalibrator.Options(200, 12, true, 1e-10, 1));
        long t0 = System.nanoTime();
        HestonCalibrationResult r = hurried.calibrate(FX, hestonSurface(truth), null,
                HestonCalibrator.Weighting.IMPLIED_VOL);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(r.startUsed().endsWith("(time budget reached)"), r.startUsed());
        assertTrue(Double.isFinite(r.rmseVolBps()) && Double.isFinite(r.maxErrorVolBps()));
        assertTrue(ms < 2_000, "took " + ms + " ms with a 1 ms budget");
    }

    @Test
    void fitsTheSharedMarkets() {
        for (String file : new String[] {"eurusd-2018-03-15.json", "usdjpy-2018-03-15.json", "eurusd-2025-02-10.json"}) {
            HestonTestData.Market m = HestonTestData.market(file);
            List<CalibrationQuote> quotes = HestonTestData.quotes(m, true);
            for (HestonCalibrator.Weighting w : HestonCalibrator.Weighting.values()) {
                HestonCalibrationResult r = new HestonCalibrator().calibrate(m.fx(), quotes, null, w);
                System.out.printf("%s %s: %s feller %.2f rmse %.2f bp max %.2f bp, %d it, %d ms, start %s%n", file, w,
                        r.parameters(), r.fellerRatio(), r.rmseVolBps(), r.maxErrorVolBps(), r.iterations(),
                        r.elapsedMs(), r.startUsed());
                assertEquals(quotes.size(), r.quotes().size());
                assertTrue(Double.isFinite(r.rmseVolBps()) && Double.isFinite(r.maxErrorVolBps()));
                for (HestonCalibrationResult.QuoteFit q : r.quotes()) {
                    assertTrue(Double.isFinite(q.modelVol()) && Double.isFinite(q.errorBps()), q.toString());
                }
                // Heston cannot match every FX smile, but a fit this far off would mean the optimiser failed
                assertTrue(r.rmseVolBps() < 100, file + " rmse " + r.rmseVolBps());
            }
        }
    }

    @Test
    void rejectsOutOfBoundsInitialGuessNamingTheParameter() {
        List<CalibrationQuote> quotes = hestonSurface(new HestonParameters(0.01, 1, 0.01, 0.3, -0.2));
        HestonCalibrator c = new HestonCalibrator();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.calibrate(FX, quotes,
                new HestonParameters(0.01, 1, 0.01, 0.3, -0.9999), HestonCalibrator.Weighting.IMPLIED_VOL));
        assertTrue(e.getMessage().contains("rho"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.calibrate(FX, quotes,
                new HestonParameters(0.01, 500, 0.01, 0.3, -0.2), HestonCalibrator.Weighting.IMPLIED_VOL));
        assertTrue(e.getMessage().contains("kappa"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.calibrate(FX, quotes,
                new HestonParameters(0.01, 1, 0.01, 0.0, -0.2), HestonCalibrator.Weighting.IMPLIED_VOL));
        assertTrue(e.getMessage().contains("xi"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new HestonParameters(0.01, 1, 0.01, 0.3, 1.0));
        assertTrue(e.getMessage().contains("rho"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.calibrate(FX, List.of(), null, null));
    }

    @Test
    void surfacesHestonCannotFitStillGiveTheBestFit() {
        // flat vols (ξ → its lower bound) and a violently convex short-dated smile with an inverted term structure
        List<CalibrationQuote> flat = new ArrayList<>();
        List<CalibrationQuote> wild = new ArrayList<>();
        for (double t : new double[] {0.02, 0.25, 1, 3}) {
            double f = FX.forward(t);
            for (double z : new double[] {-2, -1, 0, 1, 2}) {
                double k = f * Math.exp(z * 0.1 * Math.sqrt(t));
                flat.add(new CalibrationQuote(t, k, 0.10, "flat"));
                double atm = 0.25 - 0.04 * t;
                wild.add(new CalibrationQuote(t, k, atm + 0.08 * z * z / Math.sqrt(t + 0.05), "wild"));
            }
        }
        HestonCalibrator c = new HestonCalibrator();
        for (List<CalibrationQuote> quotes : List.of(flat, wild)) {
            for (HestonCalibrator.Weighting w : HestonCalibrator.Weighting.values()) {
                HestonCalibrationResult r = c.calibrate(FX, quotes, null, w);
                System.out.printf("%s %s: %s rmse %.2f bp max %.2f bp, %d it, %d ms%n", quotes.get(0).label(), w,
                        r.parameters(), r.rmseVolBps(), r.maxErrorVolBps(), r.iterations(), r.elapsedMs());
                assertTrue(Double.isFinite(r.rmseVolBps()) && Double.isFinite(r.fellerRatio()));
                r.quotes().forEach(q -> assertTrue(Double.isFinite(q.modelVol()), q.toString()));
                if (quotes == flat) {
                    assertTrue(r.rmseVolBps() < 0.5, "flat rmse " + r.rmseVolBps());
                }
            }
        }
    }
}
