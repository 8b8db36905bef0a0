package com.fxdesk.slv.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.model.LeverageFunction;
import com.fxdesk.slv.montecarlo.PathDynamics;
import com.fxdesk.slv.montecarlo.TimeGrid;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The round trip's extra paths ({@link RoundTripConfig.Adaptive}): pooled with the pilot they stay unbiased against
 * a closed form, cut the standard error as 1/√paths, give the same bits on any pool, and every extra path is counted
 * in the work reported and kept within the caps.
 */
class RoundTripAdaptiveTest {
    private static final FxMarket MARKET = SlvCalibratorTest.MARKET;
    private static final HestonParameters MIXED = RoundTripControlVariateTest.MIXED;
    private static final double C = RoundTripControlVariateTest.C;
    private static final ForkJoinPool POOL = new ForkJoinPool(3);

    @AfterAll
    static void shutdown() {
        POOL.shutdown();
    }

    /**
     * L ≡ 1.25 makes the SLV a Heston model of its own (v0, θ × c², ξ × c), priced in closed form. A target below the
     * pilot's standard errors makes every point ask for more paths: the pooled estimate (one regression on pilot and
     * extra samples) stays within 3 standard errors of the closed form, and reaches the target.
     */
    @Test
    void pooledEstimateIsUnbiasedAgainstTheClosedForm() {
        HestonParameters target = RoundTripControlVariateTest.constantLeverageModel();
        List<RoundTripQuote> quotes = quotes(target);
        LeverageFunction flat = RoundTripControlVariateTest.flatLeverage(C, 1.0, 5 / 365.0);
        RoundTripResult pilot = RoundTrip.run(MARKET, MIXED, flat, quotes, config(10_000, 7, 0, 0), POOL, null,
                null);
        double aim = 0.6 * largestInBand(pilot, quotes);
        RoundTripResult r = RoundTrip.run(MARKET, MIXED, flat, quotes, config(10_000, 7, aim, 20.0), POOL, null,
                null);
        assertEquals(0, pilot.extraPaths());
        assertTrue(r.extraPaths() > 0, "extra paths ran");
        for (int q = 0; q < quotes.size(); q++) {
            RoundTripResult.Point p = r.points().get(q);
            RoundTripResult.Point first = pilot.points().get(q);
            assertTrue(Math.abs(p.errorBps()) < 3 * p.stdErrorBps() + 0.1, p.toString());
            if (first.stdErrorBps() > aim && RoundTrip.insideQuotedBand(MARKET, quotes.get(q))) {
                assertTrue(p.paths() > 10_000, p.toString());
                assertTrue(p.stdErrorBps() < 1.15 * aim, p + " aim " + aim);
            }
        }
    }

    /** The largest standard error among the points that may ask for extra paths ({@link RoundTrip#BAND_DELTA}). */
    private static double largestInBand(RoundTripResult r, List<RoundTripQuote> quotes) {
        double max = 0;
        for (int q = 0; q < quotes.size(); q++) {
            if (RoundTrip.insideQuotedBand(MARKET, quotes.get(q))) {
                max = Math.max(max, r.points().get(q).stdErrorBps());
            }
        }
        return max;
    }

    private static double smallestStdError(RoundTripResult r) {
        return r.points().stream().mapToDouble(RoundTripResult.Point::stdErrorBps).min().orElseThrow();
    }

    /**
     * Variance ∝ 1/paths: each point's pooled standard error times √(its paths) matches the pilot's times √(pilot
     * paths) (within 15 %: both are estimates), so n·((s/target)² − 1) extra paths reach the target.
     */
    @Test
    void extraPathsCutTheStandardErrorAsOneOverRootN() {
        List<RoundTripQuote> quotes = quotes(MIXED);
        LeverageFunction skewed = RoundTripControlVariateTest.skewedLeverage(1.0, 5 / 365.0);
        RoundTripResult pilot = RoundTrip.run(MARKET, MIXED, skewed, quotes,
                config(20_000, 11, 0, 0), POOL, null, null);
        RoundTripResult more = RoundTrip.run(MARKET, MIXED, skewed, quotes,
                config(20_000, 11, 0.5 * smallestStdError(pilot), 20.0), POOL, null, null);
        boolean someQuadrupled = false;
        for (int q = 0; q < quotes.size(); q++) {
            RoundTripResult.Point a = pilot.points().get(q);
            RoundTripResult.Point b = more.points().get(q);
            assertEquals(20_000, a.paths(), a.toString());
            double ratio = b.stdErrorBps() * Math.sqrt(b.paths()) / (a.stdErrorBps() * Math.sqrt(a.paths()));
            assertTrue(ratio > 0.85 && ratio < 1.15, q + ": " + ratio + " " + a + " " + b);
            someQuadrupled |= b.paths() >= 4 * a.paths();
        }
        assertTrue(someQuadrupled, "at least one point on four times the paths");
        // aiming at a target: every point ends at most near it, and the one with the largest need (the largest pilot
        // s.e.: it sets its own level of the staircase) on just its n·((s/t)² − 1) extra paths, so near it
        double aim = 0.6 * largestInBand(pilot, quotes);
        RoundTripResult aimed = RoundTrip.run(MARKET, MIXED, skewed, quotes, config(20_000, 11, aim, 20.0), POOL,
                null, null);
        int worst = 0;
        for (int q = 0; q < quotes.size(); q++) {
            if (!RoundTrip.insideQuotedBand(MARKET, quotes.get(q))) {
                continue;
            }
            assertTrue(aimed.points().get(q).stdErrorBps() < 1.1 * aim, aimed.points().get(q) + " aim " + aim);
            worst = pilot.points().get(q).stdErrorBps() > pilot.points().get(worst).stdErrorBps() ? q : worst;
        }
        assertTrue(aimed.points().get(worst).stdErrorBps() > 0.85 * aim, aimed.points().get(worst) + " aim " + aim);
    }

    /** Extra runs have fixed seeds and chunk-ordered sums: the same bits for 1, 3 and 12 threads. */
    @Test
    void identicalForAnyPoolSize() {
        List<RoundTripQuote> quotes = quotes(MIXED);
        LeverageFunction skewed = RoundTripControlVariateTest.skewedLeverage(1.0, 5 / 365.0);
        assertSameForAnyPoolSize(skewed, quotes, config(6_000, 3, 0.5, 2.0));
    }

    /** A round trip with extra paths gives the same points and work on 1, 3 ({@code POOL}) and 12 threads. */
    static void assertSameForAnyPoolSize(LeverageFunction lev, List<RoundTripQuote> quotes, RoundTripConfig cfg) {
        RoundTripResult serial = RoundTrip.run(MARKET, MIXED, lev, quotes, cfg, null, null, null);
        RoundTripResult three = RoundTrip.run(MARKET, MIXED, lev, quotes, cfg, POOL, null, null);
        ForkJoinPool wide = new ForkJoinPool(12);
        try {
            RoundTripResult twelve = RoundTrip.run(MARKET, MIXED, lev, quotes, cfg, wide, null, null);
            assertTrue(serial.extraPaths() > 0);
            assertEquals(serial.points(), three.points());
            assertEquals(serial.points(), twelve.points());
            assertEquals(serial.extraWork(), twelve.extraWork());
        } finally {
            wide.shutdown();
        }
    }

    /**
     * Every path the engine simulated is counted: from the paths each point was priced on (the engine's own sample
     * counts) the work done is Σ over expiry steps s_i of (paths reaching s_i − paths reaching s_{i+1}) × s_i; it
     * must equal the pilot's plus the extra work reported, and stay within the factor cap and the work budget.
     * Fails if an extra run is not counted, or runs beyond the caps.
     */
    @Test
    void everyExtraPathIsCountedAndWithinTheCaps() {
        List<RoundTripQuote> quotes = quotes(MIXED);
        LeverageFunction skewed = RoundTripControlVariateTest.skewedLeverage(1.0, 5 / 365.0);
        for (double factor : new double[] {0.5, 1.5, 8.0}) {
            RoundTripResult r = RoundTrip.run(MARKET, MIXED, skewed, quotes, config(8_000, 5, 0.6, factor), POOL,
                    null, null);
            long pilot = (long) r.paths() * r.steps();
            assertEquals(pilot + r.extraWork(), simulatedWork(r) + RoundTrip.PATH_OVERHEAD_STEPS * r.extraPaths(),
                    "factor " + factor);
            assertTrue(r.extraWork() > 0 && r.extraWork() <= factor * pilot, factor + ": " + r.extraWork());
        }
        long budget = 8_000L * 80 * 3 / 2; // pilot plus about half of it
        RoundTripConfig capped = config(8_000, 5, 0.6, 8.0).withAdaptive(
                new RoundTripConfig.Adaptive(0.6, 8.0, budget));
        RoundTripResult r = RoundTrip.run(MARKET, MIXED, skewed, quotes, capped, POOL, null, null);
        assertTrue(r.extraWork() > 0, "some extra");
        assertEquals((long) r.paths() * r.steps() + r.extraWork(),
                simulatedWork(r) + RoundTrip.PATH_OVERHEAD_STEPS * r.extraPaths());
        long counted = simulatedWork(r) + RoundTrip.PATH_OVERHEAD_STEPS * r.extraPaths();
        assertTrue(counted <= budget, counted + " > " + budget);
        // no budget left after the pilot: no extra path
        RoundTripResult none = RoundTrip.run(MARKET, MIXED, skewed, quotes, config(8_000, 5, 0.6, 8.0).withAdaptive(
                new RoundTripConfig.Adaptive(0.6, 8.0, 1)), POOL, null, null);
        assertEquals(0, none.extraWork());
        assertEquals((long) none.paths() * none.steps(), simulatedWork(none));
    }

    /**
     * The calibrator hands the round trip what the job's budget leaves after the particles (their work counted as
     * {@link SlvCalibrationInput#work} counts it): with a budget of exactly that plus the pilot and a little more,
     * calibration and round trip together stay within it.
     */
    @Test
    void theCalibratorLeavesTheRoundTripOnlyWhatTheParticlesDidNotUse() {
        RoundTripConfig cfg = config(4_000, 1, 0.01, 5.0).withAdaptive(new RoundTripConfig.Adaptive(0.01, 5.0,
                1_000_000_000L));
        RoundTripConfig left = SlvCalibrator.roundTripConfig(cfg, 2_000, 300, 100);
        // a regression is counted twice (the Heston companion control variate's second fit)
        long used = 2_000L * 300 + 100L * (2_000 + SlvCalibrationInput.REGRESSION_FIXED_WORK) * 2;
        assertEquals(1_000_000_000L - used, left.adaptive().workBudget());
        assertEquals(config(4_000, 1, 0.01, 5.0), SlvCalibrator.roundTripConfig(config(4_000, 1, 0.01, 5.0), 2_000,
                300, 100),
                "no budget of its own: unchanged");
        // none left: the round trip gets nothing extra
        assertEquals(0, SlvCalibrator.roundTripConfig(cfg.withAdaptive(cfg.adaptive().withWorkBudget(used - 1)),
                2_000, 300, 100).adaptive().extraWorkCap(1));
    }

    /**
     * Steps run with the spatial correction count {@link SlvCalibrationInput#CORRECTED_STEP_WEIGHT} plain steps in the
     * budget the particles leave the round trip: with 50 of 300 steps corrected, 1.25 × 2,000 × 50 less. Fails if the
     * calibrator's corrected steps are not counted.
     */
    @Test
    void correctedParticleStepsCountTheirWeightInTheBudgetLeft() {
        RoundTripConfig cfg = config(4_000, 1, 0.01, 5.0).withAdaptive(new RoundTripConfig.Adaptive(0.01, 5.0,
                1_000_000_000L));
        long plain = SlvCalibrator.roundTripConfig(cfg, 2_000, 300, 100, 0).adaptive().workBudget();
        long corrected = SlvCalibrator.roundTripConfig(cfg, 2_000, 300, 100, 50).adaptive().workBudget();
        assertEquals(SlvCalibrator.roundTripConfig(cfg, 2_000, 300, 100).adaptive().workBudget(), plain);
        assertEquals((long) Math.ceil((SlvCalibrationInput.CORRECTED_STEP_WEIGHT - 1) * 2_000 * 50),
                plain - corrected);
        assertTrue(plain - corrected >= 2_000L * 50, "a corrected step costs at least a plain one more");
    }

    /**
     * The round trip's own paths on corrected steps are weighted too: on a leverage steep enough that every step of
     * its grid is corrected, a budget of twice the pilot's plain work leaves nothing extra (the corrected pilot alone
     * costs {@link SlvCalibrationInput#CORRECTED_STEP_WEIGHT} × that), and under a larger budget the extra work
     * reported is the weighted count of the paths the engine ran, within what the weighted pilot left.
     */
    @Test
    void theRoundTripWeighsItsCorrectedSteps() {
        List<RoundTripQuote> quotes = quotes(MIXED);
        LeverageFunction steep = steepLeverage(1.0, 5 / 365.0);
        TimeGrid grid = RoundTrip.grid(steep, quotes, MIXED.kappa());
        boolean[] on = PathDynamics.correctedSteps(MIXED, steep, grid);
        for (int s = 0; s < on.length; s++) {
            assertTrue(on[s], "step " + s + " corrected");
        }
        long pilotPlain = 8_000L * grid.steps();
        // the largest point asks for 0.5625 × the pilot's paths: about 0.6 pilots' plain work, 1.3 weighted
        double aim = 0.8 * largestInBand(RoundTrip.run(MARKET, MIXED, steep, quotes, config(8_000, 5, 0, 0), POOL,
                null, null), quotes);
        RoundTripResult none = RoundTrip.run(MARKET, MIXED, steep, quotes, config(8_000, 5, aim, 8.0).withAdaptive(
                new RoundTripConfig.Adaptive(aim, 8.0, 2 * pilotPlain)), POOL, null, null);
        assertEquals(pilotPlain, (long) none.paths() * none.steps());
        assertEquals(0, none.extraWork(), "the corrected pilot fills a budget of twice its plain work");
        long budget = 4 * pilotPlain;
        RoundTripResult r = RoundTrip.run(MARKET, MIXED, steep, quotes, config(8_000, 5, aim, 8.0).withAdaptive(
                new RoundTripConfig.Adaptive(aim, 8.0, budget)), POOL, null, null);
        assertTrue(r.extraPaths() > 0, "some extra");
        long pilotWeighted = pilotPlain + SlvCalibrationInput.correctedExtraWork(pilotPlain);
        assertTrue(r.extraWork() <= budget - pilotWeighted, r.extraWork() + " > " + (budget - pilotWeighted));
        long extraSteps = simulatedWork(r) - pilotPlain;
        assertTrue(r.extraWork() >= extraSteps + SlvCalibrationInput.correctedExtraWork(extraSteps)
                + RoundTrip.PATH_OVERHEAD_STEPS * r.extraPaths(), "extra work weighted: " + r.extraWork());
    }

    /**
     * Only the 10P–10C band asks for extra paths: the forward 10Δ put and call strikes (±1.28 sd less the
     * convexity) are inside, a strike 2.5 sd out is not.
     */
    @Test
    void onlyTheQuotedBandAsksForExtraPaths() {
        double t = 0.5;
        double vol = 0.2;
        double sd = vol * Math.sqrt(t);
        double f = MARKET.forward(t);
        double call10 = f * Math.exp(1.2816 * sd + 0.5 * sd * sd);
        double put10 = f * Math.exp(-1.2816 * sd + 0.5 * sd * sd);
        assertTrue(RoundTrip.insideQuotedBand(MARKET, new RoundTripQuote(t, call10, "10C", vol)));
        assertTrue(RoundTrip.insideQuotedBand(MARKET, new RoundTripQuote(t, put10, "10P", vol)));
        assertTrue(RoundTrip.insideQuotedBand(MARKET, new RoundTripQuote(t, f, "ATM", vol)));
        assertTrue(!RoundTrip.insideQuotedBand(MARKET, new RoundTripQuote(t, f * Math.exp(2.5 * sd), "K", vol)));
        assertTrue(!RoundTrip.insideQuotedBand(MARKET, new RoundTripQuote(t, f * Math.exp(-2.5 * sd), "K", vol)));
    }

    /** The staircase plan: cheapest requests first, the work cap respected, NaN and resolved points ask nothing. */
    @Test
    void planIsAStaircaseWithinTheCap() {
        int[] steps = {10, 10, 40, 100};
        double[] se = {2.0, Double.NaN, 1.5, 3.0};
        // needs: q0 10,000·3 = 30,000 → 30,208 (whole 256s); q2 10,000·(2.25−1)=12,500 → 12,544; q3 80,000
        List<RoundTrip.Batch> all = RoundTrip.plan(steps, se, 10_000, 1.0, Long.MAX_VALUE);
        long total = 0;
        for (RoundTrip.Batch b : all) {
            total += b.paths() * RoundTrip.batchCost(b.steps());
        }
        // the staircase: 80,000 paths to step 100 serve every point
        assertEquals(List.of(new RoundTrip.Batch(100, 80_128)), all);
        assertEquals(80_128L * (100 + RoundTrip.PATH_OVERHEAD_STEPS), total);
        // a cap that does not fit the long point: the short ones, cheapest first
        List<RoundTrip.Batch> capped = RoundTrip.plan(steps, se, 10_000, 1.0, 1_000_000);
        assertEquals(List.of(new RoundTrip.Batch(10, 30_208 - 12_544), new RoundTrip.Batch(40, 12_544)), capped);
        assertTrue(RoundTrip.staircaseWork(new int[] {10, 40}, new long[] {30_208, 12_544}) <= 1_000_000);
        // everything resolved: nothing
        assertEquals(List.of(), RoundTrip.plan(steps, new double[] {0.5, 0.5, 0.9, Double.NaN}, 10_000, 1.0,
                Long.MAX_VALUE));
    }

    /**
     * Extra runs are whole 256-path units (so a batch, itself whole units, splits without a remainder the engine would
     * refuse) and grow as the subset's products shrink (the engine keeps per-chunk sums per product).
     */
    @Test
    void extraRunsAreWholeUnitsSizedByTheirProducts() {
        assertEquals(RoundTrip.EXTRA_PATHS_UNIT, RoundTrip.pathsPerRun(255, 10, 10), "at least one unit");
        assertEquals(99_840, RoundTrip.pathsPerRun(100_000, 10, 10));
        assertEquals(499_968, RoundTrip.pathsPerRun(100_000, 50, 10));
        assertTrue(RoundTrip.pathsPerRun(Integer.MAX_VALUE / 2, 10_000, 1) <= Integer.MAX_VALUE / 2);
        // a non-antithetic odd pilot: the extra runs must not leave a one-path remainder (McConfig refuses it)
        List<RoundTripQuote> quotes = quotes(MIXED);
        LeverageFunction skewed = RoundTripControlVariateTest.skewedLeverage(1.0, 5 / 365.0);
        RoundTripConfig odd = new RoundTripConfig(true, 255, 3, false, true, true);
        RoundTripResult pilot = RoundTrip.run(MARKET, MIXED, skewed, quotes, odd, null, null, null);
        double worst = 0;
        for (RoundTripResult.Point p : pilot.points()) {
            worst = Math.max(worst, p.stdErrorBps());
        }
        RoundTripResult r = RoundTrip.run(MARKET, MIXED, skewed, quotes, odd.withAdaptive(
                new RoundTripConfig.Adaptive(worst / 1.2, 3.0, Long.MAX_VALUE)), null, null, null);
        assertTrue(r.extraPaths() > 0 && r.extraPaths() % RoundTrip.EXTRA_PATHS_UNIT == 0, "" + r.extraPaths());
    }

    /**
     * A path's fixed cost is counted: a one-step batch is not nearly free, so with a cap that fits a long point's
     * paths at its steps alone but not once each path also pays {@link RoundTrip#PATH_OVERHEAD_STEPS}, the plan
     * leaves it out; and the plan of many points over many expiries stays fast (one candidate per expiry per round).
     */
    @Test
    void planCountsEachPathsFixedCostAndScales() {
        int[] steps = {1};
        double[] se = {2.0}; // needs 10,000·3 = 30,000 → 30,208 paths
        long stepsOnly = 30_208L;
        assertEquals(List.of(), RoundTrip.plan(steps, se, 10_000, 1.0, stepsOnly));
        assertEquals(List.of(new RoundTrip.Batch(1, 30_208)),
                RoundTrip.plan(steps, se, 10_000, 1.0, stepsOnly * (1 + RoundTrip.PATH_OVERHEAD_STEPS)));
        int n = 10_000;
        int[] many = new int[n];
        double[] seMany = new double[n];
        for (int q = 0; q < n; q++) {
            many[q] = 1 + q % 60 * 20;
            seMany[q] = 1.0 + (q * 7919 % 1000) / 500.0;
        }
        long t0 = System.nanoTime();
        List<RoundTrip.Batch> batches = RoundTrip.plan(many, seMany, 10_000, 1.0, 2_000_000_000L);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(!batches.isEmpty() && seconds < 5, batches.size() + " batches in " + seconds + " s");
        long work = 0;
        for (RoundTrip.Batch b : batches) {
            work += b.paths() * RoundTrip.batchCost(b.steps());
        }
        assertTrue(work <= 2_000_000_000L, "" + work);
    }

    private static RoundTripConfig config(int paths, long seed, double target, double factor) {
        return new RoundTripConfig(true, paths, seed, true, true, true).withAdaptive(
                new RoundTripConfig.Adaptive(target, factor, Long.MAX_VALUE));
    }

    /** Σ_i (P(s_i) − P(s_{i+1}))·s_i from the points' path counts, s_i the expiries' grid steps. */
    private static long simulatedWork(RoundTripResult r) {
        // paths reaching each expiry (every point at one expiry has the same count)
        TreeMap<Double, Long> reach = new TreeMap<>();
        for (RoundTripResult.Point p : r.points()) {
            Long before = reach.put(p.expiry(), p.paths());
            assertTrue(before == null || before == p.paths(), "one count per expiry");
        }
        // the steps of each expiry: the last expiry is the grid's end; the others from the grid rule
        long work = 0;
        List<Double> ts = new ArrayList<>(reach.keySet());
        for (int i = 0; i < ts.size(); i++) {
            long next = i + 1 < ts.size() ? reach.get(ts.get(i + 1)) : 0;
            work += (reach.get(ts.get(i)) - next) * stepsTo(r, ts.get(i));
        }
        return work;
    }

    /** Grid steps to t on this test's 5-day slice grid (slices every 5 days, the expiries added, κΔt ≤ 0.1). */
    private static int stepsTo(RoundTripResult r, double t) {
        List<RoundTripQuote> qs = new ArrayList<>();
        for (RoundTripResult.Point p : r.points()) {
            qs.add(new RoundTripQuote(p.expiry(), p.strike(), p.label(), p.marketVol()));
        }
        var grid = RoundTrip.grid(RoundTripControlVariateTest.skewedLeverage(1.0, 5 / 365.0), qs, MIXED.kappa());
        assertEquals(r.steps(), grid.steps());
        return grid.indexOf(t);
    }

    /** 10Δ to 90Δ strikes at 3M and 1Y (inside the band that asks for extra paths), the target Heston's vols. */
    private static List<RoundTripQuote> quotes(HestonParameters target) {
        return RoundTripControlVariateTest.quotes(target, 0.10);
    }

    /**
     * L(S, t) = 1 − 12 ln(S/S0), floored at 0.3, on 41 log-spot nodes: |L'|√(E[V]Δ) ≈ 12 × 0.012 on the 5-day
     * steps, well above {@link com.fxdesk.slv.model.SpatialCorrection#STEEP}.
     */
    static LeverageFunction steepLeverage(double horizon, double step) {
        return RoundTripControlVariateTest.leverage(horizon, step, (x, t) -> Math.max(0.3, 1 - 12 * x));
    }
}
