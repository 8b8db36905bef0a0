package com.fxdesk.slv.regression;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fxdesk.slv.regression.EstimatorTestSupport.TestSet;
import org.junit.jupiter.api.Test;

/** A small version of bench/EstimatorAccuracyStudy: 5Y-like particles, N = 2,048, three seeds. */
class EstimatorAccuracyTest {

    private static double[] error(EstimatorConfig cfg, SyntheticHestonSamples s, TestSet test) {
        int n = 2048;
        double[] x = new double[n];
        double[] y = new double[n];
        double core = 0;
        double tails = 0;
        for (int seed = 1; seed <= 3; seed++) {
            s.sample(1000L * seed + 17, x, y, n);
            double[] e = EstimatorTestSupport.relativeRms(Estimators.create(cfg.withSeed(7L * seed)).fit(x, y, n), test);
            core += e[0] * e[0] / 3;
            tails += e[1] * e[1] / 3;
        }
        return new double[] {Math.sqrt(core), Math.sqrt(tails)};
    }

    @Test
    void purbfBeatsSilvermanNadarayaWatsonInTheTailsAt5Y() {
        SyntheticHestonSamples s = SyntheticHestonSamples.FIVE_YEARS;
        TestSet test = TestSet.of(s, 4242, 20_000);
        double[] purbf = error(EstimatorConfig.defaults(), s, test);
        double[] nw = error(EstimatorConfig.of(EstimatorType.NADARAYA_WATSON), s, test);
        double[] bin = error(EstimatorConfig.of(EstimatorType.BINNING), s, test);
        String msg = String.format("PURBF %.3f/%.3f NW %.3f/%.3f binning %.3f/%.3f", purbf[0], purbf[1], nw[0], nw[1],
                bin[0], bin[1]);
        assertTrue(purbf[0] < 0.08 && nw[0] < 0.10 && bin[0] < 0.12, msg);
        assertTrue(purbf[1] < 0.8 * nw[1], msg);
        assertTrue(purbf[0] < bin[0], msg);
    }
}
