package com.fxdesk.slv.calibration;

import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.math.BlackFormula;
import com.fxdesk.slv.model.LeverageFunction;
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
 * SlvStepper dynamics (the calibration's {@link ParticleKernel} and {@link ZigguratNormals}) and the same time steps
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
        BooleanSupplier isCancelled = cancelled == null ? () -> false : cancelled;
        DoubleConsumer onProgress = progress == null ? f -> { } : progress;

        // expiries and the time grid
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
        ParticleKernel[] kernels = new ParticleKernel[steps];
        UniformSlice[] levSlices = new UniformSlice[leverage.sliceCount()];
        int[] stepSlice = new int[steps];
        for (int s = 0; s < steps; s++) {
            kernels[s] = new ParticleKernel(mixedHeston, times[s + 1] - times[s], market.drift(times[s], times[s + 1]));
            int slice = leverage.sliceIndex(times[s]);
            stepSlice[s] = slice;
            if (levSlices[slice] == null) {
                levSlices[slice] = UniformSlice.of(leverage, slice);
            }
        }

        // quotes grouped by expiry; OTM option per quote
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

        boolean anti = config.antithetic();
        int paths = anti ? (config.paths() + 1) / 2 * 2 : config.paths();
        int chunk = anti ? Math.max(2, chunkSize / 2 * 2) : chunkSize;
        int chunks = (paths + chunk - 1) / chunk;
        int ne = expiries.length;
        // per chunk: [sumX, sumX2] per expiry, [sumY, sumY2, sumXY] per quote, samples per expiry
        double[][] chunkSums = new double[chunks][2 * ne + 3 * nq];
        long[] samplesPerChunk = new long[chunks];
        double x0 = Math.log(market.spot());
        double v0 = mixedHeston.v0();
        boolean deterministic = mixedHeston.xi() < 1e-10;
        AtomicInteger done = new AtomicInteger();

        Chunks.run(executor, chunks, c -> {
            int from = c * chunk;
            int n = Math.min(paths, from + chunk) - from;
            int half = n / 2;
            double[] x = new double[n];
            double[] v = new double[n];
            double[] lev = new double[n];
            double[] zS = new double[n];
            double[] zV = new double[n];
            double[] next = new double[n];
            Arrays.fill(x, x0);
            Arrays.fill(v, v0);
            double[] sums = chunkSums[c];
            for (int s = 0; s < steps; s++) {
                if (isCancelled.getAsBoolean()) {
                    throw new CancellationException("round trip cancelled");
                }
                UniformSlice sl = levSlices[stepSlice[s]];
                SlvCalibrator.interpolate(x, lev, 0, n, sl.values, sl.x0, sl.invDx);
                long state = RandomStreams.stream(config.seed(), s, c).nextLong();
                if (anti) {
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
                kernels[s].step(x, v, lev, zS, zV, next, 0, n);
                int e = expiryAtStepEnd[s];
                if (e >= 0) {
                    accumulate(x, n, anti, e, ne, nq, quoteExpiry, call, strike, sums);
                }
            }
            samplesPerChunk[c] = anti ? half : n;
            onProgress.accept((double) done.incrementAndGet() / chunks);
        });

        // combine chunk sums in chunk order: deterministic whatever ran where
        double[] tot = new double[2 * ne + 3 * nq];
        long samples = 0;
        for (int c = 0; c < chunks; c++) {
            for (int i = 0; i < tot.length; i++) {
                tot[i] += chunkSums[c][i];
            }
            samples += samplesPerChunk[c];
        }
        List<RoundTripResult.Point> points = new ArrayList<>(nq);
        double maxErr = 0;
        double sumSq = 0;
        int ok = 0;
        int failed = 0;
        Map<String, double[]> buckets = new LinkedHashMap<>();
        for (int q = 0; q < nq; q++) {
            RoundTripQuote quote = quotes.get(q);
            double t = quote.expiry();
            double fwd = market.forward(t);
            double df = market.domesticDf(t);
            int e = quoteExpiry[q];
            double meanX = tot[2 * e] / samples;
            double varX = tot[2 * e + 1] / samples - meanX * meanX;
            int o = 2 * ne + 3 * q;
            double meanY = tot[o] / samples;
            double varY = Math.max(0, tot[o + 1] / samples - meanY * meanY);
            double covXY = tot[o + 2] / samples - meanX * meanY;
            double est = meanY;
            double varRes = varY;
            if (config.controlVariate() && varX > 0) {
                double beta = covXY / varX;
                est = meanY - beta * (meanX - fwd);
                varRes = Math.max(0, varY - covXY * covXY / varX);
            }
            double price = df * est;
            double se = df * Math.sqrt(varRes / Math.max(1, samples - 1));
            double vol = BlackFormula.impliedVol(call[q], fwd, quote.strike(), t, price, df);
            double err = (vol - quote.marketVol()) * 1e4;
            double seBps = Double.NaN;
            if (Double.isFinite(vol) && vol > 0) {
                double vega = df * BlackFormula.vegaStdDev(fwd, quote.strike(), vol * Math.sqrt(t)) * Math.sqrt(t);
                seBps = se / vega * 1e4;
                maxErr = Math.max(maxErr, Math.abs(err));
                sumSq += err * err;
                ok++;
                double[] b = buckets.computeIfAbsent(deltaBucket(quote.label()), l -> new double[3]);
                b[0]++;
                b[1] += err * err;
                b[2] = Math.max(b[2], Math.abs(err));
            } else {
                failed++;
            }
            points.add(new RoundTripResult.Point(t, quote.strike(), quote.label(), call[q], quote.marketVol(), vol,
                    err, seBps, price));
        }
        List<RoundTripResult.Bucket> byLabel = new ArrayList<>();
        buckets.forEach((label, b) -> byLabel.add(
                new RoundTripResult.Bucket(label, (int) b[0], Math.sqrt(b[1] / b[0]), b[2])));
        double rms = ok == 0 ? Double.NaN : Math.sqrt(sumSq / ok);
        return new RoundTripResult(List.copyOf(points), ok == 0 ? Double.NaN : maxErr, rms, List.copyOf(byLabel),
                failed, paths, steps, (System.nanoTime() - start) / 1e6);
    }

    /** The delta part of a quote label ("1Y 25C" → "25C"), so that buckets gather one delta across expiries. */
    static String deltaBucket(String label) {
        if (label == null) {
            return "";
        }
        String l = label.strip();
        return l.substring(l.lastIndexOf(' ') + 1);
    }

    private static void accumulate(double[] x, int n, boolean anti, int e, int ne, int nq, int[] quoteExpiry,
                                   boolean[] call, double[] strike, double[] sums) {
        int half = n / 2;
        int samples = anti ? half : n;
        for (int i = 0; i < samples; i++) {
            double sa = Math.exp(x[i]);
            double sb = anti ? Math.exp(x[i + half]) : 0;
            double xs = anti ? 0.5 * (sa + sb) : sa;
            sums[2 * e] += xs;
            sums[2 * e + 1] += xs * xs;
            for (int q = 0; q < nq; q++) {
                if (quoteExpiry[q] != e) {
                    continue;
                }
                double kq = strike[q];
                double y = call[q] ? Math.max(sa - kq, 0) : Math.max(kq - sa, 0);
                if (anti) {
                    y = 0.5 * (y + (call[q] ? Math.max(sb - kq, 0) : Math.max(kq - sb, 0)));
                }
                int o = 2 * ne + 3 * q;
                sums[o] += y;
                sums[o + 1] += y * y;
                sums[o + 2] += xs * y;
            }
        }
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

    /** A leverage slice resampled, if need be, onto a grid uniform in ln S for O(1) lookup. */
    static final class UniformSlice {
        final double x0;
        final double invDx;
        final double[] values;

        private UniformSlice(double x0, double invDx, double[] values) {
            this.x0 = x0;
            this.invDx = invDx;
            this.values = values;
        }

        static UniformSlice of(LeverageFunction f, int slice) {
            double[] s = f.spots(slice);
            double[] vals = f.values(slice);
            int m = s.length;
            if (m == 1) {
                return new UniformSlice(Math.log(s[0]), 1.0, new double[] {vals[0], vals[0]});
            }
            double lo = Math.log(s[0]);
            double hi = Math.log(s[m - 1]);
            double dx = (hi - lo) / (m - 1);
            boolean uniform = true;
            for (int i = 1; i < m - 1 && uniform; i++) {
                uniform = Math.abs(Math.log(s[i]) - (lo + i * dx)) <= 1e-9 * Math.max(1, hi - lo);
            }
            if (uniform) {
                return new UniformSlice(lo, 1 / dx, vals);
            }
            int mm = 4 * m;
            double[] res = new double[mm];
            double d = (hi - lo) / (mm - 1);
            for (int i = 0; i < mm; i++) {
                res[i] = f.valueInSlice(slice, Math.exp(lo + i * d));
            }
            return new UniformSlice(lo, 1 / d, res);
        }
    }
}
