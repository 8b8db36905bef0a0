package com.fxdesk.slv.pricing.mc;

import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.montecarlo.McConfig;
import com.fxdesk.slv.montecarlo.PathDynamics;
import com.fxdesk.slv.montecarlo.PathEngine;
import com.fxdesk.slv.montecarlo.PayoffBook;
import com.fxdesk.slv.montecarlo.TimeGrid;
import com.fxdesk.slv.pricing.BarrierDirection;
import com.fxdesk.slv.pricing.PayAt;
import com.fxdesk.slv.pricing.Product;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Monte Carlo prices of {@link Product}s under BS, LV, HESTON and SLV (SPEC.md §6). One simulation per model
 * serves every product of the request (a ladder of 40 one-touches costs one set of paths); under BS products
 * are grouped by their Black vol, one simulation per distinct vol. Results come in request order: for each model,
 * each product. Stateless and thread-safe.
 */
public final class MonteCarloPricer {
    private final ExecutorService pool;

    /** Paths run on threads the engine starts itself (studies, benchmarks, tests). */
    public MonteCarloPricer() {
        this(null);
    }

    /** Paths run on the given shared compute pool (the service's), plus the calling thread. */
    public MonteCarloPricer(ExecutorService pool) {
        this.pool = pool;
    }

    public List<McResult> price(MonteCarloRequest request) {
        return price(request, null);
    }

    /**
     * As {@link #price(MonteCarloRequest)}; {@code cancelled} (null: never) is polled between chunks of paths and
     * stops the pricing with a {@link java.util.concurrent.CancellationException} (a deadline, a client gone).
     */
    public List<McResult> price(MonteCarloRequest request, java.util.function.BooleanSupplier cancelled) {
        validate(request);
        List<McResult> out = new ArrayList<>();
        for (McModel model : request.models()) {
            Map<Double, List<Product>> groups = new LinkedHashMap<>();
            for (Product p : request.products()) {
                double key = model == McModel.BS ? bsVol(request, p) : 0.0;
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
            }
            Map<String, McResult> byId = new LinkedHashMap<>();
            for (Map.Entry<Double, List<Product>> g : groups.entrySet()) {
                PathDynamics dyn = dynamics(model, request, g.getKey());
                List<PathEngine.Estimate> est = simulate(request.market(), dyn, g.getValue(), request.config(), pool,
                        cancelled);
                for (int i = 0; i < est.size(); i++) {
                    Product p = g.getValue().get(i);
                    byId.put(p.id(), new McResult(p.id(), model, est.get(i).price(), est.get(i).stdError()));
                }
            }
            for (Product p : request.products()) {
                out.add(byId.get(p.id()));
            }
        }
        return out;
    }

    /** Prices products under one dynamics; exposed for studies that build their own dynamics. */
    public static List<PathEngine.Estimate> simulate(FxMarket market, PathDynamics dynamics, List<Product> products,
                                                     McConfig config) {
        return simulate(market, dynamics, products, config, null, null);
    }

    private static List<PathEngine.Estimate> simulate(FxMarket market, PathDynamics dynamics, List<Product> products,
                                                      McConfig config, ExecutorService pool,
                                                      java.util.function.BooleanSupplier cancelled) {
        double[] maturities = new double[products.size()];
        for (int i = 0; i < maturities.length; i++) {
            maturities[i] = products.get(i).maturity();
        }
        TimeGrid grid = TimeGrid.of(config.timeStep(), maturities);
        PayoffBook.Builder b = PayoffBook.builder(grid, market);
        for (Product p : products) {
            add(b, p);
        }
        return List.of(PathEngine.run(dynamics, grid, b.build(), market, config, pool, cancelled));
    }

    private static void add(PayoffBook.Builder b, Product product) {
        double t = product.maturity();
        double n = product.notional();
        if (product instanceof Product.European e) {
            b.vanilla(e.optionType().isCall(), e.strike(), t, n);
        } else if (product instanceof Product.Digital d) {
            b.digital(d.optionType().isCall(), d.strike(), t, n);
        } else if (product instanceof Product.OneTouch o) {
            b.oneTouch(o.direction() == BarrierDirection.UP, o.barrier(), t, o.payAt() == PayAt.HIT, n);
        } else if (product instanceof Product.NoTouch nt) {
            b.noTouch(nt.direction() == BarrierDirection.UP, nt.barrier(), t, n);
        } else if (product instanceof Product.DoubleNoTouch d) {
            b.doubleNoTouch(d.lower(), d.upper(), t, n);
        } else if (product instanceof Product.Barrier br) {
            b.barrier(br.optionType().isCall(), br.strike(), br.barrier(), br.barrierType().isUp(),
                    br.barrierType().isKnockIn(), t, n);
        } else {
            throw new IllegalArgumentException("unsupported product " + product);
        }
    }

    private static PathDynamics dynamics(McModel model, MonteCarloRequest r, double bsVol) {
        return switch (model) {
            case BS -> PathDynamics.blackScholes(bsVol);
            case LV -> PathDynamics.localVol(r.localVol());
            case HESTON -> PathDynamics.heston(r.heston());
            case SLV -> PathDynamics.slv(r.heston().withMixing(r.mixing()), r.leverage());
        };
    }

    private static double bsVol(MonteCarloRequest r, Product p) {
        if (p.flatVol() != null) {
            return p.flatVol();
        }
        if (r.bsVol() == null) {
            throw new IllegalArgumentException("product " + p.id() + ": BS needs the product's vol or a request bsVol");
        }
        return r.bsVol().applyAsDouble(p.maturity());
    }

    private static void validate(MonteCarloRequest r) {
        if (r.market() == null || r.products().isEmpty() || r.models().isEmpty()) {
            throw new IllegalArgumentException("need a market, products and models");
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Product p : r.products()) {
            if (!(p.maturity() > 0) || !ids.add(p.id())) {
                throw new IllegalArgumentException("product " + p.id() + ": maturity must be > 0 and ids unique");
            }
        }
        for (McModel m : r.models()) {
            switch (m) {
                case LV -> require(r.localVol() != null, "LV needs a local vol surface");
                case HESTON -> require(r.heston() != null, "HESTON needs Heston parameters");
                case SLV -> require(r.heston() != null && r.leverage() != null && r.mixing() >= 0 && r.mixing() <= 1,
                        "SLV needs Heston parameters, a leverage function and mixing in [0, 1]");
                default -> {
                }
            }
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
