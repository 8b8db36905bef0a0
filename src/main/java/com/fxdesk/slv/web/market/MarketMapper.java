package com.fxdesk.slv.web.market;

import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.market.FxVolPillar;
import com.fxdesk.slv.market.FxVolQuotes;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.market.RateCurve;
import com.fxdesk.slv.market.VolGrid;
import com.fxdesk.slv.market.VolatilityInput;
import java.util.ArrayList;
import java.util.List;

/** Validated market DTOs to the engine's market records. Call only after {@link MarketValidator} passed. */
public final class MarketMapper {

    private MarketMapper() {
    }

    public static MarketData toEngine(MarketDto m) {
        FxMarket fx = new FxMarket(m.pair(), m.valuationDate(), m.spot(), curve(m.domesticRate()),
                curve(m.foreignRate()));
        VolatilityInput vol = m.volatility().quotes() != null ? quotes(m.volatility().quotes())
                : grid(m.volatility().grid());
        return new MarketData(fx, vol);
    }

    static RateCurve curve(RateCurveDto c) {
        return c.flat() != null ? RateCurve.flat(c.flat()) : RateCurve.of(doubles(c.times()), doubles(c.zeroRates()));
    }

    private static FxVolQuotes quotes(VolQuotesDto q) {
        List<FxVolPillar> pillars = new ArrayList<>(q.pillars().size());
        for (VolPillarDto p : q.pillars()) {
            pillars.add(new FxVolPillar(p.tenor(), p.expiry(), p.atm(), p.rr25(), p.bf25(), p.rr10(), p.bf10(),
                    p.deltaType(), p.premiumAdjusted()));
        }
        return new FxVolQuotes(q.deltaType(), Boolean.TRUE.equals(q.premiumAdjusted()), q.atmType(),
                q.butterflyType(), pillars);
    }

    private static VolGrid grid(VolGridDto g) {
        int n = g.expiries().size();
        double[][] strikes = new double[n][];
        double[][] vols = new double[n][];
        for (int i = 0; i < n; i++) {
            strikes[i] = doubles(g.strikes().get(i));
            vols[i] = doubles(g.vols().get(i));
        }
        return new VolGrid(doubles(g.expiries()), strikes, vols);
    }

    public static double[] doubles(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
