package com.fxdesk.slv.regression;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * RBF and partition-of-unity RBF networks (SPEC.md section 5, the paper's section 3.2).
 *
 * <p>Units: centres min x, max x and a seeded random subset of the other samples, M in all. Widths: KNN
 * h_j = α·(distance from c_j to its k-th nearest other centre) or GLOBAL h = α·mean_j of those distances.
 * Pruning (Θ &gt; 0): in increasing x, unit j is dropped when its distance to the nearest kept unit (or to max x)
 * is below Θ·h_j; of a close pair one unit survives, min and max are never dropped; widths are then recomputed on
 * the kept units. Basis φ_j(x) = K((x − c_j)/h_j); PURBF uses b_j = φ_j / Σ_k φ_k, RBF b_j = φ_j.
 *
 * <p>Ridge, made scale-free: f(x) = ȳ + Σ_j w_j b_j(x) with w = argmin Σ_i (y_i − ȳ − Σ_j w_j b_j(x_i))² + Λ‖w‖², i.e.
 * the penalty shrinks toward the sample mean (for PURBF, Σ b_j = 1, so a constant is reproduced exactly). The
 * solution is linear in y, so the scale of y never matters; Λ is measured against the normal matrix and N:
 * <pre>Λ = λ_eff · tr(BᵀB)/M,   λ_eff = max(λ · N_ref/N, 1e-6),   N_ref = 2,048 (the paper's particle count).</pre>
 * At N = N_ref the paper's λ is used as given (relative to the mean diagonal of BᵀB). Because tr(BᵀB) ≈ N·β̄
 * (β̄ = mean over samples of Σ_j b_j(x_i)², at most 1), Λ ≈ λ·N_ref·β̄/M does not depend on N: the prior is worth a fixed
 * λ·N_ref·β̄/M (at most ≈ 10) pseudo-observations at the mean per unit (λ = 0.2, M = 40), as in Bayesian ridge, so its relative
 * weight falls like 1/N and the fit stays consistent as N grows (a fixed relative λ over-smooths at N = 100,000, see
 * research-notes.md; there this rule gives λ_eff ≈ 0.004). The floor 1e-6 keeps the Cholesky factorisation
 * well-posed for λ = 0 (unregularised networks can otherwise blow up). Tried and rejected in the accuracy study:
 * scaling Λ per unit by its own diagonal, penalising differences of neighbouring weights, and shrinking toward an
 * unpenalised linear or quadratic trend instead of the mean (better or worse depending on the tail shape).
 *
 * <p>Cost: BᵀB is accumulated point by point over the units whose (truncated) support covers the point, found by
 * binary search in prefix-max/suffix-min arrays of the support edges; never an N×M matrix. For large N the
 * samples are first linearly binned onto nodes spaced ≤ min_j h_j / 16 (one O(N) pass) and the nodes carry the
 * weights, whichever gives fewer points. Weights by a dense Cholesky (M ≤ a few hundred); the 2-norm condition
 * number of BᵀB + ΛI comes from power and inverse power iteration.
 */
final class RbfEstimator implements ConditionalExpectationEstimator {
    static final int REFERENCE_N = 2048;
    static final double MIN_LAMBDA = 1e-6;
    private static final int NODES_PER_WIDTH = 16;

    private final EstimatorConfig config;
    private final boolean partitionOfUnity;

    RbfEstimator(EstimatorConfig config) {
        if (config.type() != EstimatorType.RBF && config.type() != EstimatorType.PURBF) {
            throw new IllegalArgumentException("not an RBF network: " + config.type());
        }
        this.config = config;
        this.partitionOfUnity = config.type() == EstimatorType.PURBF;
    }

    /** λ_eff for N samples (see the class comment). */
    static double effectiveLambda(double lambda, int n) {
        return Math.max(lambda * REFERENCE_N / n, MIN_LAMBDA);
    }

    @Override
    public RegressionFit fit(double[] x, double[] y, int n) {
        long t0 = System.nanoTime();
        SampleStats st = SampleStats.of(x, y, n);
        String name = config.type().name();
        if (n == 1 || st.maxX <= st.minX) {
            RegressionDiagnostics d = new RegressionDiagnostics(name, Double.NaN, 1, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, -1, 0, micros(t0));
            return new PiecewiseLinearFit(new double[] {st.minX}, new double[] {st.meanY}, null, config.floor(), d);
        }
        double range = st.maxX - st.minX;
        double[] centres = chooseCentres(x, n, st);
        double[] widths = widths(centres, centres.length, range);
        if (config.pruning().theta() > 0.0) {
            int kept = prune(centres, widths, config.pruning().theta());
            centres = Arrays.copyOf(centres, kept);
            widths = widths(centres, kept, range);
        }
        int m = centres.length;
        Kernel kernel = config.kernel();
        Units units = new Units(centres, widths, kernel.radius());

        // design points: the samples themselves, or their linear binning when that is fewer points
        double minWidth = Double.POSITIVE_INFINITY;
        for (double h : widths) {
            minWidth = Math.min(minWidth, h);
        }
        int nodes = NodeGrid.nodesFor(st.minX, st.maxX, minWidth / NODES_PER_WIDTH);
        double[] px;
        double[] pw;
        double[] py;
        int points;
        if (n <= nodes) {
            px = x;
            pw = null;
            py = y;
            points = n;
        } else {
            NodeGrid g = NodeGrid.bin(x, y, n, st.minX, st.maxX, nodes, false);
            px = new double[g.size];
            for (int i = 0; i < g.size; i++) {
                px[i] = g.node(i);
            }
            pw = g.w;
            py = g.y;
            points = g.size;
        }

        double[] ata = new double[m * m];
        double[] rhs = new double[m];
        double[] phi = new double[m];
        double meanY = st.meanY;
        for (int p = 0; p < points; p++) {
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
        double trace = 0.0;
        for (int j = 0; j < m; j++) {
            trace += ata[j * m + j];
            for (int k = j + 1; k < m; k++) {
                ata[k * m + j] = ata[j * m + k];
            }
        }
        double lambdaEff = effectiveLambda(config.lambda(), n);
        double[] ridge = new double[m];
        double[] chol = null;
        for (int attempt = 0; attempt < 8 && chol == null; attempt++) {
            java.util.Arrays.fill(ridge, lambdaEff * Math.max(trace / m, Double.MIN_NORMAL));
            chol = Dense.cholesky(ata, m, ridge);
            if (chol == null) {
                lambdaEff *= 10.0; // rounding made the matrix indefinite: strengthen the prior, report the λ used
            }
        }
        if (chol == null) {
            throw new IllegalStateException("RBF normal equations are not positive definite");
        }
        double[] weights = Dense.solve(chol, m, rhs);
        double cond = Dense.conditionNumber(ata, m, ridge, chol);
        double meanWidth = 0.0;
        for (double h : widths) {
            meanWidth += h;
        }
        meanWidth /= m;
        double globalWidth = config.width().rule() == WidthRule.GLOBAL ? widths[0] : Double.NaN;
        RegressionDiagnostics d = new RegressionDiagnostics(name, globalWidth, m, meanWidth, lambdaEff, cond,
                Double.NaN, -1, 0, micros(t0));
        return new RbfFit(units, kernel, weights, meanY, partitionOfUnity, config.floor(), d);
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

    /** min x, max x, then distinct random sample indices until M centres (all samples if N ≤ M), sorted. */
    private double[] chooseCentres(double[] x, int n, SampleStats st) {
        int m = Math.min(config.units(), n);
        double[] c = new double[m];
        if (m == n) {
            System.arraycopy(x, 0, c, 0, n);
            Arrays.sort(c);
            return c;
        }
        int iMin = -1;
        int iMax = -1;
        for (int i = 0; i < n && (iMin < 0 || iMax < 0); i++) {
            if (iMin < 0 && x[i] == st.minX) {
                iMin = i;
            }
            if (iMax < 0 && x[i] == st.maxX) {
                iMax = i;
            }
        }
        int[] picked = new int[m];
        picked[0] = iMin;
        picked[1] = iMax;
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
