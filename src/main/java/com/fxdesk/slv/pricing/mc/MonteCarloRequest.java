package com.fxdesk.slv.pricing.mc;

import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.model.LeverageFunction;
import com.fxdesk.slv.montecarlo.McConfig;
import com.fxdesk.slv.pricing.Product;
import com.fxdesk.slv.volatility.LocalVolSurface;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * What to price, under which models, with what model inputs. Only the inputs of the requested models are needed:
 * BS — each product's {@code flatVol}, else {@code bsVol} (a vol per maturity, e.g. the surface's ATM);
 * LV — {@code localVol}; HESTON — {@code heston}; SLV — {@code heston} (unmixed), {@code mixing} η and the
 * calibrated {@code leverage}.
 */
public record MonteCarloRequest(FxMarket market, List<Product> products, List<McModel> models,
                                DoubleUnaryOperator bsVol, LocalVolSurface localVol, HestonParameters heston,
                                double mixing, LeverageFunction leverage, McConfig config) {

    public MonteCarloRequest {
        products = List.copyOf(products);
        models = List.copyOf(models);
        if (config == null) {
            config = McConfig.defaults();
        }
    }
}
