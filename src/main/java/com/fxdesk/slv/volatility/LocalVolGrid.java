package com.fxdesk.slv.volatility;

import java.util.List;

/**
 * Local vol on a (time × spot) grid: values[i][j] at (times[i], spots[j]). flooredCount / cappedCount count the points
 * where Dupire's formula was not usable as is (numerator ≤ 0 or value below the floor → floor; denominator ≤ 0 or
 * value above the cap → cap); adjustments lists them (the first {@value #MAX_LISTED}). Arrays are not copied.
 */
public record LocalVolGrid(double[] times, double[] spots, double[][] values, int flooredCount, int cappedCount,
                           List<Adjustment> adjustments) {
    public static final int MAX_LISTED = 1000;

    public enum Reason { NUMERATOR_NOT_POSITIVE, DENOMINATOR_NOT_POSITIVE, BELOW_FLOOR, ABOVE_CAP }

    /** One floored or capped point with the raw Dupire numerator ∂_T w and denominator g. */
    public record Adjustment(double time, double spot, Reason reason, double numerator, double denominator,
                             double value) {
    }

    public LocalVolGrid {
        adjustments = List.copyOf(adjustments);
    }

    public int adjustedCount() {
        return flooredCount + cappedCount;
    }
}
