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

/**
 * Builds a {@link VolSurface} from market data: one SVI slice per expiry ({@link SviFitter}); for FX quotes the
 * slice is made to pass exactly through the quoted points by a local correction where SVI alone leaves a residual
 * ({@link SmileSlice}).
 * <p><b>FX quotes.</b> Each tenor gives 5 points (10P, 25P, ATM, 25C, 10C), or 3 without 10Δ quotes, under the
 * pillar's delta convention (spot/forward, premium-adjusted or not; per-pillar overrides win) and ATM convention.
 * Smile strangle: σ25C = ATM + BF + RR/2, σ25P = ATM + BF − RR/2 (same for 10Δ); each strike is the strike of that
 * delta at its own vol. Market (broker) strangle: the quoted BF_mkt defines one vol σ_s = ATM + BF_mkt, the strikes
 * K_c, K_p of the +25Δ call and −25Δ put at σ_s, and the strangle price C(K_c, σ_s) + P(K_p, σ_s). The smile
 * butterflies (25Δ and 10Δ together) are solved so that the fitted SVI smile, priced at its own vols at K_c and K_p,
 * reprices that strangle; the equations are vega-scaled (errors in vol) and solved by Newton with a finite-difference
 * Jacobian to 1e-9 in vol.
 * <p><b>Grid.</b> SVI is fitted to each expiry's strike list (residuals reported per point).
 * <p>Stateless; throws {@link MarketDataException} (naming the pillar or grid expiry where it can) on unusable input.
 */
public final class VolSurfaceBuilder {
    private static final double STRANGLE_TOL = 1e-9;

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

    // ------------------------------------------------------------------------------------------------ grid

    static VolSurface fromGrid(FxMarket fx, VolGrid g) {
        double[] e = g.expiries();
        if (e == null || e.length == 0 || g.strikes() == null || g.vols() == null || g.strikes().length != e.length
                || g.vols().length != e.length) {
            throw new IllegalArgumentException("grid needs one strike list and one vol list per expiry");
        }
        Integer[] order = sortedOrder(e);
        List<SmilePillar> pillars = new ArrayList<>();
        List<SmileSlice> smiles = new ArrayList<>();
        double prev = 0;
        for (int oi : order) {
            double expiry = e[oi];
            if (!(expiry > prev) || !Double.isFinite(expiry)) {
                throw new MarketDataException(gridField(oi), "grid expiries must be positive, finite and distinct: "
                        + expiry, null);
            }
            prev = expiry;
            double[] k = g.strikes()[oi];
            double[] v = g.vols()[oi];
            if (k == null || v == null || k.length != v.length || k.length == 0) {
                throw new MarketDataException(gridField(oi), "grid expiry " + expiry + ": strikes and vols must be "
                        + "non-empty and of equal length", null);
            }
            double fwd = fx.forward(expiry);
            double[] y = new double[k.length];
            for (int j = 0; j < k.length; j++) {
                if (!(k[j] > 0) || !Double.isFinite(k[j])) {
                    throw new MarketDataException(gridField(oi), "grid expiry " + expiry + ": strikes must be finite "
                            + "and > 0", null);
                }
                if (!(v[j] > 0) || !Double.isFinite(v[j])) {
                    throw new MarketDataException(gridField(oi), "grid expiry " + expiry + ": vols must be finite and "
                            + "> 0", null);
                }
                y[j] = Math.log(k[j] / fwd);
            }
            SviFitter.Result fit;
            try {
                fit = SviFitter.fit(expiry, y, v);
            } catch (IllegalArgumentException ex) {
                throw new MarketDataException(gridField(oi), "grid expiry " + expiry + ": " + ex.getMessage(), ex);
            }
            String[] labels = new String[k.length];
            Arrays.fill(labels, "K");
            double[] deltas = new double[k.length];
            Arrays.fill(deltas, Double.NaN);
            pillars.add(new SmilePillar(tenorName(expiry), expiry, fwd, k.clone(), v.clone(), labels, deltas,
                    fit.residualsBps()));
            smiles.add(SmileSlice.of(fit.smile()));
        }
        return VolSurface.of(fx, pillars, smiles);
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
        return String.format(java.util.Locale.ROOT, "%.4fY", expiry);
    }

    // ---------------------------------------------------------------------------------------------- quotes

    static VolSurface fromQuotes(FxMarket fx, FxVolQuotes q) {
        if (q.pillars().isEmpty()) {
            throw new IllegalArgumentException("no volatility pillars");
        }
        List<FxVolPillar> sorted = new ArrayList<>(q.pillars());
        sorted.sort(Comparator.comparingDouble(FxVolPillar::expiry));
        List<SmilePillar> pillars = new ArrayList<>();
        List<SmileSlice> smiles = new ArrayList<>();
        double prev = 0;
        for (FxVolPillar p : sorted) {
            if (!(p.expiry() > prev) || !Double.isFinite(p.expiry())) {
                throw new MarketDataException(pillarField(q, p), "pillar " + p.tenor() + ": expiries must be positive,"
                        + " finite and distinct", null);
            }
            prev = p.expiry();
            PillarFit pf;
            try {
                pf = fitPillar(fx, q, p);
            } catch (IllegalArgumentException ex) {
                throw new MarketDataException(pillarField(q, p), ex.getMessage(), ex);
            }
            pillars.add(pf.pillar);
            smiles.add(pf.smile);
        }
        return VolSurface.of(fx, pillars, smiles);
    }

    /** The pillar's field in the order the market gave the pillars (before sorting by expiry). */
    private static String pillarField(FxVolQuotes q, FxVolPillar p) {
        return "volatility.quotes.pillars[" + q.pillars().indexOf(p) + "]";
    }

    private record PillarFit(SmilePillar pillar, SmileSlice smile) {
    }

    /** Conventions and market of one tenor. */
    private record Tenor(FxVolPillar p, double t, double fwd, double dfF, DeltaType dt, boolean pa, double atmStrike,
                         boolean ten) {
        double strike(boolean call, double delta, double vol) {
            return FxDeltaStrikes.strike(call, delta, dt, pa, fwd, vol * Math.sqrt(t), dfF);
        }
    }

    private static PillarFit fitPillar(FxMarket fx, FxVolQuotes q, FxVolPillar p) {
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
        Tenor tn = new Tenor(p, t, fwd, fx.foreignDf(t), dt, pa,
                FxDeltaStrikes.atmStrike(q.atmType(), pa, fwd, p.atm() * Math.sqrt(t)), ten);
        double[] bf = ten ? new double[] {p.bf25(), p.bf10()} : new double[] {p.bf25()};
        Points pts;
        try {
            if (q.butterflyType() == ButterflyType.MARKET) {
                pts = solveMarketStrangle(tn, bf);
            } else {
                pts = points(tn, bf, null);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pillar " + name + ": " + e.getMessage(), e);
        }
        double[] res = new double[pts.k.length];
        for (int i = 0; i < res.length; i++) {
            res[i] = (Math.sqrt(pts.smile.w(pts.y[i]) / t) - pts.vol[i]) * 1e4;
        }
        return new PillarFit(new SmilePillar(name, t, fwd, pts.k, pts.vol, pts.labels, pts.deltas, res), pts.smile);
    }

    /** Smile points for given smile butterflies (bf[0] = 25Δ, bf[1] = 10Δ) and their SVI fit. */
    private static final class Points {
        double[] k;
        double[] vol;
        double[] y;
        String[] labels;
        double[] deltas;
        SviFitter.Result fit;
        SmileSlice smile;
    }

    private static Points points(Tenor tn, double[] bf, SviSmile warm) {
        FxVolPillar p = tn.p;
        double atm = p.atm();
        Points pts = new Points();
        int m = tn.ten ? 5 : 3;
        pts.k = new double[m];
        pts.vol = new double[m];
        pts.labels = tn.ten ? new String[] {"10P", "25P", "ATM", "25C", "10C"} : new String[] {"25P", "ATM", "25C"};
        pts.deltas = new double[m];
        int c = tn.ten ? 1 : 0; // index of 25P
        double v25c = atm + bf[0] + 0.5 * p.rr25();
        double v25p = atm + bf[0] - 0.5 * p.rr25();
        set(pts, c, v25p, tn, false, -0.25);
        set(pts, c + 2, v25c, tn, true, 0.25);
        pts.vol[c + 1] = atm;
        pts.k[c + 1] = tn.atmStrike;
        pts.deltas[c + 1] = FxDeltaStrikes.delta(true, tn.dt, tn.pa, tn.fwd, tn.atmStrike, atm * Math.sqrt(tn.t), tn.dfF);
        if (tn.ten) {
            set(pts, 0, atm + bf[1] - 0.5 * p.rr10(), tn, false, -0.10);
            set(pts, 4, atm + bf[1] + 0.5 * p.rr10(), tn, true, 0.10);
        }
        pts.y = new double[m];
        for (int i = 0; i < m; i++) {
            if (i > 0 && !(pts.k[i] > pts.k[i - 1])) {
                throw new IllegalArgumentException("quotes give non-increasing strikes " + pts.labels[i - 1] + "="
                        + pts.k[i - 1] + ", " + pts.labels[i] + "=" + pts.k[i]);
            }
            pts.y[i] = Math.log(pts.k[i] / tn.fwd);
        }
        pts.fit = SviFitter.fit(tn.t, pts.y, pts.vol, warm);
        double[] w = new double[m];
        for (int i = 0; i < m; i++) {
            w[i] = pts.vol[i] * pts.vol[i] * tn.t;
        }
        pts.smile = SmileSlice.interpolating(pts.fit.smile(), pts.y, w);
        return pts;
    }

    private static void set(Points pts, int i, double vol, Tenor tn, boolean call, double delta) {
        if (!(vol > 0)) {
            throw new IllegalArgumentException("quotes imply a non-positive vol " + vol + " at " + delta + " delta");
        }
        pts.vol[i] = vol;
        pts.k[i] = tn.strike(call, delta, vol);
        pts.deltas[i] = delta;
    }

    /**
     * Market strangle: find smile butterflies x such that the fitted smile reprices the broker strangle(s).
     * Residual per strangle in vol: (V_smile − V_market) / (vega_call + vega_put) at the strangle vol.
     */
    private static Points solveMarketStrangle(Tenor tn, double[] bfMkt) {
        int dim = bfMkt.length;
        double[] deltas = {0.25, 0.10};
        double[] kc = new double[dim];
        double[] kp = new double[dim];
        double[] target = new double[dim];
        double[] vega = new double[dim];
        double sqrtT = Math.sqrt(tn.t);
        for (int j = 0; j < dim; j++) {
            double vs = tn.p.atm() + bfMkt[j];
            if (!(vs > 0)) {
                throw new IllegalArgumentException("market strangle vol atm + bf is not positive");
            }
            kc[j] = tn.strike(true, deltas[j], vs);
            kp[j] = tn.strike(false, -deltas[j], vs);
            double sd = vs * sqrtT;
            target[j] = BlackFormula.undiscounted(true, tn.fwd, kc[j], sd) + BlackFormula.undiscounted(false, tn.fwd, kp[j], sd);
            vega[j] = (BlackFormula.vegaStdDev(tn.fwd, kc[j], sd) + BlackFormula.vegaStdDev(tn.fwd, kp[j], sd)) * sqrtT;
        }
        double[] x = bfMkt.clone();
        Points pts = points(tn, x, null);
        double[] r = strangleResiduals(tn, pts.smile, kc, kp, target, vega);
        double[][] jac = null;
        double norm = normInf(r);
        for (int iter = 0; iter < 30 && norm > STRANGLE_TOL; iter++) {
            if (jac == null) {
                jac = new double[dim][dim];
                for (int c = 0; c < dim; c++) {
                    double[] xh = x.clone();
                    double step = 1e-6;
                    xh[c] += step;
                    Points ph = points(tn, xh, pts.fit.smile());
                    double[] rh = strangleResiduals(tn, ph.smile, kc, kp, target, vega);
                    for (int rr = 0; rr < dim; rr++) {
                        jac[rr][c] = (rh[rr] - r[rr]) / step;
                    }
                }
            }
            double[] dx = solve(jac, r);
            double[] xn = x.clone();
            for (int c = 0; c < dim; c++) {
                xn[c] -= dx[c];
            }
            Points pn = points(tn, xn, pts.fit.smile());
            double[] rn = strangleResiduals(tn, pn.smile, kc, kp, target, vega);
            double nn = normInf(rn);
            if (nn > 0.2 * norm) {
                jac = null; // slow convergence: refresh the Jacobian next time
            }
            x = xn;
            pts = pn;
            r = rn;
            norm = nn;
        }
        if (!(norm < 1e-6)) { // 0.01 bp
            throw new IllegalArgumentException("market strangle could not be matched by an arbitrage-free smile"
                    + " (residual " + norm * 1e4 + " bp)");
        }
        return pts;
    }

    private static double[] strangleResiduals(Tenor tn, SmileSlice s, double[] kc, double[] kp, double[] target,
                                              double[] vega) {
        double[] r = new double[kc.length];
        for (int j = 0; j < kc.length; j++) {
            double sc = Math.sqrt(Math.max(s.w(Math.log(kc[j] / tn.fwd)), 0));
            double sp = Math.sqrt(Math.max(s.w(Math.log(kp[j] / tn.fwd)), 0));
            double v = BlackFormula.undiscounted(true, tn.fwd, kc[j], sc) + BlackFormula.undiscounted(false, tn.fwd, kp[j], sp);
            r[j] = (v - target[j]) / vega[j];
        }
        return r;
    }

    private static double normInf(double[] r) {
        double m = 0;
        for (double v : r) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static double[] solve(double[][] a, double[] b) {
        if (b.length == 1) {
            return new double[] {b[0] / a[0][0]};
        }
        double det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
        return new double[] {(a[1][1] * b[0] - a[0][1] * b[1]) / det, (a[0][0] * b[1] - a[1][0] * b[0]) / det};
    }

}
