package com.fxdesk.slv.volatility;

import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.pricing.BlackFormula;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Arbitrage-free implied volatility surface by Andreasen–Huge (2011): normalised call prices c(T, k), k = K/F(T), on a
 * {@link StrikeLattice}, produced by one implicit finite-difference step of the forward equation per expiry interval
 * with a piecewise-constant-in-time local vol (fitted by {@link VolSurfaceBuilder}):
 * <pre>  (I − ½(T − T_{i−1}) diag(σ_i²) L) c(T) = c(T_{i−1}),   T_{i−1} &lt; T ≤ T_i,   c(0) = (1 − k)⁺  </pre>
 * Every c(T) is convex in k and non-decreasing in T (M-matrix), for every T, not only at the pillars; beyond the last
 * expiry the last interval's local vol continues. Between lattice nodes the price is linear in k, which keeps both
 * properties exactly. Implied vols are Black inversions of these prices (to 1e-14 in σ√T); beyond ±{@value #Y_CLAMP_SD}
 * ATM standard deviations (and before {@code firstExpiry/}{@value #SHORTEST_FRACTION}) the vol is held flat.
 * Immutable and thread-safe; per-time slices are cached.
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
    private final double[] payoff;
    private final ConcurrentHashMap<Double, Slice> cache = new ConcurrentHashMap<>();

    VolSurface(FxMarket market, List<SmilePillar> pillars, List<SurfaceWarning> warnings, StrikeLattice lattice,
               double[] expiries, double[][] variance, double[][] prices) {
        this.market = market;
        this.pillars = List.copyOf(pillars);
        this.warnings = List.copyOf(warnings);
        this.lattice = lattice;
        this.t = expiries.clone();
        this.variance = variance;
        this.prices = prices;
        this.payoff = lattice.intrinsic();
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
        Slice s = slice(expiry);
        return s.impliedVol(Math.log(strike / forward(s.time)));
    }

    @Override
    public double totalVariance(double expiry, double logMoneyness) {
        Slice s = slice(expiry);
        double v = s.impliedVol(logMoneyness);
        return v * v * s.time;
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
        return i == 0 ? 0.0 : t[i - 1];
    }

    double[] startPrices(int i) {
        return i == 0 ? payoff : prices[i - 1];
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

    /** Prices at one time, their ATM standard deviation and the y range where implied vols are inverted. */
    final class Slice {
        final double time;
        final double[] u;
        final double atmSd;

        private Slice(double time) {
            this.time = time;
            int i = interval(time);
            if (time == t[i]) {
                u = prices[i];
            } else {
                u = new double[lattice.n];
                new ImplicitStep(lattice, time - start(i), variance[i]).solve(startPrices(i), u);
            }
            double atm = invert(0.0);
            atmSd = (atm > 0 ? atm : 0.1) * Math.sqrt(time);
        }

        double impliedVol(double y) {
            double lim = Y_CLAMP_SD * atmSd;
            double yc = Math.max(-lim, Math.min(lim, y));
            double v = invert(yc);
            while (!(v > 0) && Math.abs(yc) > 1e-3 * atmSd) { // price at intrinsic to double precision: move in
                yc *= 0.9;
                v = invert(yc);
            }
            return v > 0 ? v : atmSd / Math.sqrt(time);
        }

        private double invert(double y) {
            double k = Math.exp(y);
            double c = lattice.interpolate(u, k);
            return BlackFormula.impliedVol(true, 1.0, k, time, c, 1.0);
        }
    }
}
