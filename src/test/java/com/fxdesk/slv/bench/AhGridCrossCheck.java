package com.fxdesk.slv.bench;

import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.montecarlo.McConfig;
import com.fxdesk.slv.pricing.BarrierDirection;
import com.fxdesk.slv.pricing.PayAt;
import com.fxdesk.slv.pricing.Product;
import com.fxdesk.slv.pricing.mc.McModel;
import com.fxdesk.slv.pricing.mc.McResult;
import com.fxdesk.slv.pricing.mc.MonteCarloPricer;
import com.fxdesk.slv.pricing.mc.MonteCarloRequest;
import com.fxdesk.slv.testdata.TestMarkets;
import com.fxdesk.slv.volatility.DupireLocalVol;
import com.fxdesk.slv.volatility.LocalVolSurface;
import com.fxdesk.slv.volatility.VolSurface;
import com.fxdesk.slv.volatility.VolSurfaceBuilder;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Issue #9's QuantLib cross-check on the grid markets: our Andreasen–Huge surface (exact in time) against QuantLib
 * 1.29's {@code AndreasenHugeVolatilityInterpl} (one implicit step per expiry interval) on the same grid calls, and our
 * LV Monte Carlo one-touches against QuantLib's PDE on AH's local vol. The QuantLib side is
 * {@code crosscheck/ah_crosscheck.py} (Debian's python3); this class writes what it compares against.
 * <pre>
 * B="./mvnw -B -ntp -q -Pbench test-compile exec:exec -Dbench.main=com.fxdesk.slv.bench.AhGridCrossCheck"
 * $B -Dbench.args="export"                              # target/crosscheck/ah/&lt;market&gt;-ours.json (all 4 grids)
 * /usr/bin/python3 crosscheck/ah_crosscheck.py target/crosscheck/ah crosscheck/results
 * $B -Dbench.args="ql-lv"                               # our MC on QuantLib's AH local vol (the decomposition)
 * $B -Dbench.args="ql-lv flat-10pct --step-days 0.25"   # the same with quarter-day steps
 * </pre>
 * <b>export</b>: per market the input grid and flat curves, the day count under which every grid expiry is a whole
 * number of days (so that QuantLib's dates give exactly our times), our implied vols at the grid points, our local
 * vol and implied vol on (t, S) points within ±4 ATM sd at 10%, 50% and 90% of every expiry interval to 5Y, and LV MC
 * one-touches (paid at expiry, continuous monitoring with the bridge correction) at the grid expiries nearest 3M and
 * 1Y and the last one ≤ 5Y, barriers S0·exp(±z σ_ATM √T), z = 1, 2, with standard errors.
 * <b>ql-lv</b>: reads {@code target/crosscheck/ah/<market>-ql-lv.json} (QuantLib's AH local vol on a (t, ln S/F)
 * slab, written by the script) and prices the same one-touches with our MC on that local vol, to split
 * |ours − QuantLib| into "different local vol" and "different pricer".
 */
public final class AhGridCrossCheck {
    static final Path OUT = Path.of("target", "crosscheck", "ah");
    static final List<String> MARKETS = List.of("usdjpy-2024-06-14-grid", "audusd-grid-heston-perturbed",
            "usdmxn-grid-sabr-beta1", "flat-10pct");
    static final double[] FRACTIONS = {0.1, 0.5, 0.9};
    static final double Z_MAX = 4.0;
    static final double Z_STEP = 0.25;
    static final double[] OT_Z = {1.0, 2.0};
    static final double HORIZON = 5.0;
    /** MC time step in days (daily unless --step-days is given). */
    static double stepDays = 1.0;
    /** Sub-intervals per expiry interval of the time-discretisation probe. */
    static final int DENSE = 4;

    private AhGridCrossCheck() {
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        String cmd = args.length == 0 ? "export" : args[0];
        int paths = 100_000;
        List<String> markets = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if ("--paths".equals(args[i])) {
                paths = Integer.parseInt(args[++i]);
            } else if ("--step-days".equals(args[i])) {
                stepDays = Double.parseDouble(args[++i]);
            } else {
                markets.add(args[i]);
            }
        }
        if (markets.isEmpty()) {
            markets.addAll(MARKETS);
        }
        System.out.printf("load %s%n", loadAvg());
        for (String m : markets) {
            switch (cmd) {
                case "export" -> export(m, paths);
                case "ql-lv" -> onQuantLibLocalVol(m, paths);
                default -> throw new IllegalArgumentException("usage: export|ql-lv [market ...] [--paths N]");
            }
        }
        System.out.printf("load %s%n", loadAvg());
    }

    /** The service's MC settings with the brief's paths and daily steps; one thread, so CPU time is comparable. */
    static McConfig mcConfig(int paths) {
        return McConfig.defaults().withPaths(paths).withTimeStepDays(stepDays).withThreads(1);
    }

    static void export(String name, int paths) {
        JsonNode raw = TestMarkets.readTree(TestMarkets.MARKETS.resolve(name + ".json"));
        MarketData md = TestMarkets.parse(raw);
        FxMarket fx = md.fx();
        long c0 = cpu();
        long w0 = System.nanoTime();
        VolSurface surface = VolSurfaceBuilder.build(md);
        double buildMs = (System.nanoTime() - w0) / 1e6;
        DupireLocalVol lv = new DupireLocalVol(surface);
        JsonNode g = raw.get("volatility").get("grid");
        double[] expiries = doubles(g.get("expiries"));
        String dc = dayCount(expiries);
        double daysPerYear = dc.equals("A360") ? 360.0 : 365.0;
        int[] days = new int[expiries.length];
        for (int i = 0; i < days.length; i++) {
            days[i] = (int) Math.round(expiries[i] * daysPerYear);
        }

        // our implied vol at every grid point (the input is what both should reproduce)
        List<Object> gridOurs = new ArrayList<>();
        for (int i = 0; i < expiries.length; i++) {
            JsonNode ks = g.get("strikes").get(i);
            double[] iv = new double[ks.size()];
            for (int j = 0; j < iv.length; j++) {
                iv[j] = surface.impliedVol(expiries[i], ks.get(j).asDouble());
            }
            gridOurs.add(iv);
        }

        // probe of QuantLib's time discretisation: our implied vols at the strikes of each interval's end expiry at
        // whole days 1/4, 1/2, 3/4 of the way through it (AH then takes 4 implicit steps per interval, not one)
        List<Object> dense = new ArrayList<>();
        for (int i = 0; i < expiries.length; i++) {
            int d0 = i == 0 ? 0 : days[i - 1];
            JsonNode ks = g.get("strikes").get(i);
            for (int q = 1; q < DENSE; q++) {
                int d = d0 + (int) Math.round(q * (days[i] - d0) / (double) DENSE);
                if (d <= d0 || d >= days[i]) {
                    continue;
                }
                double t = d / daysPerYear;
                double fwd = fx.forward(t);
                double sd = surface.impliedVol(t, fwd) * Math.sqrt(t);
                List<Double> k = new ArrayList<>();
                List<Double> iv = new ArrayList<>();
                for (JsonNode kn : ks) {
                    // within ±5 sd only: further out the option values are below either lattice's resolution
                    if (Math.abs(Math.log(kn.asDouble() / fwd)) <= 5 * sd) {
                        k.add(kn.asDouble());
                        iv.add(surface.impliedVol(t, kn.asDouble()));
                    }
                }
                dense.add(QuantLibCrossCheck.map("expiry", t, "expiry_days", d, "strikes", k, "ours_implied_vol", iv));
            }
        }

        // local vol and implied vol on (t, S) inside ±4 ATM sd at 10/50/90% of every interval to 5Y
        List<Object> slices = new ArrayList<>();
        int nz = (int) Math.round(2 * Z_MAX / Z_STEP) + 1;
        for (int i = 0; i < expiries.length && expiries[i] <= HORIZON + 1e-9; i++) {
            double lo = i == 0 ? 0.0 : expiries[i - 1];
            for (double f : FRACTIONS) {
                double t = lo + f * (expiries[i] - lo);
                double fwd = fx.forward(t);
                double sd = surface.impliedVol(t, fwd) * Math.sqrt(t);
                double[] z = new double[nz];
                double[] s = new double[nz];
                double[] lvs = new double[nz];
                double[] ivs = new double[nz];
                for (int j = 0; j < nz; j++) {
                    z[j] = -Z_MAX + j * Z_STEP;
                    s[j] = fwd * Math.exp(z[j] * sd);
                    lvs[j] = lv.localVol(t, s[j]);
                    ivs[j] = surface.impliedVol(t, s[j]);
                }
                slices.add(QuantLibCrossCheck.map("interval", i, "fraction", f, "t", t, "forward", fwd, "atm_sd", sd,
                        "z", z, "spots", s, "local_vol", lvs, "implied_vol", ivs));
            }
        }
        double surfaceCpuMs = (cpu() - c0) / 1e6;

        // LV one-touches
        int[] otIdx = otExpiries(expiries);
        List<Object> ots = new ArrayList<>();
        MonteCarloPricer pricer = new MonteCarloPricer();
        McConfig cfg = mcConfig(paths);
        long mcCpu = 0;
        long mcWall = 0;
        for (int idx : otIdx) {
            double t = expiries[idx];
            double sd = surface.impliedVol(t, fx.forward(t)) * Math.sqrt(t);
            List<Product> products = new ArrayList<>();
            List<double[]> spec = new ArrayList<>();
            for (double z : OT_Z) {
                for (int sign : new int[] {-1, 1}) {
                    double b = fx.spot() * Math.exp(sign * z * sd);
                    BarrierDirection dir = sign > 0 ? BarrierDirection.UP : BarrierDirection.DOWN;
                    products.add(new Product.OneTouch(t + "-" + dir + "-" + z, dir, b, t, PayAt.MATURITY, 1.0, null));
                    spec.add(new double[] {sign * z, b});
                }
            }
            long cc = cpu();
            long ww = System.nanoTime();
            List<McResult> res = pricer.price(new MonteCarloRequest(fx, products, List.of(McModel.LV), null, lv, null,
                    0.0, null, cfg));
            mcCpu += cpu() - cc;
            mcWall += System.nanoTime() - ww;
            for (int k = 0; k < res.size(); k++) {
                ots.add(QuantLibCrossCheck.map("expiry", t, "expiry_days", days[idx], "z", spec.get(k)[0],
                        "direction", spec.get(k)[0] > 0 ? "up" : "down", "barrier", spec.get(k)[1],
                        "ours", res.get(k).price(), "ours_se", res.get(k).stdError()));
            }
        }

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("market", name);
        out.put("source", "examples/markets/" + name + ".json");
        out.put("spot", fx.spot());
        out.put("domestic_rate", raw.get("domesticRate").get("flat").asDouble());
        out.put("foreign_rate", raw.get("foreignRate").get("flat").asDouble());
        out.put("day_count", dc);
        out.put("grid", QuantLibCrossCheck.map("expiries", expiries, "expiry_days", days, "strikes", g.get("strikes"),
                "vols", g.get("vols"), "ours_implied_vol", gridOurs));
        out.put("dense_ours", dense);
        out.put("lattice_nodes", surface.latticeSize());
        out.put("surface_warnings", surface.warnings().size());
        out.put("slices", slices);
        out.put("one_touch_mc", QuantLibCrossCheck.map("paths", cfg.paths(), "step_days", cfg.timeStepDays(),
                "sequence", cfg.sequence().toString(), "antithetic", cfg.antithetic(), "batches", cfg.batches(),
                "barrier_correction", cfg.barrierCorrection(), "seed", cfg.seed(), "threads", cfg.threads(),
                "thread_cpu_s", mcCpu / 1e9, "wall_s", mcWall / 1e9));
        out.put("one_touches", ots);
        out.put("timing", QuantLibCrossCheck.map("surface_build_wall_ms", buildMs,
                "surface_and_slices_thread_cpu_ms", surfaceCpuMs, "load", loadAvg()));
        Path file = OUT.resolve(name + "-ours.json");
        QuantLibCrossCheck.write(file, out);
        System.out.printf("%s: %s, lattice %d, %d slices, %d one-touches, MC %.1f s thread CPU (%.1f s wall) -> %s%n",
                name, dc,
                surface.latticeSize(), slices.size(), ots.size(), mcCpu / 1e9, mcWall / 1e9, file);
    }

    /** Our MC (same settings and seed) on QuantLib's AH local vol slab. */
    static void onQuantLibLocalVol(String name, int paths) {
        Path in = OUT.resolve(name + "-ql-lv.json");
        JsonNode q = TestMarkets.readTree(in);
        MarketData md = TestMarkets.parse(TestMarkets.readTree(TestMarkets.MARKETS.resolve(name + ".json")));
        FxMarket fx = md.fx();
        SlabLocalVol slab = new SlabLocalVol(q.get("lv_slab"), fx);
        JsonNode ours = TestMarkets.readTree(OUT.resolve(name + "-ours.json"));
        MonteCarloPricer pricer = new MonteCarloPricer();
        McConfig cfg = mcConfig(paths);
        List<Object> rows = new ArrayList<>();
        JsonNode ots = ours.get("one_touches");
        long c0 = cpu();
        long w0 = System.nanoTime();
        int i = 0;
        while (i < ots.size()) {
            double t = ots.get(i).get("expiry").asDouble();
            List<Product> products = new ArrayList<>();
            List<JsonNode> group = new ArrayList<>();
            for (; i < ots.size() && ots.get(i).get("expiry").asDouble() == t; i++) {
                JsonNode r = ots.get(i);
                group.add(r);
                products.add(new Product.OneTouch("ot" + i, "up".equals(r.get("direction").asString())
                        ? BarrierDirection.UP : BarrierDirection.DOWN, r.get("barrier").asDouble(), t, PayAt.MATURITY,
                        1.0, null));
            }
            List<McResult> res = pricer.price(new MonteCarloRequest(fx, products, List.of(McModel.LV), null, slab,
                    null, 0.0, null, cfg));
            for (int k = 0; k < res.size(); k++) {
                rows.add(QuantLibCrossCheck.map("expiry", t, "z", group.get(k).get("z").asDouble(), "barrier",
                        group.get(k).get("barrier").asDouble(), "ours_on_ql_lv", res.get(k).price(), "se",
                        res.get(k).stdError()));
            }
        }
        Path file = OUT.resolve(name + "-ours-on-ql-lv" + (stepDays == 1.0 ? "" : "-step" + stepDays) + ".json");
        QuantLibCrossCheck.write(file, QuantLibCrossCheck.map("market", name, "paths", cfg.paths(), "step_days",
                cfg.timeStepDays(), "thread_cpu_s", (cpu() - c0) / 1e9, "wall_s", (System.nanoTime() - w0) / 1e9,
                "load", loadAvg(), "one_touches", rows));
        System.out.printf("%s: %d one-touches on QuantLib's AH local vol -> %s%n", name, rows.size(), file);
    }

    /**
     * QuantLib's AH local vol sampled by the script: per expiry interval, slices at interval midpoints (nearest slice
     * in time, never across an expiry, where AH's local vol jumps), linear in x = ln(S/F(t)) on a uniform grid, flat
     * beyond it.
     */
    static final class SlabLocalVol implements LocalVolSurface {
        private final double[] times;
        private final double[] lo;
        private final double[] hi;
        private final double x0;
        private final double dx;
        private final double[][] v;
        private final FxMarket fx;

        SlabLocalVol(JsonNode s, FxMarket fx) {
            this.fx = fx;
            this.times = doubles(s.get("times"));
            this.lo = doubles(s.get("interval_start"));
            this.hi = doubles(s.get("interval_end"));
            double[] x = doubles(s.get("x"));
            this.x0 = x[0];
            this.dx = (x[x.length - 1] - x[0]) / (x.length - 1);
            this.v = new double[times.length][];
            for (int i = 0; i < times.length; i++) {
                v[i] = doubles(s.get("values").get(i));
            }
        }

        @Override
        public double localVol(double t, double spot) {
            // nearest slice in time (binary search), moved into the expiry interval that contains t
            int hiIdx = Arrays.binarySearch(times, t);
            int best = hiIdx >= 0 ? hiIdx : -hiIdx - 1;
            if (best >= times.length || best > 0 && t - times[best - 1] < times[best] - t) {
                best--;
            }
            while (best > 0 && t <= lo[best]) {
                best--;
            }
            while (best < times.length - 1 && t > hi[best]) {
                best++;
            }
            double[] row = v[best];
            double u = (Math.log(spot / fx.forward(t)) - x0) / dx;
            if (u <= 0) {
                return row[0];
            }
            if (u >= row.length - 1) {
                return row[row.length - 1];
            }
            int j = (int) u;
            double w = u - j;
            return row[j] + w * (row[j + 1] - row[j]);
        }
    }

    /** Grid expiries nearest 3M and 1Y and the last one ≤ 5Y (distinct). */
    static int[] otExpiries(double[] e) {
        int a = nearest(e, 0.25);
        int b = nearest(e, 1.0);
        int c = 0;
        for (int i = 0; i < e.length; i++) {
            if (e[i] <= HORIZON + 1e-9) {
                c = i;
            }
        }
        return Arrays.stream(new int[] {a, b, c}).distinct().sorted().toArray();
    }

    private static int nearest(double[] e, double t) {
        int best = 0;
        for (int i = 1; i < e.length; i++) {
            if (Math.abs(e[i] - t) < Math.abs(e[best] - t)) {
                best = i;
            }
        }
        return best;
    }

    /** A365 if every expiry is a whole number of days out of 365, else A360 if out of 360 (QuantLib needs dates). */
    static String dayCount(double[] e) {
        if (whole(e, 365.0)) {
            return "A365";
        }
        if (whole(e, 360.0)) {
            return "A360";
        }
        throw new IllegalArgumentException("expiries are whole days neither in ACT/365 nor ACT/360: "
                + Arrays.toString(e));
    }

    private static boolean whole(double[] e, double n) {
        for (double t : e) {
            if (Math.abs(t * n - Math.rint(t * n)) > 1e-6) {
                return false;
            }
        }
        return true;
    }

    static double[] doubles(JsonNode a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).asDouble();
        }
        return d;
    }

    /** CPU time of this thread (the MC runs on it: threads = 1); surface builds are single-threaded too. */
    static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    static String loadAvg() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }
}
