package com.fxdesk.slv.heston;

import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.market.RateCurve;
import com.fxdesk.slv.testdata.TestMarkets;
import com.fxdesk.slv.volatility.VolSurfaceBuilder;
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
        assertTrue(r.budgetReached(), r.toString());
        assertTrue(!r.startUsed().contains("budget"), r.startUsed());
        assertTrue(Double.isFinite(r.rmseVolBps()) && Double.isFinite(r.maxErrorVolBps()));
        assertTrue(ms < 2_000, "took " + ms + " ms with a 1 ms budget");
    }

    /** EURUSD-2018 quotes with one pillar's ATM vol at 450%: every pricing of that expiry is slow. */
    private static List<CalibrationQuote> slowSurface() {
        HestonTestData.Market m = HestonTestData.market("eurusd-2018-03-15.json");
        List<HestonTestData.Pillar> pillars = new ArrayList<>(m.pillars());
        HestonTestData.Pillar p = pillars.get(5);
        pillars.set(5, new HestonTestData.Pillar(p.tenor(), p.expiry(), 4.5, p.rr25(), p.bf25(), p.rr10(), p.bf10()));
        return HestonTestData.quotes(new HestonTestData.Market(m.fx(), pillars), true);
    }

    @Test
    void timeBudgetBoundsTheCallOnASlowSurface() {
        HestonTestData.Market m = HestonTestData.market("eurusd-2018-03-15.json");
        List<CalibrationQuote> quotes = slowSurface();
        long budget = 1_500;
        HestonCalibrator c = new HestonCalibrator(new HestonCalibrator.Options(200, 12, true, 1e-10, budget));
        long t0 = System.nanoTime();
        HestonCalibrationResult r = c.calibrate(m.fx(), quotes, null, HestonCalibrator.Weighting.IMPLIED_VOL);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("slow surface, %d ms budget: returned after %d ms, rmse %.1f bp, budgetReached %s, %s%n",
                budget, ms, r.rmseVolBps(), r.budgetReached(), r.parameters());
        assertTrue(r.budgetReached(), r.toString());
        // slack: the expiry being priced when the deadline passes finishes (the machine is shared, hence generous)
        assertTrue(ms < budget + 1_500, "took " + ms + " ms with a " + budget + " ms budget");
        assertEquals(quotes.size(), r.quotes().size());
        assertTrue(Double.isFinite(r.rmseVolBps()) && Double.isFinite(r.maxErrorVolBps()));
    }

    @Test
    void cancellationStopsTheCalibration() {
        HestonTestData.Market m = HestonTestData.market("eurusd-2018-03-15.json");
        List<CalibrationQuote> quotes = HestonTestData.quotes(m, true);
        java.util.concurrent.atomic.AtomicInteger polls = new java.util.concurrent.atomic.AtomicInteger();
        HestonCalibrator c = new HestonCalibrator();
        long t0 = System.nanoTime();
        assertThrows(java.util.concurrent.CancellationException.class, () -> c.calibrate(m.fx(), quotes, null,
                HestonCalibrator.Weighting.IMPLIED_VOL, () -> polls.incrementAndGet() > 30));
        assertTrue(polls.get() > 30, "polled " + polls.get());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 2_000);
        // cancelled before anything: thrown at once; never cancelled: the same fit as without the supplier
        assertThrows(java.util.concurrent.CancellationException.class,
                () -> c.calibrate(m.fx(), quotes, null, null, () -> true));
        HestonCalibrationResult a = c.calibrate(m.fx(), quotes, null, null, () -> false);
        HestonCalibrationResult b = c.calibrate(m.fx(), quotes, null, null);
        assertEquals(a.parameters(), b.parameters());
        assertTrue(!a.budgetReached());
    }

    @Test
    void fitsTheSharedMarkets() {
        // measured rmse (both weightings, this commit): EURUSD-2018 13.2 bp, USDJPY 29.4-29.5 bp, EURUSD-2025 28.8-28.9 bp
        String[] files = {"eurusd-2018-03-15.json", "usdjpy-2018-03-15.json", "eurusd-2025-02-10.json"};
        double[] bounds = {15, 32, 31};
        for (int fi = 0; fi < files.length; fi++) {
            String file = files[fi];
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
                // Heston cannot match every FX smile: the bound is the measured fit with modest headroom
                assertTrue(r.rmseVolBps() < bounds[fi], file + " " + w + " rmse " + r.rmseVolBps());
                assertTrue(r.quotes().stream().allMatch(HestonCalibrationResult.QuoteFit::fitted), file);
            }
        }
    }

    /**
     * The shared flat 10% grid (strikes 0.6-1.6, 3M-2Y) has an exact fit (ξ → 0, v0 = θ = 0.01), but its 3M 0.6/1.6
     * strikes are ~10 standard deviations out (price ~1e-27·F, below the integral's resolution): they must be reported
     * as not fitted instead of dragging the fit to 26 bp rmse with noise.
     */
    @Test
    void fitsTheFlatGridExactlyAndFlagsUnresolvableWings() {
        MarketData md = TestMarkets.load(TestMarkets.FLAT_10PCT);
        List<CalibrationQuote> quotes = HestonTestData.pillarQuotes(VolSurfaceBuilder.build(md));
        assertEquals(28, quotes.size());
        for (HestonCalibrator.Weighting w : HestonCalibrator.Weighting.values()) {
            HestonCalibrationResult r = new HestonCalibrator().calibrate(md.fx(), quotes, null, w);
            System.out.printf("flat-10pct grid %s: %s rmse %.4f bp max %.4f bp, %d ms%n", w, r.parameters(),
                    r.rmseVolBps(), r.maxErrorVolBps(), r.elapsedMs());
            assertTrue(r.rmseVolBps() < 0.5, w + " rmse " + r.rmseVolBps());
            assertTrue(r.maxErrorVolBps() < 1, w + " max " + r.maxErrorVolBps());
            assertEquals(0.01, r.parameters().v0(), 1e-5);
            assertEquals(0.01, r.parameters().theta(), 1e-5);
            List<HestonCalibrationResult.QuoteFit> notFitted = r.quotes().stream().filter(q -> !q.fitted()).toList();
            // 3M 0.6 and 1.6 (vega ~1e-24·F, 1e-20·F) and 6M 0.6 (~6e-13·F); every other quote is fitted
            assertEquals(3, notFitted.size(), notFitted.toString());
            for (HestonCalibrationResult.QuoteFit q : notFitted) {
                assertTrue(q.expiry() <= 0.5 && (q.strike() == 0.6 || q.strike() == 1.6), q.toString());
                assertTrue(Double.isFinite(q.modelVol()) && Double.isFinite(q.errorBps()), q.toString());
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

    /**
     * Hagan's lognormal SABR (β = 1, α = 0.12, ρ = 0.3, ν = 1.2: the generator of usdmxn-grid-sabr-beta1) on 5 expiries
     * 1M–2Y × 9 strikes over ±2.5 ATM sd. Its variance is not mean-reverting (E[α²_t] grows like e^{ν²t}).
     */
    private static List<CalibrationQuote> sabrGrid() {
        double a = 0.12;
        double rho = 0.3;
        double nu = 1.2;
        List<CalibrationQuote> quotes = new ArrayList<>();
        for (double t : new double[] {1.0 / 12, 0.25, 0.5, 1, 2}) {
            double f = FX.forward(t);
            double term = 1 + (rho * nu * a / 4 + (2 - 3 * rho * rho) * nu * nu / 24) * t;
            double sd = a * term * Math.sqrt(t);
            for (int j = -4; j <= 4; j++) {
                double k = f * Math.exp(j * 2.5 / 4 * sd);
                double z = nu / a * Math.log(f / k);
                double zx = Math.abs(z) < 1e-9 ? 1
                        : z / Math.log((Math.sqrt(1 - 2 * rho * z + z * z) + z - rho) / (1 - rho));
                quotes.add(new CalibrationQuote(t, k, a * zx * term, t + "Y " + j));
            }
        }
        return quotes;
    }

    @Test
    void conditioningBoundsKeepKappaAndThetaIdentifiedOnASabrGrid() {
        List<CalibrationQuote> quotes = sabrGrid();
        double maxVariance = quotes.stream().mapToDouble(q -> q.marketVol() * q.marketVol()).max().orElseThrow();
        // the default box: the fit leaves the mean reversion unidentified (κ·T_max far below 1, θ far above every quoted
        // variance) — the corner docs/calibration-quality.md 8.6 is about
        HestonCalibrationResult free = new HestonCalibrator().calibrate(FX, quotes, null,
                HestonCalibrator.Weighting.IMPLIED_VOL);
        System.out.printf("SABR grid, default box: %s rmse %.1f bp%n", free.parameters(), free.rmseVolBps());
        assertTrue(free.parameters().kappa() * 2 < 0.5 && free.parameters().theta() > 3 * maxVariance,
                free.parameters().toString());
        // κ·T_max ≥ 1 and θ ≤ 2× the largest implied variance: the box is respected (with bounds that bind), the
        // initial guess is clipped into it, and the fit stays usable
        HestonCalibrator bounded = new HestonCalibrator(HestonCalibrator.Options.defaults().withConditioning(1.0, 2.0));
        for (HestonParameters guess : new HestonParameters[] {null, new HestonParameters(0.01, 0.01, 3.9, 1, 0.3)}) {
            HestonCalibrationResult r = bounded.calibrate(FX, quotes, guess, HestonCalibrator.Weighting.IMPLIED_VOL);
            System.out.printf("SABR grid, κT ≥ 1, θ ≤ 2 max var (guess %s): %s rmse %.1f bp%n", guess, r.parameters(),
                    r.rmseVolBps());
            assertTrue(r.parameters().kappa() >= 0.5 * (1 - 1e-12), r.parameters().toString());
            assertTrue(r.parameters().theta() <= 2 * maxVariance * (1 + 1e-12), r.parameters().toString());
            assertTrue(Double.isFinite(r.rmseVolBps()) && r.rmseVolBps() < 3 * free.rmseVolBps(), r.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> HestonCalibrator.Options.defaults().withConditioning(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> HestonCalibrator.Options.defaults().withConditioning(1, 0));
    }

    @Test
    void conditioningBoundsThatDoNotBindLeaveTheFitUnchanged() {
        // a Heston surface with κ·T_max = 6 and θ below the largest quoted variance: the same answer with the bounds on
        HestonParameters truth = new HestonParameters(0.0095, 1.2, 0.0121, 0.45, -0.35);
        List<CalibrationQuote> quotes = hestonSurface(truth);
        HestonCalibrator.Options d = HestonCalibrator.Options.defaults();
        HestonCalibrationResult off = new HestonCalibrator(d).calibrate(FX, quotes, null,
                HestonCalibrator.Weighting.IMPLIED_VOL);
        HestonCalibrationResult on = new HestonCalibrator(d.withConditioning(1.0, 2.0)).calibrate(FX, quotes, null,
                HestonCalibrator.Weighting.IMPLIED_VOL);
        assertEquals(off.parameters(), on.parameters());
        assertRecovered(truth, on);
    }
}
