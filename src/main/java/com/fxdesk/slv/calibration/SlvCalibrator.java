package com.fxdesk.slv.calibration;

import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.model.LeverageFunction;
import com.fxdesk.slv.model.SlvStepper;
import com.fxdesk.slv.random.RandomStreams;
import com.fxdesk.slv.regression.RegressionDiagnostics;
import com.fxdesk.slv.regression.RegressionFit;
import com.fxdesk.slv.volatility.LocalVolSurface;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;

/**
 * Particle calibration of the SLV leverage L(S, t) (Guyon and Henry-Labordère 2011; SPEC.md section 4).
 *
 * <p>N particles (x = ln S, V) start at (ln S0, v0). At every regression time t_n the estimator fits
 * m_n(x) = E[V | ln S = x] on all particles; m_n is evaluated on a spot grid uniform in ln S between the
 * particles' q and 1 − q quantiles, and L = σ_LV / √max(m, floor), clipped to [floor, cap], is interpolated
 * linearly in ln S (flat beyond the grid) at each particle. Between regressions the particles move on
 * {@code subSteps} propagation steps per Δt with the {@link SlvStepper} scheme (Andersen QE variance, vol-of-vol η ξ).
 *
 * <p>On a propagation step [τ, τ + h] inside [t_n, t_{n+1}] the leverage is
 * L(s) = σ_LV(τ + h/2, s) / √(m_n(s) · ḡ / g(t_n)), with g(t) = θ + (v0 − θ) e^{−κt} the known mean of V and
 * ḡ its trapezoid average over the step (the stepper's V̄). So σ_LV is taken at the step's mid-point and
 * m is carried from the last regression by the drift of E[V]. With η = 0 this makes L² V̄ = σ_LV² exactly: the
 * method reduces to local vol with a mid-point rule in time. L is stored per propagation step.
 *
 * <p>Parallelism: particles are cut into fixed chunks; chunk c on step j draws its normals from the stream seeded by
 * {@link RandomStreams#stream}(seed, j, c), so the result is bit-identical for any pool size. Within a regression
 * interval L is known for every propagation step before any particle moves (σ_LV needs no particles and m_n is
 * fixed), so each chunk runs through all steps of the interval in one task while its particles stay in cache, with
 * {@link ParticleKernel} (the SlvStepper step, vectorised) and {@link ZigguratNormals}: one barrier per regression
 * interval, not per step. Per interval there are two parallel phases on one {@link Chunks.Team} (the caller plus
 * helpers that stay for the whole calibration): the regression together with σ_LV on the grid at every step of the
 * interval, then the particles. Particle arrays are allocated once per calibration: memory is O(N + steps × grid),
 * no stored draws. Stateless: one instance may run concurrent calibrations on a shared bounded pool; a pool of P
 * threads gives one calibration at most P computing threads, the caller included.
 */
public final class SlvCalibrator {
    /** Particles a thread must have before the calibration hands work to a helper thread. */
    static final int MIN_PARTICLES_PER_THREAD = 8_192;

    /** Particles (at most about) used to locate the grid's quantiles. */
    private static final int QUANTILE_SAMPLE = 16_384;
    private final ExecutorService executor;

    /** @param executor pool for the chunks; null runs everything on the calling thread */
    public SlvCalibrator(ExecutorService executor) {
        this.executor = executor;
    }

    public SlvCalibrationResult calibrate(SlvCalibrationInput in, ProgressListener progress,
                                          BooleanSupplier cancelled) {
        long start = System.nanoTime();
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        BooleanSupplier isCancelled = cancelled == null ? () -> false : cancelled;

        HestonParameters mixed = in.heston().withMixing(in.mixing());
        TimeGrid grid = TimeGrid.build(in.maturity(), in.timeStep(), in.effectiveSubSteps(), in.shortEndRefinement(), mandatoryTimes(in));
        int steps = grid.steps();
        int n = in.particles();
        int chunk = in.chunkSize();
        int chunks = (n + chunk - 1) / chunk;
        int m = in.spotGridSize();
        double x0 = Math.log(in.market().spot());
        double v0 = mixed.v0();
        boolean deterministicVariance = mixed.xi() < 1e-10;

        double[] x = new double[n];
        double[] v = new double[n];
        double[] lev = new double[n];
        double[] zS = new double[n];
        double[] zV = deterministicVariance ? null : new double[n];
        double[] next = deterministicVariance ? null : new double[n];
        double[] scratch = new double[Math.min(n, 2 * QUANTILE_SAMPLE)];
        Arrays.fill(x, x0);
        Arrays.fill(v, v0);
        double[] gridX = new double[m];
        double[] mGrid = new double[m];
        double[][] sigma = new double[grid.maxStepsPerInterval()][m];

        double[] levTimes = new double[steps];
        double[][] levSpots = new double[steps][];
        double[][] levValues = new double[steps][];
        List<RegressionSlice> slices = new ArrayList<>();
        long totalFloored = 0;
        long totalCapped = 0;
        long totalVarFloored = 0;
        long regressionNanos = 0;
        long propagationNanos = 0;

        double rtShare = rtShare(in, n);
        double[] reg = grid.regressionTimes;
        int j = 0;
        double[] chunkSumV = new double[chunks];
        double sliceMeanV = v0;
        // Below a few thousand particles per thread a phase is ~50 µs of work and waking a helper costs more than
        // it saves (measured: 2,048 particles 113 ms alone vs 156 ms on two threads); the bits do not depend on it.
        int teamSize = Math.max(1, Math.min(Chunks.parallelism(executor), n / MIN_PARTICLES_PER_THREAD));
        try (Chunks.Team team = new Chunks.Team(executor, teamSize)) {
            for (int interval = 0; interval + 1 < reg.length; interval++) {
                checkCancelled(isCancelled);
                double tn = reg[interval];
                long r0 = System.nanoTime();
                boolean initial = interval == 0;
                if (initial) {
                    // all particles sit at (x0, v0): m ≡ v0 on a grid wide enough for the first step's spread
                    double t1 = reg[1];
                    double halfWidth = Math.max(1e-3, 6 * in.localVol().localVol(0.5 * t1, in.market().spot())
                            * Math.sqrt(t1));
                    uniform(gridX, x0 - halfWidth, x0 + halfWidth);
                    Arrays.fill(mGrid, v0);
                } else {
                    // the grid's ends need not be exact order statistics: a fixed stride keeps selection O(16k)
                    int stride = Math.max(1, n / QUANTILE_SAMPLE);
                    int ns = (n + stride - 1) / stride;
                    int kLo = (int) Math.floor(in.gridQuantile() * (ns - 1));
                    int kHi = (int) Math.ceil((1 - in.gridQuantile()) * (ns - 1));
                    double[] ends = Quantiles.ranks(x, n, stride, kLo, kHi, scratch);
                    double lo = ends[0];
                    double hi = ends[1];
                    if (hi - lo < 1e-6) {
                        double c = 0.5 * (lo + hi);
                        lo = c - 5e-7;
                        hi = c + 5e-7;
                    }
                    uniform(gridX, lo, hi);
                }
                double[] spots = new double[m];
                for (int q = 0; q < m; q++) {
                    spots[q] = Math.exp(gridX[q]);
                }
                int j0 = j;
                while (j < steps && grid.stepInterval[j] == interval) {
                    j++;
                }
                int k = j - j0;

                // the regression and σ_LV at every propagation step of the interval (which needs no particles) in
                // parallel: task 0 fits m_n on the grid, task 1 + s evaluates σ_LV at the mid-point of step s
                RegressionDiagnostics[] diag = new RegressionDiagnostics[1];
                int first = initial ? 1 : 0;
                team.run(k + 1 - first, t -> {
                    int task = t + first;
                    if (task == 0) {
                        RegressionFit fit = in.estimator().fit(x, v, n);
                        fit.values(gridX, mGrid, m);
                        diag[0] = fit.diagnostics();
                    } else {
                        double a = grid.stepTimes[j0 + task - 1];
                        double b = grid.stepTimes[j0 + task];
                        in.localVol().localVol(0.5 * (a + b), spots, sigma[task - 1], m);
                    }
                });
                if (initial) {
                    diag[0] = new RegressionDiagnostics("INITIAL", Double.NaN, -1, Double.NaN, Double.NaN, Double.NaN,
                            Double.NaN, 0, 0, 0);
                }
                regressionNanos += System.nanoTime() - r0;

                int varFloored = 0;
                for (int q = 0; q < m; q++) {
                    if (!(mGrid[q] >= in.varianceFloor())) {
                        mGrid[q] = in.varianceFloor();
                        varFloored++;
                    }
                }
                double gn = meanVariance(mixed, tn);
                double gx0 = gridX[0];
                double invDx = (m - 1) / (gridX[m - 1] - gridX[0]);
                int sliceFloored = 0;
                int sliceCapped = 0;
                ParticleKernel[] kernels = new ParticleKernel[k];
                double[][] values = new double[k][];
                for (int s = 0; s < k; s++) {
                    double a = grid.stepTimes[j0 + s];
                    double b = grid.stepTimes[j0 + s + 1];
                    double scale = 0.5 * (meanVariance(mixed, a) + meanVariance(mixed, b)) / gn;
                    double[] sig = sigma[s];
                    double[] row = new double[m];
                    for (int q = 0; q < m; q++) {
                        double l = sig[q] / Math.sqrt(Math.max(mGrid[q] * scale, in.varianceFloor()));
                        if (!(l >= in.leverageFloor())) {
                            l = in.leverageFloor();
                            sliceFloored++;
                        } else if (l > in.leverageCap()) {
                            l = in.leverageCap();
                            sliceCapped++;
                        }
                        row[q] = l;
                    }
                    values[s] = row;
                    levTimes[j0 + s] = a;
                    levSpots[j0 + s] = spots;
                    levValues[j0 + s] = row;
                    kernels[s] = new ParticleKernel(mixed, b - a, in.market().drift(a, b));
                }
                totalFloored += sliceFloored;
                totalCapped += sliceCapped;
                totalVarFloored += varFloored;
                float[][] sample = RegressionSlice.sample(x, v, n);
                slices.add(new RegressionSlice(tn, spots, mGrid.clone(), values[0], diag[0], gridX[0], gridX[m - 1],
                        varFloored, sliceFloored, sliceCapped, sliceMeanV, sample[0], sample[1]));

                // each chunk runs through all steps of the interval while its particles are in cache
                long p0 = System.nanoTime();
                team.run(chunks, c -> {
                    int from = c * chunk;
                    int to = Math.min(n, from + chunk);
                    for (int s = 0; s < k; s++) {
                        long state = RandomStreams.stream(in.seed(), j0 + s, c).nextLong();
                        kernels[s].prepare(x, lev, zS, zV, from, to, values[s], gx0, invDx, state);
                        kernels[s].step(x, v, lev, zS, zV, next, from, to);
                    }
                    double sum = 0;
                    for (int i = from; i < to; i++) {
                        sum += v[i];
                    }
                    chunkSumV[c] = sum;
                });
                propagationNanos += System.nanoTime() - p0;
                double sumV = 0;
                for (double cs : chunkSumV) {
                    sumV += cs; // in chunk order: the same for any pool
                }
                sliceMeanV = sumV / n;
                listener.onProgress((1 - rtShare) * j / steps);
            }
        }
        LeverageFunction leverage = new LeverageFunction(levTimes, levSpots, levValues);
        long leverageEnd = System.nanoTime();
        double leverageMs = (leverageEnd - start) / 1e6;
        long pathSteps = (long) n * steps;

        RoundTripResult roundTrip = null;
        if (in.roundTrip().enabled() && !in.roundTripQuotes().isEmpty()) {
            List<RoundTripQuote> quotes = new ArrayList<>();
            for (RoundTripQuote q : in.roundTripQuotes()) {
                if (q.expiry() <= in.maturity() + 1e-9) {
                    quotes.add(q);
                }
            }
            double base = 1 - rtShare;
            roundTrip = RoundTrip.run(in.market(), mixed, leverage, quotes, in.roundTrip(), in.chunkSize(), executor,
                    isCancelled, f -> listener.onProgress(base + rtShare * f));
        }
        long end = System.nanoTime();
        listener.onProgress(1.0);
        var timings = new SlvCalibrationResult.Timings(leverageMs, regressionNanos / 1e6, propagationNanos / 1e6,
                (end - leverageEnd) / 1e6, (end - start) / 1e6);
        return new SlvCalibrationResult(leverage, mixed, in.mixing(), grid.regressionTimes.clone(), List.copyOf(slices),
                grid.stepTimes.clone(), totalFloored, totalCapped, totalVarFloored, n, pathSteps,
                pathSteps / (leverageMs / 1e3), timings, roundTrip);
    }

    /** E[V_t] = θ + (v0 − θ) e^{−κt}, the same for any vol-of-vol. */
    static double meanVariance(HestonParameters p, double t) {
        return p.theta() + (p.v0() - p.theta()) * Math.exp(-p.kappa() * t);
    }

    /** L at each particle: linear in ln S on the uniform grid, flat beyond its ends. */
    static void interpolate(double[] x, double[] lev, int from, int to, double[] values, double gx0, double invDx) {
        int last = values.length - 1;
        for (int i = from; i < to; i++) {
            double u = (x[i] - gx0) * invDx;
            double l;
            if (u <= 0) {
                l = values[0];
            } else if (u >= last) {
                l = values[last];
            } else {
                int k = (int) u;
                double w = u - k;
                l = values[k] + w * (values[k + 1] - values[k]);
            }
            lev[i] = l;
        }
    }

    private static double[] mandatoryTimes(SlvCalibrationInput in) {
        double[] surface = in.surfaceExpiries();
        double[] all = Arrays.copyOf(surface, surface.length + in.roundTripQuotes().size());
        int k = surface.length;
        for (RoundTripQuote q : in.roundTripQuotes()) {
            all[k++] = q.expiry();
        }
        return all;
    }

    /** Share of the progress bar given to the round trip: its path-steps against the particles' (×1.5 for regressions). */
    private static double rtShare(SlvCalibrationInput in, int n) {
        if (!in.roundTrip().enabled() || in.roundTripQuotes().isEmpty()) {
            return 0;
        }
        double cal = 1.5 * n;
        double rt = in.roundTrip().paths();
        return rt / (cal + rt);
    }

    private static void uniform(double[] grid, double lo, double hi) {
        int m = grid.length;
        double dx = (hi - lo) / (m - 1);
        for (int k = 0; k < m; k++) {
            grid[k] = lo + k * dx;
        }
        grid[m - 1] = hi;
    }

    private static void checkCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("SLV calibration cancelled");
        }
    }
}
