package com.fxdesk.slv.montecarlo;

import java.util.Arrays;

/**
 * Simulation dates 0 = t_0 &lt; … &lt; t_N. Every mandatory time (product maturities) is a grid point; between two
 * consecutive mandatory times the interval is cut into the fewest equal steps no longer than the target step, so
 * there are no stub steps. Immutable. (The particle calibration's regression and propagation times are
 * {@code calibration.RegressionGrid}.)
 */
public final class TimeGrid {
    private static final double TOL = 1e-10;
    private final double[] times;

    private TimeGrid(double[] times) {
        this.times = times;
    }

    /**
     * The times above TOL, sorted, each once. Why not a stream's distinct(): it boxes every time into a hash set, and
     * the round trip's grid (one mandatory time per propagation step, 55,000 to 30Y) is built 65 times per admission.
     */
    private static double[] positiveSortedDistinct(double[] mandatory) {
        double[] m = new double[mandatory.length];
        int k = 0;
        for (double t : mandatory) {
            if (t > TOL) {
                m[k++] = t;
            }
        }
        Arrays.sort(m, 0, k);
        int d = 0;
        for (int i = 0; i < k; i++) {
            if (d == 0 || m[i] != m[d - 1]) {
                m[d++] = m[i];
            }
        }
        return Arrays.copyOf(m, d);
    }

    public static TimeGrid of(double maxStep, double... mandatory) {
        if (!(maxStep > 0)) {
            throw new IllegalArgumentException("step must be > 0");
        }
        double[] m = positiveSortedDistinct(mandatory);
        if (m.length == 0) {
            throw new IllegalArgumentException("need at least one positive time");
        }
        int count = 1;
        double prev = 0;
        int[] pieces = new int[m.length];
        int j = 0;
        double[] keep = new double[m.length];
        for (double t : m) {
            if (t - prev <= TOL) {
                continue;
            }
            int k = Math.max(1, (int) Math.ceil((t - prev) / maxStep - 1e-9));
            pieces[j] = k;
            keep[j++] = t;
            count += k;
            prev = t;
        }
        double[] times = new double[count];
        int idx = 1;
        prev = 0;
        for (int i = 0; i < j; i++) {
            double h = (keep[i] - prev) / pieces[i];
            for (int s = 1; s < pieces[i]; s++) {
                times[idx++] = prev + s * h;
            }
            times[idx++] = keep[i];
            prev = keep[i];
        }
        return new TimeGrid(times);
    }

    /**
     * An upper bound on {@code of(timeStepDays / 365, dates).steps()} for {@code dates} times none beyond
     * {@code maturity}, for bounding work before simulating: ⌈T / Δt⌉ uniform steps plus at most one per date that
     * cuts a step (0 when the arguments are not positive).
     */
    public static long maxSteps(double maturity, double timeStepDays, int dates) {
        if (!(maturity > 0) || !(timeStepDays > 0)) {
            return 0;
        }
        return (long) Math.ceil(maturity * 365.0 / timeStepDays) + dates;
    }

    public int steps() {
        return times.length - 1;
    }

    public double time(int i) {
        return times[i];
    }

    public double dt(int step) {
        return times[step + 1] - times[step];
    }

    public double[] times() {
        return times.clone();
    }

    /** Grid index of t (which must be a grid point up to 1e-10). */
    public int indexOf(double t) {
        int i = Arrays.binarySearch(times, t);
        if (i >= 0) {
            return i;
        }
        int hi = -i - 1;
        if (hi < times.length && Math.abs(times[hi] - t) <= TOL) {
            return hi;
        }
        if (hi > 0 && Math.abs(times[hi - 1] - t) <= TOL) {
            return hi - 1;
        }
        throw new IllegalArgumentException("time " + t + " is not on the grid");
    }
}
