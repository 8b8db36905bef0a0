package com.fxdesk.slv.regression;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * RBF and partition-of-unity RBF networks (SPEC.md section 5, the paper's section 3.2).
 *
 * <p>Units: centres min x, max x and a seeded random subset of the other samples, M_N in all: the configured M up to
 * N_u = 2,048 samples (the paper's particle count), M·(N/N_u)^{1/5} beyond, rounded, never grown past 256 units
 * ({@link #effectiveUnits}; 87 for M = 40 at 100,000 particles); beyond N_u the inner centres are at equally spaced
 * quantiles of x instead of random samples ({@link #quantileCentres}; the seed then plays no part). Widths: KNN
 * h_j = α·(distance from c_j to its k-th nearest other centre) or GLOBAL h = α·mean_j of those distances.
 * Pruning (Θ &gt; 0): in increasing x, unit j is dropped when its distance to the nearest kept unit (or to max x)
 * is below Θ·h_j; of a close pair one unit survives, min and max are never dropped; widths are then recomputed on
 * the kept units. Basis φ_j(x) = K((x − c_j)/h_j); PURBF uses b_j = φ_j / Σ_k φ_k, RBF b_j = φ_j.
 *
 * <p>Ridge, made scale-free: f(x) = ȳ + Σ_j w_j b_j(x) with w = argmin Σ_i (y_i − ȳ − Σ_j w_j b_j(x_i))² + Λ‖w‖², i.e.
 * the penalty shrinks toward the sample mean for RBF; PURBF (Σ b_j = 1, so a constant is reproduced exactly) shrinks
 * w toward a local pilot instead, ‖w − w₀‖² with w₀_j = pilot(c_j) − ȳ ({@link #pilotAtCentres}). The
 * solution is linear in y, so the scale of y never matters; Λ is measured against the normal matrix and N:
 * <pre>Λ = λ_eff · tr(BᵀB)/M,   λ_eff = max(λ · N_ref/N, 1e-6),   N_ref = 512.</pre>
 * Because tr(BᵀB) ≈ N·β̄ (β̄ = mean over samples of Σ_j b_j(x_i)², at most 1), Λ ≈ λ·N_ref·β̄/M does not depend on
 * N: the prior is worth a fixed λ·N_ref·β̄/M (at most ≈ 2.6 for λ = 0.2, M = 40) pseudo-observations per unit, as in
 * Bayesian ridge, so its relative weight falls like 1/N and the fit stays consistent as N grows (a fixed relative λ
 * over-smooths at N = 100,000, see research-notes.md; there this rule gives λ_eff ≈ 0.001). Why N_ref = 512 and not
 * the paper's 2,048 (where λ applied as given, ≈ 10 pseudo-observations per unit): the prior's only job is to hold the
 * few-sample wing units; 2,048 particles over ≤ 40 units is about 50 samples per unit on average and fewer in the
 * wings, so 10 pseudo-observations at the pilot were a large share of a wing unit's value. At the calibration's 2,048 particles that pull was a
 * seed-independent error in the 10Δ wings of the high vol-of-vol markets (USDTRY, the USDJPY grid: the mean error
 * over 20 seeds was 12 bp RMS over the points against 5 bp for 100,000 particles on the same grid) that shrinks with
 * λ_eff while the noise barely moves, since the pilot's own noise came in with the prior
 * (docs/calibration-quality.md 2.4). The floor 1e-6 keeps the Cholesky factorisation well-posed for λ = 0 (unregularised networks can otherwise blow up). Tried and rejected in the accuracy study:
 * scaling Λ per unit by its own diagonal, penalising differences of neighbouring weights, and shrinking toward an
 * unpenalised linear or quadratic trend instead of the mean (better or worse depending on the tail shape).
 *
 * <p>Why the units grow with N: with a fixed M the network's resolution is fixed while its noise falls like 1/N, so
 * at 100,000 particles the fit is all approximation bias, and the ridge (worth a fixed count of pseudo-observations
 * per unit, see above) no longer hides it. On the crisis skew (usdjpy-2008-10-24-crisis-wide) E[V | S] of the peaked
 * 6M–3Y clouds has features a few hundredths of ln S wide (a ridge of high V just below the forward, a trough at it,
 * a steep put wing); 40 random centres, of which pruning keeps about half, put 2–3 units across them, and the least
 * squares fit rang: 20–60 % off binned means of 1,000 particles, up to 8 of their standard errors, L off by half
 * that, and the round trip got worse with more particles (docs/calibration-quality.md 9.3). N^{1/5} is the rate at
 * which a local-constant smoother's bandwidth should shrink (bias O(h²), variance O(1/(N h))); at 2,048 samples and
 * below nothing changes. Measured on the replayed crisis clouds (fit on half the particles, compared with bins of the
 * other half): the mean of z² over the bins 5.8 → 1.4, where 70–120 units all give 1.4–1.5; a floor on λ_eff made it
 * worse (the pilot is coarser than the fit). Quantile-placed centres add little to that average (1.43 → 1.40) but
 * took the worst of five seeds' round trips on that market from 6.45 to 4.92 bp RMS (five-seed mean 5.10 → 4.71; docs/calibration-quality.md 9.4).
 *
 * <p>Cost: BᵀB is accumulated point by point over the units whose (truncated) support covers the point, found by
 * binary search in prefix-max/suffix-min arrays of the support edges; never an N×M matrix. For large N the
 * samples are first linearly binned onto nodes spaced ≤ min_j h_j / 8 (one O(N) pass) and the nodes carry the
 * weights, whichever gives fewer points; on those equally spaced nodes the Gaussian basis is built unit by unit by an
 * exact recurrence and BᵀB by dot products over overlapping runs ({@code normalEquationsOnNodes}). Weights by a dense
 * Cholesky (M ≤ a few hundred); the 2-norm condition
 * number of BᵀB + ΛI comes from power and inverse power iteration.
 */
final class RbfEstimator implements ConditionalExpectationEstimator {
    /** λ_eff = λ at this N (see the class comment for why it is a quarter of the paper's 2,048 particles). */
    static final int REFERENCE_N = 512;
    static final double MIN_LAMBDA = 1e-6;
    /**
     * Nodes per narrowest width for the binned normal equations: linear binning moves a sample by at most δ = h/8,
     * which changes BᵀB by O((δ/h)²); 16 per width cost 2–5× the time of the normal equations once the units grow
     * with N, and 8 (or 4) moved the study fits (PurbfSynth, 2,048 and 100,000 samples) in their fourth digit at most.
     */
    private static final int NODES_PER_WIDTH = 8;
    /** The configured units apply up to this many samples and grow like N^{1/5} beyond (class comment). */
    static final int UNITS_REFERENCE_N = 2048;
    /** Growth with N stops here (a larger configured M is used as given): bounds the Cholesky's cost. */
    static final int MAX_GROWN_UNITS = 256;
    /**
     * The pilot is computed on every ⌊N / PILOT_SAMPLE⌋-th sample (the particles are exchangeable): all of them up to
     * 32,767, about 16,400 beyond, where the prior is a few pseudo-observations per unit against hundreds of samples and
     * the pilot's own noise no longer matters (at 2,048 samples nothing changes).
     */
    static final int PILOT_SAMPLE = 16_384;
    /** Equal-width cells of the histogram the quantile centres are read from (beyond 2,048 samples). */
    static final int QUANTILE_CELLS = 4096;

    /** Equal-count bins of the PURBF shrinkage target: about N^{1/3}, at least this many. */
    static final int MIN_PILOT_BINS = BinnedMeans.MIN_BINS;

    private final EstimatorConfig config;
    private final boolean partitionOfUnity;
    private final boolean localTarget;

    RbfEstimator(EstimatorConfig config) {
        this(config, config.type() == EstimatorType.PURBF);
    }

    /** @param localTarget shrink PURBF weights toward the local pilot (true) or toward the sample mean (false) */
    RbfEstimator(EstimatorConfig config, boolean localTarget) {
        if (config.type() != EstimatorType.RBF && config.type() != EstimatorType.PURBF) {
            throw new IllegalArgumentException("not an RBF network: " + config.type());
        }
        this.config = config;
        this.partitionOfUnity = config.type() == EstimatorType.PURBF;
        this.localTarget = localTarget && partitionOfUnity;
    }

    /** M_N: units before pruning for n samples (see the class comment), at most n. */
    static int effectiveUnits(int units, int n) {
        if (n <= UNITS_REFERENCE_N || units >= MAX_GROWN_UNITS) {
            return Math.min(units, n);
        }
        long grown = Math.round(units * StrictMath.pow((double) n / UNITS_REFERENCE_N, 0.2));
        return (int) Math.min(n, Math.max(units, Math.min(grown, MAX_GROWN_UNITS)));
    }

    /** λ_eff for N samples (see the class comment). */
    static double effectiveLambda(double lambda, int n) {
        return Math.max(lambda * REFERENCE_N / n, MIN_LAMBDA);
    }

    @Override
    public RegressionFit fit(double[] x, double[] y, int n) {
        long t0 = System.nanoTime();
        SampleStats st = SampleStats.of(x, y, n);
        if (n == 1 || st.maxX <= st.minX) {
            return constantFit(st, t0);
        }
        Units units = units(x, n, st);
        DesignPoints points = designPoints(x, y, n, st, units.widths);
        int m = units.size();
        double[] ata = new double[m * m];
        double[] rhs = new double[m];
        double trace = normalEquations(units, points, st.meanY, ata, rhs);
        Ridge ridge = factorise(ata, m, trace, effectiveLambda(config.lambda(), n));
        if (localTarget) {
            // shrink toward the pilot, not the mean: w = (BᵀB + ΛI)⁻¹ (Bᵀ(y − ȳ) + Λ w₀), w₀_j = pilot(c_j) − ȳ
            double[] target = pilotAtCentres(x, y, n, st, units.centres);
            for (int j = 0; j < m; j++) {
                rhs[j] += ridge.diagonal[j] * (target[j] - st.meanY);
            }
        }
        double[] weights = Dense.solve(ridge.chol, m, rhs);
        // the condition number is a diagnostic: estimated when the diagnostics are first read, not for a fit whose
        // diagnostics nobody reads (the calibration's companion fit, one of two fits per regression below 10,000
        // particles); the same power iterations on the same matrices, so the same value
        return new RbfFit(units, config.kernel(), weights, st.meanY, partitionOfUnity, config.floor(),
                diagnostics(units.widths, ridge.lambdaEff, Double.NaN, t0),
                () -> Dense.conditionNumber(ata, m, ridge.diagonal, ridge.chol));
    }

    /** One distinct x (or one sample): the mean, flat. */
    private RegressionFit constantFit(SampleStats st, long t0) {
        RegressionDiagnostics d = new RegressionDiagnostics(config.type().name(), Double.NaN, 1, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, -1, 0, micros(t0));
        return new PiecewiseLinearFit(new double[] {st.minX}, new double[] {st.meanY}, null, config.floor(), d);
    }

    /** Centres and widths by the configured rules, pruned when Θ &gt; 0 (widths then recomputed on the kept units). */
    private Units units(double[] x, int n, SampleStats st) {
        double range = st.maxX - st.minX;
        double[] centres = chooseCentres(x, n, st);
        double[] widths = widths(centres, centres.length, range);
        if (config.pruning().theta() > 0.0) {
            int kept = prune(centres, widths, config.pruning().theta());
            centres = Arrays.copyOf(centres, kept);
            widths = widths(centres, kept, range);
        }
        return new Units(centres, widths, config.kernel().radius());
    }

    /**
     * Where B is evaluated: x at its points, with weights w (null: each point counts once) and y (at a node: the
     * weighted sum of the samples binned onto it).
     */
    private record DesignPoints(double[] x, double[] w, double[] y, int size) {
    }

    /** The samples themselves, or their linear binning onto nodes ≤ min_j h_j / 8 apart when that is fewer points. */
    private static DesignPoints designPoints(double[] x, double[] y, int n, SampleStats st, double[] widths) {
        double minWidth = Double.POSITIVE_INFINITY;
        for (double h : widths) {
            minWidth = Math.min(minWidth, h);
        }
        int nodes = NodeGrid.nodesFor(st.minX, st.maxX, minWidth / NODES_PER_WIDTH);
        if (n <= nodes) {
            return new DesignPoints(x, null, y, n);
        }
        NodeGrid g = NodeGrid.bin(x, y, n, st.minX, st.maxX, nodes, false);
        double[] px = new double[g.size];
        for (int i = 0; i < g.size; i++) {
            px[i] = g.node(i);
        }
        return new DesignPoints(px, g.w, g.y, g.size);
    }

    /**
     * Accumulates BᵀB (both triangles) into {@code ata} and Bᵀ(y − ȳ) into {@code rhs}; returns tr(BᵀB). Binned
     * points under the Gaussian kernel take the exact recurrence on the equally spaced nodes.
     */
    private double normalEquations(Units units, DesignPoints pts, double meanY, double[] ata, double[] rhs) {
        int m = units.size();
        if (pts.w() != null && config.kernel() == Kernel.GAUSSIAN) {
            normalEquationsOnNodes(units, pts.x(), pts.w(), pts.y(), pts.size(), meanY, partitionOfUnity, ata, rhs);
        } else {
            accumulatePointByPoint(units, pts, meanY, ata, rhs);
        }
        double trace = 0.0;
        for (int j = 0; j < m; j++) {
            trace += ata[j * m + j];
            for (int k = j + 1; k < m; k++) {
                ata[k * m + j] = ata[j * m + k];
            }
        }
        return trace;
    }

    /** The upper triangle of BᵀB and Bᵀ(y − ȳ), point by point over the units whose support covers the point. */
    private void accumulatePointByPoint(Units units, DesignPoints pts, double meanY, double[] ata, double[] rhs) {
        int m = units.size();
        Kernel kernel = config.kernel();
        double[] phi = new double[m];
        double[] px = pts.x();
        double[] pw = pts.w();
        double[] py = pts.y();
        for (int p = 0; p < pts.size(); p++) {
            double wp = pw == null ? 1.0 : pw[p];
            if (wp == 0.0) {
                continue;
            }
            int lo = units.first(px[p]);
            int hi = units.last(px[p]);
            if (!basis(units, kernel, px[p], lo, hi, phi)) {
                lo = hi = units.nearest(px[p]);
                phi[lo] = partitionOfUnity ? 1.0 : 0.0;
            }
            double yc = py[p] - meanY * wp; // Σ w·(y − ȳ) at the point
            for (int j = lo; j <= hi; j++) {
                double bj = phi[j];
                if (bj == 0.0) {
                    continue;
                }
                rhs[j] += yc * bj;
                double wbj = wp * bj;
                int row = j * m;
                for (int k = j; k <= hi; k++) {
                    ata[row + k] += wbj * phi[k];
                }
            }
        }
    }

    /** The Cholesky factor of BᵀB + ΛI, its diagonal ΛI, and the λ_eff that made it positive definite. */
    private record Ridge(double[] chol, double[] diagonal, double lambdaEff) {
    }

    /** Λ = λ_eff·tr(BᵀB)/M; when rounding leaves the matrix indefinite, λ_eff ×10 (up to 8 tries), reported as used. */
    private static Ridge factorise(double[] ata, int m, double trace, double lambdaEff) {
        double[] ridge = new double[m];
        double[] chol = null;
        for (int attempt = 0; attempt < 8 && chol == null; attempt++) {
            Arrays.fill(ridge, lambdaEff * Math.max(trace / m, Double.MIN_NORMAL));
            chol = Dense.cholesky(ata, m, ridge);
            if (chol == null) {
                lambdaEff *= 10.0;
            }
        }
        if (chol == null) {
            throw new IllegalStateException("RBF normal equations are not positive definite");
        }
        return new Ridge(chol, ridge, lambdaEff);
    }

    private RegressionDiagnostics diagnostics(double[] widths, double lambdaEff, double cond, long t0) {
        double meanWidth = 0.0;
        for (double h : widths) {
            meanWidth += h;
        }
        meanWidth /= widths.length;
        double globalWidth = config.width().rule() == WidthRule.GLOBAL ? widths[0] : Double.NaN;
        return new RegressionDiagnostics(config.type().name(), globalWidth, widths.length, meanWidth, lambdaEff, cond,
                Double.NaN, -1, 0, micros(t0));
    }

    /**
     * The shrinkage target of PURBF at the centres: means of y over about N^{1/3} bins of equal count in x (N: the
     * samples taken, every ⌊n / PILOT_SAMPLE⌋-th)
     * (merged from equal-width cells), linear in x between the bins' mean x, flat beyond. A PURBF weight is the
     * fitted value near its centre, so shrinking it toward a local mean rather than the global one keeps the sparse
     * wings from being pulled toward the centre of the cloud (with the global mean the 2,048-particle fit in the
     * wing of a strongly skewed cloud was biased by the ridge, not by noise).
     */
    static double[] pilotAtCentres(double[] x, double[] y, int n, SampleStats st, double[] centres) {
        double[] out = new double[centres.length];
        BinnedMeans.at(x, y, n, Math.max(1, n / PILOT_SAMPLE), st.minX, st.maxX, centres, out);
        return out;
    }

    /** Gaussian recurrence re-anchored with exp every this many nodes: rounding drift stays below 1e-13 relative. */
    static final int ANCHOR = 64;
    static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    /**
     * BᵀWB (upper triangle) and Bᵀ(Wy − ȳw) for the Gaussian basis on the binned nodes x_p = x_0 + pδ, column by
     * column: unit j is nonzero on one run of nodes (|u| ≤ R, u = (x − c_j)/h_j, the same truncation as
     * {@link Kernel#GAUSSIAN}), where e^{−u²/2} follows the exact recurrence E_{p+1} = E_p R_p, R_{p+1} = R_p e^{−d²}
     * (d = δ/h_j), two multiplications instead of an exp; the partition of unity divides by the per-node sums; every
     * entry of BᵀWB is then a dot product over the overlap of two runs with four partial sums. Contiguous,
     * independent loops where the per-point form does an exp, two binary searches and short strided rank-one updates.
     */
    static void normalEquationsOnNodes(Units units, double[] px, double[] pw, double[] py, int points, double meanY,
                                       boolean partitionOfUnity, double[] ata, double[] rhs) {
        int m = units.size();
        double radius = Kernel.GAUSSIAN.radius();
        double x0 = px[0];
        double delta = points > 1 ? px[1] - px[0] : 1.0;
        double[] sum = new double[points];
        int[] runFrom = new int[m];
        int[] runTo = new int[m];
        // unit j's run of nodes is stored at b[start[j] − runFrom[j] + p], p in [runFrom[j], runTo[j]]: only the runs,
        // not an M × points matrix that is mostly zeros to allocate and clear (2,048 particles: about 20 units on
        // about 250 nodes per fit, twice per regression below 10,000 particles)
        int[] start = new int[m + 1];
        for (int j = 0; j < m; j++) {
            double c = units.centres[j];
            double h = units.widths[j];
            int from = (int) Math.max(0, Math.ceil((c - radius * h - x0) / delta) - 1);
            int to = (int) Math.min(points - 1, Math.floor((c + radius * h - x0) / delta) + 1);
            while (from <= to && !(Math.abs((px[from] - c) / h) <= radius)) {
                from++;
            }
            while (to >= from && !(Math.abs((px[to] - c) / h) <= radius)) {
                to--;
            }
            runFrom[j] = from;
            runTo[j] = to;
            start[j + 1] = start[j] + Math.max(0, to - from + 1);
        }
        double[] b = new double[start[m]];
        for (int j = 0; j < m; j++) {
            int from = runFrom[j];
            int to = runTo[j];
            if (from > to) {
                continue;
            }
            double c = units.centres[j];
            double h = units.widths[j];
            double d = delta / h;
            double q = Math.exp(-d * d);
            int o = start[j] - from;
            double e = 0.0;
            double r = 0.0;
            for (int p = from; p <= to; p++) {
                if ((p - from) % ANCHOR == 0) {
                    double u = (px[p] - c) / h;
                    e = Math.exp(-0.5 * u * u);
                    r = Math.exp(-u * d - 0.5 * d * d);
                }
                double phi = INV_SQRT_2PI * e;
                b[o + p] = phi;
                sum[p] += phi;
                e *= r;
                r *= q;
            }
        }
        for (int p = 0; p < points; p++) {
            if (!(sum[p] > 0.0) && pw[p] != 0.0) {
                // no unit covers the node: as in basis(), the nearest unit takes it (weight 1 for PURBF)
                int j = units.nearest(px[p]);
                if (partitionOfUnity) {
                    ata[j * m + j] += pw[p];
                    rhs[j] += py[p] - meanY * pw[p];
                }
            }
        }
        double[] yc = new double[points];
        for (int p = 0; p < points; p++) {
            yc[p] = py[p] - meanY * pw[p]; // Σ w·(y − ȳ) at the node
            sum[p] = partitionOfUnity && sum[p] > 0.0 ? 1.0 / sum[p] : 1.0;
        }
        // wb = w·b_j per node: each entry of BᵀWB below is Σ (w b_j) b_k, the product (w·b_j)·b_k of the plain form
        // w·b_j·b_k evaluated left to right, so the same bits for one multiplication and one load less per term
        double[] wb = new double[start[m]];
        for (int j = 0; j < m; j++) {
            int o = start[j] - runFrom[j];
            double acc = 0.0;
            for (int p = runFrom[j]; p <= runTo[j]; p++) {
                double bj = b[o + p] * sum[p];
                b[o + p] = bj;
                wb[o + p] = pw[p] * bj;
                acc += yc[p] * bj;
            }
            rhs[j] += acc;
        }
        gram(m, runFrom, runTo, start, wb, b, ata);
    }

    /**
     * ata[j·m + k] += Σ_p wb_j(p) b_k(p) over the overlap of the runs of units j ≤ k, in four partial sums. A method
     * of its own: inlined in the long method above, C2 compiled this loop to about 1.2–1.5 × the time per term
     * (2,048 particles: about 30,000 terms per fit, ~20 units on ~250 nodes; FitReplayTiming-style replay, same bits).
     */
    private static void gram(int m, int[] runFrom, int[] runTo, int[] start, double[] wb, double[] b, double[] ata) {
        for (int j = 0; j < m; j++) {
            int oj = start[j] - runFrom[j];
            for (int k = j; k < m; k++) {
                int from = Math.max(runFrom[j], runFrom[k]);
                int to = Math.min(runTo[j], runTo[k]);
                if (from > to) {
                    continue;
                }
                int ok = start[k] - runFrom[k];
                double s0 = 0.0;
                double s1 = 0.0;
                double s2 = 0.0;
                double s3 = 0.0;
                int p = from;
                for (; p + 3 <= to; p += 4) {
                    s0 += wb[oj + p] * b[ok + p];
                    s1 += wb[oj + p + 1] * b[ok + p + 1];
                    s2 += wb[oj + p + 2] * b[ok + p + 2];
                    s3 += wb[oj + p + 3] * b[ok + p + 3];
                }
                for (; p <= to; p++) {
                    s0 += wb[oj + p] * b[ok + p];
                }
                ata[j * m + k] += (s0 + s1) + (s2 + s3);
            }
        }
    }

    /**
     * Basis values over units lo..hi into phi (normalised for PURBF); false when no unit covers x (possible with
     * compact kernels), in which case phi is left for the caller to set.
     */
    static boolean basis(Units u, Kernel kernel, double x, int lo, int hi, double[] phi, boolean pu) {
        double sum = 0.0;
        for (int j = lo; j <= hi; j++) {
            double v = kernel.value((x - u.centres[j]) / u.widths[j]);
            phi[j] = v;
            sum += v;
        }
        if (!(sum > 0.0)) {
            for (int j = lo; j <= hi; j++) {
                phi[j] = 0.0;
            }
            return false;
        }
        if (pu) {
            double inv = 1.0 / sum;
            for (int j = lo; j <= hi; j++) {
                phi[j] *= inv;
            }
        }
        return true;
    }

    private boolean basis(Units u, Kernel kernel, double x, int lo, int hi, double[] phi) {
        return basis(u, kernel, x, lo, hi, phi, partitionOfUnity);
    }

    /**
     * min x, max x, then distinct random sample indices until M_N centres (all samples if N ≤ M_N), sorted; beyond
     * {@link #UNITS_REFERENCE_N} samples the M_N − 2 inner centres are at quantiles instead ({@link #quantileCentres}).
     */
    private double[] chooseCentres(double[] x, int n, SampleStats st) {
        int m = effectiveUnits(config.units(), n);
        if (n > UNITS_REFERENCE_N && m < n) {
            return quantileCentres(x, n, st, m);
        }
        double[] c = new double[m];
        if (m == n) {
            System.arraycopy(x, 0, c, 0, n);
            Arrays.sort(c);
            return c;
        }
        int[] picked = new int[m];
        picked[0] = st.iMin;
        picked[1] = st.iMax;
        int count = 2;
        SplittableRandom rnd = new SplittableRandom(config.seed());
        while (count < m) {
            int i = rnd.nextInt(n);
            boolean dup = false;
            for (int j = 0; j < count && !dup; j++) {
                dup = picked[j] == i;
            }
            if (!dup) {
                picked[count++] = i;
            }
        }
        for (int j = 0; j < m; j++) {
            c[j] = x[picked[j]];
        }
        Arrays.sort(c);
        return c;
    }

    /**
     * min x, max x and m − 2 centres at the levels j/(m − 1), j = 1 … m − 2, of the distribution of every
     * ⌊n / PILOT_SAMPLE⌋-th sample: a histogram of {@link #QUANTILE_CELLS} equal-width cells over [min x, max x],
     * linear within a cell; nondecreasing. Why not random samples beyond 2,048: a random draw clumps (pruning then
     * drops about half of the units) and leaves gaps of several spacings, which at 100,000 particles decide where the
     * fit can follow E[V | S]; quantiles space the units evenly by count (crisis-wide 100,000 particles, seed 1: the
     * 6M–1Y put wing, where a trough of E[V | S] lies between the ridge below the forward and the steep wing, 6.45 →
     * 4.92 bp RMS over the round trip; docs/calibration-quality.md 9.4).
     */
    static double[] quantileCentres(double[] x, int n, SampleStats st, int m) {
        int stride = Math.max(1, n / PILOT_SAMPLE);
        double[] cells = new double[QUANTILE_CELLS];
        double scale = QUANTILE_CELLS / (st.maxX - st.minX);
        int count = 0;
        for (int i = 0; i < n; i += stride) {
            int c = (int) ((x[i] - st.minX) * scale);
            cells[c < 0 ? 0 : Math.min(QUANTILE_CELLS - 1, c)]++;
            count++;
        }
        double[] out = new double[m];
        out[0] = st.minX;
        out[m - 1] = st.maxX;
        int c = 0;
        double below = 0.0; // samples in the cells before c
        for (int j = 1; j < m - 1; j++) {
            double level = count * (double) j / (m - 1);
            while (c < QUANTILE_CELLS - 1 && below + cells[c] < level) {
                below += cells[c];
                c++;
            }
            double u = cells[c] > 0 ? (level - below) / cells[c] : 0.5;
            out[j] = Math.min(st.maxX, st.minX + (c + Math.min(1.0, Math.max(0.0, u))) / scale);
        }
        return out;
    }

    /** Widths of the first m (sorted) centres by the configured rule; never below 1e-9 of the range. */
    private double[] widths(double[] c, int m, double range) {
        int k = Math.min(config.width().k(), m - 1);
        double alpha = config.width().scale();
        double[] h = new double[m];
        double mean = 0.0;
        for (int j = 0; j < m; j++) {
            // merge the left and right neighbour lists of c_j until the k-th nearest
            int l = j - 1;
            int r = j + 1;
            double d = 0.0;
            for (int step = 0; step < k; step++) {
                double dl = l >= 0 ? c[j] - c[l] : Double.POSITIVE_INFINITY;
                double dr = r < m ? c[r] - c[j] : Double.POSITIVE_INFINITY;
                if (dl <= dr) {
                    d = dl;
                    l--;
                } else {
                    d = dr;
                    r++;
                }
            }
            h[j] = Math.max(alpha * d, 1e-9 * range);
            mean += h[j];
        }
        if (config.width().rule() == WidthRule.GLOBAL) {
            Arrays.fill(h, mean / m);
        }
        return h;
    }

    /** Greedy pruning in increasing x (see the class comment); compacts centres and widths, returns the count. */
    static int prune(double[] c, double[] h, double theta) {
        int m = c.length;
        if (m <= 2) {
            return m;
        }
        double max = c[m - 1];
        int kept = 1;
        for (int j = 1; j < m - 1; j++) {
            double nearest = Math.min(c[j] - c[kept - 1], max - c[j]);
            if (nearest >= theta * h[j]) {
                c[kept] = c[j];
                h[kept] = h[j];
                kept++;
            }
        }
        c[kept] = max;
        h[kept] = h[m - 1];
        return kept + 1;
    }

    private static long micros(long t0) {
        return (System.nanoTime() - t0) / 1000L;
    }

    /** Sorted centres with widths, and the index arrays that find the units whose support covers x. */
    static final class Units {
        final double[] centres;
        final double[] widths;
        /** max_{i ≤ j} (c_i + R h_i), nondecreasing. */
        private final double[] prefixMaxRight;
        /** min_{i ≥ j} (c_i − R h_i), nondecreasing. */
        private final double[] suffixMinLeft;

        Units(double[] centres, double[] widths, double radius) {
            int m = centres.length;
            this.centres = centres;
            this.widths = widths;
            prefixMaxRight = new double[m];
            suffixMinLeft = new double[m];
            double run = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                run = Math.max(run, centres[j] + radius * widths[j]);
                prefixMaxRight[j] = run;
            }
            run = Double.POSITIVE_INFINITY;
            for (int j = m - 1; j >= 0; j--) {
                run = Math.min(run, centres[j] - radius * widths[j]);
                suffixMinLeft[j] = run;
            }
        }

        int size() {
            return centres.length;
        }

        /** First unit that may cover x: units before it all end left of x. */
        int first(double x) {
            int lo = 0;
            int hi = centres.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (prefixMaxRight[mid] < x) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** Last unit that may cover x: units after it all start right of x. */
        int last(double x) {
            int lo = 0;
            int hi = centres.length - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (suffixMinLeft[mid] > x) {
                    hi = mid - 1;
                } else {
                    lo = mid;
                }
            }
            return lo;
        }

        int nearest(double x) {
            int i = Arrays.binarySearch(centres, x);
            if (i >= 0) {
                return i;
            }
            int r = -i - 1;
            if (r == 0) {
                return 0;
            }
            if (r >= centres.length) {
                return centres.length - 1;
            }
            return x - centres[r - 1] <= centres[r] - x ? r - 1 : r;
        }
    }
}
