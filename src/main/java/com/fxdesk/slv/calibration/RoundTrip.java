package com.fxdesk.slv.calibration;

import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.heston.HestonPricer;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.math.BlackFormula;
import com.fxdesk.slv.math.Normal;
import com.fxdesk.slv.model.LeverageFunction;
import com.fxdesk.slv.montecarlo.McConfig;
import com.fxdesk.slv.montecarlo.PathDynamics;
import com.fxdesk.slv.montecarlo.PathEngine;
import com.fxdesk.slv.montecarlo.PayoffBook;
import com.fxdesk.slv.montecarlo.TimeGrid;
import com.fxdesk.slv.parallel.Chunks;
import com.fxdesk.slv.volatility.ImpliedVolSurface;
import com.fxdesk.slv.volatility.LocalVolSurface;
import com.fxdesk.slv.random.SequenceType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import java.util.stream.DoubleStream;

/**
 * Round trip (SPEC.md section 7): an independent Monte Carlo of the calibrated SLV through the one Monte Carlo engine
 * ({@link PathEngine}, {@link PathDynamics#slv}: the same SLV step {@link com.fxdesk.slv.model.SlvStep}, L read by
 * the leverage function's own rule) on the calibration's own time steps (every leverage slice time, plus the quote
 * expiries), so L(·, τ_j) is frozen on [τ_j, τ_{j+1}) exactly as the particles used it. It prices the
 * out-of-the-money vanilla at every quote and inverts it with {@link BlackFormula#impliedVol}; the error reported
 * is computed by simulation, together with its standard error.
 *
 * <p>Pseudo-random antithetic paths (Z_S and Z_V mirrored) on the engine's streams: bit-identical for any pool size
 * (opt-in, {@link RoundTripConfig#sequence()} SOBOL: randomised QMC, the standard error from the batches' spread;
 * measured and not the default, docs/calibration-quality.md section 4).
 * Control variates, combined per option by regression (optimal β from the sample covariances, so a weak one never
 * hurts): S_T, whose mean F(T) is known (it also removes the small martingale error of the discretised spot), and
 * the same vanilla on the L ≡ 1 Heston companion path — the same variance path and spot normals, one more log-spot
 * update per step — whose price under the simulated (mixed) Heston parameters is known in closed form
 * ({@link HestonPricer}). The companion's own discretisation bias enters times β; docs/calibration-quality.md has
 * its measured size and what each control buys.
 */
public final class RoundTrip {

    private RoundTrip() {
    }

    /**
     * @param mixedHeston variance dynamics as simulated (ξ already multiplied by the mixing η)
     * @param executor    the compute pool (null: the calling thread only); results do not depend on it
     * @param progress    fraction of the work done, pilot and extra paths weighted by their work units (called from
     *                    worker threads)
     */
    public static RoundTripResult run(FxMarket market, HestonParameters mixedHeston, LeverageFunction leverage,
                                      List<RoundTripQuote> quotes, RoundTripConfig config,
                                      ExecutorService executor, BooleanSupplier cancelled, DoubleConsumer progress) {
        return run(market, mixedHeston, leverage, null, null, quotes, config, executor, cancelled, progress);
    }

    /**
     * As above, with the surfaces the leverage was calibrated to: with {@code config.localVolControl()} and both given,
     * the local-vol companion path (σ_LV = {@code localVol}, the same spot normals) is a control variate too, its
     * vanillas' known prices Black at {@code impliedVol} (the surface's own prices).
     */
    public static RoundTripResult run(FxMarket market, HestonParameters mixedHeston, LeverageFunction leverage,
                                      LocalVolSurface localVol, ImpliedVolSurface impliedVol,
                                      List<RoundTripQuote> quotes, RoundTripConfig config,
                                      ExecutorService executor, BooleanSupplier cancelled, DoubleConsumer progress) {
        long start = System.nanoTime();
        if (quotes.isEmpty()) {
            return new RoundTripResult(List.of(), 0, 0, List.of(), 0, 0, 0, 0, 0);
        }
        TimeGrid grid = grid(leverage, quotes, mixedHeston.kappa());
        boolean companion = config.controlVariate() && config.hestonControl();
        boolean lvCompanion = config.controlVariate() && config.localVolControl() && localVol != null
                && impliedVol != null;
        boolean[] call = new boolean[quotes.size()];
        int[] refused = new int[1];
        double[][][] ladders = companion
                ? companionLadders(market, mixedHeston, quotes, checkpoint(cancelled), refused) : null;
        double[][][] lvLadders = new double[quotes.size()][][];
        for (int q = 0; q < quotes.size(); q++) {
            RoundTripQuote quote = quotes.get(q);
            call[q] = quote.strike() >= market.forward(quote.expiry());
            lvLadders[q] = lvCompanion ? localVolLadder(market, impliedVol, quote, call[q]) : new double[2][0];
        }
        Book books = (grid1, subset) -> {
            PayoffBook.Builder book = PayoffBook.builder(grid1, market);
            for (int q : subset) {
                RoundTripQuote quote = quotes.get(q);
                if (config.controlVariate()) {
                    double[][] ladder = companion ? ladders[q] : new double[2][0];
                    book.controlledVanilla(call[q], quote.strike(), quote.expiry(), 1.0, ladder[0], ladder[1],
                            lvLadders[q][0], lvLadders[q][1]);
                } else {
                    book.vanilla(call[q], quote.strike(), quote.expiry(), 1.0);
                }
            }
            return book.build();
        };
        int paths = config.antithetic() ? (config.paths() + 1) / 2 * 2 : config.paths();
        int threads = executor == null ? 1 : Chunks.parallelism(executor);
        boolean sobol = config.sequence() == SequenceType.SOBOL;
        int batchCount = sobol ? config.batches() : 1;
        McConfig mc = new McConfig(paths, 1.0, config.antithetic(), config.sequence(), config.seed(), false,
                batchCount, threads);
        // SOBOL: the points per batch the run takes (the engine gives every batch ⌈points / batches⌉); the extra
        // runs continue each batch's point set after them, under the same shifts
        int perPath = config.antithetic() ? 2 : 1;
        long nextPoint = sobol ? ((long) paths / perPath + batchCount - 1) / batchCount : 0;
        PathDynamics dynamics = PathDynamics.slvWithCompanions(mixedHeston, leverage, companion,
                lvCompanion ? localVol : null);
        int[] all = java.util.stream.IntStream.range(0, quotes.size()).toArray();
        PayoffBook book = books.of(grid, all);
        int[] steps = new int[quotes.size()];
        for (int q = 0; q < quotes.size(); q++) {
            steps[q] = grid.indexOf(quotes.get(q).expiry());
        }
        // paths on steps the spatial correction runs cost CORRECTED_STEP_WEIGHT plain steps (0 extra on most markets)
        long[] corrected = correctedUpTo(PathDynamics.correctedSteps(mixedHeston, leverage, grid));
        long pilotWork = (long) paths * grid.steps()
                + SlvCalibrationInput.correctedExtraWork((long) paths * corrected[grid.steps()]);
        RoundTripConfig.Adaptive adaptive = config.adaptive();
        long cap = adaptive.extraWorkCap(pilotWork);
        double pilotShare = (double) pilotWork / (pilotWork + cap);
        DoubleConsumer pilotProgress = progress == null ? null : f -> progress.accept(pilotShare * f);
        PathEngine.Totals totals = PathEngine.runTotals(dynamics, grid, book, market, mc, executor, cancelled,
                pilotProgress);
        PathEngine.Estimate[] est = PathEngine.estimates(book, totals);
        List<Batch> batches = List.of();
        if (cap > 0) {
            double[] seBps = new double[quotes.size()];
            for (int q = 0; q < quotes.size(); q++) {
                seBps[q] = insideQuotedBand(market, quotes.get(q))
                        ? point(market, quotes.get(q), call[q], est[q], paths).stdErrorBps() : Double.NaN;
            }
            int unit = EXTRA_PATHS_UNIT * batchCount; // SOBOL: whole chunks in every batch
            long pilotSimulated = sobol ? nextPoint * batchCount * perPath : paths;
            batches = plan(steps, seBps, (int) Math.min(pilotSimulated, Integer.MAX_VALUE),
                    adaptive.targetStdErrorBps(), cap, corrected, unit);
            long planned = 0;
            for (Batch b : batches) {
                planned += batchWork(b, corrected);
            }
            long[] done = {0};
            int run = 0;
            for (Batch b : batches) {
                int[] subset = Arrays.stream(all).filter(q -> steps[q] <= b.steps()).toArray();
                PayoffBook part = books.of(grid, subset);
                int perRun = pathsPerRun(paths, all.length, subset.length, unit);
                for (long left = b.paths(); left > 0; left -= perRun) {
                    int n = (int) Math.min(left, perRun);
                    long base = done[0];
                    long total = planned;
                    DoubleConsumer runProgress = progress == null ? null : f -> progress.accept(
                            pilotShare + (1 - pilotShare) * (base + f * n * batchCost(b.steps(), corrected)) / total);
                    // PSEUDO: a seed of its own; SOBOL: the pilot's shifts, on the points after those used so far
                    McConfig extra = sobol ? mc.withPaths(n)
                            : mc.withPaths(n).withSeed(extraSeed(config.seed(), run++));
                    PathEngine.Totals more = PathEngine.runTotals(dynamics, grid, part, market, extra, nextPoint,
                            executor, cancelled, runProgress);
                    if (sobol) {
                        nextPoint += n / perPath / batchCount;
                    }
                    totals = totals.plus(more, subset);
                    done[0] += n * batchCost(b.steps(), corrected);
                }
            }
            est = PathEngine.estimates(book, totals);
        }
        int perSample = perPath;
        long[] pointPaths = new long[quotes.size()];
        long extraPaths = 0;
        long extraWork = 0;
        for (Batch b : batches) {
            extraPaths += b.paths();
            extraWork += batchWork(b, corrected);
        }
        for (int q = 0; q < quotes.size(); q++) {
            pointPaths[q] = totals.samples()[q] * perSample;
        }
        return summarise(market, quotes, call, est, pointPaths, paths, grid.steps(), refused[0], extraPaths,
                extraWork, start);
    }

    /** A payoff book of the quotes {@code subset} (in that order) on the grid. */
    @FunctionalInterface
    private interface Book {
        PayoffBook of(TimeGrid grid, int[] subset);
    }

    /** Seed of the k-th extra run: independent of the pilot's streams and of the other runs'. */
    static long extraSeed(long seed, int k) {
        return RoundTripConfig.seedFor(seed ^ (k + 1L) * 0xBF58476D1CE4E5B9L);
    }

    /**
     * Extra paths to simulate up to the grid step {@code steps} (the expiry index of the batch's last quotes).
     */
    record Batch(int steps, long paths) {
    }

    /**
     * Extra paths go only to points between the 10Δ put and the 10Δ call, the band a desk quotes and the
     * resolution target names: forward call delta N(d₁) at the quote's own vol within
     * [{@value #BAND_DELTA}, 1 − {@value #BAND_DELTA}] (below 0.10 so that a 10Δ quote under spot or premium-adjusted
     * conventions is inside whatever the rates). Beyond it (grid strikes 2–7 sd out) a point's vega is so small that
     * 1 bp costs many times the pilot (measured: on the AUDUSD grid factor 4 went to those strikes and the round
     * trip took 3.9 × the pilot's work); they keep the pilot's paths and are listed as unresolved when their standard
     * error is above the threshold, as before.
     */
    static final double BAND_DELTA = 0.08;

    static boolean insideQuotedBand(FxMarket market, RoundTripQuote quote) {
        double t = quote.expiry();
        double sd = quote.marketVol() * Math.sqrt(t);
        if (!(sd > 0)) {
            return false;
        }
        double d1 = (Math.log(market.forward(t) / quote.strike()) + 0.5 * sd * sd) / sd;
        double delta = Normal.cdf(d1);
        return delta >= BAND_DELTA && delta <= 1 - BAND_DELTA;
    }

    /** Extra paths are asked for in whole antithetic chunks (2 × 128 paths, the engine's unit of work). */
    static final int EXTRA_PATHS_UNIT = 256;

    /**
     * A path's fixed cost in step-equivalents, on top of its steps: drawing its first normals, the payoffs and the
     * control-variate sums of the quotes expiring on it, the chunk's bookkeeping. Negligible for the pilot (hundreds
     * of steps) but not for an overnight batch of one or two steps, which the plan would otherwise think nearly free:
     * a review measured 3× the pilot's CPU per path-step on 1-step batches (RoundTripCostProbe in src/test bench).
     * Every extra batch is costed as paths × (steps + this), in the plan, the cap and the reported extra work.
     */
    static final int PATH_OVERHEAD_STEPS = 4;

    /** Work units of one extra path simulated to grid step {@code steps}. */
    static long batchCost(int steps) {
        return steps + (long) PATH_OVERHEAD_STEPS;
    }

    /**
     * As {@link #batchCost(int)}, with the corrected steps among the first {@code steps} ({@code corrected}: their
     * running count, {@link #correctedUpTo}; null: none) weighted by {@link SlvCalibrationInput#CORRECTED_STEP_WEIGHT}.
     */
    static long batchCost(int steps, long[] corrected) {
        long plain = batchCost(steps);
        return corrected == null ? plain : plain + SlvCalibrationInput.correctedExtraWork(corrected[steps]);
    }

    private static long batchWork(Batch b, long[] corrected) {
        return b.paths() * batchCost(b.steps(), corrected);
    }

    /** Running count: element s is how many of the grid's first s steps are corrected (length steps + 1). */
    static long[] correctedUpTo(boolean[] on) {
        long[] c = new long[on.length + 1];
        for (int i = 0; i < on.length; i++) {
            c[i + 1] = c[i] + (on[i] ? 1 : 0);
        }
        return c;
    }

    /**
     * Paths per extra run: the engine keeps per-chunk sums for every product of a run, so a run over fewer products
     * may have proportionally more paths for the pilot's memory (fewer runs: each binds the dynamics to the grid
     * once); whole {@value #EXTRA_PATHS_UNIT}s, so that the batches (themselves whole units) split without a
     * remainder the engine would refuse (fewer than 2 paths).
     */
    static int pathsPerRun(int pilotPaths, int products, int subsetProducts) {
        return pathsPerRun(pilotPaths, products, subsetProducts, EXTRA_PATHS_UNIT);
    }

    /** As above in whole {@code unit}s (SOBOL: {@value #EXTRA_PATHS_UNIT} × batches, whole chunks per batch). */
    static int pathsPerRun(int pilotPaths, int products, int subsetProducts, int unit) {
        long scaled = (long) pilotPaths * products / Math.max(1, subsetProducts);
        long units = Math.max(1, Math.min(scaled, Integer.MAX_VALUE / 2) / unit);
        return (int) (units * unit);
    }

    /**
     * The extra batches. A point q (expiry at grid step s_q, pilot standard error e_q bp on n pilot paths) needs
     * n·((e_q/target)² − 1) more paths to reach the target (variance ∝ 1/paths), rounded up to
     * {@value #EXTRA_PATHS_UNIT}; a path simulated to step s serves every point expiring by then, so for a set of
     * points the cheapest plan is a staircase: M(s) = the largest need among the set's points expiring at or after s,
     * and M(s_i) − M(s_{i+1}) paths simulated to each expiry step s_i, costing {@link #batchCost} each. Points are
     * added one by one, each time the one whose need adds the least work to the staircase so far (ties: the lower
     * index), while that work stays within {@code cap}: the most points brought to the target for the work, roughly.
     * At one expiry step the point with the smallest need not yet added is the only candidate (any other there adds
     * at least as much), so a round costs O(levels²), not O(points × levels). A point gets its whole need or nothing
     * of its own (paths that leave it above the target buy no resolution; it still shares the paths others asked
     * for). Points with no standard error (NaN: not priced, or too few paying paths for the regression) ask for
     * nothing.
     *
     * @return batches by increasing horizon, each with a positive number of paths
     */
    static List<Batch> plan(int[] steps, double[] seBps, int pilotPaths, double target, long cap) {
        return plan(steps, seBps, pilotPaths, target, cap, null);
    }

    /** As above, each path costed with the corrected steps it runs ({@link #batchCost(int, long[])}). */
    static List<Batch> plan(int[] steps, double[] seBps, int pilotPaths, double target, long cap, long[] corrected) {
        return plan(steps, seBps, pilotPaths, target, cap, corrected, EXTRA_PATHS_UNIT);
    }

    /** As above with the extra paths in whole {@code unit}s (SOBOL: whole chunks in every batch). */
    static List<Batch> plan(int[] steps, double[] seBps, int pilotPaths, double target, long cap, long[] corrected,
                            int unit) {
        int nq = steps.length;
        int[] levels = Arrays.stream(steps).distinct().sorted().toArray();
        List<List<long[]>> asking = new ArrayList<>(); // per level: {need, index} by increasing need, then index
        for (int i = 0; i < levels.length; i++) {
            asking.add(new ArrayList<>());
        }
        for (int q = 0; q < nq; q++) {
            double r = seBps[q] / target;
            if (Double.isFinite(r) && r > 1 && steps[q] > 0) {
                double extra = pilotPaths * (r * r - 1);
                double units = Math.ceil(extra / unit);
                if (units * unit * batchCost(steps[q], corrected) <= cap) {
                    asking.get(Arrays.binarySearch(levels, steps[q])).add(
                            new long[] {(long) units * unit, q});
                }
            }
        }
        for (List<long[]> l : asking) {
            l.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        }
        int[] next = new int[levels.length]; // per level: the first need not yet added
        long[] chosen = new long[levels.length]; // the largest need chosen per expiry step
        while (true) {
            int best = -1;
            long bestWork = Long.MAX_VALUE;
            long bestIndex = Long.MAX_VALUE;
            for (int i = 0; i < levels.length; i++) {
                if (next[i] == asking.get(i).size()) {
                    continue;
                }
                long[] candidate = asking.get(i).get(next[i]);
                long before = chosen[i];
                chosen[i] = Math.max(before, candidate[0]);
                long w = staircaseWork(levels, chosen, corrected);
                chosen[i] = before;
                if (w < bestWork || w == bestWork && candidate[1] < bestIndex) {
                    bestWork = w;
                    bestIndex = candidate[1];
                    best = i;
                }
            }
            // when the cheapest does not fit, none does (adding points only lowers the others' marginal work)
            if (best < 0 || bestWork > cap) {
                break;
            }
            chosen[best] = Math.max(chosen[best], asking.get(best).get(next[best])[0]);
            next[best]++;
        }
        List<Batch> out = new ArrayList<>();
        long[] m = new long[levels.length];
        long later = 0; // M(s_{i+1})
        for (int i = levels.length - 1; i >= 0; i--) {
            later = Math.max(later, chosen[i]);
            m[i] = later;
        }
        for (int i = 0; i < levels.length; i++) {
            long after = i + 1 < levels.length ? m[i + 1] : 0;
            if (m[i] > after) {
                out.add(new Batch(levels[i], m[i] - after));
            }
        }
        return out;
    }

    /** Σ_i (M(s_i) − M(s_{i+1}))·{@link #batchCost}(s_i) with M(s_i) = max_{j ≥ i} chosen[j]: the staircase's work. */
    static long staircaseWork(int[] levels, long[] chosen) {
        return staircaseWork(levels, chosen, null);
    }

    /** As above with {@link #batchCost(int, long[])}. */
    static long staircaseWork(int[] levels, long[] chosen, long[] corrected) {
        long work = 0;
        long later = 0;
        for (int i = levels.length - 1; i >= 0; i--) {
            long m = Math.max(later, chosen[i]);
            work += (m - later) * batchCost(levels[i], corrected);
            later = m;
        }
        return work;
    }

    /** The pricer's checkpoint: throws once the job is cancelled (null without a cancellation signal). */
    private static Runnable checkpoint(BooleanSupplier cancelled) {
        return cancelled == null ? null : () -> {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("round trip cancelled");
            }
        };
    }

    /**
     * The time steps: every leverage slice time before the last expiry plus the expiries (the calibration's own slice
     * times, so L(·, τ_j) is frozen on [τ_j, τ_{j+1}) exactly as the particles used it, L being read per slice), each
     * interval cut into equal sub-steps with κ·Δt ≤ {@link #MAX_KAPPA_STEP}.
     */
    static TimeGrid grid(LeverageFunction leverage, List<RoundTripQuote> quotes, double kappa) {
        return grid(leverage.times(), quotes.stream().mapToDouble(RoundTripQuote::expiry).toArray(), kappa);
    }

    /** The same grid from the leverage's slice times and the quotes' expiries (admission counts it too). */
    static TimeGrid grid(double[] leverageTimes, double[] expiries, double kappa) {
        double horizon = Arrays.stream(expiries).max().orElseThrow();
        double[] mandatory = DoubleStream.concat(
                Arrays.stream(leverageTimes).filter(t -> t > 1e-12 && t < horizon - 1e-12),
                Arrays.stream(expiries)).toArray();
        return TimeGrid.of(kappa > 0 ? Math.min(horizon, MAX_KAPPA_STEP / kappa) : horizon, mandatory);
    }

    /**
     * The round trip's steps satisfy κ·Δt ≤ this: the Heston companion's QE discretisation bias enters the estimate
     * times β ≈ 1 and grows with κΔt (measured: within noise at κΔt ≤ 0.08, up to 15 bp at κΔt = 0.4 on the event
     * market, κ = 29 with 5-day steps; docs/calibration-quality.md). The control is therefore never dropped for step
     * size: the steps are cut instead.
     */
    public static final double MAX_KAPPA_STEP = 0.1;

    /** Companion strikes per quote: K·exp(j·h·σ√T) for j = −LADDER..LADDER (σ the quote's vol). */
    static final int LADDER = 2;
    /** Their spacing h in standard deviations σ√T. */
    static final double LADDER_SPACING = 0.5;

    /**
     * The companion controls of each quote: strikes around K (a ladder of ±{@value #LADDER}·{@value #LADDER_SPACING}
     * standard deviations, so that the regression can follow the SLV payoff as a function of the companion's spot
     * where L differs from 1) and the discounted price per unit notional of the quote's out-of-the-money vanilla
     * type at each under the simulated Heston (L ≡ 1), the companion's known means: one Fourier strip per expiry
     * ({@link HestonPricer#priceStrip}), or Black with the integrated variance when ξ = 0 (V is then deterministic).
     * Strikes priced as not finite are left out; an expiry the pricer refuses (IllegalArgumentException: e.g. an
     * integral that does not decay) keeps S_T as its only control and is counted in {@code refused[0]}.
     *
     * @param checkpoint run before each expiry's strip (null: none); throws to cancel. The strip itself keeps the
     *                   pricer's panel cap, so each is bounded in work
     * @return per quote {strikes, prices}
     */
    static double[][][] companionLadders(FxMarket market, HestonParameters mixed, List<RoundTripQuote> quotes,
                                         Runnable checkpoint, int[] refused) {
        int m = 2 * LADDER + 1;
        double[][][] out = new double[quotes.size()][][];
        HestonPricer pricer = new HestonPricer();
        double[] expiries = quotes.stream().mapToDouble(RoundTripQuote::expiry).distinct().toArray();
        for (double t : expiries) {
            double fwd = market.forward(t);
            double df = market.domesticDf(t);
            List<Integer> at = new ArrayList<>();
            for (int q = 0; q < quotes.size(); q++) {
                if (quotes.get(q).expiry() == t) {
                    at.add(q);
                }
            }
            double[] strikes = new double[at.size() * m];
            boolean[] calls = new boolean[strikes.length];
            for (int i = 0; i < at.size(); i++) {
                RoundTripQuote quote = quotes.get(at.get(i));
                double sd = Math.max(quote.marketVol(), 0.01) * Math.sqrt(t);
                for (int j = 0; j < m; j++) {
                    strikes[i * m + j] = quote.strike() * Math.exp((j - LADDER) * LADDER_SPACING * sd);
                    calls[i * m + j] = quote.strike() >= fwd;
                }
            }
            double[] prices = new double[strikes.length];
            if (mixed.xi() < 1e-10) {
                double vol = Math.sqrt(HestonPricer.integratedVariance(mixed, t) / t);
                for (int j = 0; j < strikes.length; j++) {
                    prices[j] = BlackFormula.price(calls[j], fwd, strikes[j], t, vol, df);
                }
            } else {
                try {
                    // no checkpoint inside the strip: with one the pricer would lift its panel cap, and a strip
                    // must stay bounded by that cap (a refused strip falls back below); cancellation is checked
                    // between expiries
                    if (checkpoint != null) {
                        checkpoint.run();
                    }
                    prices = pricer.priceStripWithQuadrature(mixed, t, fwd, df, strikes, calls).prices();
                } catch (IllegalArgumentException refusal) {
                    Arrays.fill(prices, Double.NaN); // this expiry: S_T alone
                    refused[0]++;
                }
            }
            for (int i = 0; i < at.size(); i++) {
                double[] ks = new double[m];
                double[] ps = new double[m];
                int k = 0;
                for (int j = i * m; j < (i + 1) * m; j++) {
                    if (Double.isFinite(prices[j]) && prices[j] >= 0) {
                        ks[k] = strikes[j];
                        ps[k++] = prices[j];
                    }
                }
                out[at.get(i)] = new double[][] {Arrays.copyOf(ks, k), Arrays.copyOf(ps, k)};
            }
        }
        return out;
    }

    /** Local-vol companion strikes per quote: K·exp(j·h·σ√T) for j = −LV_LADDER..LV_LADDER, h = LADDER_SPACING (the Heston ladder's strikes). */
    static final int LV_LADDER = 2;

    /**
     * The local-vol companion's controls of one quote: a ladder of strikes around K (as the Heston one, so that the
     * regression can follow the SLV payoff as a function of the local-vol spot where √V departs from E[V | S]) and the
     * discounted price of the quote's vanilla type at each, Black at the surface's implied vol there: the surface's
     * own prices, which the continuous local-vol diffusion reproduces up to the lattice's error (the discretised
     * companion's bias enters times β: docs/calibration-quality.md has its measured size). Strikes whose price is not
     * finite are left out.
     */
    static double[][] localVolLadder(FxMarket market, ImpliedVolSurface surface, RoundTripQuote quote, boolean call) {
        int m = 2 * LV_LADDER + 1;
        double t = quote.expiry();
        double fwd = market.forward(t);
        double df = market.domesticDf(t);
        double sd = Math.max(quote.marketVol(), 0.01) * Math.sqrt(t);
        double[] ks = new double[m];
        double[] ps = new double[m];
        int k = 0;
        for (int j = 0; j < m; j++) {
            double strike = quote.strike() * Math.exp((j - LV_LADDER) * LADDER_SPACING * sd);
            double price = BlackFormula.price(call, fwd, strike, t, surface.impliedVol(t, strike), df);
            if (Double.isFinite(price) && price >= 0) {
                ks[k] = strike;
                ps[k++] = price;
            }
        }
        return new double[][] {Arrays.copyOf(ks, k), Arrays.copyOf(ps, k)};
    }

    /** The delta part of a quote label ("1Y 25C" → "25C"), so that buckets gather one delta across expiries. */
    static String deltaBucket(String label) {
        if (label == null) {
            return "";
        }
        String l = label.strip();
        return l.substring(l.lastIndexOf(' ') + 1);
    }

    /** Implied vols, errors against the quotes with their standard errors, and buckets. */
    private static RoundTripResult summarise(FxMarket market, List<RoundTripQuote> quotes, boolean[] call,
                                             PathEngine.Estimate[] est, long[] pointPaths, int paths, int steps,
                                             int refused, long extraPaths, long extraWork, long start) {
        List<RoundTripResult.Point> points = new ArrayList<>(quotes.size());
        double maxErr = 0;
        double sumSq = 0;
        int ok = 0;
        int failed = 0;
        Map<String, double[]> buckets = new LinkedHashMap<>();
        for (int q = 0; q < quotes.size(); q++) {
            RoundTripResult.Point p = point(market, quotes.get(q), call[q], est[q], pointPaths[q]);
            if (Double.isFinite(p.modelVol()) && p.modelVol() > 0) {
                double err = p.errorBps();
                maxErr = Math.max(maxErr, Math.abs(err));
                sumSq += err * err;
                ok++;
                double[] b = buckets.computeIfAbsent(deltaBucket(p.label()), l -> new double[3]);
                b[0]++;
                b[1] += err * err;
                b[2] = Math.max(b[2], Math.abs(err));
            } else {
                failed++;
            }
            points.add(p);
        }
        List<RoundTripResult.Bucket> byLabel = new ArrayList<>();
        buckets.forEach((label, b) -> byLabel.add(
                new RoundTripResult.Bucket(label, (int) b[0], Math.sqrt(b[1] / b[0]), b[2])));
        double rms = ok == 0 ? Double.NaN : Math.sqrt(sumSq / ok);
        return new RoundTripResult(List.copyOf(points), ok == 0 ? Double.NaN : maxErr, rms, List.copyOf(byLabel),
                failed, paths, steps, refused, (System.nanoTime() - start) / 1e6, extraPaths, extraWork);
    }

    /** One quote: the vanilla's price, its implied vol, error and standard error (price s.e. / vega). */
    private static RoundTripResult.Point point(FxMarket market, RoundTripQuote quote, boolean call,
                                               PathEngine.Estimate est, long paths) {
        double t = quote.expiry();
        double fwd = market.forward(t);
        double df = market.domesticDf(t);
        double price = est.price();
        double vol = BlackFormula.impliedVol(call, fwd, quote.strike(), t, price, df);
        double err = (vol - quote.marketVol()) * 1e4;
        double seBps = Double.NaN;
        if (Double.isFinite(vol) && vol > 0) {
            double vega = df * BlackFormula.vegaStdDev(fwd, quote.strike(), vol * Math.sqrt(t)) * Math.sqrt(t);
            seBps = est.stdError() / vega * 1e4;
        }
        return new RoundTripResult.Point(t, quote.strike(), quote.label(), call, quote.marketVol(), vol, err, seBps,
                price, paths);
    }
}
