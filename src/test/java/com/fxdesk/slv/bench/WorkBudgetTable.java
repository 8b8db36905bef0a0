package com.fxdesk.slv.bench;

import com.fxdesk.slv.calibration.SlvCalibrationInput;
import java.util.Locale;

/**
 * The job work ({@link SlvCalibrationInput#work}) of typical set-ups on EURUSD 2018 pillars (1W–5Y), on the grid
 * the validator counts (the largest any fit can give: every κ, the steepness bound's floor) and the one a κ = 1.5,
 * ηξ = 0.3 fit without a binding steepness bound gives, against the shipped budget.
 * Run: java -cp target/test-classes:target/classes:$(deps) com.fxdesk.slv.bench.WorkBudgetTable
 */
public final class WorkBudgetTable {
    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        double[] pillars = {7 / 365.0, 1 / 12.0, 2 / 12.0, 0.25, 0.5, 0.75, 1, 2, 3, 5};
        System.out.println("| particles | timeStepDays | maturity | RT paths | steps / regressions (admitted) | work "
                + "(admitted) | steps / regressions (κ = 1.5) | admitted work at 1.35e8/s |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        int[][] setups = {{2048, 5, 5}, {30_000, 5, 5}, {100_000, 5, 5}, {100_000, 1, 5}, {100_000, 5, 10},
                {20_000, 1, 30}};
        for (int[] s : setups) {
            var worst = SlvCalibrationInput.gridSize(s[2], s[1], s[0], pillars, Double.POSITIVE_INFINITY);
            var typical = SlvCalibrationInput.gridSize(s[2],
                    SlvCalibrationInput.Particles.DEFAULTS.withCount(s[0]).withTimeStepDays(s[1]), pillars, 1.5, 0.3,
                    Double.POSITIVE_INFINITY);
            long work = SlvCalibrationInput.work(s[0], worst, 100_000);
            System.out.printf("| %,d | %d | %dY | 100,000 | %,d / %,d | %.2e | %,d / %,d | %.1f s |%n", s[0], s[1], s[2],
                    worst.steps(), worst.regressions(), (double) work, typical.steps(), typical.regressions(),
                    work / 1.35e8);
        }
    }
}
