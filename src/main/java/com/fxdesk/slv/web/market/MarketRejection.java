package com.fxdesk.slv.web.market;

import com.fxdesk.slv.web.errors.EngineRejectedException;
import com.fxdesk.slv.web.errors.FieldViolation;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A market the surface builder refused, mapped back to the request's JSON path: the builder says "pillar 6M: …" or
 * "grid expiry 0.5: …".
 */
public final class MarketRejection {
    private static final Pattern PILLAR = Pattern.compile("^pillar (\\S+):");
    private static final Pattern GRID = Pattern.compile("^grid expiry ([^:]+):");

    private MarketRejection() {
    }

    /** The market's surface was refused: name the pillar (or grid expiry) when the message identifies it. */
    public static EngineRejectedException of(String path, MarketDto market, IllegalArgumentException e) {
        String msg = e.getMessage() == null ? "the market cannot be used" : e.getMessage();
        String field = path + ".volatility";
        try {
            Matcher p = PILLAR.matcher(msg);
            Matcher g = GRID.matcher(msg);
            if (p.find() && market.volatility().quotes() != null) {
                List<VolPillarDto> pillars = market.volatility().quotes().pillars();
                for (int i = 0; i < pillars.size(); i++) {
                    if (p.group(1).equals(pillars.get(i).tenor())) {
                        field = path + ".volatility.quotes.pillars[" + i + "]";
                        break;
                    }
                }
            } else if (g.find() && market.volatility().grid() != null) {
                double expiry = Double.parseDouble(g.group(1).trim());
                List<Double> expiries = market.volatility().grid().expiries();
                for (int i = 0; i < expiries.size(); i++) {
                    if (expiries.get(i) != null && expiries.get(i) == expiry) {
                        field = path + ".volatility.grid.expiries[" + i + "]";
                        break;
                    }
                }
            }
        } catch (RuntimeException unmatched) {
            // keep the generic field
        }
        return new EngineRejectedException(msg, List.of(new FieldViolation(field, msg)));
    }
}
