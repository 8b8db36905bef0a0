package com.fxdesk.slv.bench;

import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Heston;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Market;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Repricing;
import com.fxdesk.slv.calibration.SlvCalibrationResult;
import com.fxdesk.slv.calibration.SlvCalibrator;
import com.fxdesk.slv.regression.ConditionalExpectationEstimator;
import com.fxdesk.slv.regression.Estimators;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * Study-only: calibrates one market at the shipped defaults (no round trip) and writes every k-th regression's
 * particle cloud (n, then x[i], v[i] as doubles) to dir/fit-####.bin, with a times.txt mapping fit index to time.
 * The estimator studies of the PURBF ringing at large N (wip/purbfn) replay these clouds offline.
 * Args: market, particles, seed, every k-th fit, dir.
 */
public final class PurbfCloudDump {
    public static void main(String[] args) throws IOException {
        Locale.setDefault(Locale.ROOT);
        String market = args[0];
        int n = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        int every = Integer.parseInt(args[3]);
        Path dir = Path.of(args[4]);
        Files.createDirectories(dir);
        ConditionalExpectationEstimator base = Estimators.paperDefault();
        int[] count = {0};
        ConditionalExpectationEstimator dump = (x, y, m) -> {
            int k = count[0]++;
            if (k % every == 0) {
                try (DataOutputStream o = new DataOutputStream(new java.io.BufferedOutputStream(
                        Files.newOutputStream(dir.resolve(String.format("fit-%04d.bin", k))), 1 << 16))) {
                    o.writeInt(m);
                    for (int i = 0; i < m; i++) {
                        o.writeDouble(x[i]);
                        o.writeDouble(y[i]);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return base.fit(x, y, m);
        };
        SlvSetups s = SlvSetups.toFiveYearsOrLastExpiry(market);
        double mat = SlvSetups.horizon(s.surface());
        SlvCalibrationInput in = SlvCalibrationInput.of(new Market(s.data().fx(), s.localVol(), s.surface(),
                        s.surface().expiries(), mat), s.heston(), dump)
                .withHeston(new Heston(s.heston(), 0.66))
                .withParticles(QualityEvidence.particles(n).withSeed(seed))
                .withRepricing(Repricing.disabled());
        ForkJoinPool pool = new ForkJoinPool(1);
        SlvCalibrationResult r = new SlvCalibrator(pool).calibrate(in, null, null);
        StringBuilder b = new StringBuilder();
        double[] times = r.regressionTimes();
        for (int k = 0; k < count[0]; k++) {
            // fit k is the regression at regressionTimes[k + 1] (none at t = 0)
            b.append(k).append(' ').append(times[Math.min(k + 1, times.length - 1)]).append('\n');
        }
        Files.writeString(dir.resolve("times.txt"), b.toString());
        System.out.printf("%d fits, x0 %.6f, guarded %d, capped %d%n", count[0], Math.log(s.data().fx().spot()),
                r.varianceGuarded(), r.leverageCapped());
        pool.shutdown();
    }
}
