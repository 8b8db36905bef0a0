package com.fxdesk.slv.montecarlo;

import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.parallel.Chunks;
import com.fxdesk.slv.random.BrownianBridge;
import com.fxdesk.slv.random.InverseNormal;
import com.fxdesk.slv.random.RandomStreams;
import com.fxdesk.slv.random.SequenceType;
import com.fxdesk.slv.random.SobolSequence;
import com.fxdesk.slv.random.ZigguratNormals;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One Monte Carlo simulation of one model that prices a whole {@link PayoffBook}.
 *
 * <p><b>Work split.</b> The point set is cut into {@code batches} × chunks of {@value #CHUNK} points; a chunk has
 * its own random numbers (a Sobol index range under its batch's digital shift, or a pseudo-random stream keyed by
 * (seed, batch, chunk)), is simulated step by step as a block of paths (antithetic partners j and j + m), and
 * leaves its sums in its own slot; slots are combined in chunk order, so prices are bit-identical for any number of
 * threads. A task is up to {@value #GROUP} consecutive pseudo-random chunks of a batch simulated side by side (one
 * Sobol chunk): every path operation is per path, so the grouping changes no number, only how often a step's
 * lattice row is fetched. Work arrays belong to the worker, not the path: nothing is allocated per path.
 *
 * <p><b>Numbers.</b> dims = steps × factors; dimension k·F + f is the k-th Brownian-bridge normal of factor f.
 * Beyond Sobol's {@value SobolSequence#MAX_DIMENSION} dimensions the remaining (finest) bridge levels take
 * pseudo-random normals (the usual hybrid: quasi-random where the bridge concentrates the variance).
 *
 * <p><b>Barriers.</b> Continuous monitoring by the Brownian-bridge crossing probability in log space,
 * conditional-expectation form: per step a path's survival is multiplied by
 * q = 1 − exp(−2 (b − x_n)(b − x_{n+1}) / (σ²Δt)) (0 if x_{n+1} is at or beyond b), σ²Δt the step's variance
 * from the model: σ² for BS (exact there), σ_LV(t_mid, S_n)² for LV, and L(S_n, t_n)² V̄ for Heston/SLV with
 * V̄ = ½(V_n + V_{n+1}), the same trapezoid average the {@link com.fxdesk.slv.model.SlvStep} diffuses x with (closer to the step's
 * integrated variance than V_n). Survival probabilities multiply instead of being sampled (lower variance).
 * For a double barrier q is the product of the two one-sided q's (ignores paths that cross both
 * within one step: negligible unless the band is a few step-std-devs wide). Pay-at-hit touches are discounted
 * from the end of the step in which the hit probability accrues (error O(r Δt), about 1e-4 relative at 5 days).
 * With barrierCorrection = false only the step dates are monitored (discrete monitoring, biased low in hit
 * probability).
 *
 * <p><b>Standard error.</b> SOBOL: from the spread of the {@code batches} batch means (independent digital
 * shifts of the same point set), SE = sd(batch means)/√B. PSEUDO: sample standard deviation of the
 * antithetic-pair averages over √(number of pairs).
 */
public final class PathEngine {
    static final int CHUNK = 128;
    /**
     * Pseudo-random chunks a task simulates side by side, step by step (each with its own stream and sums, so the
     * numbers are those of one chunk at a time, bit for bit): the step's leverage or σ_LV row is then read from memory
     * once for all of them instead of once per chunk (a 5Y round trip reads a new 200-node row every step, 6.8 MB
     * in all, more than a core's L2), and the per-step calls are amortised over more paths. Measured on the round
     * trip (docs/calibration-quality.md 6.3, one-thread CPU): 2 chunks −12 %, 4 −18 %, 8 −19 %, 16 −21 % against 1;
     * 4 keeps 2 threads' tasks many and even (98 on the 5Y round trip) for most of that.
     */
    static final int GROUP = 4;
    /** Fewer chunks per group when a run has fewer than this many groups per thread (the tail's idle time). */
    static final int MIN_TASKS_PER_THREAD = 8;
    /** Paths per Brownian-bridge block: a vector-friendly row that keeps the block's normals in L2. */
    static final int BRIDGE_BLOCK = 32;
    /** Normals one workspace may hold (steps × factors × CHUNK): 2^27 doubles = 1 GiB. */
    static final long MAX_WORKSPACE_NORMALS = 1L << 27;
    /**
     * Skip the exp when exp(−2a/σ²Δt) &lt; 1e-10: the step cannot have reached the barrier (a price error below
     * 1e-10 per step and barrier, far under any standard error).
     */
    private static final double NEGLIGIBLE = 11.6;

    private PathEngine() {
    }

    /**
     * A product's controls are used only from this many samples per fitted coefficient (p controls and the mean):
     * with fewer, the regression's β is mostly noise and its residual variance understates the error.
     */
    static final int MIN_SAMPLES_PER_CONTROL = 10;

    /** Price and standard error of one product (NaN when it cannot be estimated from the samples). */
    public record Estimate(double price, double stdError) {
    }

    /** Runs on threads of its own (studies, benchmarks); the service passes its shared pool instead. */
    public static Estimate[] run(PathDynamics dynamics, TimeGrid grid, PayoffBook book, FxMarket market, McConfig cfg) {
        return run(dynamics, grid, book, market, cfg, null);
    }

    /**
     * @param pool the service's shared compute pool, or null to start {@code cfg.threads() − 1} threads of its own.
     *             Chunks run on the engine's one scheduler ({@link Chunks}): the calling thread always works too, so
     *             a busy or saturated pool slows the run down but can never deadlock it.
     */
    public static Estimate[] run(PathDynamics dynamics, TimeGrid grid, PayoffBook book, FxMarket market, McConfig cfg,
                                 ExecutorService pool) {
        return run(dynamics, grid, book, market, cfg, pool, null);
    }

    /**
     * As above; {@code cancelled} (null: never) is polled before every chunk of paths: once true, no further chunk
     * starts and the run ends with a {@link java.util.concurrent.CancellationException}.
     */
    public static Estimate[] run(PathDynamics dynamics, TimeGrid grid, PayoffBook book, FxMarket market, McConfig cfg,
                                 ExecutorService pool, java.util.function.BooleanSupplier cancelled) {
        return run(dynamics, grid, book, market, cfg, pool, cancelled, null);
    }

    /** As above; {@code progress} (null: none) receives the fraction of chunks done, from the worker threads. */
    public static Estimate[] run(PathDynamics dynamics, TimeGrid grid, PayoffBook book, FxMarket market, McConfig cfg,
                                 ExecutorService pool, java.util.function.BooleanSupplier cancelled,
                                 java.util.function.DoubleConsumer progress) {
        Setup s = new Setup(dynamics, grid, book, market, cfg, 0);
        Chunked c = simulate(s, book, cfg, pool, cancelled, progress);
        return combine(s, c.sums, c.counts, book, cfg);
    }

    /**
     * Per product, a run's sums (the accumulator slots {@link #run} turns into an estimate: ΣY, ΣY², and for a
     * controlled product the control sums and cross products) and its number of samples (antithetic pairs, or paths).
     * PSEUDO: runs of the same dynamics, grid and product on different seeds are independent samples of the same
     * (Y, C) distribution: their sums add ({@link #plus}), and {@link #estimates} of the total is the regression
     * estimator on all samples at once (one β from every sample), what one run with all the paths would give.
     * SOBOL: the same sums kept per randomised batch too ({@code batchSums[k][b]}, {@code batchSamples[k][b]}; null
     * for PSEUDO); a later run on further points of the sequence under the same shifts ({@link #runTotals} with a
     * first point) adds batch to batch, so each batch stays one randomisation of the union of the point sets and the
     * batches stay independent: the standard error is their spread.
     */
    public record Totals(double[][] sums, long[] samples, double[][][] batchSums, long[][] batchSamples) {
        /** Pseudo-random totals (no batches). */
        public Totals(double[][] sums, long[] samples) {
            this(sums, samples, null, null);
        }

        /** This plus {@code other}'s products, {@code other}'s product j being this one's {@code into[j]}. */
        public Totals plus(Totals other, int[] into) {
            if ((batchSums == null) != (other.batchSums == null)) {
                throw new IllegalArgumentException("cannot add Sobol batches to pseudo-random sums");
            }
            double[][] s = new double[sums.length][];
            long[] n = samples.clone();
            double[][][] bs = batchSums == null ? null : new double[sums.length][][];
            long[][] bn = batchSums == null ? null : new long[sums.length][];
            for (int k = 0; k < sums.length; k++) {
                s[k] = sums[k].clone();
                if (bs != null) {
                    bs[k] = new double[batchSums[k].length][];
                    for (int b = 0; b < bs[k].length; b++) {
                        bs[k][b] = batchSums[k][b].clone();
                    }
                    bn[k] = batchSamples[k].clone();
                }
            }
            for (int j = 0; j < into.length; j++) {
                int k = into[j];
                if (s[k].length != other.sums[j].length) {
                    throw new IllegalArgumentException("product " + k + " has other controls in the other run");
                }
                for (int w = 0; w < s[k].length; w++) {
                    s[k][w] += other.sums[j][w];
                }
                n[k] += other.samples[j];
                if (bs != null) {
                    if (bs[k].length != other.batchSums[j].length) {
                        throw new IllegalArgumentException("product " + k + " has another number of batches");
                    }
                    for (int b = 0; b < bs[k].length; b++) {
                        for (int w = 0; w < s[k].length; w++) {
                            bs[k][b][w] += other.batchSums[j][b][w];
                        }
                        bn[k][b] += other.batchSamples[j][b];
                    }
                }
            }
            return new Totals(s, n, bs, bn);
        }
    }

    /**
     * As {@link #run}, returning the sums instead of the estimates ({@link #estimates} of them is, bit for bit, what
     * {@link #run} returns).
     */
    public static Totals runTotals(PathDynamics dynamics, TimeGrid grid, PayoffBook book, FxMarket market,
                                   McConfig cfg, ExecutorService pool, java.util.function.BooleanSupplier cancelled,
                                   java.util.function.DoubleConsumer progress) {
        return runTotals(dynamics, grid, book, market, cfg, 0, pool, cancelled, progress);
    }

    /**
     * As above; SOBOL: each batch takes the points [firstPoint, firstPoint + points per batch) of the sequence under
     * the batch's shift (the shifts come from the seed; the pseudo-random normals beyond Sobol's dimensions from the
     * seed and firstPoint), so that a run continuing an earlier one with the same seed on the points after its own
     * extends every batch's point set ({@link Totals#plus}). PSEUDO: firstPoint must be 0.
     */
    public static Totals runTotals(PathDynamics dynamics, TimeGrid grid, PayoffBook book, FxMarket market,
                                   McConfig cfg, long firstPoint, ExecutorService pool,
                                   java.util.function.BooleanSupplier cancelled,
                                   java.util.function.DoubleConsumer progress) {
        if (firstPoint < 0 || firstPoint > 0 && cfg.sequence() != SequenceType.SOBOL) {
            throw new IllegalArgumentException("a first point needs Sobol and must be ≥ 0: " + firstPoint);
        }
        Setup s = new Setup(dynamics, grid, book, market, cfg, firstPoint);
        Chunked c = simulate(s, book, cfg, pool, cancelled, progress);
        int products = book.size();
        boolean sobol = cfg.sequence() == SequenceType.SOBOL;
        double[][] out = new double[products][];
        long[] n = new long[products];
        double[][][] bs = sobol ? new double[products][][] : null;
        long[][] bn = sobol ? new long[products][] : null;
        for (int k = 0; k < products; k++) {
            int width = PayoffBook.sums(book.controls[k]);
            out[k] = new double[width];
            double[][] batch = new double[s.batches][width];
            long[] batchN = new long[s.batches];
            n[k] = totals(s, c.sums, c.counts, book.offset[k], width, out[k], batch, batchN);
            if (sobol) {
                bs[k] = batch;
                bn[k] = batchN;
            }
        }
        return new Totals(out, n, bs, bn);
    }

    /** Estimates from pooled sums ({@link #runTotals}), per product of {@code book}. */
    public static Estimate[] estimates(PayoffBook book, Totals totals) {
        Estimate[] out = new Estimate[book.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = totals.batchSums != null && totals.batchSums[k].length > 1
                    ? batchEstimate(totals.sums[k], totals.samples[k], totals.batchSums[k], totals.batchSamples[k],
                    book.controls[k])
                    : pseudoEstimate(totals.sums[k], totals.samples[k], book.controls[k]);
        }
        return out;
    }

    /**
     * Randomised QMC estimate: Ȳ − β·C̄ on all samples with β the regression coefficients of the pooled sums (one β
     * for every batch, so the batch estimates below are those of one estimator), and its standard error from the
     * spread of the B batch estimates Ȳ_b − β·C̄_b: sd/√B. The batches are independent randomisations, so this is
     * an honest error for the estimator's QMC variance, whatever the integrand's smoothness; the same β in every
     * batch adds an O(1/n) bias, far below the error at the round trip's sizes.
     */
    private static Estimate batchEstimate(double[] total, long n, double[][] batch, long[] batchN, int controls) {
        int b = batch.length;
        double[] beta = coefficients(total, n, controls);
        double mean = controlled(total, n, beta);
        double m = 0;
        double[] bm = new double[b];
        for (int bi = 0; bi < b; bi++) {
            bm[bi] = controlled(batch[bi], batchN[bi], beta);
            m += bm[bi];
        }
        m /= b;
        double ss = 0;
        for (double x : bm) {
            ss += (x - m) * (x - m);
        }
        return new Estimate(mean, Math.sqrt(ss / ((double) b * (b - 1))));
    }

    /** Per chunk its sums and sample count. */
    private record Chunked(double[][] sums, int[] counts) {
    }

    private static Chunked simulate(Setup s, PayoffBook book, McConfig cfg, ExecutorService pool,
                                    java.util.function.BooleanSupplier cancelled,
                                    java.util.function.DoubleConsumer progress) {
        int chunks = s.batches * s.chunksPerBatch;
        int threads = Math.max(1, Math.min(cfg.effectiveThreads(), chunks));
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        double[][] sums = new double[chunks][];
        int[] counts = new int[chunks];
        int groupsPerBatch = (s.chunksPerBatch + s.group - 1) / s.group;
        int tasks = s.batches * groupsPerBatch;
        Workspace[] workspaces = new Workspace[threads];
        Chunks.ParticipantTask body = (participant, t) -> {
            if (workspaces[participant] == null) {
                workspaces[participant] = new Workspace(s); // a worker's scratch, reused for all its chunks
            }
            if (cancelled != null && cancelled.getAsBoolean()) {
                // no further chunk starts; Chunks rethrows this on the caller once running chunks are done
                throw new java.util.concurrent.CancellationException("Monte Carlo pricing cancelled");
            }
            int batch = t / groupsPerBatch;
            int first = t % groupsPerBatch * s.group;
            int g = Math.min(s.group, s.chunksPerBatch - first);
            int c0 = batch * s.chunksPerBatch + first;
            for (int k = 0; k < g; k++) {
                sums[c0 + k] = new double[book.accumulatorSize];
            }
            workspaces[participant].runGroup(batch, first, g, sums, counts, c0);
            if (progress != null) {
                progress.accept((double) done.addAndGet(g) / chunks);
            }
        };
        if (pool != null || threads == 1) {
            Chunks.run(pool, threads, tasks, body);
        } else {
            ExecutorService own = Executors.newFixedThreadPool(threads - 1, r -> {
                Thread t = new Thread(r, "mc-worker");
                t.setDaemon(true);
                return t;
            });
            try {
                Chunks.run(own, threads, tasks, body);
            } finally {
                own.shutdown();
            }
        }
        return new Chunked(sums, counts);
    }

    /**
     * Totals over chunks in chunk order (bit-identical for any thread count). A controlled product's estimate is the
     * regression estimator Ȳ − β·C̄ (controls of known mean 0), β = S_CC⁻¹ S_CY from the pooled sample covariances;
     * its variance per sample is Var Y − β·S_CY. SOBOL's standard error is the spread of the batch estimates with
     * the pooled β.
     */
    private static Estimate[] combine(Setup s, double[][] sums, int[] counts, PayoffBook book, McConfig cfg) {
        int products = book.size();
        Estimate[] out = new Estimate[products];
        int b = s.batches;
        for (int k = 0; k < products; k++) {
            int width = PayoffBook.sums(book.controls[k]);
            double[] total = new double[width];
            double[][] batch = new double[b][width];
            long[] batchN = new long[b];
            long n = totals(s, sums, counts, book.offset[k], width, total, batch, batchN);
            if (cfg.sequence() == SequenceType.SOBOL && b > 1) {
                out[k] = batchEstimate(total, n, batch, batchN, book.controls[k]);
            } else {
                out[k] = pseudoEstimate(total, n, book.controls[k]);
            }
        }
        return out;
    }

    /** One product's sums over chunks in chunk order, per batch and in total; returns the number of samples. */
    private static long totals(Setup s, double[][] sums, int[] counts, int o, int width, double[] total,
                               double[][] batch, long[] batchN) {
        long n = 0;
        for (int bi = 0; bi < s.batches; bi++) {
            for (int c = 0; c < s.chunksPerBatch; c++) {
                int t = bi * s.chunksPerBatch + c;
                for (int w = 0; w < width; w++) {
                    batch[bi][w] += sums[t][o + w];
                }
                batchN[bi] += counts[t];
            }
            for (int w = 0; w < width; w++) {
                total[w] += batch[bi][w];
            }
            n += batchN[bi];
        }
        return n;
    }

    /**
     * The regression coefficients of a product with {@code controls} controls from its sums over n samples: too few
     * samples for the controls and the regression would (nearly) interpolate them and report a residual variance of
     * ~0, so the plain mean (β = 0) is used instead. "Samples" counts the paths that carry the payoff, (ΣY)²/ΣY² (the
     * number of non-zero payoffs when they are of one size): a far out-of-the-money vanilla paid on a handful of paths
     * is fitted exactly by its neighbouring ladder controls, and its estimate would then be the controls' noise with a
     * standard error of ~0.
     */
    private static double[] coefficients(double[] total, long n, int controls) {
        double carrying = total[1] > 0 ? total[0] * total[0] / total[1] : 0;
        long needed = MIN_SAMPLES_PER_CONTROL * (controls + 1L);
        int p = n >= needed && carrying >= needed ? controls : 0;
        return p > 0 ? controlCoefficients(total, n, p) : new double[controls];
    }

    /**
     * Pseudo-random estimate and standard error from one product's sums over n i.i.d. samples: Ȳ − β·C̄ with
     * variance (Var Y − β·S_CY)/(n − 1 − p).
     */
    private static Estimate pseudoEstimate(double[] total, long n, int controls) {
        if (n == 0) {
            return new Estimate(Double.NaN, Double.NaN);
        }
        double carrying = total[1] > 0 ? total[0] * total[0] / total[1] : 0;
        long needed = MIN_SAMPLES_PER_CONTROL * (controls + 1L);
        int p = n >= needed && carrying >= needed ? controls : 0;
        double[] beta = coefficients(total, n, controls);
        double mean = controlled(total, n, beta);
        double meanY = total[0] / n;
        double var = total[1] / n - meanY * meanY;
        int w = beta.length;
        for (int j = 0; j < p; j++) {
            double cov = total[2 + w + j] / n - total[2 + j] / n * meanY;
            var -= beta[j] * cov;
        }
        // a controlled product with no more samples than coefficients: not available (NaN), never 0
        double se = controls > 0 && n <= controls + 1 ? Double.NaN
                : Math.sqrt(Math.max(var, 0) / Math.max(n - 1 - p, 1));
        return new Estimate(mean, se);
    }

    /** Ȳ − β·C̄ from a product's sums over n samples. */
    private static double controlled(double[] sums, long n, double[] beta) {
        double est = sums[0] / n;
        for (int j = 0; j < beta.length; j++) {
            est -= beta[j] * sums[2 + j] / n;
        }
        return est;
    }

    /**
     * β = S_CC⁻¹ S_CY from a product's sums, solved on the correlation scale by Cholesky; a control with no variance
     * of its own beyond the earlier ones (pivot below 1e-9: constant, or collinear) gets β = 0 — it cannot reduce
     * the variance further.
     */
    static double[] controlCoefficients(double[] sums, long n, int p) {
        double[] beta = new double[p];
        if (p == 0) {
            return beta;
        }
        double meanY = sums[0] / n;
        double[] meanC = new double[p];
        double[] d = new double[p];
        double[] r = new double[p];
        for (int j = 0; j < p; j++) {
            meanC[j] = sums[2 + j] / n;
        }
        double[][] a = new double[p][p];
        int t = 2 + 2 * p;
        for (int j = 0; j < p; j++) {
            for (int l = j; l < p; l++) {
                a[j][l] = sums[t++] / n - meanC[j] * meanC[l];
                a[l][j] = a[j][l];
            }
        }
        for (int j = 0; j < p; j++) {
            d[j] = a[j][j] > 0 ? Math.sqrt(a[j][j]) : 0.0;
            r[j] = d[j] > 0 ? (sums[2 + p + j] / n - meanC[j] * meanY) / d[j] : 0.0;
        }
        // Cholesky of the correlation matrix R = D⁻¹ S_CC D⁻¹, dropping dependent controls
        double[][] low = new double[p][p];
        boolean[] used = new boolean[p];
        for (int j = 0; j < p; j++) {
            if (d[j] == 0) {
                continue;
            }
            double piv = 1.0;
            for (int q = 0; q < j; q++) {
                piv -= low[j][q] * low[j][q];
            }
            if (piv < 1e-9) {
                continue;
            }
            used[j] = true;
            low[j][j] = Math.sqrt(piv);
            for (int i = j + 1; i < p; i++) {
                if (d[i] == 0) {
                    continue;
                }
                double v = a[i][j] / (d[i] * d[j]);
                for (int q = 0; q < j; q++) {
                    v -= low[i][q] * low[j][q];
                }
                low[i][j] = v / low[j][j];
            }
        }
        double[] z = new double[p];
        for (int j = 0; j < p; j++) {
            if (used[j]) {
                double v = r[j];
                for (int q = 0; q < j; q++) {
                    v -= low[j][q] * z[q];
                }
                z[j] = v / low[j][j];
            }
        }
        for (int j = p - 1; j >= 0; j--) {
            if (used[j]) {
                double v = z[j];
                for (int q = j + 1; q < p; q++) {
                    v -= low[q][j] * beta[q];
                }
                beta[j] = v / low[j][j];
            }
        }
        for (int j = 0; j < p; j++) {
            beta[j] = used[j] ? beta[j] / d[j] : 0.0;
        }
        return beta;
    }

    /** Everything shared by the workers of one run; immutable. */
    private static final class Setup {
        final PathDynamics.Kernel kernel;
        final TimeGrid grid;
        final PayoffBook book;
        final McConfig cfg;
        final int factors;
        final int steps; // simulated steps: up to the last product end
        final int dims;
        final int sobolDims;
        final int batches;
        final int pointsPerBatch;
        final int chunksPerBatch;
        final int group; // chunks simulated side by side in one task ({@link #GROUP})
        final long[][] shifts;
        final BrownianBridge bridge;
        final double x0;
        final SobolSequence sobol;
        final int[] upOrder; // one-sided up monitors by increasing level
        final int[] downOrder; // one-sided down monitors by decreasing level
        final int[] twoSided;
        final boolean companion; // advance the L ≡ 1 companion path (some product uses it as a control)
        final boolean localVolCompanion; // advance the local-vol companion path
        final int maxControls;

        final long firstPoint; // SOBOL: each batch's points start here in the sequence
        final long tailSeed; // keys the pseudo-random normals beyond Sobol's dimensions

        Setup(PathDynamics dynamics, TimeGrid grid, PayoffBook book, FxMarket market, McConfig cfg, long firstPoint) {
            this.firstPoint = firstPoint;
            // the first run keeps the seed (prices as before); a continuation gets streams of its own
            this.tailSeed = firstPoint == 0 ? cfg.seed() : cfg.seed() ^ (firstPoint * 0x9E3779B97F4A7C15L + 1);
            // each worker holds every step's normals for a chunk of paths: refuse sizes an int cannot index (and
            // before bind, which precomputes per step)
            long normals = (long) Math.max(book.lastIndex, 1) * dynamics.factors() * CHUNK;
            if (normals > MAX_WORKSPACE_NORMALS) {
                throw new IllegalArgumentException("too many time steps (" + book.lastIndex + ") for a Monte Carlo "
                        + "path: use a longer time step");
            }
            this.kernel = dynamics.bind(grid, market);
            if (book.usesCompanion() && dynamics.companion() == null) {
                throw new IllegalArgumentException("a companion control variate needs dynamics with a companion path");
            }
            this.companion = book.usesCompanion();
            if (book.usesLocalVolCompanion() && dynamics.localVolCompanion() == null) {
                throw new IllegalArgumentException("a local-vol control variate needs dynamics with a local-vol "
                        + "companion path");
            }
            this.localVolCompanion = book.usesLocalVolCompanion();
            int maxControls = 0;
            for (int c : book.controls) {
                maxControls = Math.max(maxControls, c);
            }
            this.maxControls = maxControls;
            this.grid = grid;
            this.book = book;
            this.cfg = cfg;
            this.factors = dynamics.factors();
            this.steps = book.lastIndex;
            this.dims = steps * factors;
            this.batches = cfg.batches();
            int points = (cfg.paths() + (cfg.antithetic() ? 1 : 0)) / (cfg.antithetic() ? 2 : 1);
            this.pointsPerBatch = Math.max(1, (points + batches - 1) / batches);
            this.chunksPerBatch = (pointsPerBatch + CHUNK - 1) / CHUNK;
            // Sobol chunks hold every step's normals up front: one at a time. Pseudo-random: up to GROUP, fewer
            // when that would leave fewer than MIN_TASKS_PER_THREAD tasks per thread (load balance)
            int perThread = batches * chunksPerBatch / (MIN_TASKS_PER_THREAD * Math.max(1, cfg.effectiveThreads()));
            this.group = cfg.sequence() == SequenceType.SOBOL ? 1 : Math.max(1, Math.min(GROUP, perThread));
            this.x0 = Math.log(market.spot());
            java.util.List<Integer> ups = new java.util.ArrayList<>();
            java.util.List<Integer> downs = new java.util.ArrayList<>();
            java.util.List<Integer> twos = new java.util.ArrayList<>();
            for (int m = 0; m < book.monitors(); m++) {
                boolean hasLo = book.monLower[m] > Double.NEGATIVE_INFINITY;
                boolean hasHi = book.monUpper[m] < Double.POSITIVE_INFINITY;
                (hasLo && hasHi ? twos : hasHi ? ups : downs).add(m);
            }
            ups.sort((a, b) -> Double.compare(book.monUpper[a], book.monUpper[b]));
            downs.sort((a, b) -> Double.compare(book.monLower[b], book.monLower[a]));
            upOrder = ups.stream().mapToInt(Integer::intValue).toArray();
            downOrder = downs.stream().mapToInt(Integer::intValue).toArray();
            twoSided = twos.stream().mapToInt(Integer::intValue).toArray();
            if (cfg.sequence() == SequenceType.SOBOL && steps > 0) {
                sobolDims = Math.min(dims, SobolSequence.MAX_DIMENSION);
                sobol = SobolSequence.joeKuo();
                shifts = new long[batches][];
                for (int b = 0; b < batches; b++) {
                    shifts[b] = SobolSequence.digitalShift(cfg.seed(), b, sobolDims);
                }
                double[] t = new double[steps + 1];
                for (int i = 0; i <= steps; i++) {
                    t[i] = grid.time(i);
                }
                bridge = new BrownianBridge(t);
            } else {
                sobolDims = 0;
                sobol = null;
                shifts = null;
                bridge = null;
            }
        }
    }

    /** A worker's scratch: reused for every chunk it runs. */
    private static final class Workspace {
        final Setup s;
        final SobolSequence.Cursor cursor;
        final double[] u;
        final double[] z;
        final double[] work;
        final double[] zBlock; // [dim * BRIDGE_BLOCK + path in block]
        final double[] zs; // [step * CHUNK + point]
        final double[] zv;
        final double[] x;
        final double[] v;
        final double[] lev;
        final double[] zS;
        final double[] zV;
        final double[] var;
        final double[] xPrev;
        final double[] xc; // the companion's log-spots, or null
        final double[] st; // S_T and the companion's S^H_T at an index where controlled products end
        final double[] sc;
        final double[] xl; // the local-vol companion's log-spots and S^LV_T, or null
        final double[] sl;
        final double[][] cols; // per control, its (pair-averaged) values over the chunk
        final double[] ycol;
        final double[][] surv;
        final double[][] hitPv;
        final double[] pay;
        final int[] firstUp; // per path: leading entries of upOrder that are dead for it
        final int[] firstDown;
        final int[] mk; // per chunk of the group: its points
        final long[] states; // per chunk of the group: its random stream's state

        Workspace(Setup s) {
            this.s = s;
            int paths = 2 * CHUNK * s.group; // the group's paths; per-chunk scratch (st, pay, ...) holds one chunk
            int chunkPaths = 2 * CHUNK;
            cursor = s.sobol != null ? s.sobol.cursor(s.sobolDims) : null;
            u = new double[Math.max(s.sobolDims, 1)];
            z = new double[Math.max(s.dims, 1)];
            work = new double[s.sobol != null ? (s.steps + 1) * BRIDGE_BLOCK : 1];
            zBlock = new double[s.sobol != null ? s.dims * BRIDGE_BLOCK : 1];
            zs = s.sobol != null ? new double[s.steps * CHUNK] : null; // the bridge's output (Sobol only)
            zv = s.sobol != null && s.factors > 1 ? new double[s.steps * CHUNK] : null;
            x = new double[paths];
            v = new double[paths];
            lev = new double[paths];
            zS = new double[paths];
            zV = new double[paths];
            var = new double[paths];
            xPrev = new double[paths];
            xc = s.companion ? new double[paths] : null;
            st = s.maxControls > 0 ? new double[chunkPaths] : null;
            sc = s.companion ? new double[chunkPaths] : null;
            xl = s.localVolCompanion ? new double[paths] : null;
            sl = s.localVolCompanion ? new double[chunkPaths] : null;
            cols = new double[s.maxControls][CHUNK];
            ycol = new double[CHUNK];
            int m = s.book.monitors();
            surv = new double[m][paths];
            hitPv = new double[m][];
            for (int j = 0; j < m; j++) {
                hitPv[j] = s.book.monPayAtHit[j] ? new double[paths] : null;
            }
            pay = new double[chunkPaths];
            firstUp = new int[paths];
            firstDown = new int[paths];
            mk = new int[s.group];
            states = new long[s.group];
        }

        /**
         * Simulates chunks [first, first + g) of a batch side by side (chunk k's paths at [k·stride, k·stride +
         * count_k) of the path arrays, stride = 2·CHUNK with antithetic partners, else CHUNK: contiguous, since only a
         * batch's last chunk can be short), each drawing from its own stream as if alone; adds chunk k's Σ payoff and
         * Σ payoff² (per antithetic pair) to sums[c0 + k] and its point count to counts[c0 + k]. Every path
         * operation is per path, so each chunk's numbers are bit-identical to a run of that chunk alone.
         */
        void runGroup(int batch, int first, int g, double[][] sums, int[] counts, int c0) {
            boolean pseudo = s.cfg.sequence() != SequenceType.SOBOL;
            boolean anti = s.cfg.antithetic();
            int stride = anti ? 2 * CHUNK : CHUNK;
            int[] m = mk;
            long[] state = states;
            int total = 0;
            for (int k = 0; k < g; k++) {
                int chunk = first + k;
                m[k] = Math.min(CHUNK, s.pointsPerBatch - chunk * CHUNK);
                counts[c0 + k] = m[k];
                total = k * stride + (anti ? 2 * m[k] : m[k]);
                // pseudo-random: drawn step by step into the step's own arrays (they stay in L1/L2; all steps'
                // normals of a chunk would not fit in L2 at daily steps to 5Y); Sobol (g = 1): the whole bridge
                // up front
                state[k] = pseudo ? RandomStreams.stream(s.cfg.seed(), batch, chunk).nextLong() : 0L;
                if (!pseudo) {
                    generate(batch, chunk, chunk * CHUNK, m[k]);
                }
            }
            PayoffBook book = s.book;
            java.util.Arrays.fill(x, 0, total, s.x0);
            java.util.Arrays.fill(v, 0, total, s.kernel.initialVariance());
            if (xc != null) {
                java.util.Arrays.fill(xc, 0, total, s.x0);
            }
            if (xl != null) {
                java.util.Arrays.fill(xl, 0, total, s.x0);
            }
            for (int j = 0; j < book.monitors(); j++) {
                boolean inside = s.x0 > book.monLower[j] && s.x0 < book.monUpper[j];
                java.util.Arrays.fill(surv[j], 0, total, inside ? 1.0 : 0.0);
                if (hitPv[j] != null) {
                    java.util.Arrays.fill(hitPv[j], 0, total, inside ? 0.0 : 1.0);
                }
            }
            java.util.Arrays.fill(firstUp, 0);
            java.util.Arrays.fill(firstDown, 0);
            for (int k = 0; k < g; k++) {
                evaluate(0, k * stride, m[k], anti, sums[c0 + k]);
            }
            boolean monitored = book.monitors() > 0;
            boolean twoFactors = s.factors > 1;
            for (int n = 0; n < s.steps; n++) {
                for (int k = 0; k < g; k++) {
                    int o = k * stride;
                    int mm = m[k];
                    if (pseudo && anti) { // the partners' −z written in the same pass as the draws
                        state[k] = ZigguratNormals.fillAntithetic(zS, o, mm, state[k]);
                        if (twoFactors) {
                            state[k] = ZigguratNormals.fillAntithetic(zV, o, mm, state[k]);
                        }
                    } else if (pseudo) {
                        state[k] = ZigguratNormals.fill(zS, o, o + mm, state[k]);
                        if (twoFactors) {
                            state[k] = ZigguratNormals.fill(zV, o, o + mm, state[k]);
                        }
                    } else { // Sobol: one chunk per task (group = 1), so its slot offset o is 0
                        int off = n * CHUNK;
                        if (anti) {
                            for (int j = 0; j < mm; j++) {
                                double a = zs[off + j];
                                zS[j] = a;
                                zS[j + mm] = -a;
                            }
                            if (zv != null) {
                                for (int j = 0; j < mm; j++) {
                                    double a = zv[off + j];
                                    zV[j] = a;
                                    zV[j + mm] = -a;
                                }
                            }
                        } else {
                            System.arraycopy(zs, off, zS, 0, mm);
                            if (zv != null) {
                                System.arraycopy(zv, off, zV, 0, mm);
                            }
                        }
                    }
                }
                if (monitored) {
                    System.arraycopy(x, 0, xPrev, 0, total);
                    s.kernel.step(n, x, v, lev, zS, zV, var, xc, xl, total);
                    monitor(n, total);
                } else { // no barrier: neither the step variance nor the previous spots are needed
                    s.kernel.step(n, x, v, lev, zS, zV, null, xc, xl, total);
                }
                if (book.productsEndingAt[n + 1].length > 0) {
                    for (int k = 0; k < g; k++) {
                        evaluate(n + 1, k * stride, m[k], anti, sums[c0 + k]);
                    }
                }
            }
        }

        private void generate(int batch, int chunk, int first, int m) {
            int steps = s.steps;
            int f = s.factors;
            if (steps == 0) {
                return;
            }
            if (s.cfg.sequence() == SequenceType.SOBOL) {
                long[] shift = s.shifts[batch];
                cursor.seek(s.firstPoint + first);
                SplittableRandom rng = s.dims > s.sobolDims ? RandomStreams.stream(s.tailSeed, batch, chunk) : null;
                int dims = s.dims;
                for (int j0 = 0; j0 < m; j0 += BRIDGE_BLOCK) {
                    int nb = Math.min(BRIDGE_BLOCK, m - j0);
                    for (int jj = 0; jj < nb; jj++) {
                        cursor.next(shift, u);
                        InverseNormal.of(u, z, s.sobolDims);
                        for (int d = s.sobolDims; d < dims; d++) {
                            z[d] = rng.nextGaussian();
                        }
                        for (int d = 0; d < dims; d++) {
                            zBlock[d * BRIDGE_BLOCK + jj] = z[d];
                        }
                    }
                    s.bridge.incrementsBlock(zBlock, 0, f, work, zs, j0, CHUNK, nb, BRIDGE_BLOCK);
                    if (f > 1) {
                        s.bridge.incrementsBlock(zBlock, 1, f, work, zv, j0, CHUNK, nb, BRIDGE_BLOCK);
                    }
                }
            }
        }

        /**
         * Path-major: one-sided monitors are visited in order of distance from spot and the scan stops at the
         * first barrier beyond the path's reach this step (max(x_n, x_{n+1}) + √(11.6 σ²Δt), where the crossing
         * probability is below 1e-10); monitors a path has already knocked (survival 0) or that have expired are
         * skipped from the front. A ladder of 40 barriers thus costs a couple of comparisons per path and step
         * unless the path is near a barrier.
         */
        private void monitor(int n, int count) {
            PayoffBook book = s.book;
            boolean correction = s.cfg.barrierCorrection();
            double dfEnd = book.dfStepEnd[n];
            int[] up = s.upOrder;
            int[] down = s.downOrder;
            int[] both = s.twoSided;
            double[] upper = book.monUpper;
            double[] lower = book.monLower;
            int[] end = book.monEnd;
            for (int i = 0; i < count; i++) {
                double x1 = xPrev[i];
                double x2 = x[i];
                double vv = var[i];
                double cutVar = correction ? NEGLIGIBLE * vv : 0.0;
                double top = Math.max(x1, x2);
                int k = firstUp[i];
                boolean touched = false;
                for (; k < up.length; k++) {
                    int m = up[k];
                    double d = upper[m] - top;
                    if (d > 0 && d * d >= cutVar) {
                        break;
                    }
                    if (end[m] > n) {
                        updateUp(m, i, x1, x2, vv, correction, dfEnd);
                        touched = true;
                    }
                }
                // a dead (hit or expired) monitor stays dead: skip the leading ones from now on
                k = firstUp[i];
                while (touched && k < up.length && (end[up[k]] <= n + 1 || surv[up[k]][i] == 0.0)) {
                    k++;
                }
                firstUp[i] = k;
                double bottom = Math.min(x1, x2);
                k = firstDown[i];
                touched = false;
                for (; k < down.length; k++) {
                    int m = down[k];
                    double d = bottom - lower[m];
                    if (d > 0 && d * d >= cutVar) {
                        break;
                    }
                    if (end[m] > n) {
                        updateDown(m, i, x1, x2, vv, correction, dfEnd);
                        touched = true;
                    }
                }
                k = firstDown[i];
                while (touched && k < down.length && (end[down[k]] <= n + 1 || surv[down[k]][i] == 0.0)) {
                    k++;
                }
                firstDown[i] = k;
                for (int m : both) {
                    if (end[m] > n) {
                        update(m, i, x1, x2, vv, correction, dfEnd);
                    }
                }
            }
        }

        /**
         * {@link #update} for a monitor with only an upper level (lower = −∞): the same arithmetic without the
         * lower-side terms, which are no-ops there (q·1 and an infinite c), so bit-identical to it.
         */
        private void updateUp(int m, int i, double x1, double x2, double vv, boolean correction, double dfEnd) {
            double[] sv = surv[m];
            double p = sv[i];
            if (p == 0.0 || !correction && !(x2 >= s.book.monUpper[m])) {
                return;
            }
            double hi = s.book.monUpper[m];
            double q;
            if (x2 >= hi) {
                q = 0.0;
            } else {
                double a = (hi - x1) * (hi - x2);
                q = a < NEGLIGIBLE * vv ? 1 - Math.exp(-2 * a / vv) : 1.0;
            }
            double[] pv = hitPv[m];
            if (pv != null) {
                pv[i] += p * (1 - q) * dfEnd;
            }
            sv[i] = p * q;
        }

        /** {@link #update} for a monitor with only a lower level (upper = +∞); bit-identical to it. */
        private void updateDown(int m, int i, double x1, double x2, double vv, boolean correction, double dfEnd) {
            double[] sv = surv[m];
            double p = sv[i];
            if (p == 0.0 || !correction && !(x2 <= s.book.monLower[m])) {
                return;
            }
            double lo = s.book.monLower[m];
            double q;
            if (x2 <= lo) {
                q = 0.0;
            } else {
                double c = (x1 - lo) * (x2 - lo);
                q = c < NEGLIGIBLE * vv ? 1 - Math.exp(-2 * c / vv) : 1.0;
            }
            double[] pv = hitPv[m];
            if (pv != null) {
                pv[i] += p * (1 - q) * dfEnd;
            }
            sv[i] = p * q;
        }

        private void update(int m, int i, double x1, double x2, double vv, boolean correction, double dfEnd) {
            double[] sv = surv[m];
            double p = sv[i];
            if (p == 0.0) {
                return;
            }
            double lo = s.book.monLower[m];
            double hi = s.book.monUpper[m];
            double q;
            if (x2 >= hi || x2 <= lo) {
                q = 0.0;
            } else if (correction) {
                q = 1.0;
                double cut = NEGLIGIBLE * vv;
                double a = (hi - x1) * (hi - x2);
                if (a < cut) {
                    q = 1 - Math.exp(-2 * a / vv);
                }
                double c = (x1 - lo) * (x2 - lo);
                if (c < cut) {
                    q *= 1 - Math.exp(-2 * c / vv);
                }
            } else {
                return;
            }
            double[] pv = hitPv[m];
            if (pv != null) {
                pv[i] += p * (1 - q) * dfEnd;
            }
            sv[i] = p * q;
        }

        /**
         * The products ending at step index for the chunk whose paths start at o (m points; count = 2m paths with
         * antithetic partners at o + m + i): their payoffs into pay[0, count) and S_T's into st/sc/sl[0, count).
         */
        private void evaluate(int index, int o, int m, boolean anti, double[] acc) {
            PayoffBook book = s.book;
            int[] ending = book.productsEndingAt[index];
            int count = anti ? 2 * m : m;
            if (st != null && ending.length > 0) {
                for (int i = 0; i < count; i++) {
                    st[i] = Math.exp(x[o + i]);
                }
                if (sc != null) {
                    for (int i = 0; i < count; i++) {
                        sc[i] = Math.exp(xc[o + i]);
                    }
                }
                if (sl != null) {
                    for (int i = 0; i < count; i++) {
                        sl[i] = Math.exp(xl[o + i]);
                    }
                }
            }
            for (int e = 0; e < ending.length; e++) {
                int k = ending[e];
                double nd = book.notional[k] * book.discount[k];
                int mon = book.monitor[k];
                switch (book.kind[k]) {
                    case PayoffBook.VANILLA, PayoffBook.KNOCK_OUT, PayoffBook.KNOCK_IN -> {
                        double kk = book.strike[k];
                        boolean c = book.call[k];
                        int kind = book.kind[k];
                        double[] sv = mon >= 0 ? surv[mon] : null;
                        double[] spots = st; // S_T, exponentiated above when the book has controlled products
                        for (int i = 0; i < count; i++) {
                            double st = spots != null ? spots[i] : Math.exp(x[o + i]);
                            double intrinsic = Math.max(c ? st - kk : kk - st, 0.0);
                            double w = kind == PayoffBook.VANILLA ? 1.0
                                    : kind == PayoffBook.KNOCK_OUT ? sv[o + i] : 1.0 - sv[o + i];
                            pay[i] = nd * intrinsic * w;
                        }
                    }
                    case PayoffBook.DIGITAL -> {
                        double lk = Math.log(book.strike[k]);
                        boolean c = book.call[k];
                        for (int i = 0; i < count; i++) {
                            pay[i] = (c ? x[o + i] > lk : x[o + i] < lk) ? nd : 0.0;
                        }
                    }
                    case PayoffBook.TOUCH_AT_MATURITY -> {
                        double[] sv = surv[mon];
                        for (int i = 0; i < count; i++) {
                            pay[i] = nd * (1.0 - sv[o + i]);
                        }
                    }
                    case PayoffBook.TOUCH_AT_HIT -> {
                        double[] pv = hitPv[mon];
                        double nn = book.notional[k];
                        for (int i = 0; i < count; i++) {
                            pay[i] = nn * pv[o + i];
                        }
                    }
                    case PayoffBook.NO_TOUCH -> {
                        double[] sv = surv[mon];
                        for (int i = 0; i < count; i++) {
                            pay[i] = nd * sv[o + i];
                        }
                    }
                    default -> throw new IllegalStateException("unknown product kind " + book.kind[k]);
                }
                double sum = 0;
                double sumSq = 0;
                if (anti) {
                    for (int i = 0; i < m; i++) {
                        double a = 0.5 * (pay[i] + pay[i + m]);
                        sum += a;
                        sumSq += a * a;
                    }
                } else {
                    for (int i = 0; i < m; i++) {
                        sum += pay[i];
                        sumSq += pay[i] * pay[i];
                    }
                }
                if (book.controls[k] > 0) {
                    accumulateControlled(k, m, anti, acc);
                    continue;
                }
                int slot = book.offset[k];
                acc[slot] += sum;
                acc[slot + 1] += sumSq;
            }
        }

        /**
         * A controlled vanilla (its payoffs already in pay, S_T in st, the companion's S_T in sc): adds per path
         * (antithetic-pair averaged) Y, the controls of known mean 0 — C_0 = nd (S_T − F); with the companion
         * C_1 = nd (S^H_T − F) and C_{2+j} = nd·payoff(S^H_T; K_j) − notional·price_j; with the local-vol
         * companion the same two kinds of column on S^LV_T after them — and their products to the
         * product's slot. Column by column: each sum is one dot product over the chunk (four partial sums: the
         * adds do not wait on each other).
         */
        private void accumulateControlled(int k, int m, boolean anti, double[] acc) {
            PayoffBook book = s.book;
            int p = book.controls[k];
            double nd = book.notional[k] * book.discount[k];
            double fwd = book.forward[k];
            boolean call = book.call[k];
            double w = anti ? 0.5 * nd : nd;
            double[] y = ycol;
            if (anti) {
                for (int i = 0; i < m; i++) {
                    y[i] = 0.5 * (pay[i] + pay[i + m]);
                }
            } else {
                System.arraycopy(pay, 0, y, 0, m);
            }
            spotColumn(cols[0], st, fwd, w, m, anti);
            int c = 1;
            c = companionColumns(c, sc, book.companionStrike[k], book.companionPrice[k], book.notional[k], fwd, w,
                    call, m, anti);
            companionColumns(c, sl, book.localVolStrike[k], book.localVolPrice[k], book.notional[k], fwd, w, call, m,
                    anti);
            int o = book.offset[k];
            acc[o] += dot(y, null, m);
            acc[o + 1] += dot(y, y, m);
            int t = o + 2 + 2 * p;
            for (int j = 0; j < p; j++) {
                acc[o + 2 + j] += dot(cols[j], null, m);
                acc[o + 2 + p + j] += dot(cols[j], y, m);
                for (int l = j; l < p; l++) {
                    acc[t++] += dot(cols[j], cols[l], m);
                }
            }
        }

        /**
         * A companion's columns from index c (none when it has no strikes): its S_T − F and its vanillas at the
         * strikes minus their known prices. Returns the next free column.
         */
        private int companionColumns(int c, double[] spot, double[] ks, double[] kp, double notional, double fwd,
                                     double w, boolean call, int m, boolean anti) {
            if (ks.length == 0) {
                return c;
            }
            spotColumn(cols[c++], spot, fwd, w, m, anti);
            for (int j = 0; j < ks.length; j++) {
                double[] col = cols[c++];
                double kk = ks[j];
                double mean = notional * kp[j];
                for (int i = 0; i < m; i++) {
                    double a = spot[i];
                    double pa = call ? Math.max(a - kk, 0.0) : Math.max(kk - a, 0.0);
                    if (anti) {
                        double b = spot[i + m];
                        pa += call ? Math.max(b - kk, 0.0) : Math.max(kk - b, 0.0);
                    }
                    col[i] = w * pa - mean;
                }
            }
            return c;
        }

        /** col[i] = w (S_i − F) (+ w (S_{i+m} − F) when antithetic). */
        private static void spotColumn(double[] col, double[] spot, double fwd, double w, int m, boolean anti) {
            if (anti) {
                for (int i = 0; i < m; i++) {
                    col[i] = w * (spot[i] - fwd + (spot[i + m] - fwd));
                }
            } else {
                for (int i = 0; i < m; i++) {
                    col[i] = w * (spot[i] - fwd);
                }
            }
        }

        /** Σ a_i b_i over [0, m) (Σ a_i when b is null) with four partial sums. */
        private static double dot(double[] a, double[] b, int m) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int i = 0;
            if (b == null) {
                for (; i + 3 < m; i += 4) {
                    s0 += a[i];
                    s1 += a[i + 1];
                    s2 += a[i + 2];
                    s3 += a[i + 3];
                }
                for (; i < m; i++) {
                    s0 += a[i];
                }
            } else {
                for (; i + 3 < m; i += 4) {
                    s0 += a[i] * b[i];
                    s1 += a[i + 1] * b[i + 1];
                    s2 += a[i + 2] * b[i + 2];
                    s3 += a[i + 3] * b[i + 3];
                }
                for (; i < m; i++) {
                    s0 += a[i] * b[i];
                }
            }
            return (s0 + s1) + (s2 + s3);
        }
    }
}
