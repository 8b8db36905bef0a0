package com.fxdesk.slv.api;

import com.fxdesk.slv.api.dto.PricingRequest;
import com.fxdesk.slv.api.dto.PricingRequest.Model;
import com.fxdesk.slv.api.dto.PricingResponse;
import com.fxdesk.slv.api.dto.PricingResponse.Method;
import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.heston.HestonPricer;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.pricing.Product;
import com.fxdesk.slv.pricing.analytic.BlackScholesAnalytic;
import com.fxdesk.slv.pricing.analytic.ImpliedVolChoice;
import com.fxdesk.slv.volatility.ImpliedVolSurface;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Prices products under the requested models. First plans how each (product, model) pair is priced and
 * refuses the whole request with 422 if any pair needs an engine piece this build lacks: never a partial or fake
 * answer. BS is analytic for every product; HESTON is analytic for Europeans and digitals.
 */
@Service
public class PricingService {
    private final SurfaceService surfaces;
    private final HestonService heston;
    private final EngineMetrics metrics;
    private final HestonPricer hestonPricer = new HestonPricer();

    public PricingService(SurfaceService surfaces, HestonService heston, EngineMetrics metrics) {
        this.surfaces = surfaces;
        this.heston = heston;
        this.metrics = metrics;
    }

    public PricingResponse price(PricingRequest request) throws Exception {
        long t0 = System.nanoTime();
        if (request.calibrationId() != null) {
            throw new InvalidInputException("calibrationId", "no finished calibration with id "
                    + request.calibrationId() + " (SLV calibration is not available in this version)");
        }
        List<Product> products = new ArrayList<>();
        for (int i = 0; i < request.products().size(); i++) {
            products.add(ProductMapper.toEngine(request.products().get(i), i));
        }
        checkAvailable(request.models(), products);
        MarketData market = MarketMapper.toEngine(request.market());
        FxMarket fx = market.fx();
        List<PricingResponse.Result> results = new ArrayList<>();
        for (Model model : request.models()) {
            results.addAll(metrics.pricing(model.name(), () -> switch (model) {
                case BS -> blackScholes(market, products);
                case HESTON -> heston(market, request, products);
                default -> throw new IllegalStateException("planned as unavailable: " + model);
            }));
        }
        return new PricingResponse(results, (System.nanoTime() - t0) / 1_000_000);
    }

    private void checkAvailable(List<Model> models, List<Product> products) {
        Set<String> missing = new LinkedHashSet<>();
        for (Model m : models) {
            for (Product p : products) {
                boolean ok = switch (m) {
                    case BS -> true;
                    case HESTON -> p instanceof Product.European || p instanceof Product.Digital;
                    case LV, SLV -> false;
                };
                if (!ok) {
                    missing.add(m == Model.HESTON ? "HESTON for " + kind(p) + " (needs Monte Carlo)" : m.name());
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Model not available",
                    "not available in this version of the service: model " + String.join(", model ", missing)
                            + "; nothing was priced");
        }
    }

    private static String kind(Product p) {
        return p.getClass().getSimpleName();
    }

    private List<PricingResponse.Result> blackScholes(MarketData market, List<Product> products) {
        ImpliedVolSurface surface = null;
        List<PricingResponse.Result> out = new ArrayList<>(products.size());
        for (Product p : products) {
            if (p.flatVol() == null && surface == null) {
                surface = surfaces.surface(market);
            }
            ImpliedVolChoice vol = ImpliedVolChoice.forBlackScholes(p, surface);
            double price = BlackScholesAnalytic.price(p, market.fx(), vol.vol());
            out.add(new PricingResponse.Result(p.id(), Model.BS, price, 0.0, Method.ANALYTIC, vol.vol(),
                    vol.source()));
        }
        return out;
    }

    private List<PricingResponse.Result> heston(MarketData market, PricingRequest request, List<Product> products) {
        HestonParameters params = request.heston() != null ? HestonService.toEngine(request.heston())
                : heston.calibrate(market, null, null).parameters();
        List<PricingResponse.Result> out = new ArrayList<>(products.size());
        for (Product p : products) {
            double price;
            if (p instanceof Product.European e) {
                price = e.notional() * hestonPricer.price(params, market.fx(), e.maturity(), e.strike(),
                        e.optionType().isCall());
            } else if (p instanceof Product.Digital d) {
                price = d.notional() * hestonPricer.digital(params, market.fx(), d.maturity(), d.strike(),
                        d.optionType().isCall());
            } else {
                throw new IllegalStateException("planned as unavailable: HESTON " + kind(p));
            }
            out.add(new PricingResponse.Result(p.id(), Model.HESTON, price, 0.0, Method.ANALYTIC, null, null));
        }
        return out;
    }
}
