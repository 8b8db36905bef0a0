package com.fxdesk.slv.montecarlo;

import com.fxdesk.slv.market.FxMarket;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Products compiled to primitive arrays for the path loop. Barrier-type products share "monitors": a monitor is
 * a (lower, upper, end step) band whose per-path survival probability the engine carries; identical bands are
 * created once, so a touch and a no-touch on the same barrier, or a knock-out and its knock-in, cost one monitor.
 * Vanillas, barriers: per unit foreign notional in domestic; digitals, touches: {@code notional} domestic units.
 * Built once per simulation by {@link Builder}; immutable afterwards.
 */
public final class PayoffBook {
    static final int VANILLA = 0;
    static final int DIGITAL = 1;
    static final int TOUCH_AT_MATURITY = 2;
    static final int TOUCH_AT_HIT = 3;
    static final int NO_TOUCH = 4;
    static final int KNOCK_OUT = 5;
    static final int KNOCK_IN = 6;

    final int[] kind;
    final boolean[] call;
    final double[] strike;
    final double[] notional;
    final double[] discount;
    final int[] endIndex;
    final int[] monitor;
    final double[] monLower; // log levels, −∞ when absent
    final double[] monUpper; // +∞ when absent
    final int[] monEnd;
    final boolean[] monPayAtHit;
    final double[] dfStepEnd; // DF(t_{n+1}) per step, for pay-at-hit
    final int[][] productsEndingAt; // by grid index
    final int lastIndex;
    /**
     * Control variates per product: 0, or S_T, then (when {@link #companionStrike}[k] is not empty) the Heston
     * companion's S_T and its m vanillas of the product's type at {@link #companionStrike}[k] (known discounted prices
     * {@link #companionPrice}[k]), then (when {@link #localVolStrike}[k] is not empty) the local-vol companion's S_T
     * and its vanillas at {@link #localVolStrike}[k] (known prices {@link #localVolPrice}[k]), in that column order.
     */
    final int[] controls;
    final double[][] companionStrike;
    final double[][] companionPrice;
    final double[][] localVolStrike;
    final double[][] localVolPrice;
    final double[] forward; // F(T) per product, the known mean of S_T
    /** Offset of each product's sums in a chunk's accumulator ({@link #sums}): [ΣY, ΣY², ΣC_j, ΣC_j·Y, ΣC_j·C_l (j ≤ l)]. */
    final int[] offset;
    final int accumulatorSize;

    private PayoffBook(Builder b) {
        int n = b.kinds.size();
        kind = new int[n];
        call = new boolean[n];
        strike = new double[n];
        notional = new double[n];
        discount = new double[n];
        endIndex = new int[n];
        monitor = new int[n];
        controls = new int[n];
        companionStrike = new double[n][];
        companionPrice = new double[n][];
        localVolStrike = new double[n][];
        localVolPrice = new double[n][];
        forward = new double[n];
        offset = new int[n];
        int acc = 0;
        int last = 0;
        int steps = b.grid.steps();
        int[] countAt = new int[steps + 1];
        for (int i = 0; i < n; i++) {
            kind[i] = b.kinds.get(i);
            call[i] = b.calls.get(i);
            strike[i] = b.strikes.get(i);
            notional[i] = b.notionals.get(i);
            endIndex[i] = b.ends.get(i);
            monitor[i] = b.monitors.get(i);
            discount[i] = b.market.domesticDf(b.grid.time(endIndex[i]));
            companionStrike[i] = b.companionStrikes.get(i);
            companionPrice[i] = b.companionPrices.get(i);
            localVolStrike[i] = b.localVolStrikes.get(i);
            localVolPrice[i] = b.localVolPrices.get(i);
            int m = companionStrike[i].length;
            int ml = localVolStrike[i].length;
            controls[i] = b.controlled.get(i) ? 1 + (m > 0 ? 1 + m : 0) + (ml > 0 ? 1 + ml : 0) : 0;
            forward[i] = b.market.forward(b.grid.time(endIndex[i]));
            offset[i] = acc;
            acc += sums(controls[i]);
            last = Math.max(last, endIndex[i]);
            countAt[endIndex[i]]++;
        }
        productsEndingAt = new int[steps + 1][];
        for (int e = 0; e <= steps; e++) {
            productsEndingAt[e] = new int[countAt[e]];
            countAt[e] = 0;
        }
        for (int i = 0; i < n; i++) {
            productsEndingAt[endIndex[i]][countAt[endIndex[i]]++] = i;
        }
        lastIndex = last;
        accumulatorSize = acc;
        int m = b.bands.size();
        monLower = new double[m];
        monUpper = new double[m];
        monEnd = new int[m];
        monPayAtHit = new boolean[m];
        for (int j = 0; j < m; j++) {
            Band band = b.bands.get(j);
            monLower[j] = band.lower;
            monUpper[j] = band.upper;
            monEnd[j] = band.end;
            monPayAtHit[j] = b.payAtHit.get(j);
        }
        dfStepEnd = new double[steps];
        for (int s = 0; s < steps; s++) {
            dfStepEnd[s] = b.market.domesticDf(b.grid.time(s + 1));
        }
    }

    public int size() {
        return kind.length;
    }

    public int monitors() {
        return monLower.length;
    }

    /** Whether some product uses the Heston companion path's vanilla as a control variate. */
    boolean usesCompanion() {
        for (double[] k : companionStrike) {
            if (k.length > 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether some product uses the local-vol companion path's vanilla as a control variate. */
    boolean usesLocalVolCompanion() {
        for (double[] k : localVolStrike) {
            if (k.length > 0) {
                return true;
            }
        }
        return false;
    }

    /** Accumulator entries of a product with p control variates: ΣY, ΣY², p ΣC, p ΣCY, p(p+1)/2 ΣCC. */
    static int sums(int p) {
        return 2 + 2 * p + p * (p + 1) / 2;
    }

    private record Band(double lower, double upper, int end) {
    }

    public static Builder builder(TimeGrid grid, FxMarket market) {
        return new Builder(grid, market);
    }

    public static final class Builder {
        private final TimeGrid grid;
        private final FxMarket market;
        private final List<Integer> kinds = new ArrayList<>();
        private final List<Boolean> calls = new ArrayList<>();
        private final List<Double> strikes = new ArrayList<>();
        private final List<Double> notionals = new ArrayList<>();
        private final List<Integer> ends = new ArrayList<>();
        private final List<Integer> monitors = new ArrayList<>();
        private final List<Band> bands = new ArrayList<>();
        private final List<Boolean> payAtHit = new ArrayList<>();
        private final List<Boolean> controlled = new ArrayList<>();
        private final List<double[]> companionStrikes = new ArrayList<>();
        private final List<double[]> companionPrices = new ArrayList<>();
        private final List<double[]> localVolStrikes = new ArrayList<>();
        private final List<double[]> localVolPrices = new ArrayList<>();

        private Builder(TimeGrid grid, FxMarket market) {
            this.grid = Objects.requireNonNull(grid);
            this.market = Objects.requireNonNull(market);
        }

        public int vanilla(boolean isCall, double k, double maturity, double notional) {
            return add(VANILLA, isCall, k, maturity, notional, -1);
        }

        /**
         * A vanilla priced with control variates combined by regression (the optimal β from the sample covariances,
         * so a weak control never hurts): S_T, whose mean F(T) is known (it also removes the discretised spot's small
         * martingale error), and, with {@code companionStrikes} not empty, the dynamics' L ≡ 1 companion path
         * ({@link PathDynamics#companion()}): its S_T and its vanillas of the same type at those strikes, whose
         * discounted prices per unit notional are {@code companionPrices}. Several companion strikes around K let
         * the regression follow the SLV payoff as a piecewise-linear function of the companion's spot when L is not 1.
         */
        public int controlledVanilla(boolean isCall, double k, double maturity, double notional,
                                     double[] companionStrikes, double[] companionPrices) {
            return controlledVanilla(isCall, k, maturity, notional, companionStrikes, companionPrices, new double[0],
                    new double[0]);
        }

        /**
         * As above, and with {@code localVolStrikes} not empty also the dynamics' local-vol companion path
         * ({@link PathDynamics#localVolCompanion()}): its S_T (mean F(T): the discretised local-vol spot is a
         * martingale) and its vanillas of the same type at those strikes, whose discounted prices per unit notional
         * are {@code localVolPrices} (the surface's own). All controls are combined in one regression.
         */
        public int controlledVanilla(boolean isCall, double k, double maturity, double notional,
                                     double[] companionStrikes, double[] companionPrices,
                                     double[] localVolStrikes, double[] localVolPrices) {
            if (companionStrikes.length != companionPrices.length || localVolStrikes.length != localVolPrices.length) {
                throw new IllegalArgumentException("one known price per companion strike");
            }
            int i = add(VANILLA, isCall, k, maturity, notional, -1);
            controlled.set(i, true);
            this.companionStrikes.set(i, companionStrikes.clone());
            this.companionPrices.set(i, companionPrices.clone());
            this.localVolStrikes.set(i, localVolStrikes.clone());
            this.localVolPrices.set(i, localVolPrices.clone());
            return i;
        }

        public int digital(boolean isCall, double k, double maturity, double notional) {
            return add(DIGITAL, isCall, k, maturity, notional, -1);
        }

        public int oneTouch(boolean up, double barrier, double maturity, boolean atHit, double notional) {
            int mon = band(up ? 0 : barrier, up ? barrier : Double.POSITIVE_INFINITY, maturity, atHit);
            return add(atHit ? TOUCH_AT_HIT : TOUCH_AT_MATURITY, false, 0, maturity, notional, mon);
        }

        public int noTouch(boolean up, double barrier, double maturity, double notional) {
            int mon = band(up ? 0 : barrier, up ? barrier : Double.POSITIVE_INFINITY, maturity, false);
            return add(NO_TOUCH, false, 0, maturity, notional, mon);
        }

        public int doubleNoTouch(double lower, double upper, double maturity, double notional) {
            if (!(upper > lower)) {
                throw new IllegalArgumentException("double no-touch needs lower < upper");
            }
            return add(NO_TOUCH, false, 0, maturity, notional, band(lower, upper, maturity, false));
        }

        public int barrier(boolean isCall, double k, double barrier, boolean up, boolean knockIn, double maturity,
                           double notional) {
            int mon = band(up ? 0 : barrier, up ? barrier : Double.POSITIVE_INFINITY, maturity, false);
            return add(knockIn ? KNOCK_IN : KNOCK_OUT, isCall, k, maturity, notional, mon);
        }

        public PayoffBook build() {
            return new PayoffBook(this);
        }

        private int band(double lowerSpot, double upperSpot, double maturity, boolean atHit) {
            if (!(lowerSpot >= 0) || !(upperSpot > 0)) {
                throw new IllegalArgumentException("barriers must be > 0");
            }
            Band b = new Band(lowerSpot > 0 ? Math.log(lowerSpot) : Double.NEGATIVE_INFINITY,
                    Double.isInfinite(upperSpot) ? Double.POSITIVE_INFINITY : Math.log(upperSpot),
                    grid.indexOf(maturity));
            int i = bands.indexOf(b);
            if (i < 0) {
                bands.add(b);
                payAtHit.add(atHit);
                return bands.size() - 1;
            }
            if (atHit) {
                payAtHit.set(i, true);
            }
            return i;
        }

        private int add(int k, boolean isCall, double strike, double maturity, double notional, int mon) {
            kinds.add(k);
            calls.add(isCall);
            strikes.add(strike);
            notionals.add(notional);
            ends.add(grid.indexOf(maturity));
            monitors.add(mon);
            controlled.add(false);
            companionStrikes.add(new double[0]);
            companionPrices.add(new double[0]);
            localVolStrikes.add(new double[0]);
            localVolPrices.add(new double[0]);
            return kinds.size() - 1;
        }
    }
}
