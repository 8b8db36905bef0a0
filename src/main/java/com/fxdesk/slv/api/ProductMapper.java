package com.fxdesk.slv.api;

import com.fxdesk.slv.api.dto.PricingRequest.ProductDto;
import com.fxdesk.slv.pricing.PayAt;
import com.fxdesk.slv.pricing.Product;

/** Validated product DTOs to the engine's products; id defaults to "&lt;type&gt;-&lt;index&gt;", notional to 1. */
final class ProductMapper {

    private ProductMapper() {
    }

    static Product toEngine(ProductDto p, int index) {
        String id = p.id() != null ? p.id() : p.type().name().toLowerCase().replace('_', '-') + "-" + index;
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
}
