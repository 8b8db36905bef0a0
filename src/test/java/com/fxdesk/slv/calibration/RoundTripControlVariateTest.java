package com.fxdesk.slv.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.heston.HestonPricer;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.math.BlackFormula;
import com.fxdesk.slv.model.LeverageFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The round trip's control variates on a case with a known answer: a constant leverage L ≡ c makes the SLV a Heston
 * model of its own (v0, θ scaled by c², ξ by c; the QE scheme is scale-equivariant), priced in closed form, while the
 * L ≡ 1 companion is a different Heston: a genuine control, not the target itself.
 */
class RoundTripControlVariateTest {
    private static final FxMarket MARKET = SlvCalibratorTest.MARKET;
    static final HestonParameters MIXED = new HestonParameters(0.01, 1.5, 0.012, 0.4, -0.5);
    static final double C = 1.25;
    private static final ForkJoinPool POOL = new ForkJoinPool(3);

    /** The Heston model the SLV with L ≡ {@link #C} and variance {@link #MIXED} is (v0 and θ × c², ξ × c). */
    static HestonParameters constantLeverageModel() {
        return new HestonParameters(C * C * MIXED.v0(), MIXED.kappa(), C * C * MIXED.theta(), C * MIXED.xi(),
                MIXED.rho());
    }

    @AfterAll
    static void shutdown() {
        POOL.shutdown();
    }

    @Test
    void constantLeverageRepricesItsHestonModelWithinNoiseAndTheHestonControlCutsTheError() {
        HestonParameters target = constantLeverageModel();
        List<RoundTripQuote> quotes = quotes(target);
        LeverageFunction flat = flatLeverage(C, 1.0, 5 / 365.0);
        RoundTripResult both = RoundTrip.run(MARKET, MIXED, flat, quotes,
                new RoundTripConfig(true, 20_000, 7, true, true, true), POOL, null, null);
        RoundTripResult spotOnly = RoundTrip.run(MARKET, MIXED, flat, quotes,
                new RoundTripConfig(true, 20_000, 7, true, true, false), POOL, null, null);
        double seBoth = 0;
        double seSpot = 0;
        for (int q = 0; q < quotes.size(); q++) {
            RoundTripResult.Point p = both.points().get(q);
            // unbiased: the closed-form Heston vol is within 3 standard errors (plus the 5-day QE bias, ≪ 0.1 bp)
            assertTrue(Math.abs(p.errorBps()) < 3 * p.stdErrorBps() + 0.1, p.toString());
            seBoth += p.stdErrorBps();
            seSpot += spotOnly.points().get(q).stdErrorBps();
        }
        assertEquals(0, both.failed());
        // the Heston companion resolves the same paths several times finer than S_T alone
        assertTrue(seBoth < 0.4 * seSpot, "s.e. with the Heston control " + seBoth + " vs S_T alone " + seSpot);
    }

    /**
     * Far out of the money (±4.5 sd) only a handful of paths pay: the neighbouring ladder controls then fit those few
     * payoffs exactly, and the regression estimate would be their noise with a standard error of ~0 (it showed as
     * resolved 50–60 bp errors on a flat market). Such points fall back to the plain mean: unbiased within their
     * (large) standard error, or unpriced.
     */
    @Test
    void farWingPointsCarriedByFewPathsAreNeverResolvedWithAWrongPrice() {
        // deterministic variance and L ≡ 1: the model is Black at 10%, the SLV path equals its companion
        HestonParameters flatVar = new HestonParameters(0.01, 1.5, 0.01, 0.0, 0.0);
        List<RoundTripQuote> quotes = new ArrayList<>();
        double t = 0.25;
        for (double z : new double[] {-4.5, -4.2, -4.0, -3.8, 3.8, 4.0, 4.2, 4.5}) {
            quotes.add(new RoundTripQuote(t, MARKET.forward(t) * Math.exp(z * 0.1 * Math.sqrt(t)), "far " + z, 0.1));
        }
        RoundTripResult r = RoundTrip.run(MARKET, flatVar, flatLeverage(1.0, t, 5 / 365.0), quotes,
                new RoundTripConfig(true, 100_000, 7, true, true, true), POOL, null, null);
        for (RoundTripResult.Point p : r.points()) {
            // a point resolved at 1 bp must be right; one carried by a path or two is unresolved (its plain-mean
            // standard error is itself rough, so no z bound is asserted there)
            if (RoundTripStatistics.isResolved(p, 1.0)) {
                assertTrue(Math.abs(p.errorBps()) <= 3 * p.stdErrorBps() + 0.5, p.toString());
            }
        }
    }

    /**
     * Fast mean reversion (κ = 29) on slices 0.14/κ apart, as the calibration's grid leaves them when an expiry
     * stretches a 0.1/κ regression interval: the round trip sub-steps to κΔt ≤ 0.1 and keeps the Heston control
     * (it used to drop it for the whole run), still unbiased against the closed form.
     */
    @Test
    void fastMeanReversionSubStepsInsteadOfDroppingTheHestonControl() {
        HestonParameters mixed = new HestonParameters(0.01, 29, 0.012, 1.2, -0.4);
        HestonParameters target = new HestonParameters(C * C * mixed.v0(), mixed.kappa(), C * C * mixed.theta(),
                C * mixed.xi(), mixed.rho());
        List<RoundTripQuote> quotes = quotes(target).subList(0, 5); // 3M
        LeverageFunction flat = flatLeverage(C, 0.25, 0.14 / mixed.kappa());
        var grid = RoundTrip.grid(flat, quotes, mixed.kappa());
        for (int i = 0; i < grid.steps(); i++) {
            assertTrue(mixed.kappa() * grid.dt(i) <= RoundTrip.MAX_KAPPA_STEP + 1e-12, "step " + i);
        }
        RoundTripResult both = RoundTrip.run(MARKET, mixed, flat, quotes,
                new RoundTripConfig(true, 8_000, 7, true, true, true), POOL, null, null);
        RoundTripResult spotOnly = RoundTrip.run(MARKET, mixed, flat, quotes,
                new RoundTripConfig(true, 8_000, 7, true, true, false), POOL, null, null);
        double seBoth = 0;
        double seSpot = 0;
        for (int q = 0; q < quotes.size(); q++) {
            RoundTripResult.Point p = both.points().get(q);
            assertTrue(Math.abs(p.errorBps()) < 3.5 * p.stdErrorBps() + 0.5, p.toString());
            seBoth += p.stdErrorBps();
            seSpot += spotOnly.points().get(q).stdErrorBps();
        }
        assertTrue(seBoth < 0.6 * seSpot, "s.e. with the Heston control " + seBoth + " vs S_T alone " + seSpot);
    }

    /**
     * 8 antithetic pairs and 7 controls: the regression interpolated the samples and reported s.e. 0 ("resolved").
     * Now no residual degree of freedom means no standard error (NaN: unresolved, omitted by the web view), and
     * fewer than 10 samples per coefficient use no control and report the plain standard error.
     */
    @Test
    void fewPathsNeverReportAZeroStandardError() {
        List<RoundTripQuote> quotes = quotes(MIXED);
        LeverageFunction flat = flatLeverage(1.1, 1.0, 30 / 365.0);
        RoundTripResult exact = RoundTrip.run(MARKET, MIXED, flat, quotes,
                new RoundTripConfig(true, 16, 3, true, true, true), null, null, null);
        for (RoundTripResult.Point p : exact.points()) {
            assertTrue(Double.isNaN(p.stdErrorBps()), p.toString());
            assertTrue(!RoundTripStatistics.isResolved(p, 1e9), p.toString());
        }
        RoundTripResult few = RoundTrip.run(MARKET, MIXED, flat, quotes,
                new RoundTripConfig(true, 60, 3, true, true, true), null, null, null);
        RoundTripResult plain = RoundTrip.run(MARKET, MIXED, flat, quotes,
                new RoundTripConfig(true, 60, 3, true, false, false), null, null, null);
        for (int q = 0; q < quotes.size(); q++) {
            RoundTripResult.Point p = few.points().get(q);
            if (Double.isFinite(p.modelVol())) {
                assertTrue(p.stdErrorBps() > 0, p.toString());
                assertEquals(plain.points().get(q).modelPrice(), p.modelPrice(), 1e-15, p.toString());
            }
        }
    }

    /**
     * An expiry the Heston pricer refuses (a strip it cannot integrate within its panel cap) keeps S_T as its only
     * control and is counted, instead of failing the calibration after its particle phase.
     */
    @Test
    void aRefusedHestonStripFallsBackToSpotControlForThatExpiry() {
        double tiny = 1e-9; // about 30 ms, strike 20% below the forward: e^{iux} needs more panels than the cap
        List<RoundTripQuote> quotes = new ArrayList<>(quotes(MIXED).subList(0, 5));
        double k = 0.8 * MARKET.forward(tiny);
        quotes.add(new RoundTripQuote(tiny, k, "tiny 1P", 0.1));
        assertThrows(IllegalArgumentException.class, () -> new HestonPricer().priceStrip(MIXED, tiny,
                MARKET.forward(tiny), MARKET.domesticDf(tiny), new double[] {k}, new boolean[] {false}));
        LeverageFunction flat = flatLeverage(1.1, 0.25, 5 / 365.0);
        RoundTripResult r = RoundTrip.run(MARKET, MIXED, flat, quotes,
                new RoundTripConfig(true, 2_000, 3, true, true, true), null, null, null);
        assertEquals(1, r.hestonControlRefused());
        assertEquals(quotes.size(), r.points().size());
        assertTrue(r.points().get(2).stdErrorBps() > 0, r.points().get(2).toString());
    }

    @Test
    void identicalForAnyPoolSize() {
        List<RoundTripQuote> quotes = quotes(MIXED);
        LeverageFunction flat = flatLeverage(1.1, 0.5, 5 / 365.0);
        RoundTripConfig cfg = new RoundTripConfig(true, 4_000, 3, true, true, true);
        RoundTripResult serial = RoundTrip.run(MARKET, MIXED, flat, quotes, cfg, null, null, null);
        RoundTripResult pooled = RoundTrip.run(MARKET, MIXED, flat, quotes, cfg, POOL, null, null);
        assertEquals(serial.points(), pooled.points());
    }

    /**
     * The engine simulates up to 4 chunks of paths side by side, fewer when the pool is large against the chunk count
     * (79 chunks here, the last one short: 4 side by side on one thread, 3 on 3 threads, 1 on 12): a leverage that
     * varies in spot and time, both controls, every grouping gives the same bits.
     */
    @Test
    void identicalWhateverHowManyChunksRunSideBySide() {
        List<RoundTripQuote> quotes = quotes(MIXED);
        LeverageFunction skewed = skewedLeverage(1.0, 5 / 365.0);
        RoundTripConfig cfg = new RoundTripConfig(true, 20_000, 11, true, true, true);
        RoundTripResult serial = RoundTrip.run(MARKET, MIXED, skewed, quotes, cfg, null, null, null);
        RoundTripResult three = RoundTrip.run(MARKET, MIXED, skewed, quotes, cfg, POOL, null, null);
        ForkJoinPool wide = new ForkJoinPool(12);
        try {
            RoundTripResult twelve = RoundTrip.run(MARKET, MIXED, skewed, quotes, cfg, wide, null, null);
            assertEquals(serial.points(), three.points());
            assertEquals(serial.points(), twelve.points());
        } finally {
            wide.shutdown();
        }
        RoundTripResult otherSeed = RoundTrip.run(MARKET, MIXED, skewed, quotes,
                new RoundTripConfig(true, 20_000, 12, true, true, true), null, null, null);
        assertTrue(serial.points().get(0).modelPrice() != otherSeed.points().get(0).modelPrice());
    }

    /** 10Δ-ish to 90Δ-ish strikes at 3M and 1Y, market vols the target Heston's closed-form implied vols. */
    private static List<RoundTripQuote> quotes(HestonParameters target) {
        return quotes(target, 0.12);
    }

    /** As above, strikes at F·exp(z·width·√t) for z = ±1.28, ±0.67, 0. */
    static List<RoundTripQuote> quotes(HestonParameters target, double width) {
        List<RoundTripQuote> out = new ArrayList<>();
        HestonPricer pricer = new HestonPricer();
        String[] labels = {"10P", "25P", "ATM", "25C", "10C"};
        double[] z = {-1.28, -0.67, 0, 0.67, 1.28};
        for (double t : new double[] {0.25, 1.0}) {
            double fwd = MARKET.forward(t);
            double df = MARKET.domesticDf(t);
            for (int i = 0; i < z.length; i++) {
                double k = fwd * Math.exp(z[i] * width * Math.sqrt(t));
                boolean call = k >= fwd;
                double vol = BlackFormula.impliedVol(call, fwd, k, t, pricer.price(target, t, fwd, df, k, call), df);
                out.add(new RoundTripQuote(t, k, labels[i], vol));
            }
        }
        return out;
    }

    /** L(S, t) = 1 − 0.8 ln(S/S0) + 3 ln(S/S0)² + 0.1 t on 41 log-spot nodes, slices every {@code step} years. */
    static LeverageFunction skewedLeverage(double horizon, double step) {
        return leverage(horizon, step, (x, t) -> 1 - 0.8 * x + 3 * x * x + 0.1 * t);
    }

    /** L(S, t) = l(ln(S/S0), t) on 41 log-spot nodes over ln(S/S0) ∈ [−0.4, 0.4], slices every {@code step} years. */
    static LeverageFunction leverage(double horizon, double step, DoubleBinaryOperator l) {
        int n = (int) Math.ceil(horizon / step);
        double[] times = new double[n];
        double[][] spots = new double[n][41];
        double[][] values = new double[n][41];
        for (int j = 0; j < n; j++) {
            times[j] = j * step;
            for (int i = 0; i < 41; i++) {
                double x = -0.4 + 0.02 * i;
                spots[j][i] = MARKET.spot() * Math.exp(x);
                values[j][i] = l.applyAsDouble(x, times[j]);
            }
        }
        return new LeverageFunction(times, spots, values);
    }

    /** L ≡ c on slices every {@code step} years to the horizon (the round trip steps at the slice times). */
    static LeverageFunction flatLeverage(double c, double horizon, double step) {
        int n = (int) Math.ceil(horizon / step);
        double[] times = new double[n];
        double[][] spots = new double[n][];
        double[][] values = new double[n][];
        for (int j = 0; j < n; j++) {
            times[j] = j * step;
            spots[j] = new double[] {0.5, 2.0};
            values[j] = new double[] {c, c};
            Arrays.fill(values[j], c);
        }
        return new LeverageFunction(times, spots, values);
    }
}
