package com.fxdesk.slv.pricing;

/**
 * A product to price. Vanillas and barriers pay per unit of foreign notional in domestic currency; digitals and
 * touches pay {@code notional} units of domestic currency. {@code flatVol} (nullable) is a Black vol that the
 * BS model uses instead of the surface's. Monitoring of barriers is continuous.
 */
public sealed interface Product permits Product.European, Product.Digital, Product.OneTouch, Product.NoTouch,
        Product.Barrier, Product.DoubleNoTouch {

    String id();

    double maturity();

    double notional();

    Double flatVol();

    record European(String id, OptionType optionType, double strike, double maturity, double notional,
                    Double flatVol) implements Product {
    }

    /** Cash-or-nothing: pays notional at maturity if S_T is beyond the strike (above for CALL). */
    record Digital(String id, OptionType optionType, double strike, double maturity, double notional,
                   Double flatVol) implements Product {
    }

    record OneTouch(String id, BarrierDirection direction, double barrier, double maturity, PayAt payAt,
                    double notional, Double flatVol) implements Product {
    }

    /** Pays notional at maturity if the barrier was never touched. */
    record NoTouch(String id, BarrierDirection direction, double barrier, double maturity, double notional,
                   Double flatVol) implements Product {
    }

    /** Single-barrier knock-in / knock-out call or put, no rebate. */
    record Barrier(String id, OptionType optionType, double strike, double barrier, BarrierType barrierType,
                   double maturity, double notional, Double flatVol) implements Product {
    }

    /** Pays notional at maturity if spot stays strictly inside (lower, upper) throughout. */
    record DoubleNoTouch(String id, double lower, double upper, double maturity, double notional,
                         Double flatVol) implements Product {
    }
}
