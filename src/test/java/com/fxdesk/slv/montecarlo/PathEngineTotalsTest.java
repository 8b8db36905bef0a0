package com.fxdesk.slv.montecarlo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.market.RateCurve;
import com.fxdesk.slv.random.SequenceType;
import java.time.LocalDate;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * The round trip's pooled sums ({@link PathEngine#runTotals}, {@link PathEngine.Totals#plus},
 * {@link PathEngine#estimates}): one run's totals give {@link PathEngine#run}'s estimates bit for bit, and adding a
 * second run's totals into a subset of the products changes exactly those products, with the samples added.
 */
class PathEngineTotalsTest {
    private static final FxMarket MARKET = new FxMarket("TOTALS", LocalDate.of(2024, 6, 14), 1.0,
            RateCurve.flat(0.03), RateCurve.flat(0.01));
    private static final HestonParameters HESTON = new HestonParameters(0.02, 1.5, 0.02, 0.4, -0.5);

    private static PayoffBook book(TimeGrid grid, double... maturities) {
        PayoffBook.Builder b = PayoffBook.builder(grid, MARKET);
        for (double t : maturities) {
            double f = MARKET.forward(t);
            b.controlledVanilla(true, f * 1.05, t, 1.0, new double[0], new double[0]);
            b.vanilla(false, f * 0.95, t, 1.0);
        }
        return b.build();
    }

    @Test
    void totalsGiveTheRunsEstimatesBitForBitAndAddPerProduct() {
        TimeGrid grid = TimeGrid.of(5 / 365.0, 0.25, 1.0);
        PayoffBook all = book(grid, 0.25, 1.0);
        PathDynamics dynamics = PathDynamics.heston(HESTON);
        McConfig cfg = new McConfig(4_096, 1.0, true, SequenceType.PSEUDO, 11, false, 1, 3);
        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            PathEngine.Estimate[] direct = PathEngine.run(dynamics, grid, all, MARKET, cfg, pool);
            PathEngine.Totals totals = PathEngine.runTotals(dynamics, grid, all, MARKET, cfg, pool, null, null);
            PathEngine.Estimate[] pooled = PathEngine.estimates(all, totals);
            for (int k = 0; k < direct.length; k++) {
                assertEquals(direct[k], pooled[k], "product " + k);
            }
            // a second run on the 3M products only (the book's products 0 and 1), on another seed
            PayoffBook shortBook = book(grid, 0.25);
            PathEngine.Totals more = PathEngine.runTotals(dynamics, grid, shortBook, MARKET,
                    cfg.withPaths(2_048).withSeed(12), pool, null, null);
            PathEngine.Totals sum = totals.plus(more, new int[] {0, 1});
            PathEngine.Estimate[] after = PathEngine.estimates(all, sum);
            for (int k = 0; k < 4; k++) {
                long expected = totals.samples()[k] + (k < 2 ? more.samples()[k] : 0);
                assertEquals(expected, sum.samples()[k], "samples of product " + k);
            }
            assertNotEquals(pooled[0], after[0]);
            assertNotEquals(pooled[1], after[1]);
            assertEquals(pooled[2], after[2], "a product outside the subset is untouched");
            assertEquals(pooled[3], after[3], "a product outside the subset is untouched");
            // half again as many samples: the standard error falls, roughly as 1/√1.5
            double ratio = after[1].stdError() / pooled[1].stdError();
            assertTrue(ratio > 0.7 && ratio < 0.95, "s.e. ratio " + ratio);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * SOBOL totals: one run's totals give {@link PathEngine#run}'s estimates bit for bit, and a continuation run on the
     * points after the first run's (firstPoint = its points per batch, the same seed: the same shifts) adds batch to
     * batch what one run on twice the points per batch gives (up to the sums' association); a continuation that
     * repeats the first points instead (firstPoint 0) does not.
     */
    @Test
    void sobolContinuationExtendsEveryBatchsPointSet() {
        TimeGrid grid = TimeGrid.of(5 / 365.0, 0.25, 1.0); // 74 steps × 2 factors: all Sobol dimensions
        PayoffBook all = book(grid, 0.25, 1.0);
        PathDynamics dynamics = PathDynamics.heston(HESTON);
        int batches = 8;
        int perBatch = 2 * 128; // points per batch: whole chunks
        McConfig cfg = new McConfig(2 * perBatch * batches, 1.0, true, SequenceType.SOBOL, 11, false, batches, 3);
        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            PathEngine.Estimate[] direct = PathEngine.run(dynamics, grid, all, MARKET, cfg, pool);
            PathEngine.Totals first = PathEngine.runTotals(dynamics, grid, all, MARKET, cfg, pool, null, null);
            PathEngine.Estimate[] pooled = PathEngine.estimates(all, first);
            for (int k = 0; k < direct.length; k++) {
                assertEquals(direct[k], pooled[k], "product " + k);
            }
            PathEngine.Totals next = PathEngine.runTotals(dynamics, grid, all, MARKET, cfg, perBatch, pool, null,
                    null);
            PathEngine.Totals sum = first.plus(next, new int[] {0, 1, 2, 3});
            PathEngine.Totals once = PathEngine.runTotals(dynamics, grid, all, MARKET, cfg.withPaths(2 * cfg.paths()),
                    pool, null, null);
            for (int k = 0; k < 4; k++) {
                assertEquals(once.samples()[k], sum.samples()[k]);
                for (int b = 0; b < batches; b++) {
                    assertEquals(once.batchSamples()[k][b], sum.batchSamples()[k][b]);
                    for (int w = 0; w < once.batchSums()[k][b].length; w++) {
                        double x = once.batchSums()[k][b][w];
                        assertEquals(x, sum.batchSums()[k][b][w], 1e-12 * Math.max(1, Math.abs(x)),
                                "product " + k + " batch " + b + " sum " + w);
                    }
                }
            }
            PathEngine.Totals repeated = first.plus(first, new int[] {0, 1, 2, 3});
            assertNotEquals(once.batchSums()[0][0][0], repeated.batchSums()[0][0][0], 1e-9);
            assertThrows(IllegalArgumentException.class, () -> first.plus(
                    PathEngine.runTotals(dynamics, grid, all, MARKET, cfg.withSequence(SequenceType.PSEUDO)
                            .withBatches(1), pool, null, null), new int[] {0, 1, 2, 3}));
            assertThrows(IllegalArgumentException.class, () -> PathEngine.runTotals(dynamics, grid, all, MARKET,
                    cfg.withSequence(SequenceType.PSEUDO), 128, pool, null, null));
        } finally {
            pool.shutdown();
        }
    }
}
