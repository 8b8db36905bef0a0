package com.fxdesk.slv.pricing.analytic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fxdesk.slv.pricing.BarrierDirection;
import com.fxdesk.slv.pricing.BarrierType;
import com.fxdesk.slv.pricing.OptionType;
import com.fxdesk.slv.pricing.PayAt;
import com.fxdesk.slv.pricing.Product;
import com.fxdesk.slv.volatility.ImpliedVolSurface;
import org.junit.jupiter.api.Test;

class ImpliedVolChoiceTest {

    /** A smile whose vol encodes where it was asked: σ = 0.1 + T/100 + (K − F)/10, F(T) = 1.2 + T/100. */
    static final ImpliedVolSurface SURFACE = new ImpliedVolSurface() {
        @Override
        public double impliedVol(double expiry, double strike) {
            return 0.1 + expiry / 100 + (strike - forward(expiry)) / 10;
        }

        @Override
        public double totalVariance(double expiry, double logMoneyness) {
            double v = impliedVol(expiry, forward(expiry) * Math.exp(logMoneyness));
            return v * v * expiry;
        }

        @Override
        public double forward(double expiry) {
            return 1.2 + expiry / 100;
        }
    };

    static double expected(double t, double k) {
        return SURFACE.impliedVol(t, k);
    }

    @Test
    void vanillasDigitalsAndBarrierOptionsUseTheStrike() {
        Product e = new Product.European("e", OptionType.CALL, 1.3, 1.0, 1.0, null);
        Product d = new Product.Digital("d", OptionType.PUT, 1.1, 0.5, 1.0, null);
        Product b = new Product.Barrier("b", OptionType.CALL, 1.25, 1.4, BarrierType.UP_AND_OUT, 2.0, 1.0, null);
        assertEquals(new ImpliedVolChoice(expected(1.0, 1.3), "surface(T, strike)", 1.0, 1.3),
                ImpliedVolChoice.forBlackScholes(e, SURFACE));
        assertEquals(new ImpliedVolChoice(expected(0.5, 1.1), "surface(T, strike)", 0.5, 1.1),
                ImpliedVolChoice.forBlackScholes(d, SURFACE));
        assertEquals(new ImpliedVolChoice(expected(2.0, 1.25), "surface(T, strike)", 2.0, 1.25),
                ImpliedVolChoice.forBlackScholes(b, SURFACE));
    }

    @Test
    void touchesUseTheBarrierAndDoubleNoTouchTheForward() {
        Product ot = new Product.OneTouch("ot", BarrierDirection.UP, 1.35, 0.5, PayAt.HIT, 1.0, null);
        Product nt = new Product.NoTouch("nt", BarrierDirection.DOWN, 1.1, 0.25, 1.0, null);
        Product dnt = new Product.DoubleNoTouch("dnt", 1.1, 1.4, 1.0, 1.0, null);
        assertEquals(new ImpliedVolChoice(expected(0.5, 1.35), "surface(T, barrier)", 0.5, 1.35),
                ImpliedVolChoice.forBlackScholes(ot, SURFACE));
        assertEquals(new ImpliedVolChoice(expected(0.25, 1.1), "surface(T, barrier)", 0.25, 1.1),
                ImpliedVolChoice.forBlackScholes(nt, SURFACE));
        assertEquals(new ImpliedVolChoice(0.1 + 1.0 / 100, "surface(T, forward)", 1.0, 1.2 + 1.0 / 100),
                ImpliedVolChoice.forBlackScholes(dnt, SURFACE));
    }

    @Test
    void flatVolWinsAndNeedsNoSurface() {
        Product ot = new Product.OneTouch("ot", BarrierDirection.UP, 1.35, 0.5, PayAt.HIT, 1.0, 0.123);
        assertEquals(ImpliedVolChoice.flat(0.123), ImpliedVolChoice.forBlackScholes(ot, SURFACE));
        assertEquals(ImpliedVolChoice.flat(0.123), ImpliedVolChoice.forBlackScholes(ot, null));
    }

    @Test
    void missingOrInvalidVolIsRejected() {
        Product e = new Product.European("e", OptionType.CALL, 1.3, 1.0, 1.0, null);
        assertThrows(IllegalArgumentException.class, () -> ImpliedVolChoice.forBlackScholes(e, null));
        Product neg = new Product.European("e", OptionType.CALL, 1.3, 1.0, 1.0, -0.1);
        assertThrows(IllegalArgumentException.class, () -> ImpliedVolChoice.forBlackScholes(neg, SURFACE));
        Product farPut = new Product.European("e", OptionType.PUT, 0.01, 1.0, 1.0, null); // the toy smile goes negative
        assertThrows(IllegalArgumentException.class, () -> ImpliedVolChoice.forBlackScholes(farPut, SURFACE));
    }
}
