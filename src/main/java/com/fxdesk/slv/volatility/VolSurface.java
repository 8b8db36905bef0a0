package com.fxdesk.slv.volatility;

import com.fxdesk.slv.market.FxMarket;
import java.util.ArrayList;
import java.util.List;

/**
 * Implied volatility surface from one smile (SVI, see {@link SmileSlice}) per expiry, in total variance w(T, y) at constant forward moneyness
 * y = ln(K/F(T)).
 * <p><b>Across expiries</b> w(·, y) is a monotone piecewise cubic Hermite interpolant in T per y (Fritsch–Carlson
 * with Brodlie's weighted-harmonic-mean node slopes, as in PCHIP): w is C¹ in T, so Dupire's ∂_T w has no jumps, and
 * w stays non-decreasing in T wherever the pillars are (no calendar arbitrage introduced between pillars).
 * <p><b>Before the first expiry</b> T₁: w(T, y) = w(T₁, y)·T/T₁ (the first smile at constant implied vol); this
 * segment is the first secant of the interpolant (node (0, 0)), and the node slope at T₁ is that secant, clipped to
 * three times the next secant for monotonicity, so ∂_T w is continuous at T₁ unless the clip bites.
 * <b>After the last expiry</b> T_n: w(T, y) = w(T_n, y) + (T − T_n)·s_n(y), where s_n is the last segment's secant,
 * which is also the node slope used at T_n (C¹ there; forward variance stays at the last segment's level per y).
 * <p>All y-derivatives are analytic (SVI derivatives propagated through the Hermite weights and the slope formulas).
 * Immutable and thread-safe.
 */
public final class VolSurface implements ImpliedVolSurface {
    private final FxMarket market;
    private final List<SmilePillar> pillars;
    private final List<SmileSlice> smileList;
    private final SmileSlice[] smiles;
    private final double[] t;
    private final double[] h;      // h[i] = t[i+1] − t[i]
    private final double[] brodlieA; // weight of the left secant in Brodlie's harmonic mean at interior node j
    private final int n;

    private VolSurface(FxMarket market, List<SmilePillar> pillars, double[] expiries, List<SmileSlice> smiles) {
        this.market = market;
        this.pillars = List.copyOf(pillars);
        this.smileList = List.copyOf(smiles);
        this.smiles = smileList.toArray(new SmileSlice[0]);
        this.n = expiries.length;
        if (n == 0 || smiles.size() != n) {
            throw new IllegalArgumentException("a surface needs at least one expiry and one smile per expiry");
        }
        this.t = expiries.clone();
        this.h = new double[Math.max(n - 1, 0)];
        this.brodlieA = new double[n];
        for (int i = 0; i < n; i++) {
            if (!(t[i] > 0) || !Double.isFinite(t[i]) || (i > 0 && !(t[i] > t[i - 1]))) {
                throw new IllegalArgumentException("expiries must be positive and strictly increasing");
            }
        }
        for (int i = 0; i + 1 < n; i++) {
            h[i] = t[i + 1] - t[i];
        }
        for (int j = 1; j + 1 < n; j++) {
            double w1 = 2 * h[j] + h[j - 1];
            double w2 = h[j] + 2 * h[j - 1];
            brodlieA[j] = w1 / (w1 + w2);
        }
    }

    /** Surface from fitted pillars and their smiles (same order, increasing expiry). */
    public static VolSurface of(FxMarket market, List<SmilePillar> pillars, List<SmileSlice> smiles) {
        double[] e = new double[pillars.size()];
        for (int i = 0; i < e.length; i++) {
            e[i] = pillars.get(i).expiry();
        }
        return new VolSurface(market, pillars, e, smiles);
    }

    /** Surface straight from SVI parameters (no market points), e.g. to test the arbitrage scanner. */
    public static VolSurface fromSvi(FxMarket market, double[] expiries, List<SviSmile> smiles) {
        List<SmilePillar> ps = new ArrayList<>();
        for (double e : expiries) {
            ps.add(new SmilePillar("T=" + e, e, market.forward(e), new double[0], new double[0], new String[0],
                    new double[0], new double[0]));
        }
        List<SmileSlice> sl = new ArrayList<>();
        for (SviSmile s : smiles) {
            sl.add(SmileSlice.of(s));
        }
        return new VolSurface(market, ps, expiries, sl);
    }

    public FxMarket market() {
        return market;
    }

    public List<SmilePillar> pillars() {
        return pillars;
    }

    public List<SmileSlice> smiles() {
        return smileList;
    }

    public double[] expiries() {
        return t.clone();
    }

    public double firstExpiry() {
        return t[0];
    }

    public double lastExpiry() {
        return t[n - 1];
    }

    @Override
    public double forward(double expiry) {
        return market.forward(expiry);
    }

    @Override
    public double impliedVol(double expiry, double strike) {
        double y = Math.log(strike / forward(Math.max(expiry, 0)));
        if (expiry <= t[0]) { // constant vol before the first expiry, also the T → 0 limit
            return Math.sqrt(Math.max(smiles[0].w(y), 0) / t[0]);
        }
        return Math.sqrt(Math.max(w(expiry, y), 0) / expiry);
    }

    @Override
    public double totalVariance(double expiry, double logMoneyness) {
        return w(expiry, logMoneyness);
    }

    public double w(double expiry, double y) {
        double[] o = new double[4];
        derivatives(expiry, y, o);
        return o[0];
    }

    public double dwdy(double expiry, double y) {
        double[] o = new double[4];
        derivatives(expiry, y, o);
        return o[1];
    }

    public double d2wdy2(double expiry, double y) {
        double[] o = new double[4];
        derivatives(expiry, y, o);
        return o[2];
    }

    public double dwdt(double expiry, double y) {
        double[] o = new double[4];
        derivatives(expiry, y, o);
        return o[3];
    }

    /** out[0..3] = w, ∂_y w, ∂_yy w, ∂_T w at (expiry, y). */
    public void derivatives(double expiry, double y, double[] out) {
        slice(expiry).eval(y, out, new double[Slice.SCRATCH]);
    }

    /** Time-dependent part of the interpolation, computed once per time and reused for many y. */
    Slice slice(double time) {
        return new Slice(Math.max(time, 0));
    }

    final class Slice {
        static final int SCRATCH = 27;
        private static final int ORIGIN = 0;
        private static final int INTERIOR = 1;
        private static final int EXTRAPOLATE = 2;
        final double time;
        private final int kind;
        private final int seg;
        private final double h00;
        private final double h10;
        private final double h01;
        private final double h11;
        private final double g00;
        private final double g10;
        private final double g01;
        private final double g11;

        private Slice(double time) {
            this.time = time;
            if (n == 1 || time <= t[0]) {
                kind = ORIGIN;
                seg = 0;
                h00 = time / t[0];
                h10 = h01 = h11 = g00 = g10 = g01 = g11 = 0;
            } else if (time >= t[n - 1]) {
                kind = EXTRAPOLATE;
                seg = n - 2;
                h00 = time - t[n - 1];
                h10 = h01 = h11 = g00 = g10 = g01 = g11 = 0;
            } else {
                kind = INTERIOR;
                int i = 0;
                while (time > t[i + 1]) {
                    i++;
                }
                seg = i;
                double d = h[i];
                double u = (time - t[i]) / d;
                double u2 = u * u;
                double u3 = u2 * u;
                h00 = 2 * u3 - 3 * u2 + 1;
                h10 = (u3 - 2 * u2 + u) * d;
                h01 = -2 * u3 + 3 * u2;
                h11 = (u3 - u2) * d;
                g00 = (6 * u2 - 6 * u) / d;
                g10 = 3 * u2 - 4 * u + 1;
                g01 = (-6 * u2 + 6 * u) / d;
                g11 = 3 * u2 - 2 * u;
            }
        }

        double forward() {
            return market.forward(time);
        }

        /** out[0..3] = w, ∂_y w, ∂_yy w, ∂_T w at y; s is scratch of length {@link #SCRATCH}. */
        void eval(double y, double[] out, double[] s) {
            if (kind == ORIGIN) {
                smiles[0].jet(y, s, 0);
                out[0] = s[0] * h00;
                out[1] = s[1] * h00;
                out[2] = s[2] * h00;
                out[3] = s[0] / t[0];
                return;
            }
            if (kind == EXTRAPOLATE) {
                smiles[n - 2].jet(y, s, 0);
                smiles[n - 1].jet(y, s, 3);
                double inv = 1 / h[n - 2];
                for (int k = 0; k < 3; k++) {
                    double slope = (s[3 + k] - s[k]) * inv;
                    out[k] = s[3 + k] + h00 * slope;
                }
                out[3] = (s[3] - s[0]) * inv;
                return;
            }
            int i = seg;
            // node jets: 0 = i−1, 3 = i, 6 = i+1, 9 = i+2; secants: 12 = left (i−1→i or origin), 15 = i→i+1,
            // 18 = i+1→i+2; slopes: 21 = d_i, 24 = d_{i+1}
            smiles[i].jet(y, s, 3);
            smiles[i + 1].jet(y, s, 6);
            secant(s, 3, 6, 1 / h[i], 15);
            if (i == 0) {
                for (int k = 0; k < 3; k++) {
                    s[12 + k] = s[3 + k] / t[0];
                }
                if (s[15] > 0) {
                    if (s[12] <= 3 * s[15]) {
                        copy(s, 12, 21);
                    } else {
                        for (int k = 0; k < 3; k++) {
                            s[21 + k] = 3 * s[15 + k];
                        }
                    }
                } else {
                    zero(s, 21);
                }
            } else {
                smiles[i - 1].jet(y, s, 0);
                secant(s, 0, 3, 1 / h[i - 1], 12);
                brodlie(s, 12, 15, brodlieA[i], 21);
            }
            if (i + 1 == n - 1) {
                copy(s, 15, 24);
            } else {
                smiles[i + 2].jet(y, s, 9);
                secant(s, 6, 9, 1 / h[i + 1], 18);
                brodlie(s, 15, 18, brodlieA[i + 1], 24);
            }
            for (int k = 0; k < 3; k++) {
                out[k] = h00 * s[3 + k] + h10 * s[21 + k] + h01 * s[6 + k] + h11 * s[24 + k];
            }
            out[3] = g00 * s[3] + g10 * s[21] + g01 * s[6] + g11 * s[24];
        }
    }

    private static void secant(double[] s, int a, int b, double invH, int out) {
        s[out] = (s[b] - s[a]) * invH;
        s[out + 1] = (s[b + 1] - s[a + 1]) * invH;
        s[out + 2] = (s[b + 2] - s[a + 2]) * invH;
    }

    private static void copy(double[] s, int from, int to) {
        s[to] = s[from];
        s[to + 1] = s[from + 1];
        s[to + 2] = s[from + 2];
    }

    private static void zero(double[] s, int at) {
        s[at] = 0;
        s[at + 1] = 0;
        s[at + 2] = 0;
    }

    /**
     * Brodlie's node slope 1/d = A/δL + (1−A)/δR (0 when the secants differ in sign) with its first and second
     * y-derivatives from those of the secants.
     */
    private static void brodlie(double[] s, int l, int r, double a, int out) {
        double vl = s[l];
        double vr = s[r];
        if (vl * vr <= 0) {
            zero(s, out);
            return;
        }
        double b = 1 - a;
        double il = 1 / vl;
        double ir = 1 / vr;
        double q = a * il + b * ir;
        double q1 = -a * s[l + 1] * il * il - b * s[r + 1] * ir * ir;
        double q2 = a * (2 * s[l + 1] * s[l + 1] * il * il * il - s[l + 2] * il * il)
                + b * (2 * s[r + 1] * s[r + 1] * ir * ir * ir - s[r + 2] * ir * ir);
        double d = 1 / q;
        s[out] = d;
        s[out + 1] = -q1 * d * d;
        s[out + 2] = -q2 * d * d + 2 * q1 * q1 * d * d * d;
    }
}
