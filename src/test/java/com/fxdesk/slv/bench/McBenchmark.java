package com.fxdesk.slv.bench;

import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.model.LeverageFunction;
import com.fxdesk.slv.montecarlo.McConfig;
import com.fxdesk.slv.pricing.BarrierDirection;
import com.fxdesk.slv.pricing.PayAt;
import com.fxdesk.slv.pricing.Product;
import com.fxdesk.slv.pricing.mc.McModel;
import com.fxdesk.slv.pricing.mc.McResult;
import com.fxdesk.slv.pricing.mc.MonteCarloPricer;
import com.fxdesk.slv.pricing.mc.MonteCarloRequest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * EURUSD 2018-03-15, 32,000 antithetic Sobol paths, 5-day steps, 20 one-touches (10 up, 10 down): wall time per
 * pricing (median of repeated warm runs) for 6M and 5Y, and path-steps per second. Models: SLV (η = 0.66, leverage
 * from the particle calibration with the paper's defaults; calibration time not included) and Heston.
 * The calling thread's CPU time is printed too: with 1 thread it is the single-core cost, immune to machine load;
 * with k threads it is about 1/k of the work.
 * Args: [threads (default 2)] [repeats (default 15)].
 */
public final class McBenchmark {

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        var md = com.fxdesk.slv.testdata.TestMarkets.load(com.fxdesk.slv.testdata.TestMarkets.EURUSD_2018);
        FxMarket fx = md.fx();
        HestonParameters h = new HestonParameters(0.0064, 1.5, 0.0081, 0.3, -0.2);
        var surface = com.fxdesk.slv.volatility.VolSurfaceBuilder.build(md);
        LeverageFunction lev = new com.fxdesk.slv.calibration.SlvCalibrator(null).calibrate(
                com.fxdesk.slv.calibration.SlvCalibrationInput.of(new com.fxdesk.slv.calibration.SlvCalibrationInput
                        .Market(fx, new com.fxdesk.slv.volatility.DupireLocalVol(surface), surface, surface.expiries(),
                        5.0), h, com.fxdesk.slv.regression.Estimators.paperDefault()), null, null).leverage();
        MonteCarloPricer pricer = new MonteCarloPricer();
        McConfig cfg = McConfig.defaults().withThreads(threads);
        System.out.printf("McBenchmark: %d threads, %d paths (antithetic %s, %s), %.0f-day steps, cores %d%n",
                threads, cfg.paths(), cfg.antithetic(), cfg.sequence(), cfg.timeStepDays(),
                Runtime.getRuntime().availableProcessors());
        for (McModel model : new McModel[] {McModel.SLV, McModel.HESTON}) {
            for (double t : new double[] {0.5, 5.0}) {
                int touches = args.length > 2 ? Integer.parseInt(args[2]) : 20;
                List<Product> ps = touches > 0 ? oneTouches(fx.spot(), t, touches)
                        : List.of(new Product.European("atm", com.fxdesk.slv.pricing.OptionType.CALL, fx.forward(t), t, 1,
                        null));
                MonteCarloRequest req = new MonteCarloRequest(fx, ps, List.of(model), null, null, h, 0.66, lev, cfg);
                for (int i = 0; i < 5; i++) {
                    pricer.price(req); // warm-up
                }
                double[] ms = new double[repeats];
                double[] cpu = new double[repeats];
                List<McResult> last = null;
                var bean = java.lang.management.ManagementFactory.getThreadMXBean();
                for (int i = 0; i < repeats; i++) {
                    long c0 = bean.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    last = pricer.price(req);
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                    cpu[i] = (bean.getCurrentThreadCpuTime() - c0) / 1e6;
                }
                Arrays.sort(cpu);
                Arrays.sort(ms);
                double median = ms[repeats / 2];
                int steps = (int) Math.ceil(t * 365 / cfg.timeStepDays() - 1e-9);
                double pathSteps = (double) cfg.paths() * steps;
                System.out.printf("%-6s T=%.1fY steps=%d %d products: median %.1f ms (min %.1f, max %.1f) -> %.1f M path-steps/s;"
                                + " calling-thread CPU %.1f ms;"
                                + " e.g. %s %.4f ± %.4f%n", model, t, steps, ps.size(), median, ms[0], ms[repeats - 1],
                        pathSteps / median / 1e3, cpu[repeats / 2], last.get(last.size() / 4).productId(), last.get(last.size() / 4).price(), last.get(last.size() / 4).stdError());
            }
        }
        errorComparison(fx, h, cfg);
    }

    /** Mean standard error over a 1Y Heston ladder of 20 one-touches, per sequence and antithetic setting. */
    static void errorComparison(FxMarket fx, HestonParameters h, McConfig base) {
        MonteCarloPricer pricer = new MonteCarloPricer();
        List<Product> ps = oneTouches(fx.spot(), 1.0, 20);
        for (McConfig cfg : new McConfig[] {base, base.withAntithetic(false),
            base.withSequence(com.fxdesk.slv.random.SequenceType.PSEUDO),
            base.withSequence(com.fxdesk.slv.random.SequenceType.PSEUDO).withAntithetic(false)}) {
            List<McResult> r = pricer.price(new MonteCarloRequest(fx, ps, List.of(McModel.HESTON), null, null, h, 1,
                    null, cfg));
            double se = 0;
            for (McResult x : r) {
                se += x.stdError() / r.size();
            }
            System.out.printf("Heston 1Y, 20 one-touches, %d paths, %s antithetic=%s: mean SE %.5f%n", cfg.paths(),
                    cfg.sequence(), cfg.antithetic(), se);
        }
    }

    static List<Product> oneTouches(double spot, double t, int n) {
        List<Product> ps = new ArrayList<>();
        double width = 0.10 * Math.sqrt(t) * 2.5;
        for (int i = 1; i <= n / 2; i++) {
            double up = spot * Math.exp(width * i / (n / 2.0));
            double dn = spot * Math.exp(-width * i / (n / 2.0));
            ps.add(new Product.OneTouch("ot-up-" + i, BarrierDirection.UP, up, t, PayAt.MATURITY, 1, null));
            ps.add(new Product.OneTouch("ot-dn-" + i, BarrierDirection.DOWN, dn, t, PayAt.MATURITY, 1, null));
        }
        return ps;
    }
}
