package com.fxdesk.slv.calibration;

import java.util.Arrays;

/**
 * The regression times t_0 = 0 < t_1 < … < t_K = maturity (a Δt grid plus mandatory times such as surface
 * expiries) and the propagation grid τ_0 = 0 < … < τ_J = maturity that splits each [t_n, t_{n+1}] into equal
 * sub-steps no longer than Δt / subSteps.
 */
final class TimeGrid {
    /** Grid points closer than this to a mandatory time are dropped in its favour (half a day). */
    private static final double MERGE = 0.5 / 365.0;

    final double[] regressionTimes;
    final double[] stepTimes;
    /** For each propagation step j, the regression interval n it belongs to. */
    final int[] stepInterval;

    private TimeGrid(double[] regressionTimes, double[] stepTimes, int[] stepInterval) {
        this.regressionTimes = regressionTimes;
        this.stepTimes = stepTimes;
        this.stepInterval = stepInterval;
    }

    int steps() {
        return stepTimes.length - 1;
    }

    /** The largest number of propagation steps in one regression interval. */
    int maxStepsPerInterval() {
        int max = 0;
        int run = 0;
        for (int j = 0; j < stepInterval.length; j++) {
            run = j > 0 && stepInterval[j] == stepInterval[j - 1] ? run + 1 : 1;
            max = Math.max(max, run);
        }
        return max;
    }

    /**
     * @param refine short-end refinement: extra regression times Δt/2, Δt/4, …, Δt/2^refine, because on the
     *               first interval m ≡ v0 and the density error made there persists to every expiry
     */
    static TimeGrid build(double maturity, double dt, int subSteps, int refine, double[] mandatory) {
        double[] must = Arrays.stream(mandatory).filter(t -> t > 1e-12 && t < maturity - 1e-12).sorted().distinct()
                .toArray();
        int nGrid = (int) Math.ceil(maturity / dt - 1e-9);
        double[] all = new double[nGrid + must.length + refine + 2];
        int k = 0;
        all[k++] = 0.0;
        for (int r = 1; r <= refine; r++) {
            double t = dt / (1 << r);
            if (t < maturity - 1e-12 && !closeTo(must, t)) {
                all[k++] = t;
            }
        }
        for (int i = 1; i < nGrid; i++) {
            double t = i * dt;
            if (!closeTo(must, t)) {
                all[k++] = t;
            }
        }
        for (double t : must) {
            all[k++] = t;
        }
        all[k++] = maturity;
        double[] reg = Arrays.copyOf(all, k);
        Arrays.sort(reg);
        double subDt = dt / subSteps;
        int total = 0;
        int[] counts = new int[reg.length - 1];
        for (int n = 0; n + 1 < reg.length; n++) {
            counts[n] = Math.max(1, (int) Math.ceil((reg[n + 1] - reg[n]) / subDt - 1e-9));
            total += counts[n];
        }
        double[] steps = new double[total + 1];
        int[] interval = new int[total];
        int j = 0;
        for (int n = 0; n + 1 < reg.length; n++) {
            double h = (reg[n + 1] - reg[n]) / counts[n];
            for (int s = 0; s < counts[n]; s++) {
                steps[j] = s == 0 ? reg[n] : reg[n] + s * h;
                interval[j] = n;
                j++;
            }
        }
        steps[total] = maturity;
        return new TimeGrid(reg, steps, interval);
    }

    private static boolean closeTo(double[] sorted, double t) {
        for (double m : sorted) {
            if (Math.abs(m - t) < MERGE) {
                return true;
            }
        }
        return false;
    }
}
