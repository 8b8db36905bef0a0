package com.fxdesk.slv.bench;

import com.fxdesk.slv.pricing.BarrierDirection;
import com.fxdesk.slv.pricing.BarrierType;
import com.fxdesk.slv.pricing.OptionType;
import com.fxdesk.slv.pricing.PayAt;
import com.fxdesk.slv.pricing.Product;
import com.fxdesk.slv.pricing.analytic.BlackScholesAnalytic;
import java.util.Arrays;

/** Time per analytic BS price, by product type: median of 7 timed rounds after 5 warm-up rounds. */
public final class BlackScholesAnalyticBenchmark {

    public static void main(String[] args) {
        double spot = 1.2346, rd = 0.0213, rf = -0.0033, vol = 0.09;
        Product[] products = {
                new Product.European("e", OptionType.CALL, 1.25, 1.0, 1.0, null),
                new Product.Digital("d", OptionType.CALL, 1.25, 1.0, 1.0, null),
                new Product.OneTouch("otm", BarrierDirection.UP, 1.35, 0.5, PayAt.MATURITY, 1.0, null),
                new Product.OneTouch("oth", BarrierDirection.DOWN, 1.15, 0.5, PayAt.HIT, 1.0, null),
                new Product.NoTouch("nt", BarrierDirection.DOWN, 1.15, 0.5, 1.0, null),
                new Product.Barrier("uoc", OptionType.CALL, 1.25, 1.35, BarrierType.UP_AND_OUT, 1.0, 1.0, null),
                new Product.Barrier("dip", OptionType.PUT, 1.25, 1.15, BarrierType.DOWN_AND_IN, 1.0, 1.0, null),
                new Product.DoubleNoTouch("dnt-wide", 1.05, 1.45, 0.5, 1.0, null),
                new Product.DoubleNoTouch("dnt-narrow", 1.20, 1.27, 1.0, 1.0, null),
        };
        int n = 20_000;
        double sink = 0;
        for (Product p : products) {
            double[] rounds = new double[7];
            for (int r = -5; r < rounds.length; r++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    sink += BlackScholesAnalytic.price(p, spot * (1 + 1e-9 * (i & 7)), rd, rf, vol);
                }
                if (r >= 0) {
                    rounds[r] = (System.nanoTime() - t0) / (double) n;
                }
            }
            Arrays.sort(rounds);
            System.out.printf("%-11s %8.0f ns/price (median of 7)%n", p.id(), rounds[3]);
        }
        System.out.println("(checksum " + sink + ")");
    }
}
