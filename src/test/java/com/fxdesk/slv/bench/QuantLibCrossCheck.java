package com.fxdesk.slv.bench;

import com.fxdesk.slv.calibration.SlvCalibrationInput;
import com.fxdesk.slv.heston.CalibrationQuote;
import com.fxdesk.slv.heston.HestonCalibrationResult;
import com.fxdesk.slv.heston.HestonCalibrator;
import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.heston.HestonPricer;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.market.RateCurve;
import com.fxdesk.slv.math.BlackFormula;
import com.fxdesk.slv.testdata.TestMarkets;
import com.fxdesk.slv.volatility.DupireLocalVol;
import com.fxdesk.slv.volatility.SmilePillar;
import com.fxdesk.slv.volatility.VolSurface;
import com.fxdesk.slv.volatility.VolSurfaceBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cross-check of the engine against the QuantLib 1.29 peer harness (not part of this repository: set QL_HARNESS to its folder; run with Debian's python3).
 * <pre>
 * B="./mvnw -B -ntp -q -Pbench test-compile exec:exec -Dbench.main=com.fxdesk.slv.bench.QuantLibCrossCheck"
 * $B -Dbench.args=prepare                   # writes target/crosscheck/eurusd-ql-input*.json, eurusd-grid-market.json
 * /usr/bin/python3 "$QL_HARNESS"/harness.py target/crosscheck/eurusd-ql-input.json \
 *     crosscheck/results/eurusd-2018-full.json --skip-mc-pricing             # about 15 min, single-threaded
 * $B -Dbench.args="compare crosscheck/results/eurusd-2018-full.json"        # Markdown tables on stdout
 * /usr/bin/python3 "$QL_HARNESS"/harness.py target/crosscheck/eurusd-ql-input-fd-fine.json \
 *     crosscheck/results/eurusd-2018-3m-fd-fine.json --skip-mc --skip-fdm --skip-mc-pricing
 * $B -Dbench.args="compare crosscheck/results/eurusd-2018-3m-fd-fine.json --no-slv"
 * /usr/bin/python3 "$QL_HARNESS"/harness.py target/crosscheck/eurusd-ql-input-timing.json \
 *     crosscheck/results/eurusd-2018-mc-timing.json --skip-fdm --skip-mc-pricing
 * $B -Dbench.args="time-slv crosscheck/results/eurusd-2018-mc-timing.json 3"
 * /usr/bin/python3 "$QL_HARNESS"/harness.py target/crosscheck/eurusd-ql-input-default-grid.json \
 *     target/crosscheck/default-grid-timing.json --skip-fdm --skip-mc-pricing
 * $B -Dbench.args="time-default-grid target/crosscheck/default-grid-timing.json 3"
 * </pre>
 * <b>prepare</b> samples our EURUSD 2018 surface (built from the FX quotes) on one common strike list at every pillar
 * expiry and writes (a) the harness input with the same curves, densified to daily pillars so that QuantLib's
 * linear-in-zero-rate {@code ZeroCurve} reproduces our linear-in-r·t curve, the Heston parameters of our calibrator
 * ({@code mode: given}), SLV runs, one-touches, output grid and repricing checks, and (b) the same strike grid as our
 * own {@code market} JSON with a {@code grid} volatility, so that both engines start from identical numbers.
 * <b>compare</b> reads the harness output and prints Markdown tables (local vol, Heston prices, ...).
 */
public final class QuantLibCrossCheck {
    static final Path OUT = Path.of("target", "crosscheck");
    static final Path QL_INPUT = OUT.resolve("eurusd-ql-input.json");
    static final Path GRID_MARKET = OUT.resolve("eurusd-grid-market.json");
    static final Path HESTON_FILE = OUT.resolve("eurusd-heston.json");
    static final double MIXING = 0.66;
    static final int N_STRIKES = 29;
    static final int[] GRID_DAYS = {91, 182, 365, 730, 1825};
    static final int[] OT_DAYS = {91, 182, 365, 1825};
    static final double[] OT_Z = {0.25, 0.5, 0.75, 1.0, 1.5};
    static final int[] REPRICE_DAYS = {91, 365, 1825};
    static final double[] REPRICE_Z = {-1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5};
    /** Particle counts of the speed ratio on the service's default grid (the two set-ups). */
    static final int[] DEFAULT_GRID_PARTICLES = {2048, 100_000};

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private QuantLibCrossCheck() {
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        String cmd = args.length == 0 ? "prepare" : args[0];
        switch (cmd) {
            case "prepare" -> prepare();
            case "compare" -> QuantLibComparison.run(Arrays.copyOfRange(args, 1, args.length));
            case "time-default-grid" -> QuantLibComparison.timeDefaultGrid(args[1],
                    args.length > 2 ? Integer.parseInt(args[2]) : 3);
            case "time-slv" -> QuantLibComparison.timeCalibrations(args[1], args.length > 2 ? Integer.parseInt(args[2]) : 3);
            default -> throw new IllegalArgumentException("usage: prepare | compare HARNESS_OUTPUT.json [--paths N]"
                    + " [--step-days D] [--no-mc] [--no-slv] [--slv-runs a,b] | time-slv HARNESS_OUTPUT.json [REPS] | time-default-grid HARNESS_OUTPUT.json [REPS]");
        }
    }

    // ------------------------------------------------------------------------------------------------ prepare

    static void prepare() {
        JsonNode raw = TestMarkets.readTree(TestMarkets.MARKETS.resolve(TestMarkets.EURUSD_2018 + ".json"));
        MarketData md = TestMarkets.parse(raw);
        FxMarket fx = md.fx();
        VolSurface surface = VolSurfaceBuilder.build(md);
        double s0 = fx.spot();

        // pillar expiries as whole days: T = days/365 on both sides
        double[] pillarT = surface.expiries();
        int[] days = new int[pillarT.length];
        for (int i = 0; i < days.length; i++) {
            days[i] = (int) Math.round(pillarT[i] * 365.0);
        }
        double tLast = days[days.length - 1] / 365.0;
        double kLo = quantileStrike(surface, fx, tLast, 0.01);
        double kHi = quantileStrike(surface, fx, tLast, 0.99);
        double[] strikes = strikeGrid(s0, kLo, kHi, N_STRIKES);
        double[][] vols = new double[days.length][strikes.length];
        for (int i = 0; i < days.length; i++) {
            double t = days[i] / 365.0;
            for (int j = 0; j < strikes.length; j++) {
                vols[i][j] = round(surface.impliedVol(t, strikes[j]), 1e-10);
            }
        }
        System.out.printf("5Y 1%%/99%% quantiles of S_T: %.4f / %.4f; %d strikes %s%n", kLo, kHi, strikes.length,
                Arrays.toString(strikes));

        // Heston on the surface pillars (the quote points, not the resampled grid)
        List<CalibrationQuote> quotes = new ArrayList<>();
        for (SmilePillar p : surface.pillars()) {
            for (int j = 0; j < p.strikes().length; j++) {
                quotes.add(new CalibrationQuote(p.expiry(), p.strikes()[j], p.vols()[j], p.tenor() + " " + p.labels()[j]));
            }
        }
        HestonCalibrationResult hc = new HestonCalibrator().calibrate(fx, quotes, null,
                HestonCalibrator.Weighting.IMPLIED_VOL);
        HestonParameters h = hc.parameters();
        System.out.printf("Heston (ours, %d quotes): %s Feller %.3f RMSE %.2f bp max %.2f bp, %d ms%n", quotes.size(),
                h, hc.fellerRatio(), hc.rmseVolBps(), hc.maxErrorVolBps(), hc.elapsedMs());

        // curves: daily pillars up to the last curve pillar, where both conventions go flat in the zero rate
        Map<String, Object> dom = denseCurve(fx.domestic());
        Map<String, Object> fgn = denseCurve(fx.foreign());
        System.out.printf("curve densification, max |ln DF ours - ln DF QuantLib-style| over 0..6Y (every 3h): dom %.2e"
                + " fgn %.2e (inside the days holding the 1M/3M/6M pillars, which are not whole days); at whole days:"
                + " dom %.2e fgn %.2e%n", curveGap(fx.domestic(), dom, 8), curveGap(fx.foreign(), fgn, 8),
                curveGap(fx.domestic(), dom, 1), curveGap(fx.foreign(), fgn, 1));

        // output grid spots S0·exp(0.04k), k = -6..8
        double[] spots = new double[15];
        for (int k = -6; k <= 8; k++) {
            spots[k + 6] = round(s0 * Math.exp(0.04 * k), 1e-4);
        }

        List<Object> ots = new ArrayList<>();
        for (int d : OT_DAYS) {
            double t = d / 365.0;
            double sd = surface.impliedVol(t, fx.forward(t)) * Math.sqrt(t);
            List<Double> up = new ArrayList<>();
            List<Double> down = new ArrayList<>();
            for (double z : OT_Z) {
                up.add(round(s0 * Math.exp(z * sd), 1e-4));
                down.add(0, round(s0 * Math.exp(-z * sd), 1e-4));
            }
            ots.add(map("expiry_days", d, "down", down, "up", up, "payout", 1.0));
        }

        Map<String, Object> in = new LinkedHashMap<>();
        in.put("name", "eurusd-2018-03-15-grid");
        in.put("description", "EURUSD 2018-03-15 (examples/markets), our SVI surface sampled on one strike grid at"
                + " every pillar expiry (expiry_days = round(T*365)); curves densified to daily pillars from our"
                + " linear-in-r*t RateCurve; Heston from com.fxdesk.slv.heston.HestonCalibrator (given). Written by"
                + " com.fxdesk.slv.bench.QuantLibCrossCheck prepare.");
        in.put("valuation_date", fx.valuationDate().toString());
        in.put("spot", s0);
        in.put("domestic_curve", dom);
        in.put("foreign_curve", fgn);
        in.put("vol_surface", map("expiry_days", days, "strikes", strikes, "vols", vols, "interpolation", "bicubic"));
        in.put("heston", map("mode", "given", "v0", h.v0(), "kappa", h.kappa(), "theta", h.theta(), "xi", h.xi(),
                "rho", h.rho()));
        in.put("mixing_factor", MIXING);
        in.put("slv", map("end_days", days[days.length - 1],
                "mc_runs", List.of(
                        map("label", "mc_2048_52", "paths", 2048, "steps_per_year", 52, "bins", 51, "rng", "sobol",
                                "seed", 1234),
                        map("label", "mc_100000_52", "paths", 100000, "steps_per_year", 52, "bins", 201, "rng",
                                "sobol", "seed", 1234)),
                "fdm", map("enabled", true, "params", Map.of())));
        in.put("one_touches", ots);
        in.put("fd_pricing", map("t_steps_per_year", 200, "t_min_steps", 50, "x_grid", 200, "v_grid", 100,
                "damping_steps", 0));
        in.put("mc_pricing", map("paths", 20000, "steps_per_year", 1460, "coarse_every", 4, "seed", 42,
                "max_expiry_days", 365, "models", List.of("SV", "SLV_fdm", "SLV_mc_100000_52")));
        in.put("repricing_checks", map("expiry_days", REPRICE_DAYS, "std_moneyness", REPRICE_Z));
        in.put("output_grid", map("days", GRID_DAYS, "spots", spots));

        // our own market object with the identical strike grid (original curves: our service interpolates in r·t)
        double[] expiries = new double[days.length];
        double[][] gridStrikes = new double[days.length][];
        for (int i = 0; i < days.length; i++) {
            expiries[i] = days[i] / 365.0;
            gridStrikes[i] = strikes;
        }
        Map<String, Object> market = new LinkedHashMap<>();
        market.put("pair", fx.pair());
        market.put("valuationDate", fx.valuationDate().toString());
        market.put("spot", s0);
        market.put("domesticRate", raw.get("domesticRate"));
        market.put("foreignRate", raw.get("foreignRate"));
        market.put("volatility", map("grid", map("expiries", expiries, "strikes", gridStrikes, "vols", vols)));

        Map<String, Object> heston = map("v0", h.v0(), "kappa", h.kappa(), "theta", h.theta(), "xi", h.xi(),
                "rho", h.rho(), "feller", hc.fellerRatio(), "rmseVolBps", hc.rmseVolBps(),
                "maxErrorVolBps", hc.maxErrorVolBps(), "quotes", quotes.size(), "elapsedMs", hc.elapsedMs());
        write(QL_INPUT, in);
        // variants: (1) SLV MC calibrations only, to time them on a quiet machine (a 1-day repricing check because
        // an empty list means "default expiries" to the harness); (2) the 3M one-touches with 400 PDE time steps
        // and 2 damping steps, to measure QuantLib's PDE time-discretisation error next to the barrier
        Map<String, Object> timing = new LinkedHashMap<>(in);
        timing.put("name", in.get("name") + "-timing");
        timing.put("one_touches", List.of());
        timing.put("repricing_checks", map("expiry_days", new int[] {1}, "std_moneyness", new double[] {0.0}));
        write(OUT.resolve("eurusd-ql-input-timing.json"), timing);
        // (3) the service's default time grid: QuantLib's HestonSLVMCModel at the same particle counts and the same
        // number of time steps as our default (graded) grid to the same end date, for a speed ratio per core
        double[] expiriesT = new double[days.length];
        for (int i = 0; i < days.length; i++) {
            expiriesT[i] = days[i] / 365.0;
        }
        List<Object> sameSteps = new ArrayList<>();
        for (int n : DEFAULT_GRID_PARTICLES) {
            // the grid this fit runs on (its κ and mixed vol-of-vol), not admission's worst case over κ
            int steps = SlvCalibrationInput.gridSize(tLast, SlvCalibrationInput.Particles.DEFAULTS.withCount(n),
                    expiriesT, h.kappa(), 0.66 * h.xi(), Double.POSITIVE_INFINITY).steps();
            // the harness takes steps per year and truncates (end_days/365 · spy): round up to reach `steps`
            int perYear = (int) Math.ceil(steps / tLast);
            sameSteps.add(map("label", "mc_" + n + "_default_grid", "paths", n, "steps_per_year", perYear,
                    "our_steps", steps, "bins", n < 10_000 ? 51 : 201, "rng", "sobol", "seed", 1234));
        }
        Map<String, Object> defaultGrid = new LinkedHashMap<>(timing);
        defaultGrid.put("name", in.get("name") + "-default-grid-timing");
        defaultGrid.put("slv", map("end_days", days[days.length - 1], "mc_runs", sameSteps,
                "fdm", map("enabled", false, "params", Map.of())));
        write(OUT.resolve("eurusd-ql-input-default-grid.json"), defaultGrid);
        Map<String, Object> fine = new LinkedHashMap<>(in);
        fine.put("name", in.get("name") + "-fd-fine");
        fine.put("one_touches", List.of(ots.get(0)));
        fine.put("fd_pricing", map("t_steps_per_year", 200, "t_min_steps", 400, "x_grid", 200, "v_grid", 100,
                "damping_steps", 2));
        fine.put("repricing_checks", timing.get("repricing_checks"));
        write(OUT.resolve("eurusd-ql-input-fd-fine.json"), fine);
        write(GRID_MARKET, market);
        write(HESTON_FILE, heston);
        System.out.println("wrote " + QL_INPUT + ", " + GRID_MARKET + ", " + HESTON_FILE);
    }

    /** K with P(S_T < K) = p from the surface: digital put = ∂P/∂K (undiscounted), by bisection in ln K. */
    static double quantileStrike(VolSurface s, FxMarket fx, double t, double p) {
        double f = fx.forward(t);
        double lo = Math.log(f) - 3.0;
        double hi = Math.log(f) + 3.0;
        for (int it = 0; it < 100; it++) {
            double mid = 0.5 * (lo + hi);
            if (cdf(s, t, f, Math.exp(mid)) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.exp(0.5 * (lo + hi));
    }

    private static double cdf(VolSurface s, double t, double f, double k) {
        double h = 1e-4 * k;
        double up = BlackFormula.undiscounted(false, f, k + h, s.impliedVol(t, k + h) * Math.sqrt(t));
        double dn = BlackFormula.undiscounted(false, f, k - h, s.impliedVol(t, k - h) * Math.sqrt(t));
        return (up - dn) / (2 * h);
    }

    /**
     * n strikes from kLo to kHi, dense near the spot: ln K = ln S0 + arm·sinh(β u)/sinh(β) with u uniform on each side,
     * the points split between the two arms in proportion to their length in ln K.
     */
    static double[] strikeGrid(double s0, double kLo, double kHi, int n) {
        double beta = 2.0;
        double left = Math.log(s0 / kLo);
        double right = Math.log(kHi / s0);
        int nl = (int) Math.round((n - 1) * left / (left + right));
        int nr = n - 1 - nl;
        double[] k = new double[n];
        for (int i = 0; i < n; i++) {
            double x;
            if (i < nl) {
                double u = (double) (nl - i) / nl;
                x = -left * Math.sinh(beta * u) / Math.sinh(beta);
            } else {
                double u = (double) (i - nl) / nr;
                x = right * Math.sinh(beta * u) / Math.sinh(beta);
            }
            k[i] = round(s0 * Math.exp(x), 1e-4);
        }
        return k;
    }

    /** Zero rates at every day 1..last pillar (days/365), exactly our curve's values. */
    static Map<String, Object> denseCurve(RateCurve c) {
        double[] times = c.times();
        int last = (int) Math.ceil(times[times.length - 1] * 365.0 - 1e-9);
        int[] d = new int[last];
        double[] z = new double[last];
        for (int i = 0; i < last; i++) {
            d[i] = i + 1;
            z[i] = c.zeroRate(d[i] / 365.0);
        }
        return map("days", d, "zero_rates", z);
    }

    /** Max |ln DF| gap between our curve and QuantLib's ZeroCurve (linear zero rate, flat outside) on the dense pillars. */
    static double curveGap(RateCurve c, Map<String, Object> dense, int perDay) {
        int[] d = (int[]) dense.get("days");
        double[] z = (double[]) dense.get("zero_rates");
        double max = 0;
        for (int k = 1; k <= 6 * 365 * perDay; k++) {
            double t = k / (365.0 * perDay);
            max = Math.max(max, Math.abs(c.integratedRate(t) - t * qlZero(d, z, t)));
        }
        return max;
    }

    static double qlZero(int[] d, double[] z, double t) {
        double td = t * 365.0;
        if (td <= d[0]) {
            return z[0];
        }
        if (td >= d[d.length - 1]) {
            return z[z.length - 1];
        }
        int i = (int) Math.floor(td) - 1; // days are 1..n consecutive
        double w = (td - d[i]) / (d[i + 1] - d[i]);
        return z[i] + w * (z[i + 1] - z[i]);
    }

    // --------------------------------------------------------------------------------------------- helpers

    /** x rounded to a multiple of q (q = 10^-k), printed without binary noise. */
    static double round(double x, double q) {
        double inv = Math.rint(1.0 / q);
        return Math.rint(x * inv) / inv;
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static void write(Path file, Object value) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
