package com.fxdesk.slv.calibration;

import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.math.BlackFormula;
import com.fxdesk.slv.model.LeverageFunction;
import com.fxdesk.slv.model.SlvStep;
import com.fxdesk.slv.parallel.Chunks;
import com.fxdesk.slv.random.RandomStreams;
import com.fxdesk.slv.random.ZigguratNormals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * Round trip (SPEC.md section 7): an independent Monte Carlo of the calibrated SLV — its own seed, the same
 * SLV step ({@link SlvStep}) and normals ({@link ZigguratNormals}) and the same time steps
 * as the calibration (every leverage slice time, plus the quote expiries) with L(·, τ_j) frozen on [τ_j, τ_{j+1})
 * and interpolated linearly in ln S, as in calibration — prices the out-of-the-money vanilla at every quote and inverts it with {@link BlackFormula#impliedVol}.
 *
 * <p>Paths are independent (L is fixed), so each chunk runs all its paths through all steps (no barrier per
 * step); chunk c on step s draws from the stream seeded by {@link RandomStreams#stream}(seed, s, c) and chunk sums are combined in
 * chunk order: bit-identical for any pool size. Variance reduction: antithetic pairs (Z_S and Z_V mirrored),
 * and S_T, whose mean F(T) is known, as control variate with the optimal β per option. The control variate also
 * removes the small martingale error of the discretised spot; the error reported is computed by simulation,
 * together with its standard error.
 */
public final class RoundTrip {

    private RoundTrip() {
    }

    /**
     * @param mixedHeston variance dynamics as simulated (ξ already multiplied by the mixing η)
     * @param progress    fraction of chunks done (called from worker threads)
     */
    public static RoundTripResult run(FxMarket market, HestonParameters mixedHeston, LeverageFunction leverage,
                                      List<RoundTripQuote> quotes, RoundTripConfig config, int chunkSize,
                                      ExecutorService executor, BooleanSupplier cancelled, DoubleConsumer progress) {
        long start = System.nanoTime();
        if (quotes.isEmpty()) {
            return new RoundTripResult(List.of(), 0, 0, List.of(), 0, 0, 0, 0);
        }
        Schedule schedule = Schedule.of(leverage, quotes);
        Vanillas vanillas = Vanillas.of(market, quotes, schedule.expiries);
        Paths paths = Paths.of(config, chunkSize);
        Moments moments = simulate(market, mixedHeston, leverage, schedule, vanillas, paths, config.seed(), executor,
                cancelled == null ? () -> false : cancelled, progress == null ? f -> { } : progress);
        return summarise(market, quotes, vanillas, moments, config.controlVariate(), paths.total,
                schedule.steps(), start);
    }

    /** The delta part of a quote label ("1Y 25C" → "25C"), so that buckets gather one delta across expiries. */
    static String deltaBucket(String label) {
        if (label == null) {
            return "";
        }
        String l = label.strip();
        return l.substring(l.lastIndexOf(' ') + 1);
    }

    /**
     * The time steps: every leverage slice time before the last expiry plus the expiries (the calibration's own
     * steps, so L(·, τ_j) is frozen on [τ_j, τ_{j+1}) exactly as the particles used it), the step after which each
     * expiry is reached, and the leverage slice in force on each step.
     */
    private record Schedule(double[] times, double[] expiries, int[] expiryAtStepEnd, int[] stepSlice) {

        static Schedule of(LeverageFunction leverage, List<RoundTripQuote> quotes) {
            double[] expiries = quotes.stream().mapToDouble(RoundTripQuote::expiry).sorted().distinct().toArray();
            double horizon = expiries[expiries.length - 1];
            double[] levTimes = leverage.times();
            double[] all = new double[levTimes.length + expiries.length + 1];
            int k = 0;
            all[k++] = 0.0;
            for (double t : levTimes) {
                if (t > 1e-12 && t < horizon - 1e-12) {
                    all[k++] = t;
                }
            }
            for (double t : expiries) {
                all[k++] = t;
            }
            double[] times = dedupe(Arrays.copyOf(all, k));
            int steps = times.length - 1;
            int[] expiryAtStepEnd = new int[steps];
            Arrays.fill(expiryAtStepEnd, -1);
            for (int e = 0; e < expiries.length; e++) {
                int idx = Arrays.binarySearch(times, expiries[e]);
                if (idx < 0) { // merged with a leverage time within 1e-10: take the nearest grid point
                    int ins = -idx - 1;
                    idx = ins >= times.length || (ins > 0 && expiries[e] - times[ins - 1] < times[ins] - expiries[e])
                            ? ins - 1 : ins;
                }
                expiryAtStepEnd[idx - 1] = e;
            }
            int[] stepSlice = new int[steps];
            for (int s = 0; s < steps; s++) {
                stepSlice[s] = leverage.sliceIndex(times[s]);
            }
            return new Schedule(times, expiries, expiryAtStepEnd, stepSlice);
        }

        int steps() {
            return times.length - 1;
        }

        private static double[] dedupe(double[] t) {
            Arrays.sort(t);
            double[] out = new double[t.length];
            int k = 0;
            for (double v : t) {
                if (k == 0 || v - out[k - 1] > 1e-10) {
                    out[k++] = v;
                } else if (v > out[k - 1]) {
                    out[k - 1] = v; // keep the larger of two (numerically) equal times: the exact expiry wins
                }
            }
            return Arrays.copyOf(out, k);
        }
    }

    /** The out-of-the-money vanilla priced per quote, and the expiry index it pays at. */
    private record Vanillas(int[] quoteExpiry, boolean[] call, double[] strike, int expiries) {

        static Vanillas of(FxMarket market, List<RoundTripQuote> quotes, double[] expiries) {
            int nq = quotes.size();
            int[] quoteExpiry = new int[nq];
            boolean[] call = new boolean[nq];
            double[] strike = new double[nq];
            for (int q = 0; q < nq; q++) {
                RoundTripQuote quote = quotes.get(q);
                quoteExpiry[q] = Arrays.binarySearch(expiries, quote.expiry());
                strike[q] = quote.strike();
                call[q] = quote.strike() >= market.forward(quote.expiry());
            }
            return new Vanillas(quoteExpiry, call, strike, expiries.length);
        }

        int size() {
            return strike.length;
        }

        /** Per expiry [ΣX, ΣX²] (X = S_T, pair-averaged), then per quote [ΣY, ΣY², ΣXY] (Y the payoff). */
        int moments() {
            return 2 * expiries + 3 * size();
        }

        int quoteOffset(int q) {
            return 2 * expiries + 3 * q;
        }
    }

    /** Paths (even when antithetic) cut into chunks of one random stream per step each. */
    private record Paths(int total, int chunk, int chunks, boolean antithetic) {

        static Paths of(RoundTripConfig config, int chunkSize) {
            boolean anti = config.antithetic();
            int paths = anti ? (config.paths() + 1) / 2 * 2 : config.paths();
            int chunk = anti ? Math.max(2, chunkSize / 2 * 2) : chunkSize;
            return new Paths(paths, chunk, (paths + chunk - 1) / chunk, anti);
        }
    }

    /** The sums of {@link Vanillas#moments()} over all chunks (in chunk order) and the samples they hold. */
    private record Moments(double[] sums, long samples) {
    }

    /**
     * Runs all paths: each chunk takes its paths through all steps (L is fixed, so no barrier per step); chunk c on
     * step s draws from {@link RandomStreams#stream}(seed, s, c); sums are combined in chunk order.
     */
    private static Moments simulate(FxMarket market, HestonParameters mixedHeston, LeverageFunction leverage,
                                    Schedule schedule, Vanillas vanillas, Paths paths, long seed,
                                    ExecutorService executor, BooleanSupplier cancelled, DoubleConsumer progress) {
        int steps = schedule.steps();
        double[] times = schedule.times;
        SlvStep[] kernels = new SlvStep[steps];
        for (int s = 0; s < steps; s++) {
            kernels[s] = new SlvStep(mixedHeston, times[s + 1] - times[s], market.drift(times[s], times[s + 1]));
        }
        double[][] chunkSums = new double[paths.chunks][vanillas.moments()];
        long[] samplesPerChunk = new long[paths.chunks];
        double x0 = Math.log(market.spot());
        double v0 = mixedHeston.v0();
        boolean deterministic = mixedHeston.xi() < 1e-10;
        AtomicInteger done = new AtomicInteger();
        Chunks.run(executor, paths.chunks, c -> {
            int from = c * paths.chunk;
            int n = Math.min(paths.total, from + paths.chunk) - from;
            double[] x = new double[n];
            double[] v = new double[n];
            double[] lev = new double[n];
            double[] zS = new double[n];
            double[] zV = new double[n];
            double[] next = new double[n];
            Arrays.fill(x, x0);
            Arrays.fill(v, v0);
            for (int s = 0; s < steps; s++) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("round trip cancelled");
                }
                leverage.atLogSpots(schedule.stepSlice[s], x, lev, 0, n);
                drawNormals(zS, zV, n, paths.antithetic, deterministic, RandomStreams.stream(seed, s, c).nextLong());
                kernels[s].step(x, v, lev, zS, zV, next, null, 0, n);
                int e = schedule.expiryAtStepEnd[s];
                if (e >= 0) {
                    accumulate(x, n, paths.antithetic, e, vanillas, chunkSums[c]);
                }
            }
            samplesPerChunk[c] = paths.antithetic ? n / 2 : n;
            progress.accept((double) done.incrementAndGet() / paths.chunks);
        });
        double[] tot = new double[vanillas.moments()];
        long samples = 0;
        for (int c = 0; c < paths.chunks; c++) {
            for (int i = 0; i < tot.length; i++) {
                tot[i] += chunkSums[c][i];
            }
            samples += samplesPerChunk[c];
        }
        return new Moments(tot, samples);
    }

    /** The step's normals (zV only with stochastic variance); antithetic: the second half mirrors the first. */
    private static void drawNormals(double[] zS, double[] zV, int n, boolean anti, boolean deterministic, long state) {
        if (anti) {
            int half = n / 2;
            state = ZigguratNormals.fill(zS, 0, half, state);
            if (!deterministic) {
                ZigguratNormals.fill(zV, 0, half, state);
            }
            for (int i = 0; i < half; i++) {
                zS[i + half] = -zS[i];
                zV[i + half] = -zV[i];
            }
        } else {
            state = ZigguratNormals.fill(zS, 0, n, state);
            if (!deterministic) {
                ZigguratNormals.fill(zV, 0, n, state);
            }
        }
    }

    private static void accumulate(double[] x, int n, boolean anti, int e, Vanillas vanillas, double[] sums) {
        int half = n / 2;
        int samples = anti ? half : n;
        for (int i = 0; i < samples; i++) {
            double sa = Math.exp(x[i]);
            double sb = anti ? Math.exp(x[i + half]) : 0;
            double xs = anti ? 0.5 * (sa + sb) : sa;
            sums[2 * e] += xs;
            sums[2 * e + 1] += xs * xs;
            for (int q = 0; q < vanillas.size(); q++) {
                if (vanillas.quoteExpiry[q] != e) {
                    continue;
                }
                double kq = vanillas.strike[q];
                boolean call = vanillas.call[q];
                double y = call ? Math.max(sa - kq, 0) : Math.max(kq - sa, 0);
                if (anti) {
                    y = 0.5 * (y + (call ? Math.max(sb - kq, 0) : Math.max(kq - sb, 0)));
                }
                int o = vanillas.quoteOffset(q);
                sums[o] += y;
                sums[o + 1] += y * y;
                sums[o + 2] += xs * y;
            }
        }
    }

    /** Prices (with S_T as control variate when asked), implied vols, errors against the quotes, and buckets. */
    private static RoundTripResult summarise(FxMarket market, List<RoundTripQuote> quotes, Vanillas vanillas,
                                             Moments moments, boolean controlVariate, int paths, int steps,
                                             long start) {
        List<RoundTripResult.Point> points = new ArrayList<>(quotes.size());
        double maxErr = 0;
        double sumSq = 0;
        int ok = 0;
        int failed = 0;
        Map<String, double[]> buckets = new LinkedHashMap<>();
        for (int q = 0; q < quotes.size(); q++) {
            RoundTripResult.Point p = point(market, quotes.get(q), q, vanillas, moments, controlVariate);
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
                failed, paths, steps, (System.nanoTime() - start) / 1e6);
    }

    /** One quote: the vanilla's price (control variate β = Cov(X, Y)/Var X), its implied vol, error and s.e. */
    private static RoundTripResult.Point point(FxMarket market, RoundTripQuote quote, int q, Vanillas vanillas,
                                               Moments moments, boolean controlVariate) {
        double[] tot = moments.sums;
        long samples = moments.samples;
        double t = quote.expiry();
        double fwd = market.forward(t);
        double df = market.domesticDf(t);
        int e = vanillas.quoteExpiry[q];
        double meanX = tot[2 * e] / samples;
        double varX = tot[2 * e + 1] / samples - meanX * meanX;
        int o = vanillas.quoteOffset(q);
        double meanY = tot[o] / samples;
        double varY = Math.max(0, tot[o + 1] / samples - meanY * meanY);
        double covXY = tot[o + 2] / samples - meanX * meanY;
        double est = meanY;
        double varRes = varY;
        if (controlVariate && varX > 0) {
            double beta = covXY / varX;
            est = meanY - beta * (meanX - fwd);
            varRes = Math.max(0, varY - covXY * covXY / varX);
        }
        double price = df * est;
        double se = df * Math.sqrt(varRes / Math.max(1, samples - 1));
        boolean call = vanillas.call[q];
        double vol = BlackFormula.impliedVol(call, fwd, quote.strike(), t, price, df);
        double err = (vol - quote.marketVol()) * 1e4;
        double seBps = Double.NaN;
        if (Double.isFinite(vol) && vol > 0) {
            double vega = df * BlackFormula.vegaStdDev(fwd, quote.strike(), vol * Math.sqrt(t)) * Math.sqrt(t);
            seBps = se / vega * 1e4;
        }
        return new RoundTripResult.Point(t, quote.strike(), quote.label(), call, quote.marketVol(), vol, err, seBps,
                price);
    }
}
