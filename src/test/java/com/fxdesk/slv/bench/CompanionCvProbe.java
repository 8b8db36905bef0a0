package com.fxdesk.slv.bench;

import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Market;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Repricing;
import com.fxdesk.slv.calibration.SlvCalibrationResult;
import com.fxdesk.slv.calibration.SlvCalibrator;
import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.model.LeverageFunction;
import com.fxdesk.slv.model.SlvStep;
import com.fxdesk.slv.random.RandomStreams;
import com.fxdesk.slv.random.ZigguratNormals;
import com.fxdesk.slv.regression.ConditionalExpectationEstimator;
import com.fxdesk.slv.regression.EstimatorConfig;
import com.fxdesk.slv.regression.Estimators;
import com.fxdesk.slv.regression.RegressionFit;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * Probe for a Heston-companion control variate of the particle regression E[V | S] (wip/noise). A 100,000-particle
 * calibration gives a smooth leverage L; with L frozen, clouds of N particles (seeds 1..S) move with the SLV step and,
 * on the same V path and normals, a pure-Heston companion (L ≡ 1). At a few times the estimator fits m̂ on (X, V)
 * and m̂_H on (X^H, V); a reference cloud (Nref particles) gives m and m_H. Per time and level (quantiles of the
 * reference SLV cloud): sd over seeds of m̂, of the level-controlled m̂·g/V̄, and of the control-variate forms
 * m̂ − β(m̂_H(s′) − m_H(s′)) with s′ = s or matched by quantile, β = 1 or the seeds' optimum.
 *
 * <p>Args: market filter (usdtry), seeds (40), N (2048), Nref (400000).
 */
public final class CompanionCvProbe {

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        String filter = args.length > 0 ? args[0] : "usdtry";
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 2048;
        int nRef = args.length > 3 ? Integer.parseInt(args[3]) : 400_000;
        String market = null;
        for (String mk : EstimatorSeedStudy.markets()) {
            if (mk.contains(filter)) {
                market = mk;
                break;
            }
        }
        long w0 = System.nanoTime();
        SlvSetups s = SlvSetups.toFiveYearsOrLastExpiry(market);
        double mat = SlvSetups.horizon(s.surface());
        SlvCalibrationInput base = SlvCalibrationInput.of(new Market(s.data().fx(), s.localVol(), s.surface(),
                s.surface().expiries(), mat), s.heston(), Estimators.paperDefault()).withRepricing(Repricing.disabled());
        ForkJoinPool pool = new ForkJoinPool(1);
        SlvCalibrationResult big = new SlvCalibrator(pool).calibrate(
                base.withParticles(base.particles().withCount(100_000).withSeed(1)), null, null);
        pool.shutdown();
        LeverageFunction lev = big.leverage();
        double[] times = big.propagationTimes();
        HestonParameters mixed = big.mixedHeston();
        FxMarket fx = s.data().fx();
        double[] probeT = {1 / 12.0, 0.25, 1.0, 2.0, Math.min(5.0, mat)};
        int[] probeJ = new int[probeT.length];
        for (int p = 0; p < probeT.length; p++) {
            int best = 1;
            for (int j = 1; j < times.length; j++) {
                if (Math.abs(times[j] - probeT[p]) < Math.abs(times[best] - probeT[p])) {
                    best = j;
                }
            }
            probeJ[p] = best;
        }
        double[] q = {0.01, 0.03, 0.1, 0.25, 0.5, 0.75, 0.9, 0.97, 0.99};
        System.out.printf("# %s: mixed %s, %d steps to %.3f, N %d, %d seeds, Nref %d%n", market, mixed,
                times.length - 1, times[times.length - 1], n, seeds, nRef);
        // reference
        Cloud[] ref = simulate(lev, times, mixed, fx, nRef, 987654321L, probeJ);
        ConditionalExpectationEstimator refEst = Estimators.create(EstimatorConfig.defaults().withSeed(7));
        double[][] levels = new double[probeT.length][q.length];
        RegressionFit[] mRef = new RegressionFit[probeT.length];
        RegressionFit[] mHRef = new RegressionFit[probeT.length];
        for (int p = 0; p < probeT.length; p++) {
            Cloud c = ref[p];
            double[] xs = c.x.clone();
            Arrays.sort(xs);
            for (int k = 0; k < q.length; k++) {
                levels[p][k] = xs[(int) (q[k] * (nRef - 1))];
            }
            mRef[p] = refEst.fit(c.x, c.v, nRef);
            mHRef[p] = refEst.fit(c.xh, c.v, nRef);
        }
        // per seed: [probe][level][variant]
        int nv = 8;
        double[][][][] out = new double[seeds][probeT.length][q.length][];
        for (int sd = 1; sd <= seeds; sd++) {
            Cloud[] cl = simulate(lev, times, mixed, fx, n, sd, probeJ);
            ConditionalExpectationEstimator est = Estimators.create(EstimatorConfig.defaults().withSeed(sd));
            for (int p = 0; p < probeT.length; p++) {
                Cloud c = cl[p];
                RegressionFit f = est.fit(c.x, c.v, n);
                RegressionFit fh = est.fit(c.xh, c.v, n);
                double g = meanVariance(mixed, times[probeJ[p]]);
                double vbar = 0;
                for (int i = 0; i < n; i++) {
                    vbar += c.v[i] / n;
                }
                double[] xs = c.x.clone();
                double[] xhs = c.xh.clone();
                Arrays.sort(xs);
                Arrays.sort(xhs);
                for (int k = 0; k < q.length; k++) {
                    double lv = levels[p][k];
                    // quantile matching: s' = F_H^{-1}(F_X(s)) on this seed's clouds
                    int r = Math.max(0, Arrays.binarySearch(xs, lv) < 0 ? -Arrays.binarySearch(xs, lv) - 1
                            : Arrays.binarySearch(xs, lv));
                    double sq = xhs[Math.min(n - 1, r)];
                    double m = f.value(lv);
                    out[sd - 1][p][k] = new double[] {
                            m, m * g / vbar,
                            fh.value(lv) - mHRef[p].value(lv), // e_H same level
                            fh.value(sq) - mHRef[p].value(sq), // e_H quantile matched
                            m * mHRef[p].value(lv) / fh.value(lv), // ratio same level
                            m * mHRef[p].value(sq) / fh.value(sq), // ratio quantile
                            (fh.value(lv) * g / vbar) - mHRef[p].value(lv),
                            (fh.value(sq) * g / vbar) - mHRef[p].value(sq)};
                }
            }
        }
        System.out.println("| t | q | x | m ref | m_H ref | bias plain % | sd plain % | sd LC % | corr(e,e_H) same | "
                + "var ratio CV same β=1 | β* | var ratio same β* | corr quant | var ratio quant β=1 | var ratio quant β* | "
                + "var ratio ratio-same | ratio-quant | LC+CV same β=1 (vs LC) | LC+CV quant β=1 (vs LC) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int p = 0; p < probeT.length; p++) {
            for (int k = 0; k < q.length; k++) {
                double[] plain = col(out, p, k, 0);
                double[] lc = col(out, p, k, 1);
                double[] eS = col(out, p, k, 2);
                double[] eQ = col(out, p, k, 3);
                double[] rS = col(out, p, k, 4);
                double[] rQ = col(out, p, k, 5);
                double[] lcS = col(out, p, k, 6);
                double[] lcQ = col(out, p, k, 7);
                double mr = mRef[p].value(levels[p][k]);
                double vp = var(plain);
                double bS = cov(plain, eS) / var(eS);
                double bQ = cov(plain, eQ) / var(eQ);
                System.out.printf("| %.3f | %.2f | %.4f | %.4f | %.4f | %+.1f | %.1f | %.1f | %.2f | %.2f | %.2f | %.2f "
                                + "| %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
                        times[probeJ[p]], q[k], levels[p][k], mr, mHRef[p].value(levels[p][k]),
                        100 * (mean(plain) / mr - 1), 100 * Math.sqrt(vp) / mr, 100 * Math.sqrt(var(lc)) / mr,
                        cov(plain, eS) / Math.sqrt(vp * var(eS)), var(minus(plain, eS, 1)) / vp, bS,
                        var(minus(plain, eS, bS)) / vp, cov(plain, eQ) / Math.sqrt(vp * var(eQ)),
                        var(minus(plain, eQ, 1)) / vp, var(minus(plain, eQ, bQ)) / vp, var(rS) / vp, var(rQ) / vp,
                        var(minus(lc, lcS, 1)) / var(lc), var(minus(lc, lcQ, 1)) / var(lc));
            }
        }
        System.out.printf("(wall %.1f s, process CPU %.1f s, load %s)%n", (System.nanoTime() - w0) / 1e9,
                BiasNoiseStudy.processCpu() / 1e9, BiasNoiseStudy.loadavg());
    }

    record Cloud(double[] x, double[] xh, double[] v) {
    }

    static Cloud[] simulate(LeverageFunction lev, double[] times, HestonParameters mixed, FxMarket fx, int n,
                            long seed, int[] probeJ) {
        double x0 = Math.log(fx.spot());
        double[] x = new double[n];
        double[] xh = new double[n];
        double[] v = new double[n];
        Arrays.fill(x, x0);
        Arrays.fill(xh, x0);
        Arrays.fill(v, mixed.v0());
        double[] l = new double[n];
        double[] zS = new double[n];
        double[] zV = new double[n];
        double[] next = new double[n];
        Cloud[] out = new Cloud[probeJ.length];
        int chunk = 1024;
        for (int j = 0; j + 1 < times.length; j++) {
            double a = times[j];
            double b = times[j + 1];
            SlvStep step = new SlvStep(mixed, b - a, fx.drift(a, b));
            for (int from = 0, c = 0; from < n; from += chunk, c++) {
                int to = Math.min(n, from + chunk);
                long st = RandomStreams.stream(seed, j, c).nextLong();
                st = ZigguratNormals.fill(zS, from, to, st);
                ZigguratNormals.fill(zV, from, to, st);
                lev.atLogSpots(j, x, l, from, to);
                step.step(x, v, l, zS, zV, next, null, xh, from, to);
            }
            for (int p = 0; p < probeJ.length; p++) {
                if (probeJ[p] == j + 1) {
                    out[p] = new Cloud(x.clone(), xh.clone(), v.clone());
                }
            }
        }
        return out;
    }

    static double meanVariance(HestonParameters p, double t) {
        return p.theta() + (p.v0() - p.theta()) * Math.exp(-p.kappa() * t);
    }

    static double[] col(double[][][][] out, int p, int k, int v) {
        double[] c = new double[out.length];
        for (int s = 0; s < out.length; s++) {
            c[s] = out[s][p][k][v];
        }
        return c;
    }

    static double[] minus(double[] a, double[] b, double beta) {
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i] - beta * b[i];
        }
        return c;
    }

    static double mean(double[] a) {
        double s = 0;
        for (double d : a) {
            s += d;
        }
        return s / a.length;
    }

    static double var(double[] a) {
        return cov(a, a);
    }

    static double cov(double[] a, double[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - ma) * (b[i] - mb);
        }
        return s / (a.length - 1);
    }
}
