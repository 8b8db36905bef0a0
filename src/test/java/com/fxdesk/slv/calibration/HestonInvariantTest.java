package com.fxdesk.slv.calibration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fxdesk.slv.heston.HestonParameters;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** On the local vol of a Heston model itself, the SLV with η = 1 needs no leverage: L ≈ 1 within noise. */
class HestonInvariantTest {

    @Test
    void fullMixingOnAHestonSurfaceGivesUnitLeverage() {
        HestonParameters p = new HestonParameters(0.01, 1.5, 0.012, 0.25, -0.5);
        HestonLocalVol lv = new HestonLocalVol(SlvCalibratorTest.MARKET, p, 1.0, 24, 41);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            var estimator = TestEstimators.binning(40);
            SlvCalibrationInput in = SlvCalibrationInput.of(
                            SlvCalibrationInput.Market.of(SlvCalibratorTest.MARKET, lv, null, 0.25, 0.5, 1.0), p,
                            estimator)
                    .withHeston(new SlvCalibrationInput.Heston(p, 1.0))
                    .withParticles(SlvCalibrationInput.Particles.DEFAULTS.withCount(40_000).withSubSteps(1))
                    .withRegression(new SlvCalibrationInput.Regression(estimator, 60, 0.05))
                    .withRepricing(SlvCalibrationInput.Repricing.disabled());
            SlvCalibrationResult r = new SlvCalibrator(pool).calibrate(in, null, null);
            double worst = 0;
            double sumSq = 0;
            int count = 0;
            for (RegressionSlice s : r.slices()) {
                if (s.time() < 0.05) {
                    continue; // the tabulated local vol is coarse at the very short end
                }
                for (double l : s.leverage()) {
                    worst = Math.max(worst, Math.abs(l - 1));
                    sumSq += (l - 1) * (l - 1);
                    count++;
                }
            }
            double rms = Math.sqrt(sumSq / count);
            assertTrue(rms < 0.02, "rms |L − 1| = " + rms);
            assertTrue(worst < 0.08, "max |L − 1| = " + worst);

            // the same surface with η = 0 needs a leverage that varies across spot: the test can fail
            SlvCalibrationResult lvOnly = new SlvCalibrator(pool).calibrate(SlvCalibratorTest.mixing(in, 0), null, null);
            RegressionSlice last = lvOnly.slices().get(lvOnly.slices().size() - 1);
            double[] l = last.leverage();
            assertTrue(l[0] / l[l.length - 1] > 1.15, "local-vol skew shows in L at η = 0");
        } finally {
            pool.shutdownNow();
        }
    }
}
