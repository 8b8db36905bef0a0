package com.fxdesk.slv.volatility;

import static org.assertj.core.api.Assertions.assertThat;

import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.heston.HestonPricer;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.market.RateCurve;
import com.fxdesk.slv.market.VolGrid;
import com.fxdesk.slv.math.BlackFormula;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Strike grids no file in the repository holds: the implied vols of a random Heston model (vol-of-vol up to 2,
 * correlation ±0.9, v0 and θ from 5% to 60% vol, any mean reversion), 3 to 11 expiries from 1W to 10Y, 5 to 41 strikes
 * per expiry over ±2.5 to ±4 ATM sd, any rates and spot. A Heston surface is free of arbitrage, so the contract is
 * exact reproduction: every grid point within ±3 ATM sd within {@link VolSurfaceBuilder#GRID_WARNING_BPS} of its input,
 * and every point beyond either reproduced or reported; the lattice free of arbitrage; local vol finite and positive.
 */
class UnseenGridMarketsPropertyTest {
    private static final double[] YEARS = {7 / 365.0, 14 / 365.0, 1 / 12.0, 2 / 12.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0,
            3.0, 5.0, 7.0, 10.0};
    private static final HestonPricer PRICER = new HestonPricer();
    private static double worstInside;
    private static int reportedBeyond;
    private static double worstBeyond;
    private static double minMovedSd = Double.POSITIVE_INFINITY;
    private static int grids;

    @Provide
    Arbitrary<Long> gridSeeds() {
        return Arbitraries.longs();
    }

    @Property(tries = 25, seed = "20261207", shrinking = ShrinkingMode.OFF)
    void heston_grids_are_reproduced_inside_three_sd(@ForAll("gridSeeds") long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        HestonParameters h = randomHeston(rnd);
        MarketData md = randomGrid(rnd, h);
        VolSurface s = VolSurfaceBuilder.build(md);
        grids++;
        assertThat(ArbitrageScanner.scanLattice(s).ok()).as("lattice of %s", h).isTrue();
        ArbitrageReport served = ArbitrageScanner.scan(s); // what is served: Black prices at the implied vols
        assertThat(served.ok()).as("served vols of %s: %s", h, served.violations()).isTrue();
        int moved = 0;
        for (SmilePillar p : s.pillars()) {
            double sd = s.impliedVol(p.expiry(), p.forward()) * Math.sqrt(p.expiry());
            for (int j = 0; j < p.strikes().length; j++) {
                double res = Math.abs(p.fitResidualBps()[j]);
                double z = Math.abs(Math.log(p.strikes()[j] / p.forward())) / sd;
                if (z <= 3) {
                    worstInside = Math.max(worstInside, res);
                    assertThat(res).as("%s, %s K=%s (%.2f sd)", h, p.tenor(), p.strikes()[j], z)
                            .isLessThanOrEqualTo(VolSurfaceBuilder.GRID_WARNING_BPS);
                }
                if (res > VolSurfaceBuilder.GRID_WARNING_BPS) {
                    moved++;
                    worstBeyond = Math.max(worstBeyond, res);
                    minMovedSd = Math.min(minMovedSd, z);
                }
            }
        }
        reportedBeyond += moved;
        assertThat(s.warnings().stream().filter(w -> !w.code().equals("LOCAL_VOL_ADJUSTED")).count())
                .as("every point missed by more than 0.5 bp is reported: %s", s.warnings()).isEqualTo(moved);
        DupireLocalVol lv = new DupireLocalVol(s);
        for (double t : s.expiries()) {
            double f = s.forward(t);
            double sd = s.impliedVol(t, f) * Math.sqrt(t);
            for (int j = -8; j <= 8; j++) {
                assertThat(lv.localVol(t, f * Math.exp(sd * j / 2.0))).isFinite().isPositive();
            }
        }
    }

    @AfterContainer
    static void summary() {
        System.out.printf("unseen Heston grids: %d built, worst |residual| inside ±3 sd %.3g bp, %d points beyond "
                + "3 sd reported (nearest %.2f sd, worst %.3g bp)%n", grids, worstInside, reportedBeyond, minMovedSd, worstBeyond);
    }

    static HestonParameters randomHeston(SplittableRandom rnd) {
        double v0 = sq(0.05 + 0.55 * rnd.nextDouble());
        double theta = sq(0.05 + 0.35 * rnd.nextDouble());
        double kappa = 0.2 + 4.8 * rnd.nextDouble();
        double xi = 0.1 + 1.9 * rnd.nextDouble();
        double rho = -0.9 + 1.8 * rnd.nextDouble();
        return new HestonParameters(v0, kappa, theta, xi, rho);
    }

    static MarketData randomGrid(SplittableRandom rnd, HestonParameters h) {
        double spot = Math.exp(Math.log(0.01) + rnd.nextDouble() * Math.log(10_000 / 0.01));
        double rf = -0.01 + 0.08 * rnd.nextDouble();
        double rd = rf - 0.05 + 0.25 * rnd.nextDouble();
        FxMarket fx = new FxMarket("XXXYYY", LocalDate.of(2026, 12, 7), spot, RateCurve.flat(rd),
                RateCurve.flat(rf));
        int first = rnd.nextInt(6);
        List<Double> ts = new ArrayList<>();
        for (int i = first; i < YEARS.length && ts.size() < 11; i++) {
            if (ts.isEmpty() || rnd.nextDouble() < 0.7) {
                ts.add(YEARS[i]);
            }
        }
        if (ts.size() < 3) {
            ts.add(YEARS[YEARS.length - 1]);
        }
        int n = 5 + rnd.nextInt(37);
        double span = 2.5 + 1.5 * rnd.nextDouble();
        double[] expiries = ts.stream().mapToDouble(Double::doubleValue).toArray();
        double[][] strikes = new double[expiries.length][];
        double[][] vols = new double[expiries.length][];
        for (int i = 0; i < expiries.length; i++) {
            double t = expiries[i];
            double f = fx.forward(t);
            double df = fx.domesticDf(t);
            double sd = Math.sqrt(HestonPricer.integratedVariance(h, t));
            List<double[]> points = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                double k = f * Math.exp(span * sd * (2.0 * j / (n - 1) - 1));
                boolean call = k >= f; // out of the money: no cancellation in the price
                double vol = BlackFormula.impliedVol(call, f, k, t, PRICER.price(h, t, f, df, k, call), df);
                if (vol > 0) { // a far-wing price below the pricer's accuracy has no implied vol: no grid point
                    points.add(new double[] {k, vol});
                }
            }
            strikes[i] = points.stream().mapToDouble(q -> q[0]).toArray();
            vols[i] = points.stream().mapToDouble(q -> q[1]).toArray();
        }
        return new MarketData(fx, new VolGrid(expiries, strikes, vols));
    }

    private static double sq(double x) {
        return x * x;
    }
}
