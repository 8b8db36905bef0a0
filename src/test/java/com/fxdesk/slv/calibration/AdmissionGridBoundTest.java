package com.fxdesk.slv.calibration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Admission's grid ({@link SlvCalibrationInput#gridSize(double, int, int, double[], double)}, before any fit) bounds
 * the grid every fit runs without a steepness bound (that one the engine applies only within the job's budget,
 * {@code SlvCalibratorTest.theStepBoundStaysWithinTheJobBudget}): for any κ and vol-of-vol, the engine's regressions,
 * propagation steps and round-trip steps are at most the admitted ones (the counts are not monotone in κ, so a single
 * worst κ would not do).
 */
class AdmissionGridBoundTest {
    @Test
    void admissionBoundsTheGridOfEveryFit() {
        double[][] expirySets = {
                {1 / 365.0, 1 / 52.0, 1 / 12.0, 0.25, 0.5, 1, 2, 3, 5},
                {0.02, 0.05},
                {}};
        SplittableRandom rnd = new SplittableRandom(7);
        int checked = 0;
        for (double maturity : new double[] {0.05, 0.5, 5.0}) {
            for (double[] expiries : expirySets) {
                for (int particles : new int[] {2048, 10_000, 100_000}) {
                    for (int dt : new int[] {1, 5, 7, 30}) {
                        SlvCalibrationInput.GridSize admitted = SlvCalibrationInput.gridSize(maturity, dt, particles,
                                expiries, Double.POSITIVE_INFINITY);
                        SlvCalibrationInput.Particles p = SlvCalibrationInput.Particles.DEFAULTS.withCount(particles)
                                .withTimeStepDays(dt);
                        for (int i = 0; i < 40; i++) {
                            double kappa = 1e-4 * Math.pow(50 / 1e-4, rnd.nextDouble());
                            double volOfVol = rnd.nextDouble() * 3;
                            double bound = Double.POSITIVE_INFINITY;
                            SlvCalibrationInput.GridSize run = SlvCalibrationInput.gridSize(maturity, p, expiries,
                                    kappa, volOfVol, bound);
                            String at = "T " + maturity + " n " + particles + " dt " + dt + " κ " + kappa + " ηξ "
                                    + volOfVol + ": admitted " + admitted + ", run " + run;
                            assertTrue(run.steps() <= admitted.steps(), at);
                            assertTrue(run.regressions() <= admitted.regressions(), at);
                            assertTrue(run.roundTripSteps() <= admitted.roundTripSteps(), at);
                            checked++;
                        }
                    }
                }
            }
        }
        assertTrue(checked > 1000);
    }
}
