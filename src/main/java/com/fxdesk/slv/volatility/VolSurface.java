package com.fxdesk.slv.volatility;

import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.math.BlackFormula;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Arbitrage-free implied volatility surface by Andreasen–Huge (2011): normalised call prices c(T, k), k = K/F(T), on a
 * {@link StrikeLattice}, produced by the forward (Dupire) equation ∂_T c = ½σ_i²(k) k² ∂²_k c with a
 * piecewise-constant-in-time local vol σ_i(k) per expiry interval (fitted by {@link VolSurfaceBuilder}), solved exactly
 * in time on the lattice: c(T) = e^{(T − s)A_i} c(s) for s = T_{i−1} &lt; T ≤ T_i ({@link ExponentialStep}).
 * The recursion starts at t₀ = {@value VolSurfaceBuilder#BLACK_START}·T₁ from Black prices at the first pillar's ATM
 * vol σ₀ (flat smile and local vol σ₀ before t₀).
 * Every c(T) is convex in k and non-decreasing in T (A_i is a Metzler matrix; up to the ≈1e-14 evaluation error of the
 * exponential), for every T, not only at the pillars; beyond the last expiry the last interval's local vol continues.
 * Implied vols are Black inversions of the lattice prices (linear in k between nodes; to 1e-14 in σ√T); beyond
 * ±{@value #Y_CLAMP_SD} ATM standard deviations (and before {@code firstExpiry/}{@value #SHORTEST_FRACTION}) the vol is
 * held flat, and so it is beyond the last node whose price has time value to double precision (a fallback, counted:
 * {@link VolFallback}). Immutable and thread-safe; per-time slices are cached.
 */
public final class VolSurface implements ImpliedVolSurface {
    static final double Y_CLAMP_SD = 7.0;
    static final double SHORTEST_FRACTION = 16.0;
    private static final int CACHE_LIMIT = 4096;

    private final FxMarket market;
    private final List<SmilePillar> pillars;
    private final List<SurfaceWarning> warnings;
    final StrikeLattice lattice;
    private final double[] t;
    private final double[][] variance;
    private final double[][] prices;
    private final double t0;
    private final double sigma0;
    private final double[] start0;
    private final ConcurrentHashMap<Double, Slice> cache = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.LongAdder fallbacks = new java.util.concurrent.atomic.LongAdder();

    VolSurface(FxMarket market, List<SmilePillar> pillars, List<SurfaceWarning> warnings, StrikeLattice lattice,
               double[] expiries, double sigma0, double[][] variance, double[][] prices) {
        this.market = market;
        this.pillars = List.copyOf(pillars);
        this.warnings = List.copyOf(warnings);
        this.lattice = lattice;
        this.t = expiries.clone();
        this.variance = variance;
        this.prices = prices;
        this.sigma0 = sigma0;
        this.t0 = t[0] * VolSurfaceBuilder.BLACK_START;
        this.start0 = lattice.black(sigma0 * Math.sqrt(t0));
        if (t.length == 0 || variance.length != t.length || prices.length != t.length) {
            throw new IllegalArgumentException("a surface needs at least one expiry and one step per expiry");
        }
    }

    public FxMarket market() {
        return market;
    }

    public List<SmilePillar> pillars() {
        return pillars;
    }

    /** Points moved, strangles not repriced exactly: empty when the surface passes through every input. */
    public List<SurfaceWarning> warnings() {
        return warnings;
    }

    public double[] expiries() {
        return t.clone();
    }

    public double firstExpiry() {
        return t[0];
    }

    public double lastExpiry() {
        return t[t.length - 1];
    }

    /** Number of lattice nodes (for diagnostics and benchmarks). */
    public int latticeSize() {
        return lattice.n;
    }

    @Override
    public double forward(double expiry) {
        return market.forward(expiry);
    }

    /** Undiscounted call price over the forward, C/(P_d F), at forward moneyness k = K/F(T). */
    public double normalizedCall(double expiry, double k) {
        return lattice.interpolate(slice(expiry).u, k);
    }

    @Override
    public double impliedVol(double expiry, double strike) {
        return impliedVolDetail(expiry, strike).vol();
    }

    /**
     * Implied vol with how it was obtained ({@link VolFallback}); every fallback is counted
     * ({@link #impliedVolFallbacks()}) so that a caller can report it.
     */
    public ImpliedVolDetail impliedVolDetail(double expiry, double strike) {
        Slice s = slice(expiry);
        return counted(s.inverter.impliedVol(Math.log(strike / forward(s.time))));
    }

    ImpliedVolDetail counted(ImpliedVolDetail d) {
        if (d.fallback() != VolFallback.NONE) {
            fallbacks.increment();
        }
        return d;
    }

    /** Implied vols served by a fallback ({@link VolFallback}) since this surface was built (all callers). */
    public long impliedVolFallbacks() {
        return fallbacks.sum();
    }

    @Override
    public double totalVariance(double expiry, double logMoneyness) {
        double v = counted(slice(expiry).inverter.impliedVol(logMoneyness)).vol();
        // w(T) = σ²T at the expiry asked for: before the shortest slice the vol is held, not the variance
        return v * v * Math.max(expiry, 0.0);
    }

    /** Total implied variance w(T, y). */
    public double w(double expiry, double y) {
        return totalVariance(expiry, y);
    }

    /** Interval of a time: the step that produces c(time), and its start time. */
    int interval(double time) {
        for (int i = 0; i < t.length; i++) {
            if (time <= t[i]) {
                return i;
            }
        }
        return t.length - 1;
    }

    double start(int i) {
        return i == 0 ? t0 : t[i - 1];
    }

    double[] startPrices(int i) {
        return i == 0 ? start0 : prices[i - 1];
    }

    /**
     * What produces c(time): the interval's start prices, the time since its start and its σ²; at an expiry its prices
     * (atNode); before t₀ (black) the prices are Black's at the flat vol σ₀.
     */
    record Step(double[] from, double tau, double[] variance, boolean atNode, double[] nodePrices, boolean black) {
    }

    /** Flat vol before t₀: the first pillar's ATM vol. */
    double sigma0() {
        return sigma0;
    }

    Step step(double time) {
        if (time <= t0) {
            return new Step(null, time, null, false, null, true);
        }
        int i = interval(time);
        double s = start(i);
        boolean node = time <= t[i] && Math.abs(time - t[i]) <= 1e-14 * Math.max(1, time);
        // beyond the last expiry the last interval's flow simply continues
        return new Step(startPrices(i), time - s, variance[i], node, node ? prices[i] : null, false);
    }

    /** Index of the interval whose local vol acts at time (the last one beyond the last expiry), −1 before t₀. */
    int localVolInterval(double time) {
        return time <= t0 ? -1 : interval(time);
    }

    double[] variance(int i) {
        return variance[i];
    }

    /** The shortest time the lattice resolves; earlier times use this slice. */
    double shortest() {
        return t[0] / SHORTEST_FRACTION;
    }

    Slice slice(double time) {
        double tm = Math.max(time, shortest());
        Slice s = cache.get(tm);
        if (s == null) {
            if (cache.size() > CACHE_LIMIT) {
                cache.clear();
            }
            s = new Slice(tm);
            cache.put(tm, s);
        }
        return s;
    }

    /** Prices at one time and their Black inversion (ATM standard deviation, resolved range). */
    final class Slice {
        final double time;
        final double[] u;
        final Inverter inverter;

        private Slice(double time) {
            this.time = time;
            Step st = step(time);
            if (st.black()) {
                u = lattice.black(sigma0 * Math.sqrt(time));
            } else if (st.atNode()) {
                u = st.nodePrices();
            } else {
                u = new double[lattice.n];
                new ExponentialStep(lattice, st.tau(), st.variance()).advance(st.from(), u);
            }
            inverter = new Inverter(lattice, u, time);
        }
    }

    /**
     * How a served implied vol was obtained. NONE: Black inversion of the lattice price (held flat beyond
     * ±{@value #Y_CLAMP_SD} ATM sd, by design). HELD_UNRESOLVED: inside ±{@value #Y_CLAMP_SD} sd but beyond the last
     * node (outward from the money) whose price has time value to double precision; the vol of that node is held —
     * the prices there are zero, so any vol up to it reprices them, and this one keeps the served prices convex.
     * ATM_DEFAULT: not even the at-the-money price has time value (a degenerate slice); the vol is a placeholder
     * of {@value #ATM_DEFAULT_VOL}.
     */
    public enum VolFallback { NONE, HELD_UNRESOLVED, ATM_DEFAULT }

    /** Served implied vol with how it was obtained; heldFrom: the log-moneyness whose vol is held (NaN if none). */
    public record ImpliedVolDetail(double vol, VolFallback fallback, double heldFrom) {
    }

    /**
     * A smile sampled at the given strikes for display (charts, the report): the served vol at each strike split
     * into inverted vols ({@code vols}, NaN where held) and held fallbacks ({@code held}, NaN where inverted), so a
     * picture draws a fallback apart from the market it was built from, and says how many there are.
     */
    public SmileSample smile(double expiry, double[] strikes) {
        double[] vols = new double[strikes.length];
        double[] held = new double[strikes.length];
        int count = 0;
        for (int i = 0; i < strikes.length; i++) {
            ImpliedVolDetail d = impliedVolDetail(expiry, strikes[i]);
            boolean fallback = d.fallback() != VolFallback.NONE;
            vols[i] = fallback ? Double.NaN : d.vol();
            held[i] = fallback ? d.vol() : Double.NaN;
            count += fallback ? 1 : 0;
        }
        return new SmileSample(vols, held, count);
    }

    /** See {@link #smile}: inverted vols and fallback vols per strike (each NaN where the other applies), their count. */
    public record SmileSample(double[] vols, double[] held, int heldCount) {
    }

    /** Placeholder vol when the at-the-money price has no time value (counted, never silent). */
    static final double ATM_DEFAULT_VOL = 0.1;

    /**
     * Black inversion of one slice of lattice prices: the ATM standard deviation and the range of nodes, contiguous
     * from the money outward, whose prices have positive time value (the exponential's ≈1e-16 evaluation noise can
     * make a price that is zero to double precision slightly negative; beyond such a node nothing is inverted).
     */
    static final class Inverter {
        /** Time value (of the forward) a node needs to be inverted; below it a vol is held (see resolved). */
        static final double RESOLVED_TIME_VALUE = 1e-14;

        final StrikeLattice lat;
        final double[] u;
        final double time;
        final double atmSd;
        final boolean atmOk;
        /** Outermost resolved nodes' log-moneyness on each side. */
        final double xLo;
        final double xHi;

        Inverter(StrikeLattice lat, double[] u, double time) {
            this.lat = lat;
            this.u = u;
            this.time = time;
            int atm = lat.cellX(0.0);
            if (lat.x[atm + 1] == 0.0) {
                atm++;
            }
            int hi = atm;
            while (hi + 1 < lat.n - 1 && resolved(hi + 1)) {
                hi++;
            }
            int lo = atm;
            while (lo - 1 > 0 && resolved(lo - 1)) {
                lo--;
            }
            double v = invert(lat, u, time, 0.0);
            atmOk = v > 0 && timeValue(atm) > 0;
            atmSd = (atmOk ? v : ATM_DEFAULT_VOL) * Math.sqrt(time);
            xLo = lat.x[lo];
            xHi = lat.x[hi];
        }

        private double timeValue(int j) {
            return u[j] - Math.max(1 - lat.k[j], 0);
        }

        /**
         * Whether node j's time value is above the lattice prices' evaluation error, so that inverting it gives a vol
         * and not noise: the last node with a merely positive time value is the one the error pulled down most (a
         * selection effect; crisis 1M: 3.6e-17, its vol 39 bp below its neighbour's), so nodes must clear
         * {@value #RESOLVED_TIME_VALUE} (of the forward) to count as resolved.
         */
        private boolean resolved(int j) {
            return timeValue(j) > RESOLVED_TIME_VALUE;
        }

        /**
         * The log-moneyness range [lo, hi] in which a served vol is a Black inversion of the lattice price (outside
         * it, and on a degenerate slice, a vol is held); lo &gt; hi when there is none.
         */
        double[] invertedRange() {
            if (!atmOk) {
                return new double[] {0.0, -1.0};
            }
            double lim = Y_CLAMP_SD * atmSd;
            return new double[] {Math.max(-lim, xLo), Math.min(lim, xHi)};
        }

        /** Implied vol at log-moneyness y and how it was obtained. */
        ImpliedVolDetail impliedVol(double y) {
            if (!atmOk) {
                return new ImpliedVolDetail(ATM_DEFAULT_VOL, VolFallback.ATM_DEFAULT, 0.0);
            }
            double lim = Y_CLAMP_SD * atmSd;
            double yc = Math.max(-lim, Math.min(lim, y));
            double yr = Math.max(xLo, Math.min(xHi, yc));
            double v = invert(lat, u, time, yr);
            if (!(v > 0)) { // cannot happen between resolved nodes (time value is linear in k there): guard
                return new ImpliedVolDetail(atmSd / Math.sqrt(time), VolFallback.ATM_DEFAULT, 0.0);
            }
            return yr == yc ? new ImpliedVolDetail(v, VolFallback.NONE, Double.NaN)
                    : new ImpliedVolDetail(v, VolFallback.HELD_UNRESOLVED, yr);
        }
    }

    private static double invert(StrikeLattice lat, double[] u, double time, double y) {
        double k = Math.exp(y);
        return BlackFormula.impliedStdDev(k, lat.interpolate(u, k), Double.NaN) / Math.sqrt(time);
    }
}
