package com.fxdesk.slv.pricing.mc;

import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.market.RateCurve;
import com.fxdesk.slv.pricing.BarrierDirection;
import com.fxdesk.slv.pricing.BarrierType;
import com.fxdesk.slv.pricing.OptionType;
import com.fxdesk.slv.pricing.PayAt;
import com.fxdesk.slv.pricing.Product;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.File;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** QuantLib reference cases from src/test/resources/reference (see its README) as products with flat markets. */
final class ReferenceCases {

    record Case(FxMarket market, double vol, Product product, double price, JsonNode raw) {
    }

    private ReferenceCases() {
    }

    static JsonNode load(String file) {
        return JsonMapper.builder().build().readTree(new File("src/test/resources/reference/" + file));
    }

    static FxMarket market(JsonNode c) {
        return new FxMarket(c.get("market").asText().toUpperCase(), LocalDate.of(2018, 3, 15), c.get("spot").asDouble(),
                RateCurve.flat(c.get("rd").asDouble()), RateCurve.flat(c.get("rf").asDouble()));
    }

    static List<Case> blackScholes(Predicate<JsonNode> filter) {
        List<Case> out = new ArrayList<>();
        int i = 0;
        for (JsonNode c : load("black_scholes.json").get("cases")) {
            i++;
            if (!filter.test(c)) {
                continue;
            }
            double vol = c.get("vol").asDouble();
            double t = c.get("maturity").asDouble();
            out.add(new Case(market(c), vol, product("bs-" + i, c.get("product"), t, vol), c.get("price").asDouble(), c));
        }
        return out;
    }

    static Product product(String id, JsonNode p, double t, Double vol) {
        String type = p.get("type").asText();
        double notional = p.has("notional") ? p.get("notional").asDouble() : 1.0;
        switch (type) {
            case "EUROPEAN":
                return new Product.European(id, OptionType.valueOf(p.get("optionType").asText()),
                        p.get("strike").asDouble(), t, notional, vol);
            case "DIGITAL":
                return new Product.Digital(id, OptionType.valueOf(p.get("optionType").asText()),
                        p.get("strike").asDouble(), t, notional, vol);
            case "ONE_TOUCH":
                return new Product.OneTouch(id, BarrierDirection.valueOf(p.get("direction").asText()),
                        p.get("barrier").asDouble(), t, PayAt.valueOf(p.get("payAt").asText()), notional, vol);
            case "NO_TOUCH":
                return new Product.NoTouch(id, BarrierDirection.valueOf(p.get("direction").asText()),
                        p.get("barrier").asDouble(), t, notional, vol);
            case "DOUBLE_NO_TOUCH":
                return new Product.DoubleNoTouch(id, p.get("lower").asDouble(), p.get("upper").asDouble(), t,
                        notional, vol);
            case "BARRIER":
                return new Product.Barrier(id, OptionType.valueOf(p.get("optionType").asText()),
                        p.get("strike").asDouble(), p.get("barrier").asDouble(),
                        BarrierType.valueOf(p.get("barrierType").asText()), t, notional, vol);
            default:
                throw new IllegalArgumentException(type);
        }
    }
}
