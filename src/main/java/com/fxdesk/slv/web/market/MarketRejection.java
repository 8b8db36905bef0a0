package com.fxdesk.slv.web.market;

import com.fxdesk.slv.market.MarketDataException;
import com.fxdesk.slv.web.errors.EngineRejectedException;
import com.fxdesk.slv.web.errors.FieldViolation;
import java.util.List;

/** A market the engine refused, as a 422 naming the field the engine's {@link MarketDataException} points at. */
public final class MarketRejection {

    private MarketRejection() {
    }

    /** @param path the market's JSON path in the request (e.g. "market") */
    public static EngineRejectedException of(String path, IllegalArgumentException e) {
        String msg = e.getMessage() == null ? "the market cannot be used" : e.getMessage();
        String field = e instanceof MarketDataException m ? path + "." + m.field() : path + ".volatility";
        return new EngineRejectedException(msg, List.of(new FieldViolation(field, msg)));
    }
}
