package com.fxdesk.slv.volatility;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fxdesk.slv.testdata.TestMarkets;
import org.junit.jupiter.api.Test;

/**
 * The fit runs its exponentials on a band of nodes ({@link AndreasenHugeFit#band}) with the end nodes held. Its
 * stated bound: on every interval of every example market, the band's prices differ from the whole lattice's by at
 * most {@link AndreasenHugeFit#BAND_RELATIVE} of the larger end node's price plus 1e-15 of the forward (the
 * exponential's own evaluation error is ≈1e-14); by the maximum principle the difference is at most what the held end
 * nodes would have gained over the interval, which the band's choice keeps below that.
 */
class FitBandTest {

    /** Largest |band − whole lattice| on interval i of s, relative to the bound; band from the given rule. */
    private static double worstOverBound(VolSurface s, int i, double change, int margin) {
        StrikeLattice lat = s.lattice;
        double tau = s.expiries()[i] - s.start(i);
        double[] prev = s.startPrices(i);
        double[] var = s.variance(i);
        double[] full = new double[lat.n];
        new ExponentialStep(lat, tau, var).advance(prev, full);
        int[] ab = change < 0 ? AndreasenHugeFit.band(prev, full, new int[0]) : narrowBand(prev, full, change, margin);
        int a = ab[0];
        int b = ab[1];
        StrikeLattice band = lat.band(a, b);
        double[] vb = java.util.Arrays.copyOfRange(var, a, b + 1);
        double[] pb = java.util.Arrays.copyOfRange(prev, a, b + 1);
        double[] ub = new double[band.n];
        new ExponentialStep(band, tau, vb).advance(pb, ub);
        double bound = AndreasenHugeFit.BAND_RELATIVE * Math.max(Math.abs(prev[a]), Math.abs(prev[b])) + 1e-15;
        double worst = 0;
        for (int j = a; j <= b; j++) {
            worst = Math.max(worst, Math.abs(ub[j - a] - full[j]) / bound);
        }
        return worst;
    }

    /** A band cut where the price moves by more than change (absolute), widened by margin nodes. */
    private static int[] narrowBand(double[] prev, double[] full, double change, int margin) {
        int lo = -1;
        int hi = -1;
        for (int j = 0; j < prev.length; j++) {
            if (Math.abs(full[j] - prev[j]) > change) {
                lo = lo < 0 ? j : lo;
                hi = j;
            }
        }
        return new int[] {Math.max(0, lo - margin), Math.min(prev.length - 1, hi + margin)};
    }

    @Test
    void bandPricesAreTheWholeLatticesWithinTheStatedBound() {
        for (String name : TestMarkets.SURFACE) {
            VolSurface s = VolSurfaceBuilder.build(TestMarkets.load(name));
            double worst = 0;
            for (int i = 0; i < s.expiries().length; i++) {
                worst = Math.max(worst, worstOverBound(s, i, -1, 0));
            }
            System.out.printf("%-32s band vs whole lattice: worst |difference| / bound %.3g%n", name, worst);
            assertTrue(worst <= 1, name + ": the band moved prices by " + worst + " times its bound");
        }
    }

    @Test
    void storedPillarPricesAreTheWholeLatticesFlowWithinTheBound() {
        // the surface stores the band's prices with the held nodes' previous prices outside the band: against the
        // whole lattice's flow from the same start with the same σ, within BAND_RELATIVE of the forward (the held
        // deep in-the-money nodes do not take the contour rule's 2.2e-14 relative error; the out-of-the-money ones
        // move by less than 1e-30)
        for (String name : TestMarkets.SURFACE) {
            VolSurface s = VolSurfaceBuilder.build(TestMarkets.load(name));
            StrikeLattice lat = s.lattice;
            double[] t = s.expiries();
            double worst = 0;
            for (int i = 0; i < t.length; i++) {
                double[] full = new double[lat.n];
                new ExponentialStep(lat, t[i] - s.start(i), s.variance(i)).advance(s.startPrices(i), full);
                double[] stored = s.step(t[i]).nodePrices();
                for (int j = 0; j < lat.n; j++) {
                    worst = Math.max(worst, Math.abs(stored[j] - full[j]));
                }
            }
            System.out.printf("%-32s stored pillar prices vs whole lattice: worst |difference| %.3g%n", name, worst);
            assertTrue(worst <= AndreasenHugeFit.BAND_RELATIVE, name + ": " + worst);
        }
    }

    @Test
    void aTooNarrowBandIsCaught() {
        // the check can fail: a band cut where prices move by 1e-8, without margin, truncates far above the bound
        VolSurface s = VolSurfaceBuilder.build(TestMarkets.load(TestMarkets.USDTRY_EM));
        assertTrue(worstOverBound(s, 0, 1e-8, 0) > 1e3);
    }

    /**
     * The fit's own fallback: started from a local vol fifty times too low, its band (chosen from the starting flow)
     * is far narrower than the fitted σ needs, so the fit must drop it and go on on the whole lattice; the stored
     * prices are then the whole lattice's flow at the fitted σ and the targets are met. Without the fallback the
     * prices beyond the narrow band would stay at their start values, orders of magnitude beyond the bound.
     */
    @Test
    void aBandTooNarrowForTheFittedLocalVolIsDroppedByTheFit() {
        StrikeLattice lat = StrikeLattice.sinh(0.005, 0.2, 3.0);
        double sd0 = 0.02;
        double[] prev = lat.black(sd0);
        double tau = 0.02;
        double vol = 0.5;
        double sd = Math.sqrt(sd0 * sd0 + vol * vol * tau);
        double[] x = {-0.1, -0.05, 0.0, 0.05, 0.1};
        double[] k = new double[x.length];
        double[] target = new double[x.length];
        double[] weight = new double[x.length];
        double[] start = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            k[j] = Math.exp(x[j]);
            target[j] = com.fxdesk.slv.math.BlackFormula.undiscounted(true, 1, k[j], sd);
            weight[j] = 1 / (com.fxdesk.slv.math.BlackFormula.vegaStdDev(1, k[j], sd) * Math.sqrt(tau));
            start[j] = vol / 50;
        }
        double[] var0 = new double[lat.n];
        java.util.Arrays.fill(var0, start[0] * start[0]);
        double[] first = new double[lat.n];
        new ExponentialStep(lat, tau, var0).advance(prev, first);
        int[] narrow = AndreasenHugeFit.band(prev, first, new int[0]);

        AndreasenHugeFit.Result r = AndreasenHugeFit.fit(lat, prev, tau, x, k, target, weight, start, null);
        double[] full = new double[lat.n];
        new ExponentialStep(lat, tau, r.variance()).advance(prev, full);
        int[] needed = AndreasenHugeFit.band(prev, full, new int[0]);
        assertTrue(needed[1] - needed[0] > 2 * (narrow[1] - narrow[0]), "the starting band is not too narrow: "
                + java.util.Arrays.toString(narrow) + " vs " + java.util.Arrays.toString(needed));
        double worst = 0;
        for (int j = 0; j < lat.n; j++) {
            worst = Math.max(worst, Math.abs(r.prices()[j] - full[j]));
        }
        assertTrue(worst <= AndreasenHugeFit.BAND_RELATIVE, "stored prices vs whole lattice: " + worst);
        for (double res : r.residuals()) {
            assertTrue(Math.abs(res) < 1e-8, "target missed by " + res + " (vol)");
        }
    }
}
