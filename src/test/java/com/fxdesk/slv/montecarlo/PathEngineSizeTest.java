package com.fxdesk.slv.montecarlo;

import com.fxdesk.slv.random.SequenceType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.pricing.BarrierDirection;
import com.fxdesk.slv.pricing.PayAt;
import com.fxdesk.slv.pricing.Product;
import com.fxdesk.slv.pricing.mc.McModel;
import com.fxdesk.slv.pricing.mc.MonteCarloPricer;
import com.fxdesk.slv.pricing.mc.MonteCarloRequest;
import com.fxdesk.slv.testdata.TestMarkets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A time grid too fine for the per-worker normals is refused up front, not a negative array size or an OOM. */
class PathEngineSizeTest {

    @Test
    void tooManyStepsIsAnIllegalArgumentNotANegativeArraySize() {
        FxMarket fx = TestMarkets.load(TestMarkets.FLAT_10PCT).fx();
        Product p = new Product.OneTouch("ot", BarrierDirection.UP, fx.spot() * 1.5, 30, PayAt.MATURITY, 1, null);
        HestonParameters h = new HestonParameters(0.01, 1.5, 0.01, 0.3, -0.4);
        // 30 years at 0.02 days: 547,500 steps × 2 factors × 128 paths > 2^27 normals
        McConfig cfg = new McConfig(2, 0.02, false, SequenceType.PSEUDO, 1, true, 1, 1);
        assertThatThrownBy(() -> new MonteCarloPricer().price(new MonteCarloRequest(fx, List.of(p),
                List.of(McModel.HESTON), null, null, h, 1.0, null, cfg)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too many time steps");
    }
}
