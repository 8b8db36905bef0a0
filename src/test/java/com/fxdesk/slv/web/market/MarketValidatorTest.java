package com.fxdesk.slv.web.market;

import com.fxdesk.slv.web.errors.FieldViolation;
import com.fxdesk.slv.web.errors.Violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fxdesk.slv.config.LimitsProperties;
import com.fxdesk.slv.market.FxVolQuotes;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.market.VolGrid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Each market rule, one mutation of a real market file at a time, must be reported at its exact path. */
class MarketValidatorTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final LimitsProperties LIMITS = new LimitsProperties(65536, 16, 20, 60, 30, 100000, 50000000L, 1000000,
            200000000L, 20000, 200, 2000, 2500000L, 200000, 10000, 250000, 1000);
    private final MarketValidator validator = new MarketValidator(LIMITS);

    static ObjectNode load(String file) throws Exception {
        return (ObjectNode) JSON.readTree(Files.readString(Path.of("examples/markets", file)));
    }

    private List<FieldViolation> validate(ObjectNode market) {
        Violations v = new Violations();
        validator.validate("market", JSON.treeToValue(market, MarketDto.class), v);
        return v.list();
    }

    @ParameterizedTest
    @ValueSource(strings = {"eurusd-2018-03-15.json", "usdjpy-2018-03-15.json", "flat-10pct.json",
            "eurusd-2025-02-10.json"})
    void shippedMarketsAreValidAndMap(String file) throws Exception {
        ObjectNode m = load(file);
        assertThat(validate(m)).isEmpty();
        MarketData md = MarketMapper.toEngine(JSON.treeToValue(m, MarketDto.class));
        assertThat(md.fx().spot()).isEqualTo(m.get("spot").asDouble());
        assertThat(md.volatility()).isInstanceOfAny(FxVolQuotes.class, VolGrid.class);
    }

    @Test
    void mappingKeepsConventionsAndOverrides() throws Exception {
        MarketData md = MarketMapper.toEngine(JSON.treeToValue(load("eurusd-2018-03-15.json"), MarketDto.class));
        FxVolQuotes q = (FxVolQuotes) md.volatility();
        assertThat(q.pillars()).hasSize(10);
        assertThat(q.deltaTypeOf(q.pillars().get(0))).hasToString("SPOT");
        assertThat(q.deltaTypeOf(q.pillars().get(9))).hasToString("FORWARD");
        assertThat(q.pillars().get(4).hasTenDelta()).isTrue();
        assertThat(md.fx().domestic().zeroRate(1.0)).isEqualTo(0.0245);
    }

    static Stream<Arguments> quoteRules() {
        return Stream.of(
                rule("spot <= 0", m -> m.put("spot", 0.0), "market.spot", "between 1.0E-6 and 1000000"),
                rule("spot 1e308", m -> m.put("spot", 1e308), "market.spot", "between 1.0E-6 and 1000000"),
                rule("spot missing", m -> m.remove("spot"), "market.spot", "required"),
                rule("negative spot", m -> m.put("spot", -1.2), "market.spot", "between 1.0E-6 and 1000000"),
                rule("infinite spot", m -> m.put("spot", Double.POSITIVE_INFINITY), "market.spot", "finite"),
                rule("blank pair", m -> m.put("pair", " "), "market.pair", "non-blank"),
                rule("no domestic curve", m -> m.remove("domesticRate"), "market.domesticRate", "required"),
                rule("curve times not increasing", m -> times(m, "domesticRate").set(3, 0.4),
                        "market.domesticRate.times[3]", "strictly increasing"),
                rule("curve time <= 0", m -> times(m, "foreignRate").set(0, 0.0),
                        "market.foreignRate.times[0]", "> 0"),
                rule("curve lengths differ", m -> ((ArrayNode) m.get("foreignRate").get("zeroRates")).remove(0),
                        "market.foreignRate.zeroRates", "as many elements as times"),
                rule("flat and curve", m -> ((ObjectNode) m.get("domesticRate")).put("flat", 0.01),
                        "market.domesticRate", "either 'flat'"),
                rule("empty curve object", m -> m.set("foreignRate", JSON.createObjectNode()),
                        "market.foreignRate", "either 'flat'"),
                rule("rate in percent", m -> ((ArrayNode) m.get("domesticRate").get("zeroRates")).set(1, 2.05),
                        "market.domesticRate.zeroRates[1]", "[-1, 1]"),
                rule("too many curve points", m -> {
                    ArrayNode t = times(m, "domesticRate");
                    ArrayNode r = (ArrayNode) m.get("domesticRate").get("zeroRates");
                    for (int i = 0; i < 15; i++) {
                        t.add(10.0 + i);
                        r.add(0.03);
                    }
                }, "market.domesticRate.times", "limit is 20"),
                rule("no volatility", m -> m.remove("volatility"), "market.volatility", "required"),
                rule("quotes and grid", m -> ((ObjectNode) m.get("volatility")).set("grid", JSON.createObjectNode()),
                        "market.volatility", "exactly one"),
                rule("no delta type", m -> quotes(m).remove("deltaType"), "market.volatility.quotes.deltaType",
                        "required"),
                rule("no butterfly type", m -> quotes(m).putNull("butterflyType"),
                        "market.volatility.quotes.butterflyType", "required"),
                rule("no pillars", m -> quotes(m).set("pillars", JSON.createArrayNode()),
                        "market.volatility.quotes.pillars", "empty"),
                rule("atm zero", m -> pillar(m, 2).put("atm", 0.0), "market.volatility.quotes.pillars[2].atm",
                        "(0, 5]"),
                rule("atm in percent", m -> pillar(m, 2).put("atm", 7.18), "market.volatility.quotes.pillars[2].atm",
                        "(0, 5]"),
                rule("expiry not increasing", m -> pillar(m, 5).put("expiry", 0.3),
                        "market.volatility.quotes.pillars[5].expiry", "increasing"),
                rule("expiry beyond max maturity", m -> pillar(m, 9).put("expiry", 40.0),
                        "market.volatility.quotes.pillars[9].expiry", "between one day"),
                rule("expiry below one day", m -> pillar(m, 0).put("expiry", 1e-10),
                        "market.volatility.quotes.pillars[0].expiry", "between one day"),
                rule("rr10 without bf10", m -> pillar(m, 3).remove("bf10"),
                        "market.volatility.quotes.pillars[3].bf10", "both rr10 and bf10"),
                rule("bf10 without rr10", m -> pillar(m, 3).putNull("rr10"),
                        "market.volatility.quotes.pillars[3].rr10", "both rr10 and bf10"),
                rule("negative wing vol", m -> pillar(m, 1).put("rr25", -0.2),
                        "market.volatility.quotes.pillars[1].rr25", "wing vols"),
                rule("too many pillars", m -> {
                    ArrayNode p = (ArrayNode) quotes(m).get("pillars");
                    for (int i = 0; i < 7; i++) {
                        ObjectNode extra = (ObjectNode) p.get(9).deepCopy();
                        extra.put("expiry", 6.0 + i);
                        p.add(extra);
                    }
                }, "market.volatility.quotes.pillars", "limit is 16"),
                rule("null pillar", m -> ((ArrayNode) quotes(m).get("pillars")).set(4, JSON.nullNode()),
                        "market.volatility.quotes.pillars[4]", "required"));
    }

    static Stream<Arguments> gridRules() {
        return Stream.of(
                rule("expiries not increasing", m -> ((ArrayNode) grid(m).get("expiries")).set(2, 0.4),
                        "market.volatility.grid.expiries[2]", "strictly increasing"),
                rule("strike <= 0", m -> row(m, "strikes", 1).set(0, -0.6), "market.volatility.grid.strikes[1][0]",
                        "> 0"),
                rule("strikes not increasing", m -> row(m, "strikes", 0).set(3, 0.85),
                        "market.volatility.grid.strikes[0][3]", "strictly increasing"),
                rule("vol > 5", m -> row(m, "vols", 3).set(6, 10.0), "market.volatility.grid.vols[3][6]", "(0, 5]"),
                rule("vol zero", m -> row(m, "vols", 0).set(0, 0.0), "market.volatility.grid.vols[0][0]", "(0, 5]"),
                rule("vols row shorter", m -> row(m, "vols", 2).remove(0), "market.volatility.grid.vols[2]",
                        "as many vols as strikes[2]"),
                rule("missing vols row", m -> ((ArrayNode) grid(m).get("vols")).remove(3),
                        "market.volatility.grid.vols", "one row per expiry"),
                rule("missing strikes", m -> grid(m).remove("strikes"), "market.volatility.grid.strikes", "required"),
                rule("grid too large", m -> {
                    for (int i = 0; i < 4; i++) {
                        for (int j = 0; j < 10; j++) {
                            row(m, "strikes", i).add(2.0 + j);
                            row(m, "vols", i).add(0.1);
                        }
                    }
                }, "market.volatility.grid.strikes", "limit is 60"),
                rule("null vol", m -> row(m, "vols", 1).set(2, JSON.nullNode()), "market.volatility.grid.vols[1][2]",
                        "required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quoteRules")
    void quoteRuleIsReportedAtItsPath(String name, Consumer<ObjectNode> mutation, String field, String message)
            throws Exception {
        ObjectNode m = load("eurusd-2018-03-15.json");
        mutation.accept(m);
        assertThat(validate(m)).as(name).anySatisfy(v -> {
            assertThat(v.field()).isEqualTo(field);
            assertThat(v.message()).contains(message);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gridRules")
    void gridRuleIsReportedAtItsPath(String name, Consumer<ObjectNode> mutation, String field, String message)
            throws Exception {
        ObjectNode m = load("flat-10pct.json");
        mutation.accept(m);
        assertThat(validate(m)).as(name).anySatisfy(v -> {
            assertThat(v.field()).isEqualTo(field);
            assertThat(v.message()).contains(message);
        });
    }

    @Test
    void allViolationsAreReportedTogether() throws Exception {
        ObjectNode m = load("eurusd-2018-03-15.json");
        m.put("spot", -1.0);
        pillar(m, 0).put("atm", -0.1);
        pillar(m, 7).remove("rr10");
        assertThat(validate(m)).extracting(FieldViolation::field).contains("market.spot",
                "market.volatility.quotes.pillars[0].atm", "market.volatility.quotes.pillars[7].rr10");
    }

    private static Arguments rule(String name, Consumer<ObjectNode> mutation, String field, String message) {
        return Arguments.of(name, mutation, field, message);
    }

    private static ArrayNode times(ObjectNode m, String curve) {
        return (ArrayNode) m.get(curve).get("times");
    }

    private static ObjectNode quotes(ObjectNode m) {
        return (ObjectNode) m.get("volatility").get("quotes");
    }

    private static ObjectNode pillar(ObjectNode m, int i) {
        return (ObjectNode) quotes(m).get("pillars").get(i);
    }

    private static ObjectNode grid(ObjectNode m) {
        return (ObjectNode) m.get("volatility").get("grid");
    }

    private static ArrayNode row(ObjectNode m, String name, int i) {
        return (ArrayNode) grid(m).get(name).get(i);
    }
}
