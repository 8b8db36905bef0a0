package com.fxdesk.slv.bench;

import com.fxdesk.slv.calibration.RoundTrip;
import com.fxdesk.slv.calibration.RoundTripConfig;
import com.fxdesk.slv.calibration.RoundTripQuote;
import com.fxdesk.slv.calibration.RoundTripResult;
import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Heston;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Market;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Particles;
import com.fxdesk.slv.calibration.SlvCalibrationInput.Repricing;
import com.fxdesk.slv.calibration.SlvCalibrationResult;
import com.fxdesk.slv.calibration.SlvCalibrator;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.math.BlackFormula;
import com.fxdesk.slv.montecarlo.McConfig;
import com.fxdesk.slv.montecarlo.PathDynamics;
import com.fxdesk.slv.montecarlo.PathEngine;
import com.fxdesk.slv.montecarlo.PayoffBook;
import com.fxdesk.slv.montecarlo.TimeGrid;
import com.fxdesk.slv.random.SequenceType;
import com.fxdesk.slv.regression.Estimators;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.DoubleStream;

/**
 * The bias of the round trip's local-vol control: the local-vol companion's scheme ({@link PathDynamics#localVol},
 * the same σ_LV lattices and Euler step in law) on the round trip's own time grid (the leverage slice times of a
 * default calibration at the given particle count, plus the expiries, κΔt ≤ 0.1), S_T its only control, prices the
 * 10P–10C pillar quotes to min(5Y, last expiry); the error against the surface's own implied vol at the strike (the
 * control's known mean) is the discretisation / lattice bias plus noise. That bias enters the round trip's estimate
 * times β. Also prints the error against the market quote (the surface's fit error included).
 * Args: paths (1,000,000), market name filter (all), particles for the grid (100,000), per-point output (false);
 * -Dbench.jvm="-DmaxStepDays=d" also cuts every step to at most d days (a time-step attribution).
 */
public final class LocalVolControlBiasStudy {
    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        int paths = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String only = args.length > 1 ? args[1] : "";
        int particles = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        boolean points = args.length > 3 && Boolean.parseBoolean(args[3]);
        ForkJoinPool pool = new ForkJoinPool(2);
        SlvCalibrator cal = new SlvCalibrator(pool);
        System.out.printf("| market | points | steps | RMS error vs surface bp | max abs error bp | max abs z | "
                + "median s.e. bp | RMS vs market bp |%n|---|---|---|---|---|---|---|---|%n");
        for (String market : EstimatorSeedStudy.markets()) {
            if (!market.contains(only)) {
                continue;
            }
            SlvSetups s = SlvSetups.toFiveYearsOrLastExpiry(market);
            double mat = SlvSetups.horizon(s.surface());
            FxMarket fx = s.data().fx();
            List<RoundTripQuote> quotes = new ArrayList<>();
            for (RoundTripQuote q : s.quotes()) {
                RoundTripResult.Point p = new RoundTripResult.Point(q.expiry(), q.strike(), q.label(), true,
                        q.marketVol(), 0, 0, 0, 0);
                if (q.expiry() <= mat + 1e-9 && QualityEvidence.within10Delta(fx, p)) {
                    quotes.add(q);
                }
            }
            // the leverage slice times of a default calibration (no round trip): the round trip's mandatory times
            SlvCalibrationInput in = SlvCalibrationInput.of(new Market(fx, s.localVol(), s.surface(),
                            s.surface().expiries(), mat), s.heston(), Estimators.paperDefault())
                    .withHeston(new Heston(s.heston(), 0.66))
                    .withParticles(Particles.DEFAULTS.withCount(particles).withSeed(42))
                    .withRepricing(new Repricing(List.of(), RoundTripConfig.disabled()));
            SlvCalibrationResult r = cal.calibrate(in, null, null);
            double horizon = quotes.stream().mapToDouble(RoundTripQuote::expiry).max().orElseThrow();
            double[] mandatory = DoubleStream.concat(
                    Arrays.stream(r.leverage().times()).filter(t -> t > 1e-12 && t < horizon - 1e-12),
                    quotes.stream().mapToDouble(RoundTripQuote::expiry)).toArray();
            double kappa = r.mixedHeston().kappa();
            double maxStep = Double.parseDouble(System.getProperty("maxStepDays", "1e9")) / 365;
            TimeGrid grid = TimeGrid.of(Math.min(Math.min(horizon, maxStep), RoundTrip.MAX_KAPPA_STEP / kappa),
                    mandatory);
            PayoffBook.Builder book = PayoffBook.builder(grid, fx);
            for (RoundTripQuote q : quotes) {
                book.controlledVanilla(q.strike() >= fx.forward(q.expiry()), q.strike(), q.expiry(), 1.0,
                        new double[0], new double[0]);
            }
            PathEngine.Estimate[] est = PathEngine.run(PathDynamics.localVol(s.localVol()), grid, book.build(), fx,
                    new McConfig(paths, 1.0, true, SequenceType.PSEUDO, 20240607L, false, 1, 2), pool);
            double sumSq = 0;
            double sumSqMkt = 0;
            double max = 0;
            double maxZ = 0;
            double[] se = new double[quotes.size()];
            int n = 0;
            for (int i = 0; i < quotes.size(); i++) {
                RoundTripQuote q = quotes.get(i);
                double t = q.expiry();
                double fwd = fx.forward(t);
                double df = fx.domesticDf(t);
                boolean call = q.strike() >= fwd;
                double vol = BlackFormula.impliedVol(call, fwd, q.strike(), t, est[i].price(), df);
                double surf = s.surface().impliedVol(t, q.strike());
                double vega = df * BlackFormula.vegaStdDev(fwd, q.strike(), surf * Math.sqrt(t)) * Math.sqrt(t);
                double err = (vol - surf) * 1e4;
                double s1 = est[i].stdError() / vega * 1e4;
                se[i] = s1;
                if (!Double.isFinite(err)) {
                    continue;
                }
                n++;
                sumSq += err * err;
                sumSqMkt += Math.pow((vol - q.marketVol()) * 1e4, 2);
                max = Math.max(max, Math.abs(err));
                maxZ = Math.max(maxZ, Math.abs(err / s1));
                if (points) {
                    System.out.printf("    %-10s T %.4f K %.5f surface %.4f%% LV MC %.4f%% error %.2f bp s.e. %.2f"
                            + " z %.1f (vs market %.2f bp)%n", q.label(), t, q.strike(), 100 * surf, 100 * vol, err,
                            s1, err / s1, (vol - q.marketVol()) * 1e4);
                }
            }
            Arrays.sort(se);
            System.out.printf("| %s | %d | %d | %.2f | %.2f | %.1f | %.2f | %.2f |%n", market, n, grid.steps(),
                    Math.sqrt(sumSq / n), max, maxZ, se[se.length / 2], Math.sqrt(sumSqMkt / n));
        }
        pool.shutdown();
    }
}
