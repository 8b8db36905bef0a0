package com.fxdesk.slv.pricing.mc;

import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.pricing.BarrierDirection;
import com.fxdesk.slv.pricing.PayAt;
import com.fxdesk.slv.pricing.Product;
import com.fxdesk.slv.pricing.analytic.BlackScholesAnalytic;

import java.util.ArrayList;
import java.util.List;

/**
 * The paper's exhibit: one-touches (pay at maturity, unit payout) at many barriers above and below spot, priced
 * analytically under Black–Scholes at one vol (the TV, x-axis) and by Monte Carlo under the requested models
 * (LV, HESTON, SLV) — all rungs of a model from one simulation. Plotting (model − TV) against TV shows the smile
 * dynamics: with a mixing η in (0, 1) the SLV rung should lie between its LV and Heston prices.
 */
public final class OneTouchLadder {

    /** One barrier; NaN for models not requested. Standard errors in the same order as the prices. */
    public record Rung(BarrierDirection direction, double barrier, double tv, double lv, double heston, double slv,
                       double lvStdError, double hestonStdError, double slvStdError) {
    }

    private OneTouchLadder() {
    }

    /**
     * Barriers spread evenly in log-spot out to ±{@code maxStdDevs} · vol · √T on each side of spot,
     * {@code perSide} on each side.
     */
    public static double[] barriers(double spot, double vol, double maturity, int perSide, double maxStdDevs) {
        double[] out = new double[2 * perSide];
        double w = maxStdDevs * vol * Math.sqrt(maturity);
        for (int i = 0; i < perSide; i++) {
            double d = w * (i + 1) / perSide;
            out[perSide - 1 - i] = spot * Math.exp(-d);
            out[perSide + i] = spot * Math.exp(d);
        }
        return out;
    }

    /** Up one-touch for a barrier above spot, down below; ids "ot-UP-<barrier>". */
    public static List<Product> products(double spot, double maturity, double[] barriers) {
        List<Product> ps = new ArrayList<>();
        for (double b : barriers) {
            BarrierDirection dir = b > spot ? BarrierDirection.UP : BarrierDirection.DOWN;
            ps.add(new Product.OneTouch("ot-" + dir + "-" + b, dir, b, maturity, PayAt.MATURITY, 1.0, null));
        }
        return ps;
    }

    /**
     * @param request models and model inputs (its products are ignored; BS is not simulated: TV is analytic)
     * @param tvVol   the Black–Scholes vol of the TV (FX convention: ATM vol of the maturity)
     */
    public static List<Rung> price(MonteCarloPricer pricer, MonteCarloRequest request, double maturity,
                                   double[] barriers, double tvVol) {
        FxMarket fx = request.market();
        List<Product> ps = products(fx.spot(), maturity, barriers);
        List<McModel> models = request.models().stream().filter(m -> m != McModel.BS).toList();
        List<McResult> res = pricer.price(new MonteCarloRequest(fx, ps, models, null, request.localVol(),
                request.heston(), request.mixing(), request.leverage(), request.config()));
        List<Rung> out = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            Product.OneTouch p = (Product.OneTouch) ps.get(i);
            double[] price = {Double.NaN, Double.NaN, Double.NaN};
            double[] se = {Double.NaN, Double.NaN, Double.NaN};
            for (int m = 0; m < models.size(); m++) {
                McResult r = res.get(m * ps.size() + i);
                int slot = r.model() == McModel.LV ? 0 : r.model() == McModel.HESTON ? 1 : 2;
                price[slot] = r.price();
                se[slot] = r.stdError();
            }
            out.add(new Rung(p.direction(), p.barrier(), BlackScholesAnalytic.price(p, fx, tvVol), price[0], price[1],
                    price[2], se[0], se[1], se[2]));
        }
        return out;
    }
}
