package com.fxdesk.slv.pricing.mc;

import com.fxdesk.slv.montecarlo.McConfig;
import com.fxdesk.slv.pricing.Product;
import com.fxdesk.slv.random.SequenceType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Black–Scholes Monte Carlo (exact GBM, 5-day steps, bridge-corrected monitoring) against QuantLib's closed forms
 * (Reiner–Rubinstein, Rich, Ikeda–Kunitomo) from src/test/resources/reference/black_scholes.json.
 */
class BlackScholesMonteCarloTest {

    private static final MonteCarloPricer PRICER = new MonteCarloPricer();

    static List<ReferenceCases.Case> cases(String market, double vol, double maturity) {
        return ReferenceCases.blackScholes(c -> c.get("market").asText().equals(market)
                && c.get("vol").asDouble() == vol && Math.abs(c.get("maturity").asDouble() - maturity) < 0.01);
    }

    static double[][] errors(List<ReferenceCases.Case> cases, McConfig cfg) {
        List<Product> products = cases.stream().map(ReferenceCases.Case::product).toList();
        List<McResult> res = PRICER.price(new MonteCarloRequest(cases.get(0).market(), products, List.of(McModel.BS),
                null, null, null, 0, null, cfg));
        double[][] out = new double[cases.size()][2];
        for (int i = 0; i < cases.size(); i++) {
            out[i][0] = res.get(i).price() - cases.get(i).price();
            out[i][1] = res.get(i).stdError();
        }
        return out;
    }

    private static void assertMatches(String market, double vol, double maturity) {
        List<ReferenceCases.Case> cases = cases(market, vol, maturity);
        assertTrue(cases.size() > 40, "cases found: " + cases.size());
        double[][] err = errors(cases, McConfig.defaults());
        double worstZ = 0;
        for (int i = 0; i < cases.size(); i++) {
            String what = cases.get(i).raw().get("product") + " ref " + cases.get(i).price() + " err " + err[i][0]
                    + " se " + err[i][1];
            // 0.002 per unit payout; vanilla-type payoffs are per unit of foreign notional, so in units of spot
            Product p = cases.get(i).product();
            boolean perForeign = p instanceof Product.European || p instanceof Product.Barrier;
            double scale = perForeign ? cases.get(i).market().spot() : 1.0;
            assertTrue(Math.abs(err[i][0]) <= 0.002 * scale, what);
            assertTrue(Math.abs(err[i][0]) <= 3 * err[i][1] + 1e-7 * scale, what);
            if (err[i][1] > 1e-6 * scale) {
                worstZ = Math.max(worstZ, Math.abs(err[i][0]) / err[i][1]);
            }
        }
        System.out.printf("%s vol %.2f T %.2f: %d products, worst |err|/SE = %.2f%n", market, vol, maturity,
                cases.size(), worstZ);
    }

    @Test
    void eurusdOneYearAllProductsWithinThreeStdErrors() {
        assertMatches("eurusd", 0.12, 1.0);
    }

    @Test
    void usdjpySixMonthsNegativeDomesticRate() {
        assertMatches("usdjpy", 0.07, 0.4986);
    }

    @Test
    void eurbrlHighVolFiveYears() {
        assertMatches("eurbrl", 0.25, 5.0027);
    }

    @Test
    void hybridBeyondThousandSobolDimensionsStillMatches() {
        // 5Y at 1.5-day steps: 1,218 dimensions, the finest 218 bridge levels pseudo-random
        List<ReferenceCases.Case> cases = cases("eurusd", 0.12, 5.0027).stream()
                .filter(c -> !(c.product() instanceof Product.Barrier)).toList();
        double[][] err = errors(cases, McConfig.defaults().withTimeStepDays(1.5).withPaths(8_000));
        for (int i = 0; i < cases.size(); i++) {
            assertTrue(Math.abs(err[i][0]) <= 3 * err[i][1] + 1e-7 * cases.get(i).market().spot(),
                    cases.get(i).raw() + " err " + err[i][0] + " se " + err[i][1]);
        }
    }

    @Test
    void withoutBridgeCorrectionTouchesAreVisiblyBiased() {
        List<ReferenceCases.Case> cases = cases("eurusd", 0.12, 1.0).stream()
                .filter(c -> c.product() instanceof Product.OneTouch || c.product() instanceof Product.NoTouch
                        || c.product() instanceof Product.DoubleNoTouch).toList();
        double[][] on = errors(cases, McConfig.defaults());
        double[][] off = errors(cases, McConfig.defaults().withBarrierCorrection(false));
        double maxOn = 0;
        double maxOff = 0;
        for (int i = 0; i < cases.size(); i++) {
            maxOn = Math.max(maxOn, Math.abs(on[i][0]));
            maxOff = Math.max(maxOff, Math.abs(off[i][0]));
        }
        System.out.printf("touches, eurusd 12%% 1Y: max |err| with correction %.5f, without %.5f%n", maxOn, maxOff);
        assertTrue(maxOff > 0.01, "discrete monitoring should miss hits: " + maxOff);
        assertTrue(maxOff > 10 * maxOn, maxOn + " vs " + maxOff);
    }

    @Test
    void pseudoRandomAlsoMatches() {
        List<ReferenceCases.Case> cases = cases("eurusd", 0.12, 1.0);
        double[][] err = errors(cases, McConfig.defaults().withSequence(SequenceType.PSEUDO));
        for (int i = 0; i < cases.size(); i++) {
            assertTrue(Math.abs(err[i][0]) <= Math.max(3.5 * err[i][1], 1e-9), cases.get(i).raw() + " " + err[i][0]);
        }
    }

    @Test
    void touchPlusNoTouchIsTheDiscountFactor() {
        var c = cases("eurusd", 0.12, 1.0).get(0);
        double t = 1.0;
        List<Product> ps = List.of(
                new Product.OneTouch("ot", com.fxdesk.slv.pricing.BarrierDirection.UP, 1.3, t,
                        com.fxdesk.slv.pricing.PayAt.MATURITY, 1, 0.12),
                new Product.NoTouch("nt", com.fxdesk.slv.pricing.BarrierDirection.UP, 1.3, t, 1, 0.12));
        List<McResult> r = PRICER.price(new MonteCarloRequest(c.market(), ps, List.of(McModel.BS), null, null, null, 0,
                null, McConfig.defaults().withPaths(4000)));
        assertEquals(c.market().domesticDf(t), r.get(0).price() + r.get(1).price(), 1e-14);
    }
}
