package com.fxdesk.slv.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fxdesk.slv.regression.EstimatorConfig.Bandwidth;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KernelRegressionTest {

    private static final Bandwidth[] RULES = {Bandwidth.silverman(), Bandwidth.crossValidation(), Bandwidth.fixed(0.25)};

    static double[][] samples(int n, long seed, java.util.function.DoubleUnaryOperator f, double noise) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double z = r.nextDouble() + r.nextDouble() + r.nextDouble() - 1.5; // skew-free, bounded, peaked
            x[i] = z;
            y[i] = f.applyAsDouble(z) + noise * (r.nextDouble() - 0.5);
        }
        return new double[][] {x, y};
    }

    static double[] grid(double lo, double hi, int m) {
        double[] g = new double[m];
        for (int i = 0; i < m; i++) {
            g[i] = lo + (hi - lo) * i / (m - 1);
        }
        return g;
    }

    @ParameterizedTest
    @EnumSource(Kernel.class)
    void nadarayaWatsonReturnsAConstant(Kernel k) {
        double[][] s = samples(3000, 1, x -> 0.0123, 0.0);
        for (Bandwidth b : RULES) {
            RegressionFit fit = Estimators.create(EstimatorConfig.of(EstimatorType.NADARAYA_WATSON).withKernel(k)
                    .withBandwidth(b)).fit(s[0], s[1], s.length == 0 ? 0 : s[0].length);
            double[] g = grid(-2, 2, 101);
            double[] out = new double[g.length];
            fit.values(g, out, g.length);
            for (double v : out) {
                assertEquals(0.0123, v, 1e-14, k + " " + b.rule());
            }
            assertEquals(0.0123, fit.value(0.3), 1e-14);
        }
    }

    @ParameterizedTest
    @EnumSource(Kernel.class)
    void localLinearReproducesALine(Kernel k) {
        double[][] s = samples(2048, 2, x -> 5.0 + 2.0 * x, 0.0);
        for (Bandwidth b : RULES) {
            RegressionFit fit = Estimators.create(EstimatorConfig.of(EstimatorType.LOCAL_LINEAR).withKernel(k)
                    .withBandwidth(b)).fit(s[0], s[1], 2048);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double v : s[0]) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            double[] g = grid(lo, hi, 200);
            double[] out = new double[g.length];
            fit.values(g, out, g.length);
            for (int i = 0; i < g.length; i++) {
                assertEquals(5.0 + 2.0 * g[i], out[i], 1e-10, k + " " + b.rule() + " at " + g[i]);
            }
            assertEquals(0.0, fit.diagnostics().floored());
        }
    }

    /**
     * The binned evaluation against a direct O(N·n) sum: the binning error (y of order 1, noise ±0.2) must be far
     * below the sampling error. Kernels with a kink at |u| = 1 (quartic less so) are the hardest case.
     */
    @ParameterizedTest
    @EnumSource(Kernel.class)
    void binnedSumsMatchDirectSums(Kernel k) {
        double[][] s = samples(1500, 3, x -> 1.0 + Math.sin(3 * x), 0.4);
        double h = 0.15;
        for (EstimatorType type : new EstimatorType[] {EstimatorType.NADARAYA_WATSON, EstimatorType.LOCAL_LINEAR}) {
            RegressionFit fit = Estimators.create(EstimatorConfig.of(type).withKernel(k)
                    .withBandwidth(Bandwidth.fixed(h))).fit(s[0], s[1], 1500);
            for (double x0 : grid(-1.0, 1.0, 41)) {
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double t0 = 0;
                double t1 = 0;
                for (int i = 0; i < 1500; i++) {
                    double d = s[0][i] - x0;
                    double w = k.value(d / h);
                    s0 += w;
                    s1 += w * d;
                    s2 += w * d * d;
                    t0 += w * s[1][i];
                    t1 += w * d * s[1][i];
                }
                double direct = type == EstimatorType.NADARAYA_WATSON ? t0 / s0 : (s2 * t0 - s1 * t1) / (s0 * s2 - s1 * s1);
                assertEquals(direct, fit.value(x0), 1e-3, type + " " + k + " at " + x0);
            }
        }
    }

    @Test
    void crossValidationPrefersWiderBandwidthForSmootherTruth() {
        for (EstimatorType type : new EstimatorType[] {EstimatorType.NADARAYA_WATSON, EstimatorType.LOCAL_LINEAR}) {
            for (Kernel k : new Kernel[] {Kernel.GAUSSIAN, Kernel.EPANECHNIKOV}) {
                EstimatorConfig cfg = EstimatorConfig.of(type).withKernel(k).withBandwidth(Bandwidth.crossValidation());
                double[][] smooth = samples(2048, 4, x -> 1.0 + 0.3 * x, 0.5);
                double[][] wiggly = samples(2048, 4, x -> 1.0 + 0.3 * Math.sin(12 * x), 0.5);
                RegressionFit fs = Estimators.create(cfg).fit(smooth[0], smooth[1], 2048);
                RegressionFit fw = Estimators.create(cfg).fit(wiggly[0], wiggly[1], 2048);
                double hs = fs.diagnostics().bandwidth();
                double hw = fw.diagnostics().bandwidth();
                assertTrue(hs > 1.5 * hw, type + " " + k + ": smooth h " + hs + " vs wiggly h " + hw);
                assertTrue(fs.diagnostics().cvScore() > 0 && Double.isFinite(fw.diagnostics().cvScore()));
            }
        }
    }

    @Test
    void silvermanBandwidthFollowsTheRule() {
        double[][] s = samples(4000, 5, x -> 1.0, 0.0);
        RegressionFit fit = Estimators.create(EstimatorConfig.of(EstimatorType.NADARAYA_WATSON)).fit(s[0], s[1], 4000);
        SampleStats st = SampleStats.of(s[0], s[1], 4000);
        double iqr = SampleStats.quantileSelect(s[0], 4000, 0.75) - SampleStats.quantileSelect(s[0], 4000, 0.25);
        double sigma = Math.min(st.stdX, iqr / 1.34);
        assertEquals(Math.pow(4 * Math.pow(sigma, 5) / (3 * 4000), 0.2), fit.diagnostics().bandwidth(), 1e-15);
        double[] sorted = s[0].clone();
        java.util.Arrays.sort(sorted);
        double h = 0.75 * 3999;
        int k = (int) h;
        assertEquals(sorted[k] + (h - k) * (sorted[k + 1] - sorted[k]), SampleStats.quantileSelect(s[0], 4000, 0.75), 1e-15);
    }

    @Test
    void outputsAreFlooredAndCounted() {
        double[][] s = samples(1000, 6, x -> x < 0 ? -1.0 : 1.0, 0.0);
        for (EstimatorType t : EstimatorType.values()) {
            RegressionFit fit = Estimators.create(EstimatorConfig.of(t).withFloor(1e-6)).fit(s[0], s[1], 1000);
            double[] g = grid(-1.5, 1.5, 50);
            double[] out = new double[50];
            fit.values(g, out, 50);
            assertEquals(1e-6, out[0], 0.0, t.name());
            assertTrue(fit.diagnostics().floored() > 10, t.name());
            for (double v : out) {
                assertTrue(v >= 1e-6);
            }
        }
    }

    /** The binned O(N + nodes·window) leave-one-out score against the exact O(N²) one. */
    @Test
    void binnedLeaveOneOutMatchesExact() {
        int n = 800;
        double[][] s = samples(n, 7, x -> 1.0 + Math.sin(3 * x), 0.4);
        SampleStats st = SampleStats.of(s[0], s[1], n);
        for (EstimatorType type : new EstimatorType[] {EstimatorType.NADARAYA_WATSON, EstimatorType.LOCAL_LINEAR}) {
            for (Kernel k : new Kernel[] {Kernel.GAUSSIAN, Kernel.EPANECHNIKOV}) {
                KernelRegressionEstimator est = new KernelRegressionEstimator(EstimatorConfig.of(type).withKernel(k));
                for (double h : new double[] {0.08, 0.2, 0.5}) {
                    double sse = 0;
                    for (int i = 0; i < n; i++) {
                        double s0 = 0, s1 = 0, s2 = 0, t0 = 0, t1 = 0;
                        for (int j = 0; j < n; j++) {
                            if (j == i) {
                                continue;
                            }
                            double d = s[0][j] - s[0][i];
                            double w = k.value(d / h);
                            s0 += w;
                            s1 += w * d;
                            s2 += w * d * d;
                            t0 += w * s[1][j];
                            t1 += w * d * s[1][j];
                        }
                        double m = type == EstimatorType.NADARAYA_WATSON || s0 * s2 - s1 * s1 <= 1e-8 * s0 * s2
                                ? t0 / s0 : (s2 * t0 - s1 * t1) / (s0 * s2 - s1 * s1);
                        if (!(s0 > 0)) {
                            m = st.meanY; // an isolated sample: the implementation predicts the mean too
                        }
                        sse += (s[1][i] - m) * (s[1][i] - m);
                    }
                    double exact = sse / n;
                    assertEquals(exact, est.looScore(s[0], s[1], n, st, h), 0.01 * exact, type + " " + k + " h=" + h);
                }
            }
        }
    }
}
