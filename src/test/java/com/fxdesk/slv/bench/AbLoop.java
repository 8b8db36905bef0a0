package com.fxdesk.slv.bench;

import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Market;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Particles;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Repricing;
import com.fxdesk.slv.calibration.SlvCalibrationResult;
import com.fxdesk.slv.calibration.SlvCalibrator;
import com.fxdesk.slv.regression.Estimators;
import com.fxdesk.slv.testdata.TestMarkets;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * One leverage calibration per call for {@link AbDriver} and {@link AbCompare} (EURUSD 2018 to 5Y, defaults, no round
 * trip, on the calling thread): CPU and wall nanoseconds and {@link LeverageProfile#fingerprint}, or every value.
 */
public final class AbLoop {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static SlvCalibrationInput in;
    private static final SlvCalibrator CAL = new SlvCalibrator(null);

    public static long[] run(int n) {
        if (in == null || in.particles().count() != n) {
            SlvSetups eur = SlvSetups.load(TestMarkets.EURUSD_2018, 5.0);
            in = SlvCalibrationInput.of(new Market(eur.data().fx(), eur.localVol(), null, eur.surface().expiries(), 5.0),
                            eur.heston(), Estimators.paperDefault())
                    .withParticles(Particles.DEFAULTS.withCount(n).withSubSteps(0)).withRepricing(Repricing.disabled());
        }
        long c0 = MX.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        SlvCalibrationResult res = CAL.calibrate(in, null, null);
        long w1 = System.nanoTime();
        long c1 = MX.getCurrentThreadCpuTime();
        return new long[] {c1 - c0, w1 - w0, LeverageProfile.fingerprint(res), (long) res.timings().regressionMs() * 1000};
    }

    /** Every leverage value of every step, then every slice's m on its grid and mean V, for seed {@code seed}. */
    public static double[] values(int n, long seed, String market) {
        SlvSetups eur = market == null ? SlvSetups.load(TestMarkets.EURUSD_2018, 5.0) : SlvSetups.toFiveYearsOrLastExpiry(market);
        double mat = market == null ? 5.0 : SlvSetups.horizon(eur.surface());
        SlvCalibrationInput input = SlvCalibrationInput.of(new Market(eur.data().fx(), eur.localVol(), null,
                        eur.surface().expiries(), mat), eur.heston(), Estimators.paperDefault())
                .withParticles(Particles.DEFAULTS.withCount(n).withSubSteps(0).withSeed(seed)).withRepricing(Repricing.disabled());
        SlvCalibrationResult res = CAL.calibrate(input, null, null);
        java.util.List<Double> out = new java.util.ArrayList<>();
        var lev = res.leverage();
        for (int s = 0; s < lev.sliceCount(); s++) {
            for (double d : lev.values(s)) {
                out.add(d);
            }
        }
        out.add(Double.NaN); // separator
        for (var sl : res.slices()) {
            for (double d : sl.conditionalVariance()) {
                out.add(d);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
