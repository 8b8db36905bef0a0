package com.fxdesk.slv.bench;

import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Market;
import com.fxdesk.slv.heston.HestonConditionalVariance;
import com.fxdesk.slv.heston.HestonCloud;
import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.regression.Estimators;
import java.util.Arrays;
import java.util.Locale;

/**
 * How far the QE-discretised Heston companion's E[V | ln S^H] is from the exact m_H the control variate uses
 * (wip/noise): N pure-Heston paths (mixed parameters of a market, zero drift) on steps of D days, binned means of V on
 * 10 equal-count bins between the 1% and 99% quantiles against m_H at the bins' mean x. Args: market filter, N
 * (400000), step days (5).
 */
public final class CompanionBiasProbe {
    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        String filter = args.length > 0 ? args[0] : "usdtry";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 400_000;
        double days = args.length > 2 ? Double.parseDouble(args[2]) : 5;
        for (String market : EstimatorSeedStudy.markets()) {
            if (!market.contains(filter)) {
                continue;
            }
            SlvSetups s = SlvSetups.toFiveYearsOrLastExpiry(market);
            HestonParameters p = SlvCalibrationInput.of(new Market(s.data().fx(), s.localVol(), s.surface(),
                    s.surface().expiries(), SlvSetups.horizon(s.surface())), s.heston(), Estimators.paperDefault())
                    .heston().mixed();
            System.out.printf("## %s mixed %s, %d paths, %.2f-day steps%n", market, p, n, days);
            double h = days / 365;
            HestonCloud cloud = new HestonCloud(p, h, n, 5);
            double[] x = cloud.x;
            double[] v = cloud.v;
            double[] probes = {1 / 12.0, 0.5, 1, 2};
            int pi = 0;
            for (int j = 0; pi < probes.length; j++) {
                cloud.step();
                double t = (j + 1) * h;
                if (t + 1e-9 < probes[pi]) {
                    continue;
                }
                pi++;
                double[] sorted = x.clone();
                Arrays.sort(sorted);
                int bins = 10;
                StringBuilder sb = new StringBuilder();
                double worst = 0;
                for (int b = 0; b < bins; b++) {
                    double lo = sorted[(int) ((0.01 + 0.98 * b / bins) * (n - 1))];
                    double hi = sorted[(int) ((0.01 + 0.98 * (b + 1) / bins) * (n - 1))];
                    double sv = 0;
                    double sv2 = 0;
                    double sx = 0;
                    int c = 0;
                    for (int i = 0; i < n; i++) {
                        if (x[i] >= lo && x[i] < hi) {
                            sv += v[i];
                            sv2 += v[i] * v[i];
                            sx += x[i];
                            c++;
                        }
                    }
                    double mean = sv / c;
                    double se = Math.sqrt((sv2 / c - mean * mean) / c);
                    double[] out = new double[1];
                    HestonConditionalVariance.onGrid(p, t, 0, sx / c, 0.01, out);
                    double rel = mean / out[0] - 1;
                    worst = Math.max(worst, Math.abs(rel) - 2 * se / out[0]);
                    sb.append(String.format(" %+.1f%%(±%.1f)", 100 * rel, 100 * se / out[0]));
                }
                System.out.printf("t %.3f: QE binned / exact − 1 by decile-bin:%s | worst beyond 2 s.e. %.1f%%%n", t, sb,
                        100 * Math.max(0, worst));
            }
        }
    }
}
