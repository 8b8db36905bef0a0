package com.fxdesk.slv.web.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fxdesk.slv.market.MarketDataException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Engine refusals are the client's (422 naming the field); an IllegalArgumentException that no service translated is
 * a programming error: 500 with a generic detail that never shows the exception's text.
 */
class ProblemHandlerTest {
    private final ProblemHandler handler = new ProblemHandler();
    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/pricing");

    @Test
    void anUntranslatedIllegalArgumentIsA500WithAGenericDetail() {
        ResponseEntity<Object> r = handler.unexpectedIllegalArgument(
                new IllegalArgumentException("invalid SVI parameters a=1 b=Infinity"), request);
        assertThat(r.getStatusCode().value()).isEqualTo(500);
        ProblemDetail pd = (ProblemDetail) r.getBody();
        assertThat(pd.getDetail()).startsWith("An unexpected error occurred (reference ")
                .doesNotContain("SVI").doesNotContain("Infinity");
        assertThat(pd.getProperties()).isNull();
    }

    @Test
    void engineRefusalsAre422NamingTheField() {
        ResponseEntity<Object> market = handler.marketRejected(
                new MarketDataException("volatility.quotes.pillars[2]", "the 25-delta strangle cannot be matched", null),
                request);
        assertThat(market.getStatusCode().value()).isEqualTo(422);
        assertThat(fields(market)).containsExactly("market.volatility.quotes.pillars[2]");
        ResponseEntity<Object> engine = handler.engineRejectedField(new EngineRejectedException("no finite price",
                List.of(new FieldViolation("products[0]", "no finite price"))), request);
        assertThat(engine.getStatusCode().value()).isEqualTo(422);
        assertThat(fields(engine)).containsExactly("products[0]");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> fields(ResponseEntity<Object> r) {
        List<java.util.Map<String, String>> errors =
                (List<java.util.Map<String, String>>) ((ProblemDetail) r.getBody()).getProperties().get("errors");
        return errors.stream().map(e -> (Object) e.get("field")).toList();
    }
}
