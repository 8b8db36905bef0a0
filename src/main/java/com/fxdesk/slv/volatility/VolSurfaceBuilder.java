package com.fxdesk.slv.volatility;

import com.fxdesk.slv.market.ButterflyType;
import com.fxdesk.slv.market.DeltaType;
import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.market.FxVolPillar;
import com.fxdesk.slv.market.FxVolQuotes;
import com.fxdesk.slv.market.MarketData;
import com.fxdesk.slv.market.MarketDataException;
import com.fxdesk.slv.market.VolGrid;
import com.fxdesk.slv.math.BlackFormula;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Builds the Andreasen–Huge {@link VolSurface} of a market: expiry by expiry, the local vol of the interval is fitted
 * ({@link AndreasenHugeFit}) so that the exact lattice flow from the previous expiry's prices reproduces the expiry's
 * points. The result is free of butterfly and calendar arbitrage for every T and K by construction; an input point
 * that cannot be reached that way (because the input itself has arbitrage) is moved as little as the fit allows and
 * listed in {@link VolSurface#warnings()}.
 * <p><b>Grid.</b> Every grid point is a target and a local-vol knot (square system): arbitrage-free inputs are reproduced
 * to {@link AndreasenHugeFit#TOLERANCE}.
 * <p><b>FX quotes.</b> Each tenor gives 5 points (10P, 25P, ATM, 25C, 10C), or 3 without 10Δ quotes, under the
 * pillar's delta convention (spot/forward, premium-adjusted or not; per-pillar overrides win) and ATM convention
 * (delta-neutral straddle or forward). Smile strangle: σ25C = ATM + BF + RR/2, σ25P = ATM + BF − RR/2 (same for 10Δ);
 * each strike is the strike of that delta at its own vol (premium-adjusted call deltas: the branch above the strike of
 * the delta maximum). Market (broker) strangle: the quoted BF_mkt defines one vol σ_s = ATM + BF_mkt, the +25Δ call and
 * −25Δ put strikes at σ_s and the strangle price at σ_s; the smile butterflies (25Δ, and 10Δ when quoted) are solved
 * by damped Newton so that the fitted surface reprices the strangle(s). Where no smile does, the closest one is kept
 * and the residual per strangle reported with a warning.
 * <p>Stateless; throws {@link MarketDataException} (naming the pillar or grid expiry, in plain words) only when the
 * input cannot define a smile at all.
 */
public final class VolSurfaceBuilder {
    /** Lattice spacing at the money as a fraction of the shortest expiry's ATM standard deviation. */
    static final double NODES_PER_SD = 30;
    /** Grid points moved by more than this are reported. */
    public static final double GRID_WARNING_BPS = 0.5;
    /** Quotes repriced worse than this are reported. */
    public static final double QUOTE_WARNING_BPS = 0.1;
    private static final double STRANGLE_TOL = 1e-9;
    private static final double VEGA_FLOOR = 1e-12;

    private VolSurfaceBuilder() {
    }

    public static VolSurface build(MarketData data) {
        if (data == null || data.fx() == null || data.volatility() == null) {
            throw new IllegalArgumentException("market data needs spot, curves and volatility");
        }
        try {
            if (data.volatility() instanceof VolGrid g) {
                return fromGrid(data.fx(), g);
            }
            return fromQuotes(data.fx(), (FxVolQuotes) data.volatility());
        } catch (MarketDataException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new MarketDataException("volatility", e.getMessage(), e);
        }
    }

    private static String gridField(int index) {
        return "volatility.grid.expiries[" + index + "]";
    }

    /** The pillar's field in the order the market gave the pillars (before sorting by expiry). */
    private static String pillarField(FxVolQuotes q, FxVolPillar p) {
        return "volatility.quotes.pillars[" + q.pillars().indexOf(p) + "]";
    }

    private static MarketDataException atPillar(FxVolQuotes q, FxVolPillar p, IllegalArgumentException e) {
        String m = e.getMessage() != null && e.getMessage().startsWith("pillar ") ? e.getMessage()
                : "pillar " + p.tenor() + ": " + e.getMessage();
        return new MarketDataException(pillarField(q, p), m, e);
    }

    // ------------------------------------------------------------------------------------------------ lattice

    /** Lattice wide enough for the longest expiry's wings and fine enough for the shortest expiry's smile. */
    static StrikeLattice lattice(double[] expiries, double[] atmVols, double[] maxVols, double maxAbsX) {
        double sdMin = Double.POSITIVE_INFINITY;
        double sdMax = 0;
        for (int i = 0; i < expiries.length; i++) {
            sdMin = Math.min(sdMin, atmVols[i] * Math.sqrt(expiries[i] / VolSurface.SHORTEST_FRACTION));
            sdMax = Math.max(sdMax, Math.min(maxVols[i], 3.0) * Math.sqrt(expiries[i]));
        }
        sdMin = Math.max(sdMin, 1e-4);
        double xMax = Math.min(Math.max(Math.max(10 * sdMax, maxAbsX + 4 * sdMax), 1.0), 16.0);
        // spacing at the money resolves the shortest time the surface serves (firstExpiry / 16) with ~7 nodes per sd
        return StrikeLattice.sinh(4 * sdMin / NODES_PER_SD, 8 * sdMin, xMax);
    }

    // ------------------------------------------------------------------------------------------------ grid

    static VolSurface fromGrid(FxMarket fx, VolGrid g) {
        double[] e = g.expiries();
        if (e == null || e.length == 0 || g.strikes() == null || g.vols() == null || g.strikes().length != e.length
                || g.vols().length != e.length) {
            throw new IllegalArgumentException("grid needs one strike list and one vol list per expiry");
        }
        Integer[] order = sortedOrder(e);
        int n = e.length;
        double[] t = new double[n];
        double[][] ks = new double[n][];
        double[][] vs = new double[n][];
        double[] atm = new double[n];
        double[] max = new double[n];
        double maxAbsX = 0;
        double prev = 0;
        for (int i = 0; i < n; i++) {
            int oi = order[i];
            t[i] = e[oi];
            if (!(t[i] > prev) || !Double.isFinite(t[i])) {
                throw new MarketDataException(gridField(oi), "grid expiries must be positive, finite and distinct: "
                        + t[i], null);
            }
            prev = t[i];
            double[] k = g.strikes()[oi];
            double[] v = g.vols()[oi];
            if (k == null || v == null || k.length != v.length || k.length == 0) {
                throw new MarketDataException(gridField(oi), "grid expiry " + t[i] + ": strikes and vols must be"
                        + " non-empty and of equal length", null);
            }
            Integer[] ko = sortedOrder(k);
            ks[i] = new double[k.length];
            vs[i] = new double[k.length];
            double fwd = fx.forward(t[i]);
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < k.length; j++) {
                ks[i][j] = k[ko[j]];
                vs[i][j] = v[ko[j]];
                if (!(ks[i][j] > 0) || !Double.isFinite(ks[i][j])) {
                    throw new MarketDataException(gridField(oi), "grid expiry " + t[i] + ": strikes must be finite"
                            + " and > 0", null);
                }
                if (!(vs[i][j] > 0) || !Double.isFinite(vs[i][j])) {
                    throw new MarketDataException(gridField(oi), "grid expiry " + t[i] + ": vols must be finite and"
                            + " > 0", null);
                }
                if (j > 0 && !(ks[i][j] > ks[i][j - 1])) {
                    throw new MarketDataException(gridField(oi), "grid expiry " + t[i] + ": strike " + ks[i][j]
                            + " appears twice", null);
                }
                double y = Math.log(ks[i][j] / fwd);
                if (Math.abs(y) < best) {
                    best = Math.abs(y);
                    atm[i] = vs[i][j];
                }
                max[i] = Math.max(max[i], vs[i][j]);
                maxAbsX = Math.max(maxAbsX, Math.abs(y));
            }
        }
        StrikeLattice lat = lattice(t, atm, max, maxAbsX);
        Steps steps = new Steps(lat, n, t[0], atm[0]);
        List<SmilePillar> pillars = new ArrayList<>();
        List<SurfaceWarning> warnings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double fwd = fx.forward(t[i]);
            Targets tg = new Targets(t[i], fwd, ks[i], vs[i]);
            steps.fit(i, t, tg, null);
            VolSurface.VolFallback[] how = new VolSurface.VolFallback[ks[i].length];
            VolSurface.Inverter inv = new VolSurface.Inverter(lat, steps.prices[i], t[i]);
            double[] res = Steps.residualsBps(inv, tg, how);
            String tenor = tenorName(t[i]);
            String[] labels = new String[ks[i].length];
            Arrays.fill(labels, "K");
            double[] deltas = new double[ks[i].length];
            Arrays.fill(deltas, Double.NaN);
            pillars.add(new SmilePillar(tenor, t[i], fwd, ks[i].clone(), vs[i].clone(), labels, deltas, res,
                    new double[0]));
            double sd = inv.atmSd;
            for (int j = 0; j < res.length; j++) {
                if (Math.abs(tg.x[j]) > VolSurface.Y_CLAMP_SD * sd && how[j] == VolSurface.VolFallback.HELD_UNRESOLVED) {
                    how[j] = VolSurface.VolFallback.NONE; // beyond 7 sd: held by design, UNRESOLVED_POINT if missed
                } // (an ATM_DEFAULT placeholder stays reported wherever the point lies)
                if (Math.abs(res[j]) > GRID_WARNING_BPS && Math.abs(tg.x[j]) > VolSurface.Y_CLAMP_SD * sd) {
                    warnings.add(new SurfaceWarning("UNRESOLVED_POINT", tenor, t[i], ks[i][j], res[j], String.format(
                            Locale.ROOT, "grid point (%s, K=%.6g) lies %.1f ATM sd out, where its option value is"
                                    + " below double precision; the surface holds the vol of %.0f sd (or of the last"
                                    + " strike with time value) flat there (%.2f bp off)", tenor, ks[i][j],
                            Math.abs(tg.x[j]) / sd, VolSurface.Y_CLAMP_SD, res[j])));
                } else if (Math.abs(res[j]) > GRID_WARNING_BPS) {
                    warnings.add(new SurfaceWarning("MOVED_POINT", tenor, t[i], ks[i][j], res[j], String.format(
                            Locale.ROOT, "grid point (%s, K=%.6g, vol %.4f%%) moved by %.2f bp to the closest"
                                    + " arbitrage-free surface", tenor, ks[i][j], 100 * vs[i][j], res[j])));
                }
            }
            fallbackWarnings(tenor, t[i], ks[i], res, how, warnings);
        }
        return new VolSurface(fx, pillars, warnings, lat, t, steps.sigma0, steps.variance, steps.prices);
    }

    private static Integer[] sortedOrder(double[] e) {
        Integer[] order = new Integer[e.length];
        for (int i = 0; i < e.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> e[i]));
        return order;
    }

    private static String tenorName(double expiry) {
        return String.format(Locale.ROOT, "%.4fY", expiry);
    }

    /** Strike points of one expiry as lattice targets: moneyness, normalised call prices, 1/vega weights. */
    static final class Targets {
        final double t;
        final double fwd;
        final double[] strikes;
        final double[] vols;
        final double[] k;
        final double[] x;
        final double[] price;
        final double[] weight;
        final double atmSd;

        Targets(double t, double fwd, double[] strikes, double[] vols) {
            this.t = t;
            this.fwd = fwd;
            this.strikes = strikes;
            this.vols = vols;
            int m = strikes.length;
            k = new double[m];
            x = new double[m];
            price = new double[m];
            weight = new double[m];
            double sqrtT = Math.sqrt(t);
            double atm = vols[0];
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                double y = Math.abs(Math.log(strikes[j] / fwd));
                if (y < best) {
                    best = y;
                    atm = vols[j];
                }
            }
            atmSd = atm * sqrtT;
            for (int j = 0; j < m; j++) {
                k[j] = strikes[j] / fwd;
                x[j] = Math.log(k[j]);
                double s = vols[j] * sqrtT;
                price[j] = BlackFormula.undiscounted(true, 1.0, k[j], s);
                weight[j] = 1.0 / Math.max(BlackFormula.vegaStdDev(1.0, k[j], s) * sqrtT, VEGA_FLOOR);
            }
        }
    }

    /** The implicit recursion starts from Black prices at this fraction of the first expiry. */
    static final double BLACK_START = 0.25;
    /** The expiry-by-expiry fit state: σ² per node and prices after each sub-step of each interval. */
    static final class Steps {
        final StrikeLattice lat;
        final double[][] variance;
        final double[][] prices;
        final double sigma0;
        final double t0;
        private final double[] start0;

        Steps(StrikeLattice lat, int n, double t1, double sigma0) {
            this.lat = lat;
            this.variance = new double[n][];
            this.prices = new double[n][];
            this.sigma0 = sigma0;
            this.t0 = t1 * BLACK_START;
            this.start0 = lat.black(sigma0 * Math.sqrt(t0));
        }

        double[] prev(int i) {
            return i == 0 ? start0 : prices[i - 1];
        }

        /** Fits expiry i to the targets (warm: knot vols to start from, or null) and stores the step. */
        AndreasenHugeFit.Result fit(int i, double[] t, Targets tg, double[] warm) {
            double tau = t[i] - (i == 0 ? t0 : t[i - 1]);
            // points beyond ±Y_CLAMP_SD ATM sd are neither knots nor targets: their option values are below what the
            // lattice resolves relative to its discretisation error, and chasing them bends the local vol inside
            int[] in = IntStream.range(0, tg.x.length)
                    .filter(j -> Math.abs(tg.x[j]) <= VolSurface.Y_CLAMP_SD * tg.atmSd).toArray();
            if (in.length == 0) { // every point that far out (e.g. absurd rates): keep the one nearest the money
                int best = 0;
                for (int j = 1; j < tg.x.length; j++) {
                    best = Math.abs(tg.x[j]) < Math.abs(tg.x[best]) ? j : best;
                }
                in = new int[] {best};
            }
            double[] s0 = warm != null && warm.length == in.length ? warm : pick(startVols(i, t, tg, tau), in);
            double[] knots = pick(tg.x, in);
            double[] alt = warm == null && i > 0 ? previousLocalVol(i, knots) : null;
            AndreasenHugeFit.Result r = AndreasenHugeFit.fit(lat, prev(i), tau, knots, pick(tg.k, in),
                    pick(tg.price, in), pick(tg.weight, in), s0, alt);
            variance[i] = r.variance();
            prices[i] = r.prices();
            return r;
        }

        /** The previous interval's local vol at x (linear between nodes): a second start for the fit. */
        private double[] previousLocalVol(int i, double[] x) {
            double[] s = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                int c = lat.cellX(x[j]);
                double w = Math.max(0, Math.min(1, (x[j] - lat.x[c]) / (lat.x[c + 1] - lat.x[c])));
                s[j] = (1 - w) * Math.sqrt(variance[i - 1][c]) + w * Math.sqrt(variance[i - 1][c + 1]);
            }
            return s;
        }

        private static double[] pick(double[] a, int[] in) {
            double[] out = new double[in.length];
            for (int j = 0; j < in.length; j++) {
                out[j] = a[in[j]];
            }
            return out;
        }

        /** Forward local variance (w_i − w_{i−1}(k))/τ at each knot, or the point's vol where that is not positive. */
        private double[] startVols(int i, double[] t, Targets tg, double tau) {
            double[] s = new double[tg.k.length];
            for (int j = 0; j < s.length; j++) {
                double w = tg.vols[j] * tg.vols[j] * tg.t;
                double wPrev = i == 0 ? sigma0 * sigma0 * t0 : 0;
                if (i > 0) {
                    double c = lat.interpolate(prices[i - 1], tg.k[j]);
                    double v = BlackFormula.impliedVol(true, 1.0, tg.k[j], t[i - 1], c, 1.0);
                    wPrev = v > 0 ? v * v * t[i - 1] : 0;
                }
                double fv = (w - wPrev) / tau;
                s[j] = fv > 0.25 * tg.vols[j] * tg.vols[j] ? Math.sqrt(fv) : tg.vols[j];
            }
            return s;
        }

        /** Surface vol minus target vol at each target, in bp; how[j]: how the surface's vol was obtained. */
        static double[] residualsBps(VolSurface.Inverter inv, Targets tg, VolSurface.VolFallback[] how) {
            double[] res = new double[tg.k.length];
            for (int j = 0; j < res.length; j++) {
                VolSurface.ImpliedVolDetail d = inv.impliedVol(tg.x[j]);
                res[j] = (d.vol() - tg.vols[j]) * 1e4;
                how[j] = d.fallback();
            }
            return res;
        }
    }

    /** One warning per input point whose surface vol is a fallback (VolSurface.VolFallback), never silent. */
    private static void fallbackWarnings(String tenor, double t, double[] strikes, double[] res,
                                         VolSurface.VolFallback[] how, List<SurfaceWarning> warnings) {
        for (int j = 0; j < how.length; j++) {
            if (how[j] != VolSurface.VolFallback.NONE) {
                warnings.add(new SurfaceWarning("IMPLIED_VOL_FALLBACK", tenor, t, strikes[j], res[j], String.format(
                        Locale.ROOT, "%s K=%.6g: the surface's price has no time value to double precision there;"
                                + " its implied vol is a fallback (%s), %.2f bp off the input", tenor, strikes[j],
                        how[j], res[j])));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- quotes

    static VolSurface fromQuotes(FxMarket fx, FxVolQuotes q) {
        if (q.pillars().isEmpty()) {
            throw new IllegalArgumentException("no volatility pillars");
        }
        List<FxVolPillar> sorted = new ArrayList<>(q.pillars());
        sorted.sort(Comparator.comparingDouble(FxVolPillar::expiry));
        int n = sorted.size();
        double[] t = new double[n];
        double[] atm = new double[n];
        double[] max = new double[n];
        List<Tenor> tenors = new ArrayList<>();
        double maxAbsX = 0;
        double prev = 0;
        for (int i = 0; i < n; i++) {
            FxVolPillar p = sorted.get(i);
            if (!(p.expiry() > prev) || !Double.isFinite(p.expiry())) {
                throw new MarketDataException(pillarField(q, p), "pillar " + p.tenor() + ": expiries must be positive,"
                        + " finite and distinct", null);
            }
            prev = p.expiry();
            Tenor tn;
            Points start;
            try {
                tn = tenor(fx, q, p);
                start = tn.points(tn.ten ? new double[] {p.bf25(), p.bf10()} : new double[] {p.bf25()});
            } catch (IllegalArgumentException e) {
                if (q.butterflyType() != ButterflyType.MARKET || e.getMessage() == null
                        || !e.getMessage().contains("strike order")) {
                    throw atPillar(q, p, e);
                }
                // market butterflies as smile ones can be out of order; the strangle solver handles that
                tn = tenor(fx, q, p);
                start = null;
            }
            tenors.add(tn);
            t[i] = p.expiry();
            atm[i] = p.atm();
            if (start == null) {
                max[i] = p.atm() + Math.abs(p.rr25()) + Math.abs(p.bf25());
                maxAbsX = Math.max(maxAbsX, 4 * max[i] * Math.sqrt(t[i]));
                continue;
            }
            for (int j = 0; j < start.vol.length; j++) {
                max[i] = Math.max(max[i], start.vol[j]);
                maxAbsX = Math.max(maxAbsX, Math.abs(Math.log(start.k[j] / tn.fwd)));
            }
        }
        StrikeLattice lat = lattice(t, atm, max, maxAbsX);
        Steps steps = new Steps(lat, n, t[0], atm[0]);
        List<SmilePillar> pillars = new ArrayList<>();
        List<SurfaceWarning> warnings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Tenor tn = tenors.get(i);
            double[] bf = tn.ten ? new double[] {tn.p.bf25(), tn.p.bf10()} : new double[] {tn.p.bf25()};
            Points pts;
            double[] strangleRes = new double[0];
            try {
                if (q.butterflyType() == ButterflyType.MARKET) {
                    MarketStrangle ms = new MarketStrangle(tn, bf, steps, i, t);
                    pts = ms.solve();
                    strangleRes = ms.residualsBps;
                } else {
                    pts = tn.points(bf);
                    steps.fit(i, t, pts.targets(tn), null);
                }
            } catch (IllegalArgumentException e) {
                throw atPillar(q, tn.p, e);
            }
            VolSurface.VolFallback[] how = new VolSurface.VolFallback[pts.k.length];
            double[] res = Steps.residualsBps(new VolSurface.Inverter(steps.lat, steps.prices[i], t[i]),
                    pts.targets(tn), how);
            String name = tn.p.tenor();
            pillars.add(new SmilePillar(name, t[i], tn.fwd, pts.k, pts.vol, pts.labels, pts.deltas, res,
                    strangleRes));
            for (int j = 0; j < res.length; j++) {
                if (Math.abs(res[j]) > QUOTE_WARNING_BPS) {
                    warnings.add(new SurfaceWarning("MOVED_POINT", name, t[i], pts.k[j], res[j], String.format(
                            Locale.ROOT, "%s %s (K=%.6g, vol %.4f%%) is %.2f bp off the arbitrage-free surface", name,
                            pts.labels[j], pts.k[j], 100 * pts.vol[j], res[j])));
                }
            }
            for (int j = 0; j < strangleRes.length; j++) {
                if (Math.abs(strangleRes[j]) > QUOTE_WARNING_BPS) {
                    String d = j == 0 ? "25" : "10";
                    warnings.add(new SurfaceWarning("STRANGLE_RESIDUAL", name, t[i], Double.NaN, strangleRes[j],
                            String.format(Locale.ROOT, "%s %s-delta market strangle: no arbitrage-free smile"
                                    + " reprices it; the closest misses by %.2f bp of vol", name, d,
                                    strangleRes[j])));
                }
            }
            fallbackWarnings(name, t[i], pts.k, res, how, warnings);
        }
        return new VolSurface(fx, pillars, warnings, lat, t, steps.sigma0, steps.variance, steps.prices);
    }

    private static Tenor tenor(FxMarket fx, FxVolQuotes q, FxVolPillar p) {
        String name = p.tenor();
        double t = p.expiry();
        if (!(p.atm() > 0) || !Double.isFinite(p.atm()) || !Double.isFinite(p.rr25()) || !Double.isFinite(p.bf25())) {
            throw new IllegalArgumentException("pillar " + name + ": atm must be > 0 and rr25, bf25 finite");
        }
        boolean ten = p.hasTenDelta();
        if (ten && (!Double.isFinite(p.rr10()) || !Double.isFinite(p.bf10()))) {
            throw new IllegalArgumentException("pillar " + name + ": rr10, bf10 must be finite");
        }
        DeltaType dt = q.deltaTypeOf(p);
        boolean pa = q.premiumAdjustedOf(p);
        double fwd = fx.forward(t);
        return new Tenor(p, t, fwd, fx.foreignDf(t), dt, pa,
                FxDeltaStrikes.atmStrike(q.atmType(), pa, fwd, p.atm() * Math.sqrt(t)), ten);
    }

    /** Conventions and market of one tenor. */
    private record Tenor(FxVolPillar p, double t, double fwd, double dfF, DeltaType dt, boolean pa, double atmStrike,
                         boolean ten) {
        double strike(boolean call, double delta, double vol) {
            return FxDeltaStrikes.strike(call, delta, dt, pa, fwd, vol * Math.sqrt(t), dfF);
        }

        /** Smile points for smile butterflies bf (25Δ[, 10Δ]); throws, in plain words, when they define no smile. */
        Points points(double[] bf) {
            double atm = p.atm();
            int m = ten ? 5 : 3;
            Points pts = new Points(m, ten);
            int c = ten ? 1 : 0;
            pts.set(c, atm + bf[0] - 0.5 * p.rr25(), this, false, -0.25);
            pts.set(c + 2, atm + bf[0] + 0.5 * p.rr25(), this, true, 0.25);
            pts.vol[c + 1] = atm;
            pts.k[c + 1] = atmStrike;
            pts.deltas[c + 1] = FxDeltaStrikes.delta(true, dt, pa, fwd, atmStrike, atm * Math.sqrt(t), dfF);
            if (ten) {
                pts.set(0, atm + bf[1] - 0.5 * p.rr10(), this, false, -0.10);
                pts.set(4, atm + bf[1] + 0.5 * p.rr10(), this, true, 0.10);
            }
            for (int i = 1; i < m; i++) {
                if (!(pts.k[i] > pts.k[i - 1])) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "the %s strike %.6g is not above"
                            + " the %s strike %.6g: at these vols the quoted deltas are in the wrong strike order, so"
                            + " no smile goes through them", pts.labels[i], pts.k[i], pts.labels[i - 1],
                            pts.k[i - 1]));
                }
            }
            return pts;
        }
    }

    /** The quote points of one tenor in strike order. */
    private static final class Points {
        final double[] k;
        final double[] vol;
        final String[] labels;
        final double[] deltas;

        Points(int m, boolean ten) {
            k = new double[m];
            vol = new double[m];
            deltas = new double[m];
            labels = ten ? new String[] {"10P", "25P", "ATM", "25C", "10C"} : new String[] {"25P", "ATM", "25C"};
        }

        void set(int i, double v, Tenor tn, boolean call, double delta) {
            if (!(v > 0)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "the quotes give a %s vol of %.4f%%,"
                        + " which is not positive", labels[i], 100 * v));
            }
            vol[i] = v;
            k[i] = tn.strike(call, delta, v);
            deltas[i] = delta;
        }

        Targets targets(Tenor tn) {
            return new Targets(tn.t, tn.fwd, k, vol);
        }
    }

    /**
     * Finite-difference step of the market-strangle solver in butterfly vol (0.1 bp). Why not smaller: each evaluation
     * is an inner least-squares fit that stops at 1e-9 in vol, or earlier where the smile points cannot all be reached
     * (crisis wings); at 1e-6 its end-point noise made the crisis 2Y Jacobian useless and the 25Δ strangle stopped
     * 117 bp off (with the Broyden inner fit), at 1e-5 it is repriced to 9 bp like its neighbours.
     */
    private static final double STRANGLE_FD_STEP = 1e-5;

    /**
     * Market strangle: smile butterflies x such that the surface's price of the broker strangle (call at K_c plus put
     * at K_p, both struck at σ_s = ATM + BF_mkt) equals the quoted one. Residual per strangle in vol:
     * (V_surface − V_market) / (vega_call + vega_put). Damped Newton with a finite-difference Jacobian; trial smiles
     * whose quotes put the strikes out of order are rejected by halving the step, never reported.
     */
    private static final class MarketStrangle {
        final Tenor tn;
        final double[] bfMkt;
        final Steps steps;
        final int i;
        final double[] t;
        final double[] kc;
        final double[] kp;
        final double[] target;
        final double[] vega;
        double[] residualsBps;
        private double[] warm;

        MarketStrangle(Tenor tn, double[] bfMkt, Steps steps, int i, double[] t) {
            this.tn = tn;
            this.bfMkt = bfMkt;
            this.steps = steps;
            this.i = i;
            this.t = t;
            int dim = bfMkt.length;
            double[] deltas = {0.25, 0.10};
            kc = new double[dim];
            kp = new double[dim];
            target = new double[dim];
            vega = new double[dim];
            double sqrtT = Math.sqrt(tn.t);
            for (int j = 0; j < dim; j++) {
                double vs = tn.p.atm() + bfMkt[j];
                if (!(vs > 0)) {
                    throw new IllegalArgumentException("pillar " + tn.p.tenor() + ": the market strangle vol atm + bf"
                            + " is not positive");
                }
                kc[j] = tn.strike(true, deltas[j], vs) / tn.fwd;
                kp[j] = tn.strike(false, -deltas[j], vs) / tn.fwd;
                double sd = vs * sqrtT;
                target[j] = BlackFormula.undiscounted(true, 1, kc[j], sd) + BlackFormula.undiscounted(false, 1, kp[j], sd);
                vega[j] = (BlackFormula.vegaStdDev(1, kc[j], sd) + BlackFormula.vegaStdDev(1, kp[j], sd)) * sqrtT;
            }
        }

        /**
         * Residuals at smile butterflies x: the strangle residuals, then the surface's misses at the smile points
         * (zero while the points are reachable without arbitrage); null when x defines no valid set of points.
         */
        private double[] eval(double[] x, Points[] out) {
            Points pts;
            try {
                pts = tn.points(x);
            } catch (IllegalArgumentException invalid) {
                return null;
            }
            AndreasenHugeFit.Result r = steps.fit(i, t, pts.targets(tn), warm);
            warm = new double[r.theta().length];
            for (int j = 0; j < warm.length; j++) {
                warm[j] = Math.exp(r.theta()[j]);
            }
            double[] res = new double[x.length + r.residuals().length];
            for (int j = 0; j < x.length; j++) {
                double c = steps.lat.interpolate(r.prices(), kc[j]);
                double cp = steps.lat.interpolate(r.prices(), kp[j]) - (1 - kp[j]);
                res[j] = (c + cp - target[j]) / vega[j];
            }
            System.arraycopy(r.residuals(), 0, res, x.length, r.residuals().length);
            if (out != null) {
                out[0] = pts;
            }
            return res;
        }

        /** Levenberg–Marquardt on the smile butterflies, finite-difference Jacobian; the closest when not exact. */
        Points solve() {
            int dim = bfMkt.length;
            double[] x = bfMkt.clone();
            Points[] holder = new Points[1];
            double[] r = eval(x, holder);
            for (int s = 0; s < 40 && r == null; s++) { // quoted butterflies out of order as smile ones: shrink
                for (int j = 0; j < dim; j++) {
                    x[j] *= 0.7;
                }
                r = eval(x, holder);
            }
            if (r == null) {
                throw new IllegalArgumentException("pillar " + tn.p.tenor() + ": the risk reversals put the quoted"
                        + " deltas in the wrong strike order for every butterfly, so no smile goes through them");
            }
            double cost = dot(r, r);
            double mu = 1e-4;
            for (int iter = 0; iter < 50 && normInf(r) > STRANGLE_TOL && mu < 1e8; iter++) {
                double[][] jac = new double[r.length][dim];
                boolean ok = true;
                for (int c = 0; c < dim && ok; c++) {
                    double h = STRANGLE_FD_STEP;
                    double[] xh = x.clone();
                    xh[c] += h;
                    double[] rh = eval(xh, null);
                    if (rh == null) {
                        h = -h;
                        xh[c] = x[c] + h;
                        rh = eval(xh, null);
                    }
                    if (rh == null) {
                        ok = false;
                        break;
                    }
                    for (int rr = 0; rr < r.length; rr++) {
                        jac[rr][c] = (rh[rr] - r[rr]) / h;
                    }
                }
                if (!ok) {
                    break;
                }
                double[][] a = new double[dim][dim];
                double[] g = new double[dim];
                for (int rr = 0; rr < r.length; rr++) {
                    for (int c = 0; c < dim; c++) {
                        g[c] += jac[rr][c] * r[rr];
                        for (int d = 0; d < dim; d++) {
                            a[c][d] += jac[rr][c] * jac[rr][d];
                        }
                    }
                }
                boolean accepted = false;
                while (!accepted && mu < 1e8) {
                    double[][] sys = new double[dim][dim];
                    for (int c = 0; c < dim; c++) {
                        sys[c] = a[c].clone();
                        sys[c][c] = a[c][c] * (1 + mu) + 1e-300;
                    }
                    double[] dx = solveDamped(sys, g);
                    double[] xn = x.clone();
                    for (int c = 0; c < dim; c++) {
                        xn[c] -= dx[c];
                    }
                    double[] rn = eval(xn, null);
                    if (rn != null && dot(rn, rn) < cost) {
                        x = xn;
                        r = rn;
                        cost = dot(rn, rn);
                        mu = Math.max(mu * 0.1, 1e-10);
                        accepted = true;
                    } else {
                        mu *= 10;
                    }
                }
            }
            r = eval(x, holder); // leaves the best fit in steps
            residualsBps = new double[dim];
            for (int j = 0; j < dim; j++) {
                residualsBps[j] = r[j] * 1e4;
            }
            return holder[0];
        }

        private static double dot(double[] a, double[] b) {
            double s = 0;
            for (int j = 0; j < a.length; j++) {
                s += a[j] * b[j];
            }
            return s;
        }

        private static double normInf(double[] r) {
            double m = 0;
            for (double v : r) {
                m = Math.max(m, Math.abs(v));
            }
            return m;
        }

        private static double norm(double[] r) {
            double s = 0;
            for (double v : r) {
                s += v * v;
            }
            return Math.sqrt(s);
        }

        /** Newton step J⁻¹r, least squares with a little Tikhonov damping when J is (nearly) singular. */
        private static double[] solveDamped(double[][] a, double[] b) {
            if (b.length == 1) {
                double d = a[0][0];
                return new double[] {Math.abs(d) > 1e-12 ? b[0] / d : 0.0};
            }
            double det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
            double scale = Math.abs(a[0][0] * a[1][1]) + Math.abs(a[0][1] * a[1][0]) + 1e-300;
            if (Math.abs(det) > 1e-10 * scale) {
                return new double[] {(a[1][1] * b[0] - a[0][1] * b[1]) / det, (a[0][0] * b[1] - a[1][0] * b[0]) / det};
            }
            double[][] ata = new double[2][2];
            double[] atb = new double[2];
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 2; c++) {
                    atb[c] += a[r][c] * b[r];
                    for (int d = 0; d < 2; d++) {
                        ata[c][d] += a[r][c] * a[r][d];
                    }
                }
            }
            double mu = 1e-8 * (ata[0][0] + ata[1][1]) + 1e-300;
            ata[0][0] += mu;
            ata[1][1] += mu;
            double dd = ata[0][0] * ata[1][1] - ata[0][1] * ata[1][0];
            return new double[] {(ata[1][1] * atb[0] - ata[0][1] * atb[1]) / dd,
                (ata[0][0] * atb[1] - ata[1][0] * atb[0]) / dd};
        }
    }
}
