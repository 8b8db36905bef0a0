package com.fxdesk.slv.bench;

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
import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.heston.HestonPricer;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.math.BlackFormula;
import com.fxdesk.slv.montecarlo.McConfig;
import com.fxdesk.slv.pricing.BarrierDirection;
import com.fxdesk.slv.pricing.PayAt;
import com.fxdesk.slv.pricing.Product;
import com.fxdesk.slv.pricing.analytic.BlackScholesAnalytic;
import com.fxdesk.slv.pricing.mc.McModel;
import com.fxdesk.slv.pricing.mc.McResult;
import com.fxdesk.slv.pricing.mc.MonteCarloPricer;
import com.fxdesk.slv.pricing.mc.MonteCarloRequest;
import com.fxdesk.slv.regression.EstimatorConfig;
import com.fxdesk.slv.regression.EstimatorType;
import com.fxdesk.slv.regression.Estimators;
import com.fxdesk.slv.testdata.TestMarkets;
import com.fxdesk.slv.volatility.DupireLocalVol;
import com.fxdesk.slv.volatility.SmilePillar;
import com.fxdesk.slv.volatility.VolSurface;
import com.fxdesk.slv.volatility.VolSurfaceBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads a harness output and compares it with our engine on the identical inputs (see {@link QuantLibCrossCheck}).
 * Prints Markdown. Differences are reported, not tuned away: the two engines interpolate the same strike grid
 * differently (QuantLib: bicubic spline of total variance in (t, K); ours: SVI per expiry in y = ln(K/F), PCHIP in T).
 */
final class QuantLibComparison {
    /** Points with |ln(S/F(t))| ≤ CORE_Z · σ_ATM(t) · √t count as the core of the local-vol grid. */
    static final double CORE_Z = 2.0;

    private final JsonNode ql;
    private final MarketData gridMarket;
    private final MarketData quoteMarket;
    private final VolSurface gridSurface;
    private final VolSurface quoteSurface;
    private final HestonParameters heston;
    private final double mixing;

    private QuantLibComparison(JsonNode ql) {
        this.ql = ql;
        this.gridMarket = TestMarkets.parse(TestMarkets.readTree(QuantLibCrossCheck.GRID_MARKET));
        this.quoteMarket = TestMarkets.load(TestMarkets.EURUSD_2018);
        this.gridSurface = VolSurfaceBuilder.build(gridMarket);
        this.quoteSurface = VolSurfaceBuilder.build(quoteMarket);
        JsonNode p = ql.get("heston").get("params");
        this.heston = new HestonParameters(p.get("v0").asDouble(), p.get("kappa").asDouble(), p.get("theta").asDouble(),
                p.get("xi").asDouble(), p.get("rho").asDouble());
        this.mixing = ql.path("slv").path("mixing_factor").asDouble(QuantLibCrossCheck.MIXING);
    }

    static void run(String[] args) {
        if (args.length < 1) {
            throw new IllegalArgumentException("compare needs the harness output JSON");
        }
        int paths = 32_000;
        double stepDays = 1.0;
        boolean mc = true;
        boolean slv = true;
        List<String> slvRuns = List.of(OurSlvRun.DEFAULT_RUNS);
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--paths" -> paths = Integer.parseInt(args[++i]);
                case "--step-days" -> stepDays = Double.parseDouble(args[++i]);
                case "--no-mc" -> mc = false;
                case "--no-slv" -> slv = false;
                case "--slv-runs" -> slvRuns = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        QuantLibComparison c = new QuantLibComparison(TestMarkets.readTree(Path.of(args[0])));
        c.header(args[0]);
        c.gridFit();
        c.localVol();
        c.hestonVanillas();
        c.tvOneTouches();
        c.qlOneTouches();
        c.qlRepricing();
        McConfig cfg = McConfig.defaults().withPaths(paths).withTimeStepDays(stepDays);
        if (mc) {
            c.mcOneTouches(cfg);
        }
        if (slv && c.ql.path("slv").path("mc").size() + (c.ql.path("slv").path("fdm").has("leverage") ? 1 : 0) > 0) {
            c.slv(cfg, slvRuns);
        }
    }

    // ------------------------------------------------------------------------------------------------ sections

    private void header(String file) {
        JsonNode m = ql.get("meta");
        System.out.printf("# QuantLib cross-check: %s%n%n", file);
        System.out.printf("QuantLib %s, Python %s, run %s .. %s; harness errors: %d%n%n", m.path("quantlib_version")
                        .asString(), m.path("python").asString(), m.path("run_started_utc").asString(),
                m.path("run_finished_utc").asString(), ql.path("errors").size());
        for (JsonNode e : ql.path("errors")) {
            System.out.println("- harness error: " + e.asString());
        }
        System.out.printf("Heston (given to both): v0=%.6f kappa=%.4f theta=%.6f xi=%.4f rho=%.4f, mixing %.2f%n%n",
                heston.v0(), heston.kappa(), heston.theta(), heston.xi(), heston.rho(), mixing);
        System.out.println("Timings (s, QuantLib): " + ql.path("timings_seconds"));
        System.out.println();
    }

    /** How far our SVI refit of the grid is from the grid points the harness interpolates exactly. */
    private void gridFit() {
        System.out.println("## Our SVI refit of the common strike grid (fit residual vs grid vol)");
        System.out.println();
        System.out.println("| expiry (d) | max abs residual (bp) | RMS (bp) | max abs residual within 2.5 std (bp) |");
        System.out.println("|---|---|---|---|");
        for (SmilePillar p : gridSurface.pillars()) {
            double max = 0;
            double ss = 0;
            double maxCore = 0;
            double sd = gridSurface.impliedVol(p.expiry(), p.forward()) * Math.sqrt(p.expiry());
            for (int j = 0; j < p.strikes().length; j++) {
                double r = p.fitResidualBps()[j];
                max = Math.max(max, Math.abs(r));
                ss += r * r;
                if (Math.abs(Math.log(p.strikes()[j] / p.forward())) <= 2.5 * sd) {
                    maxCore = Math.max(maxCore, Math.abs(r));
                }
            }
            System.out.printf("| %d | %.2f | %.2f | %.2f |%n", Math.round(p.expiry() * 365), max,
                    Math.sqrt(ss / p.strikes().length), maxCore);
        }
        System.out.println();
    }

    private void localVol() {
        JsonNode lv = ql.get("local_vol");
        double[] times = doubles(lv.get("grid_times"));
        double[] spots = doubles(lv.get("grid_spots"));
        JsonNode vals = lv.get("values");
        DupireLocalVol oursGrid = new DupireLocalVol(gridSurface);
        DupireLocalVol oursQuotes = new DupireLocalVol(quoteSurface);
        System.out.println("## Dupire local vol on the output grid");
        System.out.println();
        System.out.println("QuantLib: `NoExceptLocalVolSurface` on `BlackVarianceSurface` (bicubic). Ours: `DupireLocalVol` on"
                + " the grid market (SVI refit of the same grid); `quotes` = ours on the surface built from the FX quotes"
                + " (the surface the grid was sampled from). Differences in vol basis points (ours − QuantLib).");
        System.out.println();
        System.out.printf("Illegal points of QuantLib's strict `LocalVolSurface`: %d%n%n",
                lv.path("illegal_points_strict_LocalVolSurface").size());
        System.out.println("| t (d) | core spots | max abs diff core (bp) | RMS core (bp) | max abs diff all (bp) |"
                + " max abs (quotes − QL) core (bp) | max abs (grid − quotes) core (bp) |");
        System.out.println("|---|---|---|---|---|---|---|");
        StringBuilder full = new StringBuilder();
        full.append("| t (d) \\ S |");
        for (double s : spots) {
            full.append(String.format(" %.4f |", s));
        }
        full.append("\n|---|").append("---|".repeat(spots.length)).append('\n');
        double allMaxCore = 0;
        double allSs = 0;
        int allN = 0;
        for (int i = 0; i < times.length; i++) {
            double t = times[i];
            double f = gridMarket.fx().forward(t);
            double sd = gridSurface.impliedVol(t, f) * Math.sqrt(t);
            double maxCore = 0;
            double ss = 0;
            int n = 0;
            double maxAll = 0;
            double maxQ = 0;
            double maxGq = 0;
            int core = 0;
            StringBuilder row = new StringBuilder(String.format("| %d |", Math.round(t * 365)));
            StringBuilder qlRow = new StringBuilder(String.format("| QL %d |", Math.round(t * 365)));
            for (int j = 0; j < spots.length; j++) {
                JsonNode v = vals.get(i).get(j);
                double ours = oursGrid.localVol(t, spots[j]);
                double oq = oursQuotes.localVol(t, spots[j]);
                if (v == null || v.isNull()) {
                    row.append(" n/a |");
                    qlRow.append(" n/a |");
                    continue;
                }
                double d = (ours - v.asDouble()) * 1e4;
                row.append(String.format(" %.1f |", d));
                qlRow.append(String.format(" %.2f%% |", 100 * v.asDouble()));
                maxAll = Math.max(maxAll, Math.abs(d));
                if (Math.abs(Math.log(spots[j] / f)) <= CORE_Z * sd) {
                    core++;
                    maxCore = Math.max(maxCore, Math.abs(d));
                    ss += d * d;
                    n++;
                    maxQ = Math.max(maxQ, Math.abs(oq - v.asDouble()) * 1e4);
                    maxGq = Math.max(maxGq, Math.abs(ours - oq) * 1e4);
                }
            }
            allMaxCore = Math.max(allMaxCore, maxCore);
            allSs += ss;
            allN += n;
            System.out.printf("| %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f |%n", Math.round(t * 365), core, maxCore,
                    Math.sqrt(ss / Math.max(n, 1)), maxAll, maxQ, maxGq);
            full.append(qlRow).append('\n').append(row).append('\n');
        }
        System.out.printf("%nAll core points (|ln S/F| <= %.1f std): max %.1f bp, RMS %.1f bp over %d points.%n%n",
                CORE_Z, allMaxCore, Math.sqrt(allSs / Math.max(allN, 1)), allN);
        System.out.println("QuantLib local vol (QL rows) and ours(grid) − QuantLib in bp (plain rows):");
        System.out.println();
        System.out.println(full);
    }

    private void hestonVanillas() {
        HestonPricer pricer = new HestonPricer();
        FxMarket fx = gridMarket.fx();
        JsonNode rows = ql.get("vanillas").get("rows");
        System.out.println("## Heston vanillas (same parameters): ours `HestonPricer` vs QuantLib `AnalyticHestonEngine`");
        System.out.println();
        System.out.println("QuantLib's own engines agree to " + ql.get("vanillas").path("max_abs_diff_vs_reference")
                + ". Ours priced with QuantLib's forward and discount factor of each row (pricer check), and with our"
                + " own curves (adds the curve difference).");
        System.out.println();
        System.out.println("| expiry (d) | options | max abs diff (QL F, DF) | max rel diff | max abs implied-vol diff (bp)"
                + " | max abs diff (our curves) | max abs forward diff |");
        System.out.println("|---|---|---|---|---|---|---|");
        int i = 0;
        double globalMax = 0;
        while (i < rows.size()) {
            int d = rows.get(i).get("expiry_days").asInt();
            double maxAbs = 0;
            double maxRel = 0;
            double maxIv = 0;
            double maxOwn = 0;
            double maxF = 0;
            int n = 0;
            for (; i < rows.size() && rows.get(i).get("expiry_days").asInt() == d; i++) {
                JsonNode r = rows.get(i);
                double t = r.get("t").asDouble();
                double k = r.get("strike").asDouble();
                boolean call = "call".equals(r.get("type").asString());
                double f = r.get("forward").asDouble();
                double df = r.get("df_domestic").asDouble();
                double ref = r.get("heston_price").asDouble();
                double ours = pricer.price(heston, t, f, df, k, call);
                double own = pricer.price(heston, fx, t, k, call);
                maxAbs = Math.max(maxAbs, Math.abs(ours - ref));
                maxRel = Math.max(maxRel, Math.abs(ours - ref) / Math.max(ref, 1e-12));
                maxOwn = Math.max(maxOwn, Math.abs(own - ref));
                maxF = Math.max(maxF, Math.abs(fx.forward(t) - f));
                if (r.hasNonNull("heston_implied_vol")) {
                    double iv = BlackFormula.impliedVol(call, f, k, t, ours, df);
                    maxIv = Math.max(maxIv, Math.abs(iv - r.get("heston_implied_vol").asDouble()) * 1e4);
                }
                n++;
            }
            globalMax = Math.max(globalMax, maxAbs);
            System.out.printf("| %d | %d | %.2e | %.2e | %.2e | %.2e | %.2e |%n", d, n, maxAbs, maxRel, maxIv, maxOwn,
                    maxF);
        }
        System.out.printf("%nMax abs Heston price difference over %d options: %.2e (per unit foreign notional, spot %.4f)."
                + "%n%n", rows.size(), globalMax, fx.spot());
    }

    private void tvOneTouches() {
        JsonNode rows = ql.get("one_touch").get("rows");
        double max = 0;
        for (JsonNode r : rows) {
            if (!r.path("prices").hasNonNull("TV")) {
                continue;
            }
            double t = r.get("t").asDouble();
            double rd = -Math.log(r.get("df_domestic").asDouble()) / t;
            double rf = rd - Math.log(r.get("forward").asDouble() / gridMarket.fx().spot()) / t;
            double ours = BlackScholesAnalytic.oneTouch("up".equals(r.get("direction").asString()) ? BarrierDirection.UP
                    : BarrierDirection.DOWN, PayAt.MATURITY, gridMarket.fx().spot(), r.get("barrier").asDouble(), t, rd,
                    rf, r.get("tv_vol").asDouble());
            max = Math.max(max, Math.abs(ours - r.get("prices").get("TV").asDouble()));
        }
        System.out.printf("## One-touch TV (flat ATM-forward vol): ours `BlackScholesAnalytic` vs QuantLib"
                + " `AnalyticBinaryBarrierEngine`: max abs diff %.2e over %d one-touches%n%n", max, rows.size());
    }

    /** QuantLib's PDE one-touch prices as they stand (our MC columns come with the MC pricer). */
    private void qlOneTouches() {
        JsonNode rows = ql.get("one_touch").get("rows");
        List<String> models = new ArrayList<>(List.of("TV", "TV_FD_check", "LV", "SV"));
        for (JsonNode r : rows) {
            for (var it = r.get("prices").propertyNames().iterator(); it.hasNext(); ) {
                String k = it.next();
                if (k.startsWith("SLV_") && !models.contains(k)) {
                    models.add(k);
                }
            }
        }
        System.out.println("## QuantLib PDE one-touch prices");
        System.out.println();
        StringBuilder h = new StringBuilder("| T (d) | barrier |");
        for (String m : models) {
            h.append(' ').append(m).append(" |");
        }
        System.out.println(h);
        System.out.println("|---|---|" + "---|".repeat(models.size()));
        for (JsonNode r : rows) {
            StringBuilder b = new StringBuilder(String.format("| %d | %s %.4f |", r.get("expiry_days").asInt(),
                    r.get("direction").asString(), r.get("barrier").asDouble()));
            for (String m : models) {
                JsonNode v = r.get("prices").get(m);
                b.append(v == null || v.isNull() ? " n/a |" : String.format(" %.4f |", v.asDouble()));
            }
            System.out.println(b);
        }
        System.out.println();
    }

    private void qlRepricing() {
        JsonNode rows = ql.path("repricing_checks").path("rows");
        if (rows.isEmpty()) {
            return;
        }
        System.out.println("## QuantLib FD repricing of the input surface (implied-vol error, bp)");
        System.out.println();
        List<String> engines = new ArrayList<>();
        for (var it = rows.get(0).propertyNames().iterator(); it.hasNext(); ) {
            String k = it.next();
            if (k.startsWith("LV_") || k.startsWith("SLV_")) {
                engines.add(k);
            }
        }
        System.out.println("| T (d) | z | strike |" + String.join(" |", engines) + " |");
        System.out.println("|---|---|---|" + "---|".repeat(engines.size()));
        for (JsonNode r : rows) {
            StringBuilder b = new StringBuilder(String.format("| %d | %.2f | %.4f |", r.get("expiry_days").asInt(),
                    r.get("std_moneyness").asDouble(), r.get("strike").asDouble()));
            for (String e : engines) {
                JsonNode v = r.path(e).get("vol_error_bp");
                b.append(v == null || v.isNull() ? " n/a |" : String.format(" %.1f |", v.asDouble()));
            }
            System.out.println(b);
        }
        System.out.println();
    }

    /**
     * Our MC one-touches (antithetic Sobol, Brownian-bridge barrier correction) against QuantLib's PDE prices.
     * BS uses the row's flat TV vol but our time-dependent drift, so it compares with QuantLib's TV_FD_check (the
     * same flat vol on the same curves by PDE), not with the analytic TV, which takes flat rates to T.
     */
    private void mcOneTouches(McConfig cfg) {
        JsonNode rows = ql.get("one_touch").get("rows");
        FxMarket fx = gridMarket.fx();
        DupireLocalVol lv = new DupireLocalVol(gridSurface);
        MonteCarloPricer pricer = new MonteCarloPricer();
        List<McModel> models = List.of(McModel.BS, McModel.LV, McModel.HESTON);
        String[] qlKeys = {"TV_FD_check", "LV", "SV"};
        double[] tol = {0.005, 0.005, 0.005};
        System.out.printf("## One-touch: our MC vs QuantLib PDE%n%nOurs: %d paths (antithetic, %s, %d batches for the"
                + " SE), %.1f-day steps, barrier correction %s. ok = |diff| <= tol + 3 SE (tol 0.005 LV/Heston, 0.0075"
                + " SLV). BS(term) = flat TV vol with our time-dependent drift vs QuantLib's TV_FD_check.%n%n",
                cfg.paths(), cfg.sequence(), cfg.batches(), cfg.timeStepDays(), cfg.barrierCorrection());
        StringBuilder h = new StringBuilder("| T (d) | barrier |");
        for (int m = 0; m < models.size(); m++) {
            h.append(String.format(" QL %s | ours %s (SE) | diff | ok |", qlKeys[m], models.get(m)));
        }
        System.out.println(h);
        System.out.println("|---|---|" + "---|---|---|---|".repeat(models.size()));
        int[] fails = new int[models.size()];
        double[] maxDiff = new double[models.size()];
        long[] nanos = new long[models.size()];
        int i = 0;
        while (i < rows.size()) {
            int d = rows.get(i).get("expiry_days").asInt();
            List<JsonNode> group = new ArrayList<>();
            for (; i < rows.size() && rows.get(i).get("expiry_days").asInt() == d; i++) {
                if (!rows.get(i).has("note")) {
                    group.add(rows.get(i));
                }
            }
            List<Product> products = new ArrayList<>();
            for (JsonNode r : group) {
                BarrierDirection dir = "up".equals(r.get("direction").asString()) ? BarrierDirection.UP
                        : BarrierDirection.DOWN;
                products.add(new Product.OneTouch(d + "-" + dir + "-" + r.get("barrier").asDouble(), dir,
                        r.get("barrier").asDouble(), d / 365.0, PayAt.MATURITY, 1.0, r.get("tv_vol").asDouble()));
            }
            List<List<McResult>> res = new ArrayList<>();
            for (int m = 0; m < models.size(); m++) {
                long t0 = System.nanoTime();
                res.add(pricer.price(new MonteCarloRequest(fx, products, List.of(models.get(m)), null, lv, heston,
                        mixing, null, cfg)));
                nanos[m] += System.nanoTime() - t0;
            }
            for (int k = 0; k < group.size(); k++) {
                JsonNode r = group.get(k);
                StringBuilder b = new StringBuilder(String.format("| %d | %s %.4f |", d, r.get("direction").asString(),
                        r.get("barrier").asDouble()));
                for (int m = 0; m < models.size(); m++) {
                    JsonNode q = r.get("prices").get(qlKeys[m]);
                    McResult o = res.get(m).get(k);
                    if (q == null || q.isNull()) {
                        b.append(String.format(" n/a | %.4f (%.4f) | | |", o.price(), o.stdError()));
                        continue;
                    }
                    double diff = o.price() - q.asDouble();
                    boolean ok = Math.abs(diff) <= tol[m] + 3 * o.stdError();
                    if (!ok) {
                        fails[m]++;
                    }
                    maxDiff[m] = Math.max(maxDiff[m], Math.abs(diff));
                    b.append(String.format(" %.4f | %.4f (%.4f) | %+.4f | %s |", q.asDouble(), o.price(), o.stdError(),
                            diff, ok ? "yes" : "**no**"));
                }
                System.out.println(b);
            }
        }
        System.out.println();
        for (int m = 0; m < models.size(); m++) {
            System.out.printf("- %s vs QL %s: max |diff| %.4f, outside tolerance: %d; our MC time %.1f s (all expiries)%n",
                    models.get(m), qlKeys[m], maxDiff[m], fails[m], nanos[m] / 1e9);
        }
        System.out.println();
    }

    // -------------------------------------------------------------------------------------------------- SLV

    /** One of our SLV calibrations, named like QuantLib's runs: estimator_particles_regression-step[_propagation]. */
    record OurSlvRun(String label, EstimatorConfig estimator, int particles, int stepDays, int subSteps, int refinement) {
        static final String[] DEFAULT_RUNS = {"binning51_2048_7d", "binning201_100000_7d", "purbf_2048_5d_daily",
            "binning_100000_5d_daily"};

        static OurSlvRun of(String label) {
            return switch (label) {
                // QuantLib's mc_2048_52 / mc_100000_52 set-ups: equal-count bins, weekly steps, no sub-steps
                case "binning51_2048_7d" -> new OurSlvRun(label, bins(51), 2048, 7, 1, 0);
                case "binning201_100000_7d" -> new OurSlvRun(label, bins(201), 100_000, 7, 1, 0);
                // the paper's defaults (PURBF, 2,048 particles, 5-day regressions, daily propagation)
                case "purbf_2048_5d_daily" -> new OurSlvRun(label, EstimatorConfig.defaults(), 2048, 5, 5, 3);
                // the service's default at 2,048 particles: propagation on the 5-day regression grid
                case "purbf_2048_5d" -> new OurSlvRun(label, EstimatorConfig.defaults(), 2048, 5, 1, 3);
                // our accurate set-up (research notes: time discretisation dominates at 100k particles)
                case "binning_100000_5d_daily" -> new OurSlvRun(label, bins(0), 100_000, 5, 5, 3);
                case "ll_100000_5d_daily" -> new OurSlvRun(label, EstimatorConfig.of(EstimatorType.LOCAL_LINEAR),
                        100_000, 5, 5, 3);
                default -> throw new IllegalArgumentException("unknown SLV run " + label);
            };
        }

        private static EstimatorConfig bins(int n) {
            EstimatorConfig d = EstimatorConfig.defaults();
            return new EstimatorConfig(EstimatorType.BINNING, d.kernel(), d.bandwidth(), d.units(), d.width(),
                    d.pruning(), d.lambda(), n, d.seed(), d.floor());
        }
    }

    /**
     * Wall time of our calibrations (no round trip), single-threaded like QuantLib's: one warm-up, then the median of
     * {@code reps}. Prints Markdown next to the QuantLib times of the given harness output.
     */
    static void timeCalibrations(String harnessOutput, int reps) {
        QuantLibComparison c = new QuantLibComparison(TestMarkets.readTree(Path.of(harnessOutput)));
        double maturity = c.ql.get("slv").get("end_days").asInt() / 365.0;
        DupireLocalVol lv = new DupireLocalVol(c.gridSurface);
        System.out.println("| engine | run | particles | seconds (median) |");
        System.out.println("|---|---|---|---|");
        for (JsonNode e : c.ql.get("slv").get("mc")) {
            System.out.printf("| QuantLib HestonSLVMCModel | %s | %d | %.1f (one run) |%n", e.get("label").asString(),
                    e.get("paths").asInt(), e.get("calibration_seconds").asDouble());
        }
        for (String label : OurSlvRun.DEFAULT_RUNS) {
            OurSlvRun run = OurSlvRun.of(label);
            SlvCalibrationInput in = c.input(run, lv, maturity, List.of(), RoundTripConfig.disabled());
            double[] sec = new double[reps];
            for (int r = -1; r < reps; r++) {
                long t0 = System.nanoTime();
                new SlvCalibrator(null).calibrate(in, null, null);
                if (r >= 0) {
                    sec[r] = (System.nanoTime() - t0) / 1e9;
                }
            }
            java.util.Arrays.sort(sec);
            System.out.printf("| ours SlvCalibrator | %s | %d | %.2f |%n", label, run.particles(), sec[reps / 2]);
        }
    }

    /**
     * Speed ratio on the service's default grid: each QuantLib run of the harness output names its particle count and
     * the number of time steps of our default (graded) grid; ours runs the defaults (PURBF, graded grid) with those
     * particles, one thread like QuantLib and on {@code Runtime.availableProcessors()} threads. One warm-up, then the
     * median of {@code reps}. QuantLib's estimator is binning (its only one), ours PURBF: the same work per step
     * except the regression.
     */
    static void timeDefaultGrid(String harnessOutput, int reps) {
        QuantLibComparison c = new QuantLibComparison(TestMarkets.readTree(Path.of(harnessOutput)));
        double maturity = c.ql.get("slv").get("end_days").asInt() / 365.0;
        DupireLocalVol lv = new DupireLocalVol(c.gridSurface);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("| particles | steps (ours / QuantLib) | QuantLib s (1 thread) | ours s (1 thread) | ratio per"
                + " core | ours s (%d threads) |%n|---|---|---|---|---|---|%n", cores);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(cores);
        try {
            for (JsonNode e : c.ql.get("slv").get("mc")) {
                int n = e.get("paths").asInt();
                OurSlvRun run = new OurSlvRun("default", EstimatorConfig.defaults(), n,
                        Particles.DEFAULTS.timeStepDays(), Particles.DEFAULTS.subSteps(),
                        Particles.DEFAULTS.shortEndRefinement());
                SlvCalibrationInput in = c.input(run, lv, maturity, List.of(), RoundTripConfig.disabled());
                double one = medianSeconds(in, null, reps);
                double many = medianSeconds(in, pool, reps);
                long steps = new SlvCalibrator(null).calibrate(in, null, null).pathSteps() / n;
                double ql = e.get("calibration_seconds").asDouble();
                System.out.printf("| %,d | %d / %d | %.2f | %.3f | %.1f× | %.3f |%n", n, steps,
                        e.get("time_steps").asInt(), ql, one, ql / one, many);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static double medianSeconds(SlvCalibrationInput in, java.util.concurrent.ExecutorService pool, int reps) {
        double[] sec = new double[reps];
        for (int r = -1; r < reps; r++) {
            long t0 = System.nanoTime();
            new SlvCalibrator(pool).calibrate(in, null, null);
            if (r >= 0) {
                sec[r] = (System.nanoTime() - t0) / 1e9;
            }
        }
        java.util.Arrays.sort(sec);
        return sec[reps / 2];
    }

    private SlvCalibrationInput input(OurSlvRun run, DupireLocalVol lv, double maturity, List<RoundTripQuote> rt,
                                      RoundTripConfig rtc) {
        Particles p = Particles.DEFAULTS;
        return SlvCalibrationInput.of(new Market(gridMarket.fx(), lv, gridSurface, gridSurface.expiries(), maturity),
                        heston, Estimators.create(run.estimator()))
                .withHeston(new Heston(heston, mixing))
                .withParticles(new Particles(run.particles(), run.stepDays(), run.subSteps(), run.refinement(),
                        p.grading(), p.seed(), p.chunkSize()))
                .withRepricing(new Repricing(rt, rtc));
    }

    private void slv(McConfig cfg, List<String> runLabels) {
        FxMarket fx = gridMarket.fx();
        DupireLocalVol lv = new DupireLocalVol(gridSurface);
        double maturity = ql.get("slv").get("end_days").asInt() / 365.0;
        // QuantLib's leverage functions on the output grid
        List<String> qlLabels = new ArrayList<>();
        List<JsonNode> qlLev = new ArrayList<>();
        List<Double> qlSeconds = new ArrayList<>();
        for (JsonNode e : ql.get("slv").get("mc")) {
            if (e.has("leverage")) {
                qlLabels.add(e.get("label").asString());
                qlLev.add(e.get("leverage"));
                qlSeconds.add(e.get("calibration_seconds").asDouble());
            }
        }
        JsonNode fdm = ql.get("slv").get("fdm");
        if (fdm != null && fdm.has("leverage")) {
            qlLabels.add("fdm");
            qlLev.add(fdm.get("leverage"));
            qlSeconds.add(fdm.get("calibration_seconds").asDouble());
        }
        JsonNode anyRun = ql.get("slv").get("mc").size() > 0 ? ql.get("slv").get("mc").get(0) : fdm;
        double[] times = doubles(anyRun.get("grid_times"));
        double[] spots = doubles(anyRun.get("grid_spots"));

        // our calibrations, single-threaded like QuantLib's
        List<RoundTripQuote> rt = new ArrayList<>();
        for (JsonNode r : ql.path("repricing_checks").path("rows")) {
            double t = r.get("expiry_days").asInt() / 365.0;
            double k = r.get("strike").asDouble();
            rt.add(new RoundTripQuote(t, k, String.format("z=%+.2f", r.get("std_moneyness").asDouble()),
                    gridSurface.impliedVol(t, k)));
        }
        List<OurSlvRun> runs = new ArrayList<>();
        List<SlvCalibrationResult> results = new ArrayList<>();
        for (String label : runLabels) {
            OurSlvRun run = OurSlvRun.of(label);
            SlvCalibrationInput in = input(run, lv, maturity, rt, new RoundTripConfig(true, 100_000, 4242L, true, true));
            System.err.println("[xcheck] our SLV calibration " + label + " ...");
            SlvCalibrationResult res = new SlvCalibrator(null).calibrate(in, null, null);
            runs.add(run);
            results.add(res);
        }

        System.out.println("## SLV calibration: timings (single thread both; machine shared, see uptime)");
        System.out.println();
        System.out.println("| engine | run | particles | steps | seconds |");
        System.out.println("|---|---|---|---|---|");
        for (int q = 0; q < qlLabels.size(); q++) {
            String lab = qlLabels.get(q);
            JsonNode e = lab.equals("fdm") ? fdm : ql.get("slv").get("mc").get(q);
            System.out.printf("| QuantLib %s | %s | %s | %s | %.1f |%n", lab.equals("fdm") ? "HestonSLVFDMModel"
                    : "HestonSLVMCModel", lab, lab.equals("fdm") ? "-" : e.get("paths").asString(),
                    lab.equals("fdm") ? "-" : e.get("time_steps").asString(), qlSeconds.get(q));
        }
        for (int r = 0; r < runs.size(); r++) {
            SlvCalibrationResult res = results.get(r);
            System.out.printf("| ours SlvCalibrator | %s | %d | %d regressions, %d propagation | %.1f (+ round trip"
                    + " %.1f) |%n", runs.get(r).label(), res.particles(), res.slices().size(),
                    res.propagationTimes().length - 1, res.timings().leverageMs() / 1e3,
                    res.timings().roundTripMs() / 1e3);
        }
        System.out.println();

        // leverage on the (t, S) output grid
        int fdmIdx = qlLabels.indexOf("fdm");
        System.out.println("## Leverage L(t, S) on the output grid");
        System.out.println();
        System.out.printf("Core points: |ln S/F(t)| <= %.1f std. Differences in leverage units vs QuantLib FDM"
                + " (HestonSLVFDMModel) as the reference; QuantLib's own MC runs listed for scale.%n%n", CORE_Z);
        System.out.println("| leverage | max abs diff vs QL fdm (core) | RMS (core) | max abs diff (all) |");
        System.out.println("|---|---|---|---|");
        List<String> names = new ArrayList<>();
        List<double[][]> grids = new ArrayList<>();
        for (int q = 0; q < qlLabels.size(); q++) {
            names.add("QL " + qlLabels.get(q));
            grids.add(toGrid(qlLev.get(q), times.length, spots.length));
        }
        for (int r = 0; r < runs.size(); r++) {
            double[][] g = new double[times.length][spots.length];
            for (int i = 0; i < times.length; i++) {
                for (int j = 0; j < spots.length; j++) {
                    g[i][j] = results.get(r).leverage().value(times[i], spots[j]);
                }
            }
            names.add("ours " + runs.get(r).label());
            grids.add(g);
        }
        if (fdmIdx >= 0) {
            double[][] ref = grids.get(fdmIdx);
            for (int k = 0; k < names.size(); k++) {
                if (k == fdmIdx) {
                    continue;
                }
                double maxCore = 0;
                double ss = 0;
                int n = 0;
                double maxAll = 0;
                for (int i = 0; i < times.length; i++) {
                    double f = fx.forward(times[i]);
                    double sd = gridSurface.impliedVol(times[i], f) * Math.sqrt(times[i]);
                    for (int j = 0; j < spots.length; j++) {
                        double d = grids.get(k)[i][j] - ref[i][j];
                        if (!Double.isFinite(d)) {
                            continue;
                        }
                        maxAll = Math.max(maxAll, Math.abs(d));
                        if (Math.abs(Math.log(spots[j] / f)) <= CORE_Z * sd) {
                            maxCore = Math.max(maxCore, Math.abs(d));
                            ss += d * d;
                            n++;
                        }
                    }
                }
                System.out.printf("| %s | %.3f | %.3f | %.3f |%n", names.get(k), maxCore, Math.sqrt(ss / Math.max(n, 1)),
                        maxAll);
            }
            System.out.println();
        }
        System.out.println("Leverage values by (t, S) (core points marked *):");
        System.out.println();
        StringBuilder hd = new StringBuilder("| t (d) | leverage |");
        for (double s : spots) {
            hd.append(String.format(" %.4f |", s));
        }
        System.out.println(hd);
        System.out.println("|---|---|" + "---|".repeat(spots.length));
        for (int i = 0; i < times.length; i++) {
            double f = fx.forward(times[i]);
            double sd = gridSurface.impliedVol(times[i], f) * Math.sqrt(times[i]);
            for (int k = 0; k < names.size(); k++) {
                StringBuilder b = new StringBuilder(String.format("| %d | %s |", Math.round(times[i] * 365),
                        names.get(k)));
                for (int j = 0; j < spots.length; j++) {
                    boolean core = Math.abs(Math.log(spots[j] / f)) <= CORE_Z * sd;
                    double v = grids.get(k)[i][j];
                    b.append(Double.isFinite(v) ? String.format(" %.3f%s |", v, core ? "*" : "") : " n/a |");
                }
                System.out.println(b);
            }
        }
        System.out.println();

        // round trip: ours (MC on our surface) next to QuantLib's FD repricing under its leverages
        System.out.println("## Vanilla round trip (implied-vol error, bp): ours (independent MC, 100k paths) vs QuantLib FD");
        System.out.println();
        StringBuilder rh = new StringBuilder("| T (d) | z | strike |");
        List<String> qlEngines = new ArrayList<>();
        JsonNode rrows = ql.path("repricing_checks").path("rows");
        if (!rrows.isEmpty()) {
            for (var it = rrows.get(0).propertyNames().iterator(); it.hasNext(); ) {
                String key = it.next();
                if (key.startsWith("SLV_")) {
                    qlEngines.add(key);
                    rh.append(" QL ").append(key).append(" |");
                }
            }
        }
        for (OurSlvRun run : runs) {
            rh.append(" ours ").append(run.label()).append(" (SE) |");
        }
        System.out.println(rh);
        System.out.println("|---|---|---|" + "---|".repeat(qlEngines.size() + runs.size()));
        for (int q = 0; q < rt.size(); q++) {
            JsonNode r = rrows.get(q);
            StringBuilder b = new StringBuilder(String.format("| %d | %.2f | %.4f |", r.get("expiry_days").asInt(),
                    r.get("std_moneyness").asDouble(), r.get("strike").asDouble()));
            for (String e : qlEngines) {
                JsonNode v = r.path(e).get("vol_error_bp");
                b.append(v == null || v.isNull() ? " n/a |" : String.format(" %.1f |", v.asDouble()));
            }
            for (SlvCalibrationResult res : results) {
                if (res.roundTrip() == null) {
                    b.append(" n/a |");
                    continue;
                }
                RoundTripResult.Point pt = null;
                for (RoundTripResult.Point c : res.roundTrip().points()) {
                    if (Math.abs(c.expiry() - rt.get(q).expiry()) < 1e-12 && Math.abs(c.strike() - rt.get(q).strike()) < 1e-12) {
                        pt = c;
                    }
                }
                b.append(pt == null ? " n/a |" : String.format(" %.1f (%.1f) |", pt.errorBps(), pt.stdErrorBps()));
            }
            System.out.println(b);
        }
        System.out.println();

        // one-touches under SLV: ours (MC with each of our leverages) vs QuantLib PDE with its leverages
        System.out.printf("## SLV one-touch: our MC (%d paths, %.1f-day steps, Sobol, antithetic, barrier correction)"
                + " vs QuantLib PDE (FdHestonBarrierEngine with its leverage)%n%n", cfg.paths(), cfg.timeStepDays());
        System.out.println("ok = |ours − QL fdm| <= 0.0075 + 3 SE.");
        System.out.println();
        StringBuilder oh = new StringBuilder("| T (d) | barrier | QL LV | QL SV |");
        List<String> qlSlv = new ArrayList<>();
        for (String lab : qlLabels) {
            qlSlv.add("SLV_" + lab);
            oh.append(" QL SLV_").append(lab).append(" |");
        }
        for (OurSlvRun run : runs) {
            oh.append(" ours ").append(run.label()).append(" (SE) | diff vs fdm | ok |");
        }
        System.out.println(oh);
        System.out.println("|---|---|---|---|" + "---|".repeat(qlSlv.size()) + "---|---|---|".repeat(runs.size()));
        JsonNode rows = ql.get("one_touch").get("rows");
        int[] fails = new int[runs.size()];
        double[] maxDiff = new double[runs.size()];
        int[] between = new int[runs.size()];
        int count = 0;
        MonteCarloPricer pricer = new MonteCarloPricer();
        int i = 0;
        while (i < rows.size()) {
            int d = rows.get(i).get("expiry_days").asInt();
            List<JsonNode> group = new ArrayList<>();
            for (; i < rows.size() && rows.get(i).get("expiry_days").asInt() == d; i++) {
                if (!rows.get(i).has("note") && d / 365.0 <= maturity + 1e-12) {
                    group.add(rows.get(i));
                }
            }
            if (group.isEmpty()) {
                continue;
            }
            List<Product> products = new ArrayList<>();
            for (JsonNode r : group) {
                BarrierDirection dir = "up".equals(r.get("direction").asString()) ? BarrierDirection.UP
                        : BarrierDirection.DOWN;
                products.add(new Product.OneTouch(d + "-" + dir + "-" + r.get("barrier").asDouble(), dir,
                        r.get("barrier").asDouble(), d / 365.0, PayAt.MATURITY, 1.0, null));
            }
            List<List<McResult>> res = new ArrayList<>();
            for (SlvCalibrationResult c : results) {
                res.add(pricer.price(new MonteCarloRequest(fx, products, List.of(McModel.SLV), null, lv, heston,
                        mixing, c.leverage(), cfg)));
            }
            for (int k = 0; k < group.size(); k++) {
                JsonNode r = group.get(k);
                JsonNode p = r.get("prices");
                StringBuilder b = new StringBuilder(String.format("| %d | %s %.4f | %.4f | %.4f |", d,
                        r.get("direction").asString(), r.get("barrier").asDouble(), p.get("LV").asDouble(),
                        p.get("SV").asDouble()));
                for (String e : qlSlv) {
                    JsonNode v = p.get(e);
                    b.append(v == null || v.isNull() ? " n/a |" : String.format(" %.4f |", v.asDouble()));
                }
                count++;
                JsonNode ref = p.get("SLV_fdm");
                for (int r2 = 0; r2 < runs.size(); r2++) {
                    McResult o = res.get(r2).get(k);
                    if (ref == null || ref.isNull()) {
                        b.append(String.format(" %.4f (%.4f) | | |", o.price(), o.stdError()));
                        continue;
                    }
                    double diff = o.price() - ref.asDouble();
                    boolean ok = Math.abs(diff) <= 0.0075 + 3 * o.stdError();
                    fails[r2] += ok ? 0 : 1;
                    maxDiff[r2] = Math.max(maxDiff[r2], Math.abs(diff));
                    double lo = Math.min(p.get("LV").asDouble(), p.get("SV").asDouble());
                    double hi = Math.max(p.get("LV").asDouble(), p.get("SV").asDouble());
                    if (o.price() >= lo - 3 * o.stdError() && o.price() <= hi + 3 * o.stdError()) {
                        between[r2]++;
                    }
                    b.append(String.format(" %.4f (%.4f) | %+.4f | %s |", o.price(), o.stdError(), diff,
                            ok ? "yes" : "**no**"));
                }
                System.out.println(b);
            }
        }
        System.out.println();
        for (int r = 0; r < runs.size(); r++) {
            System.out.printf("- ours %s vs QL SLV_fdm: max |diff| %.4f, outside tolerance %d of %d; between QL LV and"
                    + " SV (±3 SE): %d of %d%n", runs.get(r).label(), maxDiff[r], fails[r], count, between[r], count);
        }
        System.out.println();
    }

    private static double[][] toGrid(JsonNode a, int n, int m) {
        double[][] g = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                JsonNode v = a.get(i).get(j);
                g[i][j] = v == null || v.isNull() ? Double.NaN : v.asDouble();
            }
        }
        return g;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static double[] doubles(JsonNode a) {
        double[] x = new double[a.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = a.get(i).asDouble();
        }
        return x;
    }
}
