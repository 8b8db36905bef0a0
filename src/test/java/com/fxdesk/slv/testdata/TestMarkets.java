package com.fxdesk.slv.testdata;

import com.fxdesk.slv.market.AtmType;
import com.fxdesk.slv.market.ButterflyType;
import com.fxdesk.slv.market.DeltaType;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.market.FxVolPillar;
import com.fxdesk.slv.market.FxVolQuotes;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.market.RateCurve;
import com.fxdesk.slv.market.VolGrid;
import com.fxdesk.slv.market.VolatilityInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the shared market files (examples/markets/*.json, the API's {@code market} object) into {@link MarketData}
 * for tests and benchmarks. Paths are relative to the project root (the repository stands alone).
 */
public final class TestMarkets {
    public static final Path MARKETS = Path.of("examples", "markets");
    public static final Path REFERENCE = Path.of("src", "test", "resources", "reference");

    public static final String EURUSD_2018 = "eurusd-2018-03-15";
    public static final String USDJPY_2018 = "usdjpy-2018-03-15";
    public static final String EURUSD_2025 = "eurusd-2025-02-10";
    public static final String FLAT_10PCT = "flat-10pct";
    public static final List<String> ALL = List.of(EURUSD_2018, USDJPY_2018, EURUSD_2025, FLAT_10PCT);
    public static final String USDBRL_STRESS = "usdbrl-2024-06-14-stress";
    public static final String USDJPY_GRID = "usdjpy-2024-06-14-grid";
    /** Surface stress markets (examples/generators/stress_markets.py). */
    public static final String USDTRY_EM = "usdtry-2024-06-14-em";
    public static final String USDJPY_CRISIS = "usdjpy-2008-10-24-crisis";
    /** The same crisis skew with wider market strangles (docs/surface.md: the first asks for a concave wing). */
    public static final String USDJPY_CRISIS_WIDE = "usdjpy-2008-10-24-crisis-wide";
    public static final String EURGBP_25D = "eurgbp-2024-06-14-25d";
    public static final String GRID_HESTON = "audusd-grid-heston-perturbed";
    public static final String GRID_SABR = "usdmxn-grid-sabr-beta1";
    /** Short-dated, high vol-of-vol event market (1W-3M pillars, docs/calibration-quality.md). */
    public static final String GBPUSD_EVENT = "gbpusd-2026-06-19-event";
    /** Second market of that class, positive skew and a 2W event hump (examples/generators/short_dated_markets.py). */
    public static final String USDMXN_EVENT = "usdmxn-2027-05-21-event";
    /** Every market in examples/markets. */
    public static final List<String> SURFACE = List.of(EURUSD_2018, USDJPY_2018, EURUSD_2025, FLAT_10PCT, USDBRL_STRESS,
            USDJPY_GRID, USDTRY_EM, USDJPY_CRISIS, USDJPY_CRISIS_WIDE, EURGBP_25D, GRID_HESTON, GRID_SABR, GBPUSD_EVENT,
            USDMXN_EVENT);

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private TestMarkets() {
    }

    /** Market by file name without ".json", e.g. {@link #EURUSD_2018}. */
    public static MarketData load(String name) {
        return parse(readTree(MARKETS.resolve(name + ".json")));
    }

    public static JsonNode readTree(Path file) {
        try {
            return MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
        }
    }

    /** The API's {@code market} object as a tree. */
    public static MarketData parse(JsonNode m) {
        LocalDate date = m.hasNonNull("valuationDate") ? LocalDate.parse(m.get("valuationDate").asString()) : null;
        FxMarket fx = new FxMarket(m.path("pair").asString(""), date, m.get("spot").asDouble(),
                curve(m.get("domesticRate")), curve(m.get("foreignRate")));
        return new MarketData(fx, volatility(m.get("volatility")));
    }

    private static RateCurve curve(JsonNode r) {
        if (r.hasNonNull("flat")) {
            return RateCurve.flat(r.get("flat").asDouble());
        }
        return RateCurve.of(doubles(r.get("times")), doubles(r.get("zeroRates")));
    }

    private static VolatilityInput volatility(JsonNode v) {
        if (v.hasNonNull("grid")) {
            JsonNode g = v.get("grid");
            JsonNode ks = g.get("strikes");
            JsonNode vs = g.get("vols");
            double[][] strikes = new double[ks.size()][];
            double[][] vols = new double[vs.size()][];
            for (int i = 0; i < ks.size(); i++) {
                strikes[i] = doubles(ks.get(i));
            }
            for (int i = 0; i < vs.size(); i++) {
                vols[i] = doubles(vs.get(i));
            }
            return new VolGrid(doubles(g.get("expiries")), strikes, vols);
        }
        JsonNode q = v.get("quotes");
        List<FxVolPillar> pillars = new ArrayList<>();
        for (JsonNode p : q.get("pillars")) {
            pillars.add(new FxVolPillar(p.get("tenor").asString(), p.get("expiry").asDouble(), p.get("atm").asDouble(),
                    p.get("rr25").asDouble(), p.get("bf25").asDouble(),
                    p.hasNonNull("rr10") ? p.get("rr10").asDouble() : null,
                    p.hasNonNull("bf10") ? p.get("bf10").asDouble() : null,
                    p.hasNonNull("deltaType") ? DeltaType.valueOf(p.get("deltaType").asString()) : null,
                    p.hasNonNull("premiumAdjusted") ? p.get("premiumAdjusted").asBoolean() : null));
        }
        return new FxVolQuotes(DeltaType.valueOf(q.path("deltaType").asString("SPOT")),
                q.path("premiumAdjusted").asBoolean(false),
                AtmType.valueOf(q.path("atmType").asString("DELTA_NEUTRAL")),
                ButterflyType.valueOf(q.path("butterflyType").asString("SMILE")), pillars);
    }

    private static double[] doubles(JsonNode a) {
        double[] x = new double[a.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = a.get(i).asDouble();
        }
        return x;
    }
}
