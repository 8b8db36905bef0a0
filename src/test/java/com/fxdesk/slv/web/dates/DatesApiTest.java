package com.fxdesk.slv.web.dates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fxdesk.slv.web.ApiTestSupport;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Tenors and ISO dates in requests (docs/dates.md): resolved by the FX date rules, contradictions refused. */
// its own context (own job queue): in the shared one, other classes' jobs of other clients can fill the small queue
@TestPropertySource(properties = "slv.jobs.queue-capacity=4")
class DatesApiTest extends ApiTestSupport {

    private static ObjectNode surface(ObjectNode market) {
        ObjectNode r = object();
        r.set("market", market);
        return r;
    }

    private static ArrayNode pillars(ObjectNode market) {
        return (ArrayNode) market.get("volatility").get("quotes").get("pillars");
    }

    @Test
    void pillarsGivenByTenorOnlyGetTheirConventionalExpiry() {
        ObjectNode m = market("eurusd-2018-03-15.json");
        for (JsonNode p : pillars(m)) {
            ((ObjectNode) p).remove("expiry");
        }
        HttpResponse<String> r = post("/api/v1/volatility/surface", surface(m));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode first = json(r).get("pillars").get(0);
        assertThat(first.get("tenor").asString()).isEqualTo("1W");
        assertThat(first.get("expiry").asDouble()).isCloseTo(7 / 365.0, within(1e-12)); // Thu 15 → Thu 22 Mar
        JsonNode oneMonth = json(r).get("pillars").get(1);
        assertThat(oneMonth.get("expiry").asDouble()).isCloseTo(33 / 365.0, within(1e-12)); // expiry Tue 17 Apr
    }

    @Test
    void aTenorThatContradictsItsExpiryIsRefusedNamingTheExpiry() {
        ObjectNode m = market("eurusd-2018-03-15.json");
        ObjectNode last = (ObjectNode) pillars(m).get(pillars(m).size() - 1);
        last.put("tenor", "5Y").put("expiry", 7.0);
        String msg = fieldError(post("/api/v1/volatility/surface", surface(m)),
                "market.volatility.quotes.pillars[" + (pillars(m).size() - 1) + "].expiry");
        assertThat(msg).contains("tenor 5Y expires on 2023-03-16");
        // without a valuation date the nominal length is the reference
        m.remove("valuationDate");
        fieldError(post("/api/v1/volatility/surface", surface(m)),
                "market.volatility.quotes.pillars[" + (pillars(m).size() - 1) + "].expiry");
    }

    @Test
    void malformedTenorsAndDatesAreRefusedNamingTheField() {
        ObjectNode m = market("eurusd-2018-03-15.json");
        ((ObjectNode) pillars(m).get(0)).put("tenor", "1Q");
        assertThat(fieldError(post("/api/v1/volatility/surface", surface(m)),
                "market.volatility.quotes.pillars[0].tenor")).contains("is not a tenor");
        ObjectNode p = pricing();
        ((ObjectNode) p.get("products").get(0)).put("maturity", "2018-03-10");
        assertThat(fieldError(post("/api/v1/pricing", p), "products[0].maturity")).contains("not after");
        ((ObjectNode) p.get("products").get(0)).put("maturity", "next year");
        assertThat(fieldError(post("/api/v1/pricing", p), "products[0].maturity")).contains("neither a tenor");
    }

    @Test
    void productMaturitiesAsTenorOrDatePriceLikeTheirYearFraction() {
        ObjectNode byYears = pricing();
        ObjectNode byTenor = pricing();
        ObjectNode byDate = pricing();
        // EURUSD from Thu 15 Mar 2018: spot Mon 19 Mar, delivery Wed 19 Sep, expiry Mon 17 Sep: 186 days
        double sixMonths = 186 / 365.0;
        ((ObjectNode) byYears.get("products").get(0)).put("maturity", sixMonths);
        ((ObjectNode) byTenor.get("products").get(0)).put("maturity", "6M");
        ((ObjectNode) byDate.get("products").get(0)).put("maturity", "2018-09-17");
        JsonNode a = json(post("/api/v1/pricing", byYears)).get("results").get(0);
        HttpResponse<String> rt = post("/api/v1/pricing", byTenor);
        assertThat(rt.statusCode()).as(rt.body()).isEqualTo(200);
        JsonNode b = json(rt).get("results").get(0);
        JsonNode c = json(post("/api/v1/pricing", byDate)).get("results").get(0);
        assertThat(b.get("price").asDouble()).isEqualTo(a.get("price").asDouble());
        assertThat(c.get("price").asDouble()).isEqualTo(a.get("price").asDouble());
    }

    @Test
    void aTenorNeedsAValuationDate() {
        ObjectNode p = pricing();
        ((ObjectNode) p.get("market")).remove("valuationDate");
        ((ObjectNode) p.get("products").get(1)).put("maturity", "1Y");
        assertThat(fieldError(post("/api/v1/pricing", p), "products[1].maturity")).contains("valuationDate");
    }

    @Test
    void calibrationMaturityAcceptsATenor() {
        ObjectNode c = calibration();
        c.put("maturity", "3M");
        HttpResponse<String> r = submitAndWait(c);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("status").asString()).isEqualTo("SUCCEEDED");
    }
}
