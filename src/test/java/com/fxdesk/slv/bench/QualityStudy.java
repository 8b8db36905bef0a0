package com.fxdesk.slv.bench;

import com.fxdesk.slv.calibration.GridGrading;
import com.fxdesk.slv.calibration.RoundTripConfig;
import com.fxdesk.slv.calibration.RoundTripResult;
import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.calibration.SlvCalibrationResult;
import com.fxdesk.slv.calibration.SlvCalibrator;
import com.fxdesk.slv.regression.Estimators;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/** Scratch: one market, one set-up, every point. */
public final class QualityStudy {
    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        String market = args[0];
        int n = Integer.parseInt(args[1]);
        int dtDays = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        double eta = args.length > 3 ? Double.parseDouble(args[3]) : 0.66;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 42;
        int sub = Integer.getInteger("sub", 0);
        int paths = args.length > 5 ? Integer.parseInt(args[5]) : 100_000;
        GridGrading g = args.length > 6 ? (args[6].equals("none") ? GridGrading.NONE : new GridGrading(
                Double.parseDouble(args[6].split(",")[0]), Double.parseDouble(args[6].split(",")[1]),
                args[6].split(",")[2].equals("1"), Double.parseDouble(args[6].split(",")[3]))) : SlvCalibrationInput.DEFAULT_GRADING;
        ForkJoinPool pool = new ForkJoinPool(2);
        SlvSetups s = SlvSetups.load(market, 5.0, 0);
        double mat = Math.min(5.0, s.surface().expiries()[s.surface().expiries().length - 1]);
        s = SlvSetups.load(market, mat, 0);
        System.out.println(market + " heston " + s.heston());
        SlvCalibrationInput in = SlvCalibrationInput.builder(s.data().fx(), s.localVol(), s.heston(),
                        Estimators.paperDefault()).impliedVol(s.surface()).surfaceExpiries(s.surface().expiries())
                .roundTripQuotes(s.quotes()).maturity(mat).seed(seed).particles(n).timeStepDays(dtDays).mixing(eta).grading(g).subSteps(sub)
                .roundTrip(new RoundTripConfig(true, paths, 20240607L, true, true)).build();
        SlvCalibrationResult r = new SlvCalibrator(pool).calibrate(in, null, null);
        RoundTripResult rt = r.roundTrip();
        for (RoundTripResult.Point p : rt.points()) {
            System.out.printf("%7.4f %-5s K=%9.4f mkt %.4f err %7.2f se %6.2f z %6.2f%n", p.expiry(), p.label(),
                    p.strike(), p.marketVol(), p.errorBps(), p.stdErrorBps(), p.errorBps() / p.stdErrorBps());
        }
        System.out.printf("regression %.0f ms propagation %.0f ms%n", r.timings().regressionMs(), r.timings().propagationMs());
        System.out.printf("RMS %.2f max %.2f lev %.0f ms rt %.0f ms steps %d reg %d%n", rt.rmsErrorBps(),
                rt.maxErrorBps(), r.timings().leverageMs(), r.timings().roundTripMs(), r.propagationTimes().length - 1,
                r.regressionTimes().length - 1);
        pool.shutdown();
    }
}
