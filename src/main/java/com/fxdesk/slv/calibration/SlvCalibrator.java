package com.fxdesk.slv.calibration;

import com.fxdesk.slv.heston.HestonConditionalVariance;
import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.model.LeverageFunction;
import com.fxdesk.slv.model.LogSpotLattice;
import com.fxdesk.slv.model.SlvStep;
import com.fxdesk.slv.model.SpatialCorrection;
import com.fxdesk.slv.parallel.Chunks;
import com.fxdesk.slv.random.RandomStreams;
import com.fxdesk.slv.random.ZigguratNormals;
import com.fxdesk.slv.regression.BinnedMeans;
import com.fxdesk.slv.regression.RegressionDiagnostics;
import com.fxdesk.slv.regression.RegressionFit;
import com.fxdesk.slv.volatility.LocalVolSurface;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Particle calibration of the SLV leverage L(S, t) (Guyon and Henry-Labordère 2011; SPEC.md section 4).
 *
 * <p>N particles (x = ln S, V) start at (ln S0, v0). At every regression time t_n the estimator fits
 * m_n(x) = E[V | ln S = x] on all particles; m_n is evaluated on a spot grid uniform in ln S between the
 * particles' q and 1 − q quantiles, and L = σ_LV / √max(m, floor), clipped to [floor, cap], is interpolated
 * linearly in ln S (flat beyond the grid) at each particle. Between regressions the particles move on
 * {@code subSteps} propagation steps per Δt with the {@link SlvStep} scheme (Andersen QE variance, vol-of-vol η ξ;
 * the weak order 2.0 terms of L's x-dependence on steps where the leverage row is steep, {@link SpatialCorrection}).
 *
 * <p>On a propagation step [τ, τ + h] inside [t_n, t_{n+1}] the leverage is
 * L(s) = σ_LV(τ + h/2, s F(τ + h/2)/F(τ)) / √(m_n(s) · ḡ / g(t_n)), with g(t) = θ + (v0 − θ) e^{−κt} the known
 * mean of V and ḡ its trapezoid average over the step (the stepper's V̄). So σ_LV is taken at the step's mid-point (at
 * the step-start spot's moneyness: the spot carried to the mid time by the forward) and
 * m is carried from the last regression by the drift of E[V] and, with {@link GridGrading#trendCarry} (the default from
 * 10,000 particles) at vol-of-vol ηξ ≥ {@link GridGrading#HIGH_VOL_OF_VOL}, along its own trend: m_n(s) (r_n(s)/r_{n−1}(s))^w with r = m/g the fits of the last two
 * regressions normalised by E[V] and read at the same moneyness, w = (τ + h/2 − t_n)/(t_n − t_{n−1}) ≤ 1 (see
 * {@code leverageRow}). With η = 0 this makes L² V̄ = σ_LV² exactly: the
 * method reduces to local vol with a mid-point rule in time. L is stored per propagation step. Level control: the
 * fitted m_n is multiplied by g(t_n) / V̄_n, V̄_n the particles' mean variance (see {@code Run.levelControl}).
 * With a stochastic variance (ξ > 0) the Heston companion control variate replaces the level control: every
 * particle also carries a pure-Heston log-spot x^H driven by its own V path and spot normals (L ≡ 1), the estimator
 * is fitted on (x^H, V) too, and its known error against the semi-analytic E[V | ln S^H]
 * ({@link HestonConditionalVariance}) is subtracted at the quantile-matched level (see {@code Run.companionPart});
 * below 10,000 particles the grid regresses on every other propagation step
 * ({@link SlvCalibrationInput.Particles#regressionStride}). The grid of regression and propagation times is
 * {@link RegressionGrid#graded}, refined near t = 0, after expiries and for fast mean reversion ({@link GridGrading}).
 *
 * <p>Parallelism: particles are cut into fixed chunks; chunk c on step j draws its normals from the stream seeded by
 * {@link RandomStreams#stream}(seed, j, c), so the result is bit-identical for any pool size. Within a regression
 * interval L is known for every propagation step before any particle moves (σ_LV needs no particles and m_n is
 * fixed), so each chunk runs through all steps of the interval in one task while its particles stay in cache, with
 * {@link SlvStep} and {@link ZigguratNormals}: one barrier per regression
 * interval, not per step. Per interval there are two parallel phases on one {@link Chunks.Team} (the caller plus
 * helpers that stay for the whole calibration): the regression's fit (one task) together with σ_LV on the grid at
 * every step of the interval and the normals of the interval's first two steps (they need no particles: drawn there,
 * the other thread is not idle while the fit runs), then the particles. Particle arrays are allocated once per
 * calibration: memory is O(N + steps × grid); at most two steps' normals are stored. Stateless: one instance may run concurrent calibrations on a shared bounded pool; a pool of P
 * threads gives one calibration at most P computing threads, the caller included.
 */
public final class SlvCalibrator {
    /** Particles a thread must have before the calibration hands work to a helper thread. */
    static final int MIN_PARTICLES_PER_THREAD = 8_192;

    /**
     * The trend carry's ratio of consecutive fits is bounded to [1/(1 + b), 1 + b]. Why: the trend the carry follows
     * is 0.5–2% per interval (docs/calibration-quality.md 8.5.1 (c)) and stays within 5% on the GBPUSD event (the
     * bound changes none of its bits at 8 seeds), but where a fit is floored or extrapolated in a sparse wing two
     * consecutive fits differ by orders of magnitude (ratios from 10⁻⁴ to 5·10⁴ on the USDJPY 2024 grid's far
     * wings): unbounded, the carry put that noise into the leverage (docs 7.5).
     */
    static final double TREND_BOUND = 0.05;
    /** Particles (at most about) used to locate the grid's quantiles. */
    private static final int QUANTILE_SAMPLE = 16_384;
    /** m_n is at least this share of the particles' binned local mean of V ({@code Run.guardAgainstDips}). */
    static final double GUARD = 0.5;
    /** Cells of the companion cloud's histogram that {@code Run.matchByQuantile} inverts. */
    static final int COMPANION_CELLS = 1024;
    /** Nodes on which m_H is evaluated per regression ({@link HestonConditionalVariance#interpolate} between). */
    static final int M_H_POINTS = 101;
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
        Run run = new Run(in, executor);
        double rtShare = rtShare(in.repricing(), in.particles().count());
        LeverageFunction leverage = run.leverage(isCancelled,
                f -> listener.onProgress((1 - rtShare) * f, Phase.PARTICLES));
        long leverageEnd = System.nanoTime();
        double leverageMs = (leverageEnd - start) / 1e6;

        RoundTripResult roundTrip = null;
        if (in.repricing().runs()) {
            double base = 1 - rtShare;
            roundTrip = RoundTrip.run(in.market().fx(), run.mixed, leverage, in.market().localVol(),
                    in.market().impliedVol(), quotesUpToMaturity(in),
                    roundTripConfig(in.repricing().config(), run.n, run.steps, run.grid.regressionTimes.length - 1,
                            run.correctedSteps),
                    executor, isCancelled, f -> listener.onProgress(base + rtShare * f,
                            Phase.ROUND_TRIP));
        }
        long end = System.nanoTime();
        listener.onProgress(1.0, roundTrip != null ? Phase.ROUND_TRIP : Phase.PARTICLES);
        var timings = new SlvCalibrationResult.Timings(leverageMs, run.regressionNanos / 1e6,
                run.propagationNanos / 1e6, (end - leverageEnd) / 1e6, (end - start) / 1e6);
        long pathSteps = (long) run.n * run.steps;
        return new SlvCalibrationResult(leverage, run.mixed, in.heston().mixing(), run.grid.regressionTimes.clone(),
                List.copyOf(run.slices), run.grid.stepTimes.clone(), run.totalFloored, run.totalCapped,
                run.totalVarFloored, run.totalGuarded, run.n, pathSteps, pathSteps / (leverageMs / 1e3), timings, roundTrip);
    }

    private static List<RoundTripQuote> quotesUpToMaturity(SlvCalibrationInput in) {
        List<RoundTripQuote> quotes = new ArrayList<>();
        for (RoundTripQuote q : in.repricing().quotes()) {
            if (q.expiry() <= in.market().maturity() + 1e-9) {
                quotes.add(q);
            }
        }
        return quotes;
    }

    /** The leverage of one calibration: its particles, grids and counters, interval by interval. */
    private static final class Run {
        final SlvCalibrationInput in;
        final ExecutorService executor;
        final HestonParameters mixed;
        final RegressionGrid grid;
        final int steps;
        final int n;
        final int chunk;
        final int chunks;
        final int m;
        final double x0;
        final double v0;
        // particles and the step's scratch (no normals for V when it is deterministic)
        final double[] x;
        final double[] v;
        final double[] lev;
        final double[] zS;
        final double[] zV;
        // the normals of an interval's second step, drawn beside the regression like the first step's (zS, zV)
        final double[] zS2;
        final double[] zV2;
        final double[] next;
        final double[] scratch;
        // the interval's spot grid (uniform in ln S), m_n on it, and σ_LV at each of its steps
        final double[] gridX;
        final double[] mGrid;
        /** Whether E[V | S] is fitted with the Heston companion control variate ({@code companionPart}). */
        final boolean companion;
        /** Whether this interval's fit was corrected by the companion (else the level control applies). */
        private boolean companionApplied;
        /** Whether this interval's companion fit and m_H are usable ({@code companionPart}). */
        private volatile boolean companionReady;
        /** The Heston companion's log-spots (same V paths and normals, L ≡ 1); null without the control variate. */
        final double[] xh;
        /**
         * The stride of the particle samples that statistics of the cloud are read on (the grid's ends, the dip
         * guard's binned means, the companion's quantile matching): about QUANTILE_SAMPLE of them; 1 below twice that.
         */
        final int sampleStride;
        /** The companion's fit m̂_H, its known m_H and the matched levels s′ ({@code companionPart}). */
        final double[] mHatH;
        final double[] mExactH;
        final double[] matched;
        /** m_H interpolated at the matched levels. */
        final double[] mExactAtMatched;
        /** The binned local means of V on the grid (the dip guard's reference). */
        final double[] pilotGrid;
        final double[][] sigma;
        /** Per step of an interval: the grid's spots carried to the step's mid-point moneyness (σ_LV read there). */
        final double[][] carried;
        // L per propagation step
        final double[] levTimes;
        final double[][] levSpots;
        final double[][] levValues;
        final LogSpotLattice[] levLattices;
        final List<RegressionSlice> slices = new ArrayList<>();
        final double[] chunkSumV;
        long totalFloored;
        long totalCapped;
        long totalVarFloored;
        /** Grid points the dip guard raised, over all regressions. */
        long totalGuarded;
        /** Propagation steps run with the spatial correction (each weighs CORRECTED_STEP_WEIGHT plain steps). */
        int correctedSteps;
        long regressionNanos;
        long propagationNanos;
        double sliceMeanV;
        /**
         * The previous regression's fit r_{n−1} = m_{n−1}/g(t_{n−1}) after level control (null before the first fit
         * on particles, and without the trend carry), its time and its grid's ends in ln S.
         */
        LogSpotLattice prevRatio;
        double prevTime;
        double prevLo;
        double prevHi;
        /**
         * Whether E[V | S] follows its trend between regressions: {@link GridGrading#trendCarry} and a vol-of-vol ηξ
         * of at least {@link GridGrading#HIGH_VOL_OF_VOL}.
         */
        final boolean trendCarry;

        Run(SlvCalibrationInput in, ExecutorService executor) {
            this.in = in;
            this.executor = executor;
            mixed = in.heston().mixed();
            SlvCalibrationInput.Particles p = in.particles();
            grid = RegressionGrid.graded(in.market().maturity(), p.regressionStep(), p.gridSubSteps(),
                    p.shortEndRefinement(), mandatoryTimes(in), mixed.kappa(), mixed.xi(),
                    affordableStepBound(in, mixed), p.effectiveGrading());
            steps = grid.steps();
            // only at high vol-of-vol, like the grading's β_h: below it the carry helped some long-dated markets and
            // hurt USDTRY (docs/calibration-quality.md 7.5), so those keep main's leverage to the bit
            trendCarry = p.effectiveGrading().trendCarry() && mixed.xi() >= GridGrading.HIGH_VOL_OF_VOL;
            n = p.count();
            chunk = p.chunkSize();
            chunks = (n + chunk - 1) / chunk;
            sampleStride = Math.max(1, n / QUANTILE_SAMPLE);
            m = in.regression().spotGridSize();
            x0 = Math.log(in.market().fx().spot());
            v0 = mixed.v0();
            boolean deterministicVariance = mixed.xi() < 1e-10;
            x = new double[n];
            v = new double[n];
            lev = new double[n];
            zS = new double[n];
            zV = deterministicVariance ? null : new double[n];
            zS2 = new double[n];
            zV2 = deterministicVariance ? null : new double[n];
            next = deterministicVariance ? null : new double[n];
            scratch = new double[Math.min(n, 2 * QUANTILE_SAMPLE)];
            Arrays.fill(x, x0);
            Arrays.fill(v, v0);
            gridX = new double[m];
            mGrid = new double[m];
            companion = !deterministicVariance; // the control variate needs a stochastic V (none to control otherwise)
            xh = companion ? new double[n] : null;
            if (companion) {
                Arrays.fill(xh, x0);
            }
            mHatH = new double[m];
            mExactH = new double[M_H_POINTS];
            matched = new double[m];
            mExactAtMatched = new double[m];
            pilotGrid = new double[m];
            sigma = new double[grid.maxStepsPerInterval()][m];
            carried = new double[grid.maxStepsPerInterval()][m];
            levTimes = new double[steps];
            levSpots = new double[steps][];
            levValues = new double[steps][];
            levLattices = new LogSpotLattice[steps];
            chunkSumV = new double[chunks];
            sliceMeanV = v0;
        }

        /** Runs every regression interval; progress is the fraction of propagation steps done. */
        LeverageFunction leverage(BooleanSupplier cancelled, java.util.function.DoubleConsumer progress) {
            double[] reg = grid.regressionTimes;
            int j = 0;
            // Below a few thousand particles per thread a phase is ~50 µs of work and waking a helper costs more than
            // it saves (measured: 2,048 particles 113 ms alone vs 156 ms on two threads); the bits do not depend on it.
            int teamSize = Math.max(1, Math.min(Chunks.parallelism(executor), n / MIN_PARTICLES_PER_THREAD));
            try (Chunks.Team team = new Chunks.Team(executor, teamSize)) {
                for (int interval = 0; interval + 1 < reg.length; interval++) {
                    checkCancelled(cancelled);
                    int j0 = j;
                    while (j < steps && grid.stepInterval[j] == interval) {
                        j++;
                    }
                    interval(team, interval, j0, j - j0);
                    progress.accept((double) j / steps);
                }
            }
            return new LeverageFunction(levTimes, levSpots, levValues, levLattices);
        }

        /** One regression interval [t_n, t_{n+1}]: its k propagation steps start at step j0. */
        private void interval(Chunks.Team team, int interval, int j0, int k) {
            long r0 = System.nanoTime();
            boolean initial = interval == 0;
            double[] spots = spotGrid(initial);
            double tn = grid.regressionTimes[interval];
            RegressionDiagnostics diag = regressAndLocalVol(team, initial, spots, j0, k, tn);
            regressionNanos += System.nanoTime() - r0;
            double gn = meanVariance(mixed, tn);
            if (!initial && !companionApplied) { // with the companion control m has m_H's exact level
                levelControl(gn);
            }
            int varFloored = floorVariance();
            int[] clipped = new int[2];
            SlvStep[] kernels = new SlvStep[k];
            LogSpotLattice[] lattices = new LogSpotLattice[k];
            SpatialCorrection[] spatial = new SpatialCorrection[k];
            double[] firstRow = null;
            LogSpotLattice fit = LogSpotLattice.of(gridX[0], gridX[m - 1], mGrid); // m_n, read in moneyness
            double prevShift = prevRatio == null ? 0
                    : Math.log(in.market().fx().forward(tn) / in.market().fx().forward(prevTime));
            for (int s = 0; s < k; s++) {
                double a = grid.stepTimes[j0 + s];
                double b = grid.stepTimes[j0 + s + 1];
                double scale = 0.5 * (meanVariance(mixed, a) + meanVariance(mixed, b)) / gn;
                double w = prevRatio == null ? 0 : Math.min(1, (0.5 * (a + b) - tn) / (tn - prevTime));
                double[] row = leverageRow(sigma[s], fit, scale,
                        Math.log(in.market().fx().forward(a) / in.market().fx().forward(tn)), clipped, w, gn,
                        prevShift);
                firstRow = s == 0 ? row : firstRow;
                lattices[s] = LogSpotLattice.of(gridX[0], gridX[m - 1], row);
                levTimes[j0 + s] = a;
                levSpots[j0 + s] = spots;
                levValues[j0 + s] = row;
                levLattices[j0 + s] = lattices[s];
                kernels[s] = new SlvStep(mixed, b - a, in.market().fx().drift(a, b));
                spatial[s] = SpatialCorrection.of(lattices[s], meanVariance(mixed, 0.5 * (a + b)), b - a);
                correctedSteps += spatial[s] != null ? 1 : 0;
            }
            totalFloored += clipped[0];
            totalCapped += clipped[1];
            totalVarFloored += varFloored;
            float[][] sample = RegressionSlice.sample(x, v, n);
            slices.add(new RegressionSlice(grid.regressionTimes[interval], spots, mGrid.clone(), firstRow, diag,
                    gridX[0], gridX[m - 1], varFloored, clipped[0], clipped[1], sliceMeanV, sample[0], sample[1]));
            if (!initial && trendCarry) {
                double[] ratio = new double[m];
                for (int q = 0; q < m; q++) {
                    ratio[q] = mGrid[q] / gn;
                }
                prevRatio = LogSpotLattice.of(gridX[0], gridX[m - 1], ratio);
                prevTime = tn;
                prevLo = gridX[0];
                prevHi = gridX[m - 1];
            }
            long p0 = System.nanoTime();
            propagate(team, j0, kernels, lattices, spatial);
            propagationNanos += System.nanoTime() - p0;
        }

        /**
         * The interval's spot grid, uniform in ln S: at t = 0 (all particles at (x0, v0), m ≡ v0) wide enough for the
         * first step's spread; later between the particles' q and 1 − q quantiles. Returns the grid's spots.
         */
        private double[] spotGrid(boolean initial) {
            if (initial) {
                double t1 = grid.regressionTimes[1];
                double halfWidth = Math.max(1e-3, 6 * in.market().localVol().localVol(0.5 * t1, in.market().fx().spot())
                        * Math.sqrt(t1));
                uniform(gridX, x0 - halfWidth, x0 + halfWidth);
                Arrays.fill(mGrid, v0);
            } else {
                // the grid's ends need not be exact order statistics: a fixed stride keeps selection O(16k)
                int stride = sampleStride;
                int ns = (n + stride - 1) / stride;
                int kLo = (int) Math.floor(in.regression().gridQuantile() * (ns - 1));
                int kHi = (int) Math.ceil((1 - in.regression().gridQuantile()) * (ns - 1));
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
            return spots;
        }

        /**
         * In parallel (neither needs the particles to move): task 0 fits m_n = E[V | ln S] on the grid, task 1 + s
         * evaluates σ_LV at the mid-point of step s. At t = 0 there is no regression (m ≡ v0).
         */
        private RegressionDiagnostics regressAndLocalVol(Chunks.Team team, boolean initial, double[] spots, int j0,
                                                         int k, double tn) {
            RegressionDiagnostics[] diag = new RegressionDiagnostics[1];
            int first = initial ? 1 : 0;
            int preDrawn = Math.min(k, 2);
            // the companion's half of the control variate (its fit, m_H, the quantile matching) is its own task,
            // placed at the start of the second participant's block so that the two fits run side by side; whichever
            // of the two finishes last combines them and guards against dips
            boolean pair = companion && !initial;
            int tasks = k + 1 + preDrawn * chunks - first + (pair ? 1 : 0);
            int pairTask = pair ? tasks / 2 : -1;
            AtomicInteger pending = new AtomicInteger(pair ? 2 : 1);
            team.run(tasks, t -> {
                if (t == pairTask) {
                    boolean ready = companionPart(tn);
                    companionReady = ready;
                    if (pending.decrementAndGet() == 0) {
                        finishFit();
                    }
                    return;
                }
                int task = (pair && t > pairTask ? t - 1 : t) + first;
                if (task == 0) {
                    RegressionFit fit = in.regression().estimator().fit(x, v, n);
                    fit.values(gridX, mGrid, m);
                    diag[0] = fit.diagnostics();
                    if (pending.decrementAndGet() == 0) {
                        finishFit();
                    }
                } else if (task <= k) {
                    double a = grid.stepTimes[j0 + task - 1];
                    double b = grid.stepTimes[j0 + task];
                    double tm = 0.5 * (a + b);
                    // L multiplies particles at their step-start spot S_a: σ_LV at the mid time is read at the spot
                    // the forward carries S_a to, S_a F(t_m)/F(a) (the same moneyness). At S_a itself the local vol
                    // would be read μΔt/2 too far toward the put side, a bias of σ_LV'·μΔt/2 on every step that
                    // matters at EM rate differentials (USDTRY, μ ≈ 30%: 1–3 bp in the call wing; docs)
                    double carry = in.market().fx().forward(tm) / in.market().fx().forward(a);
                    double[] at = carried[task - 1];
                    for (int j = 0; j < m; j++) {
                        at[j] = spots[j] * carry;
                    }
                    in.market().localVol().localVol(tm, at, sigma[task - 1], m);
                } else {
                    int d = task - k - 1;
                    drawAhead(d % chunks, j0, d / chunks);
                }
            });
            return initial ? new RegressionDiagnostics("INITIAL", Double.NaN, -1, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, 0, 0, 0) : diag[0];
        }

        /**
         * Chunk c's normals for the interval's first (s = 0: zS, zV) or second (s = 1: zS2, zV2) step, drawn while the
         * regression runs: they need no particles, and the regression's fit is one task, so on two threads the other
         * would otherwise wait for it (at 100,000 particles the fit is about an eighth of the work, one step's normals
         * a little less: two steps let the two threads finish the phase together). Same stream, same bits as drawing
         * them in {@link #propagate}; costs 2N doubles.
         */
        private void drawAhead(int c, int j0, int s) {
            int from = c * chunk;
            int to = Math.min(n, from + chunk);
            long state = RandomStreams.stream(in.particles().seed(), j0 + s, c).nextLong();
            drawNormals(s == 0 ? zS : zS2, s == 0 ? zV : zV2, from, to, state);
        }

        /**
         * The companion's half of the Heston companion control variate, at every particle count
         * (docs/calibration-quality.md 2.7 at 2,048 particles, 13 at 100,000: the resolved round-trip RMS 30–50 % lower
         * on most markets); {@link #applyCompanion} then adds mGrid[q] += m_H(s′_q) − m̂_H(s′_q), where m̂_H is the
         * same estimator fitted on the companion cloud (x^H, V) — the particles' own V values, moved by the same
         * normals with L ≡ 1 — and m_H = E[V | ln S^H = ·] its known value ({@link HestonConditionalVariance}), both
         * read at s′_q, the companion's quantile at the SLV cloud's empirical CDF at gridX[q] ({@link
         * #matchByQuantile}). Why it works: the estimator's error at 2,048 particles is mostly the noise of the V
         * values near a level; the companion's fit sees the same V values on nearly the same particles of the same
         * rank, so its error, which is known, is 0.76–0.98 correlated with the SLV fit's (usdtry, frozen leverage, 40
         * seeds, 1M–5Y: the variance of m̂ falls 2–30 fold, typically 6, at the 1%–99% quantiles,
         * docs/calibration-quality.md 2.7). Matched by quantile rather than at the same spot: where L is far from 1 the
         * SLV cloud reaches past the companion's, and there the companion's fit is an extrapolation (on the test's
         * skewed market the same-spot form cut no noise, the quantile form cut the variance 2.9 fold). The fitted m
         * then has m_H's exact level, so the level control ({@link #levelControl}) is not applied on top: it would put
         * the particles' mean-variance noise back (measured: round-trip noise 2.8 → 13.6 bp on USDTRY).
         */
        private boolean companionPart(double tn) {
            matchByQuantile(matched);
            double lo = matched[0];
            double hi = matched[m - 1];
            if (!(hi > lo)) {
                return false; // a degenerate companion cloud: the level control instead
            }
            RegressionFit fh = in.regression().estimator().fit(xh, v, n);
            fh.values(matched, mHatH, m);
            // m_H on M_H_POINTS nodes, interpolated (HestonConditionalVariance.interpolate): half the cost of all m
            HestonConditionalVariance.onGrid(mixed, tn, Math.log(in.market().fx().forward(tn)), lo,
                    (hi - lo) / (M_H_POINTS - 1), mExactH);
            return mExactH[M_H_POINTS / 2] > 0; // else m_H did not converge (NaN everywhere): the level control
        }

        /** After both fits: the companion's correction where ready ({@link #companionPart}), then the dip guard. */
        private void finishFit() {
            companionApplied = companionReady && applyCompanion(); // ready only where a companion exists
            guardAgainstDips();
        }

        /** mGrid[q] += m_H(s′_q) − m̂_H(s′_q) from {@link #companionPart}'s results. */
        private boolean applyCompanion() {
            double lo = matched[0];
            double hi = matched[m - 1];
            HestonConditionalVariance.interpolate(mExactH, lo, hi, matched, mExactAtMatched, m);
            for (int q = 0; q < m; q++) {
                double e = mExactAtMatched[q];
                double h = mHatH[q];
                // a NaN m_H corrects nothing, nor does a companion fit 1,000 × below m_H (at the estimator's floor: the
                // correction would add about m_H) or a correction that leaves m not positive. Not a bound on |e − h|
                // relative to m̂: in the sparse wings at 2,048 particles the legitimate corrections exceed half of m̂
                // (a 0.5 m̂ bound took the AUDUSD grid's 20-seed median from 3.60 to 4.80 bp, worst 4.81 → 10.00)
                if (e > 0 && h > 1e-3 * e && mGrid[q] + e - h > 0) {
                    mGrid[q] += e - h;
                }
            }
            return true;
        }

        /**
         * out[q] = the companion cloud's quantile at the SLV cloud's empirical CDF at gridX[q]: counts of x on the
         * grid's cells (the grid is uniform), counts of xh on COMPANION_CELLS cells between its extremes, inverted
         * linearly within a cell. Both clouds are read on the same stride ({@link #sampleStride}) of about
         * QUANTILE_SAMPLE particles: the CDFs are then known to ≈ 0.4 %, and a shifted s′ moves m_H and m̂_H alike, so
         * the correction (their difference) barely moves, while three passes over 100,000 particles per regression were
         * 7 % of the calibration's CPU. O(N / stride + cells).
         */
        private void matchByQuantile(double[] out) {
            double lo = gridX[0];
            double dx = (gridX[m - 1] - lo) / (m - 1);
            int[] below = new int[m + 1];
            int stride = sampleStride;
            for (int i = 0; i < n; i += stride) {
                double u = (x[i] - lo) / dx;
                int c = u < 0 ? 0 : (int) Math.min(m, Math.floor(u) + 1);
                below[c]++;
            }
            double hMin = Double.POSITIVE_INFINITY;
            double hMax = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i += stride) {
                hMin = Math.min(hMin, xh[i]);
                hMax = Math.max(hMax, xh[i]);
            }
            int cells = COMPANION_CELLS;
            double hdx = (hMax - hMin) / cells;
            int[] hc = new int[cells];
            for (int i = 0; i < n; i += stride) {
                hc[(int) Math.min(cells - 1, Math.max(0, (xh[i] - hMin) / hdx))]++;
            }
            int cum = 0;
            int cell = 0;
            int hcum = 0; // companion particles in cells before `cell`
            for (int q = 0; q < m; q++) {
                cum += below[q]; // particles with x < gridX[q]
                double target = cum;
                while (cell < cells - 1 && hcum + hc[cell] < target) {
                    hcum += hc[cell];
                    cell++;
                }
                double w = hc[cell] > 0 ? Math.max(0, Math.min(1, (target - hcum) / hc[cell])) : 0.5;
                out[q] = hMin + (cell + w) * hdx;
            }
        }

        /**
         * m_n ≥ GUARD × the particles' binned local mean ({@link BinnedMeans}, on a strided sample of about
         * QUANTILE_SAMPLE particles) at every grid node. L = σ_LV/√m turns a dip of the fitted m toward zero into a
         * spike of L up to its cap: PURBF's units overlap unevenly where the cloud is peaked with long tails (high
         * vol-of-vol: at 2Y on the crisis market m went to 0 at 1–2 sd below the forward and rang on either side),
         * and the paths crossing the spike got ten times the local vol for weeks (docs/calibration-quality.md 9.3).
         * A sane fit sits within the binned mean's noise (a few %), so the bound only binds on such dips; it is
         * one-sided because a fit above the data lowers L, which cannot blow up (a two-sided bound was tried: no better,
         * and it binds on EURUSD).
         */
        private void guardAgainstDips() {
            int stride = sampleStride;
            BinnedMeans.at(x, v, n, stride, gridX[0], gridX[m - 1], gridX, pilotGrid);
            for (int q = 0; q < m; q++) {
                double g = GUARD * pilotGrid[q];
                if (g > mGrid[q]) { // a NaN bin mean raises nothing (Math.max would pass it on)
                    mGrid[q] = g;
                    totalGuarded++;
                }
            }
        }

        /**
         * Level control: E[V_t] = g(t) is known and V does not depend on S or L, so the particles' mean V̄ is g(t_n)
         * plus sampling noise (about 2% at 2,048 particles on a 5Y cloud); L = σ_LV/√m̂ would carry that noise into
         * every path as a level shift of the repriced smile (measured on EURUSD 2018 at 2,048 particles: RMS 14.1 →
         * 4.2 bp at the worst of 20 seeds). m̂ · g/V̄ removes it; with η = 0, V̄ = g and nothing changes.
         */
        private void levelControl(double gn) {
            if (sliceMeanV > 0) {
                double c = gn / sliceMeanV;
                for (int q = 0; q < mGrid.length; q++) {
                    mGrid[q] *= c;
                }
            }
        }

        private int floorVariance() {
            int floored = 0;
            for (int q = 0; q < m; q++) {
                if (!(mGrid[q] >= in.bounds().varianceFloor())) {
                    mGrid[q] = in.bounds().varianceFloor();
                    floored++;
                }
            }
            return floored;
        }

        /**
         * L = σ_LV / √(m_n · scale) on the grid, clipped to [floor, cap] (clipped[0], clipped[1] count the clips);
         * scale = ḡ / g(t_n) carries m from the regression to the step by the drift of E[V], and m is carried in
         * moneyness: at the step start a the cloud has moved by shift = ln F(a)/F(t_n) in ln S, so the fit is read
         * at x − shift (the leverage's own interpolation rule: linear on the grid, flat beyond); w &gt; 0: the trend carry
         * (class comment), the previous fit read at x − shift − prevShift. Read at x itself, E[V | S] would lag the forward by up to a
         * regression interval: at EM rate differentials (USDTRY μ ≈ 30%, 5-day intervals: 0.4% in ln S) that is a
         * shift of the whole E[V | S] curve toward one wing and several bp in the call wing (docs).
         */
        private double[] leverageRow(double[] sig, LogSpotLattice fit, double scale, double shift, int[] clipped,
                                     double w, double gn, double prevShift) {
            double[] row = new double[m];
            for (int q = 0; q < m; q++) {
                double xq = gridX[q] - shift;
                double mq = shift != 0 ? fit.at(xq) : mGrid[q];
                if (w > 0) {
                    // Trend carry: E[V | S]/E[V] at fixed moneyness moved by r_n/r_{n−1} over the last interval;
                    // carry that rate on to the step's mid time (geometric: m stays positive). Why: the cloud widens
                    // under a convex E[V | S], so at fixed spot the fit relaxes between regressions — frozen, it
                    // overstates the wings by 0.5–2% at the end of an interval (L too low there, the 10Δ wings of a
                    // high vol-of-vol smile 1–2 bp low). Consecutive fits share most particles, so their ratio is
                    // far less noisy than either fit. Beyond the previous grid (where its fit was flat) the ratio is
                    // held at the grid's end.
                    // w ≤ 1: never extrapolated further than the interval it was measured on; the ratio bounded
                    // (TREND_BOUND): a floored or extrapolated wing node is not a trend.
                    double xc = Math.min(Math.max(xq, prevLo + prevShift), prevHi + prevShift);
                    double ratio = fit.at(xc) / gn / prevRatio.at(xc - prevShift);
                    if (ratio > 0 && Double.isFinite(ratio)) {
                        ratio = Math.max(1 / (1 + TREND_BOUND), Math.min(1 + TREND_BOUND, ratio));
                        mq *= Math.pow(ratio, w);
                    }
                }
                double l = sig[q] / Math.sqrt(Math.max(mq * scale, in.bounds().varianceFloor()));
                if (!(l >= in.bounds().floor())) {
                    l = in.bounds().floor();
                    clipped[0]++;
                } else if (l > in.bounds().cap()) {
                    l = in.bounds().cap();
                    clipped[1]++;
                }
                row[q] = l;
            }
            return row;
        }

        /**
         * Moves the particles through the interval's steps: each chunk runs all of them while its particles are in
         * cache, chunk c on step j drawing from {@link RandomStreams#stream}(seed, j, c). Updates the mean of V.
         */
        private void propagate(Chunks.Team team, int j0, SlvStep[] kernels, LogSpotLattice[] lattices,
                               SpatialCorrection[] spatial) {
            team.run(chunks, c -> {
                int from = c * chunk;
                int to = Math.min(n, from + chunk);
                for (int s = 0; s < kernels.length; s++) {
                    lattices[s].at(x, lev, from, to);
                    if (s > 1) { // steps j0 and j0 + 1 were drawn beside the regression (drawAhead)
                        drawNormals(zS, zV, from, to, RandomStreams.stream(in.particles().seed(), j0 + s, c).nextLong());
                    }
                    if (s == 1) {
                        kernels[s].step(x, v, lev, zS2, zV2, next, null, xh, spatial[s], from, to);
                    } else {
                        kernels[s].step(x, v, lev, zS, zV, next, null, xh, spatial[s], from, to);
                    }
                }
                double sum = 0;
                for (int i = from; i < to; i++) {
                    sum += v[i];
                }
                chunkSumV[c] = sum;
            });
            double sumV = 0;
            for (double cs : chunkSumV) {
                sumV += cs; // in chunk order: the same for any pool
            }
            sliceMeanV = sumV / n;
        }
    }

    /** E[V_t] = θ + (v0 − θ) e^{−κt}, the same for any vol-of-vol. */
    static double meanVariance(HestonParameters p, double t) {
        return p.theta() + (p.v0() - p.theta()) * Math.exp(-p.kappa() * t);
    }

    /** zS, then zV (null: deterministic variance, not drawn), from the SplitMix64 stream at {@code state}. */
    static void drawNormals(double[] zS, double[] zV, int from, int to, long state) {
        long s = ZigguratNormals.fill(zS, from, to, state);
        if (zV != null) {
            ZigguratNormals.fill(zV, from, to, s);
        }
    }

    /**
     * The steepness bound ({@link SlvCalibrationInput.Particles#stepBound}) as far as the job's work budget allows:
     * admission counts the grid without it (a crisis-like fit is rare, and counting quarter-day steps for every job
     * refused 100,000 particles to 10Y), so here the bound, from its quarter-day floor, is doubled until the
     * calibration and its round-trip pilot on the bounded grid fit the budget ({@link SlvCalibrationInput#work}, the
     * round trip's {@code adaptive().workBudget()}: the service's {@code max-job-work}); +∞ (no bound) when even a
     * bound of one propagation step does not fit. Without a known budget (a caller of the engine with no limits) the
     * bound applies as it is. What the bound adds is then within the budget's work; the leverage it stores can be up
     * to about twice the steps admission counted for {@code max-leverage-points} (quarter against half a day).
     */
    static double affordableStepBound(SlvCalibrationInput in, HestonParameters mixed) {
        SlvCalibrationInput.Particles p = in.particles();
        double bound = p.stepBound(mixed);
        long budget = in.repricing().config().adaptive().workBudget();
        if (!(bound < Double.POSITIVE_INFINITY) || budget <= 0 || budget == Long.MAX_VALUE) {
            return bound;
        }
        int pilot = in.repricing().runs() ? in.repricing().config().paths() : 0;
        double[] mandatory = mandatoryTimes(in);
        double propagation = p.timeStep() / p.effectiveSubSteps();
        for (double b = Math.max(bound, RegressionGrid.STEP_BOUND_FLOOR); b < propagation; b *= 2) {
            SlvCalibrationInput.GridSize g = SlvCalibrationInput.gridSize(in.market().maturity(), p, mandatory,
                    mixed.kappa(), mixed.xi(), b);
            if (SlvCalibrationInput.work(p.count(), g, pilot) <= budget) {
                return b;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    static double[] mandatoryTimes(SlvCalibrationInput in) {
        double[] surface = in.market().expiries();
        List<RoundTripQuote> quotes = in.repricing().quotes();
        double[] all = Arrays.copyOf(surface, surface.length + quotes.size());
        int k = surface.length;
        for (RoundTripQuote q : quotes) {
            all[k++] = q.expiry();
        }
        return all;
    }

    /** {@link #roundTripConfig(RoundTripConfig, int, int, int, int)} with no corrected step. */
    static RoundTripConfig roundTripConfig(RoundTripConfig config, int particles, int steps, int regressions) {
        return roundTripConfig(config, particles, steps, regressions, 0);
    }

    /**
     * The round trip's settings with the job's work budget less what the particles actually used (their exact grid,
     * counted as {@link SlvCalibrationInput#work} counts it, and the {@code correctedSteps} steps that ran with the
     * spatial correction weighted by {@link SlvCalibrationInput#CORRECTED_STEP_WEIGHT}): the round trip's pilot and
     * extra paths together stay within what is left, so calibration and round trip share the one budget.
     */
    static RoundTripConfig roundTripConfig(RoundTripConfig config, int particles, int steps, int regressions,
                                           int correctedSteps) {
        RoundTripConfig.Adaptive a = config.adaptive();
        if (!a.on() || a.workBudget() == Long.MAX_VALUE) {
            return config;
        }
        long used = SlvCalibrationInput.work(particles, new SlvCalibrationInput.GridSize(regressions, steps, 0), 0)
                + SlvCalibrationInput.correctedExtraWork((long) particles * correctedSteps);
        return config.withAdaptive(a.withWorkBudget(Math.max(0, a.workBudget() - used)));
    }

    /**
     * Share of the progress bar given to the round trip: its path-steps against the particles' (×1.5 for
     * regressions), the pilot's alone (its extra paths, when any, fill the round trip's share more slowly).
     */
    static double rtShare(SlvCalibrationInput.Repricing repricing, int n) {
        if (!repricing.runs()) {
            return 0;
        }
        double cal = 1.5 * n;
        double rt = repricing.config().paths();
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
