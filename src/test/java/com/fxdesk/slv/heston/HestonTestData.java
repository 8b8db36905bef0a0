package com.fxdesk.slv.heston;

import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.market.RateCurve;
import com.fxdesk.slv.math.BlackFormula;
import org.apache.commons.math3.distribution.NormalDistribution;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.File;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only readers for src/test/resources and a simple FX-quote to pillar conversion (all deltas treated as forward,
 * not premium-adjusted, smile strangle, ATM = delta-neutral straddle) until the surface builder lands.
 */
public final class HestonTestData {

    public static final File DATA = new File("src/test/resources");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private HestonTestData() {
    }

    public static JsonNode read(String relative) {
        return MAPPER.readTree(new File(DATA, relative));
    }

    public record Market(FxMarket fx, List<Pillar> pillars) {
    }

    /** One tenor of quotes: ATM, 25Δ and 10Δ RR/BF (10Δ values NaN when absent). */
    public record Pillar(String tenor, double expiry, double atm, double rr25, double bf25, double rr10,
                         double bf10) {
    }

    public static Market market(String file) {
        JsonNode m = MAPPER.readTree(new File("examples/markets", file));
        FxMarket fx = new FxMarket(m.get("pair").asText(), LocalDate.parse(m.get("valuationDate").asText()),
                m.get("spot").asDouble(), curve(m.get("domesticRate")), curve(m.get("foreignRate")));
        List<Pillar> pillars = new ArrayList<>();
        JsonNode q = m.get("volatility").get("quotes");
        if (q != null) {
            for (JsonNode p : q.get("pillars")) {
                pillars.add(new Pillar(p.get("tenor").asText(), p.get("expiry").asDouble(), p.get("atm").asDouble(),
                        p.get("rr25").asDouble(), p.get("bf25").asDouble(),
                        p.has("rr10") ? p.get("rr10").asDouble() : Double.NaN,
                        p.has("bf10") ? p.get("bf10").asDouble() : Double.NaN));
            }
        }
        return new Market(fx, pillars);
    }

    private static RateCurve curve(JsonNode c) {
        if (c.has("flat")) {
            return RateCurve.flat(c.get("flat").asDouble());
        }
        double[] t = doubles(c.get("times"));
        double[] r = doubles(c.get("zeroRates"));
        return RateCurve.of(t, r);
    }

    static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    /** Strike of forward delta Δ (call: Δ &gt; 0, put: Δ &lt; 0) at vol σ, not premium-adjusted. */
    public static double forwardDeltaStrike(double forward, double expiry, double vol, double delta) {
        double s = vol * Math.sqrt(expiry);
        double n = new NormalDistribution().inverseCumulativeProbability(delta > 0 ? delta : 1 + delta);
        // call: N(d1) = Δ; put: N(d1) = 1 + Δ
        return forward * Math.exp(-s * n + 0.5 * s * s);
    }

    /** Five (or three without 10Δ) quotes per pillar with smile-strangle vols at forward-delta strikes. */
    public static List<CalibrationQuote> quotes(Market m, boolean withTenDelta) {
        List<CalibrationQuote> out = new ArrayList<>();
        for (Pillar p : m.pillars()) {
            double t = p.expiry();
            double f = m.fx().forward(t);
            out.add(new CalibrationQuote(t, f * Math.exp(0.5 * p.atm() * p.atm() * t), p.atm(), p.tenor() + " ATM"));
            double c25 = p.atm() + p.bf25() + 0.5 * p.rr25();
            double p25 = p.atm() + p.bf25() - 0.5 * p.rr25();
            out.add(new CalibrationQuote(t, forwardDeltaStrike(f, t, c25, 0.25), c25, p.tenor() + " 25C"));
            out.add(new CalibrationQuote(t, forwardDeltaStrike(f, t, p25, -0.25), p25, p.tenor() + " 25P"));
            if (withTenDelta && !Double.isNaN(p.rr10())) {
                double c10 = p.atm() + p.bf10() + 0.5 * p.rr10();
                double p10 = p.atm() + p.bf10() - 0.5 * p.rr10();
                out.add(new CalibrationQuote(t, forwardDeltaStrike(f, t, c10, 0.10), c10, p.tenor() + " 10C"));
                out.add(new CalibrationQuote(t, forwardDeltaStrike(f, t, p10, -0.10), p10, p.tenor() + " 10P"));
            }
        }
        return out;
    }

    /** The API's calibration quotes (api.SurfaceService.vanillaQuotes: the surface builder's pillar points). */
    public static List<CalibrationQuote> pillarQuotes(com.fxdesk.slv.volatility.VolSurface surface) {
        List<CalibrationQuote> quotes = new ArrayList<>();
        for (com.fxdesk.slv.volatility.SmilePillar p : surface.pillars()) {
            for (int j = 0; j < p.strikes().length; j++) {
                String tenor = p.tenor() != null ? p.tenor() : "T=" + p.expiry();
                quotes.add(new CalibrationQuote(p.expiry(), p.strikes()[j], p.vols()[j], tenor + " " + p.labels()[j]));
            }
        }
        return quotes;
    }

    /** Black vol of a Heston price (OTM side). */
    public static double hestonVol(HestonPricer pricer, HestonParameters h, FxMarket fx, double t, double k) {
        double f = fx.forward(t);
        double df = fx.domesticDf(t);
        boolean call = k >= f;
        return BlackFormula.impliedVol(call, f, k, t, pricer.price(h, t, f, df, k, call), df);
    }
}
