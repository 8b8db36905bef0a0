package com.fxdesk.slv.web.pricing;

import com.fxdesk.slv.pricing.PayAt;
import com.fxdesk.slv.pricing.Product;
import com.fxdesk.slv.web.pricing.PricingRequest.ProductDto;

/** Validated product DTOs to the engine's products; id defaults to "&lt;type&gt;-&lt;index&gt;", notional to 1. */
public final class ProductMapper {

    private ProductMapper() {
    }

    static Product toEngine(ProductDto p, int index) {
        String id = effectiveId(p, index);
        double n = p.notional() != null ? p.notional() : 1.0;
        return switch (p.type()) {
            case EUROPEAN -> new Product.European(id, p.optionType(), p.strike(), p.maturity(), n, p.vol());
            case DIGITAL -> new Product.Digital(id, p.optionType(), p.strike(), p.maturity(), n, p.vol());
            case ONE_TOUCH -> new Product.OneTouch(id, p.direction(), p.barrier(), p.maturity(),
                    p.payAt() != null ? p.payAt() : PayAt.MATURITY, n, p.vol());
            case NO_TOUCH -> new Product.NoTouch(id, p.direction(), p.barrier(), p.maturity(), n, p.vol());
            case BARRIER -> new Product.Barrier(id, p.optionType(), p.strike(), p.barrier(), p.barrierType(),
                    p.maturity(), n, p.vol());
            case DOUBLE_NO_TOUCH -> new Product.DoubleNoTouch(id, p.lower(), p.upper(), p.maturity(), n, p.vol());
        };
    }

    /** The id a product answers under: its own, or "<type>-<index>" (e.g. one-touch-2). Null without a type. */
    static String effectiveId(ProductDto p, int index) {
        if (p.id() != null) {
            return p.id();
        }
        return p.type() == null ? null : p.type().name().toLowerCase().replace('_', '-') + "-" + index;
    }
}
