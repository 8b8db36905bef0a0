package com.fxdesk.slv.heston;

import com.fxdesk.slv.market.FxMarket;
import com.fxdesk.slv.math.BlackFormula;
import com.fxdesk.slv.math.Normal;

import java.util.Arrays;

/**
 * European calls/puts and cash digitals under Heston with deterministic rates, from the characteristic function in
 * Albrecher et al.'s "little trap" form.
 *
 * <p>Method (Lewis 2001 single integral with a Black control variate): with x = ln(F/K), φ the characteristic function
 * of ln(S_T/F) and w = θT + (v0 − θ)(1 − e^{−κT})/κ the expected integrated variance (the ξ → 0 limit),
 * <pre>
 *   C/DF = Black(F, K, √w) − (√(FK)/π) ∫₀^∞ Re[e^{iux} (φ(u − i/2) − e^{−w(u²+¼)/2})] / (u² + ¼) du
 *   Digital call/DF = N(d₂(√w)) + (√(F/K)/π) ∫₀^∞ Re[e^{iux} (φ(u − i/2) − e^{−w(u²+¼)/2}) / (½ + iu)] du
 * </pre>
 * Puts follow from the same correction (put–call parity holds to rounding). The integral is truncated at U where the
 * tail bound |φ(U−i/2)|/(cU²) (c the local exponential decay rate of |φ|; 1/U instead of 1/U² for digitals) is below a
 * tenth of the tolerance, and [0, U] is integrated by globally adaptive Gauss–Kronrod (G7/K15) with the error estimate
 * |K15 − G7| per panel taken as the maximum over all strikes of the strip: panels are bisected until the sum of
 * estimates is below the tolerance. The characteristic function is evaluated once per node for a whole strip.
 *
 * <p>The tolerance is absolute, relative to the forward for prices (price error ≤ tol·F·DF) and to the unit payout for
 * digitals. Immutable and thread-safe.
 */
public final class HestonPricer {

    /** Default absolute tolerance relative to the forward. */
    public static final double DEFAULT_TOLERANCE = 1e-11;
    /** Work cap of one adaptive integration (initial panels plus bisections): 4000 × 15 nodes, a few ms per strike. */
    static final int MAX_PANELS = 4000;
    /**
     * Work cap of the initial partition (panels no wider than two periods of e^{iux}): ≈ 20 ms and a few MB for a
     * strip; wide strips at short expiries need several thousand (a calibration iterate on a 3M smile over 4,000), an expiry of seconds would need billions.
     */
    static final int MAX_INITIAL_PANELS = 20_000;
    static final int CHECK_PANELS = 256;

    private final double tolerance;

    public HestonPricer() {
        this(DEFAULT_TOLERANCE);
    }

    public HestonPricer(double tolerance) {
        if (!(tolerance > 0) || !(tolerance < 1e-2)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1e-2): " + tolerance);
        }
        this.tolerance = tolerance;
    }

    public double tolerance() {
        return tolerance;
    }

    /**
     * Fixed quadrature nodes and weights on [0, tailCutoff] (already multiplied by the panel half-widths).
     * Re-using one quadrature for bumped parameters keeps finite-difference derivatives smooth.
     */
    public record Quadrature(double[] nodes, double[] weights, double tailCutoff, double errorEstimate) {
        public int size() {
            return nodes.length;
        }
    }

    /** Prices of a strip with the quadrature built for it and its error estimate (relative to the forward). */
    public record StripResult(double[] prices, Quadrature quadrature) {
    }

    /** Expected integrated variance ∫E[v(t)]dt over [0, T]: the Black variance of the ξ → 0 limit. */
    public static double integratedVariance(HestonParameters p, double expiry) {
        double kT = p.kappa() * expiry;
        double factor = Math.abs(kT) < 1e-8 ? expiry * (1 - 0.5 * kT) : -Math.expm1(-kT) / p.kappa();
        return p.theta() * expiry + (p.v0() - p.theta()) * factor;
    }

    // ---------------------------------------------------------------- convenience API

    public double price(HestonParameters p, double expiry, double forward, double domesticDf, double strike,
                        boolean call) {
        return priceStrip(p, expiry, forward, domesticDf, new double[] {strike}, new boolean[] {call})[0];
    }

    public double price(HestonParameters p, FxMarket market, double expiry, double strike, boolean call) {
        return price(p, expiry, market.forward(expiry), market.domesticDf(expiry), strike, call);
    }

    /** Cash-or-nothing digital paying 1 unit of domestic currency if S_T &gt; K (call) or S_T &lt; K (put). */
    public double digital(HestonParameters p, double expiry, double forward, double domesticDf, double strike,
                          boolean call) {
        return digitalStrip(p, expiry, forward, domesticDf, new double[] {strike}, new boolean[] {call})[0];
    }

    public double digital(HestonParameters p, FxMarket market, double expiry, double strike, boolean call) {
        return digital(p, expiry, market.forward(expiry), market.domesticDf(expiry), strike, call);
    }

    /** Calls/puts of one expiry; the characteristic function is evaluated once per node for all strikes. */
    public double[] priceStrip(HestonParameters p, double expiry, double forward, double domesticDf, double[] strikes,
                               boolean[] isCall) {
        return priceStripWithQuadrature(p, expiry, forward, domesticDf, strikes, isCall).prices();
    }

    public StripResult priceStripWithQuadrature(HestonParameters p, double expiry, double forward, double domesticDf,
                                                double[] strikes, boolean[] isCall) {
        return priceStripWithQuadrature(p, expiry, forward, domesticDf, strikes, isCall, null);
    }

    /**
     * As the public overload; checkpoint (null: none) is run every {@link #CHECK_PANELS} panels so that a caller can
     * abort a pricing that extreme parameters make long (wide strips need up to millions of nodes) by throwing.
     */
    StripResult priceStripWithQuadrature(HestonParameters p, double expiry, double forward, double domesticDf,
                                         double[] strikes, boolean[] isCall, Runnable checkpoint) {
        checkStrip(expiry, forward, domesticDf, strikes, isCall);
        double[] integrals = new double[strikes.length];
        Quadrature q = adaptive(p, expiry, forward, strikes, false, integrals, checkpoint);
        return new StripResult(assemblePrices(p, expiry, forward, domesticDf, strikes, isCall, integrals), q);
    }

    /** Calls/puts on a given quadrature (e.g. one built for nearby parameters): no adaptivity, no error control. */
    public double[] priceStrip(HestonParameters p, double expiry, double forward, double domesticDf, double[] strikes,
                               boolean[] isCall, Quadrature quadrature) {
        return priceStrip(p, expiry, forward, domesticDf, strikes, isCall, quadrature, null);
    }

    /** As the public overload; checkpoint (null: none) is run every {@link #CHECK_PANELS}·15 nodes. */
    double[] priceStrip(HestonParameters p, double expiry, double forward, double domesticDf, double[] strikes,
                        boolean[] isCall, Quadrature quadrature, Runnable checkpoint) {
        checkStrip(expiry, forward, domesticDf, strikes, isCall);
        double[] integrals = new double[strikes.length];
        fixed(p, expiry, forward, strikes, false, quadrature, integrals, checkpoint);
        return assemblePrices(p, expiry, forward, domesticDf, strikes, isCall, integrals);
    }

    public double[] digitalStrip(HestonParameters p, double expiry, double forward, double domesticDf,
                                 double[] strikes, boolean[] isCall) {
        checkStrip(expiry, forward, domesticDf, strikes, isCall);
        double[] integrals = new double[strikes.length];
        adaptive(p, expiry, forward, strikes, true, integrals, null);
        double s = Math.sqrt(integratedVariance(p, expiry));
        double[] out = new double[strikes.length];
        for (int j = 0; j < strikes.length; j++) {
            double d2 = Math.log(forward / strikes[j]) / s - 0.5 * s;
            double callUndisc = Normal.cdf(d2) + integrals[j];
            double putUndisc = Normal.cdf(-d2) - integrals[j];
            out[j] = domesticDf * (isCall[j] ? callUndisc : putUndisc);
        }
        return finite(out);
    }

    /** A non-finite price is never returned: the inputs are beyond what the quadrature can represent. */
    private static double[] finite(double[] prices) {
        for (double p : prices) {
            if (!Double.isFinite(p)) {
                throw new IllegalArgumentException("the Heston price is not a finite number for these inputs");
            }
        }
        return prices;
    }

    // ---------------------------------------------------------------- assembly

    private static double[] assemblePrices(HestonParameters p, double expiry, double forward, double domesticDf,
                                           double[] strikes, boolean[] isCall, double[] corrections) {
        double s = Math.sqrt(integratedVariance(p, expiry));
        double[] out = new double[strikes.length];
        for (int j = 0; j < strikes.length; j++) {
            // the same correction applies to call and put: parity holds as exactly as it does for Black
            double black = BlackFormula.undiscounted(isCall[j], forward, strikes[j], s);
            out[j] = domesticDf * (black + corrections[j]);
        }
        return finite(out);
    }

    private static void checkStrip(double expiry, double forward, double domesticDf, double[] strikes,
                                   boolean[] isCall) {
        if (!(expiry > 0) || !Double.isFinite(expiry)) {
            throw new IllegalArgumentException("expiry must be finite and > 0: " + expiry);
        }
        if (!(forward > 0) || !Double.isFinite(forward)) {
            throw new IllegalArgumentException("forward must be finite and > 0: " + forward);
        }
        if (!(domesticDf > 0) || !Double.isFinite(domesticDf)) {
            throw new IllegalArgumentException("domesticDf must be finite and > 0: " + domesticDf);
        }
        if (strikes.length != isCall.length) {
            throw new IllegalArgumentException("strikes and isCall must have the same length");
        }
        for (double k : strikes) {
            if (!(k > 0) || !Double.isFinite(k)) {
                throw new IllegalArgumentException("strikes must be finite and > 0: " + k);
            }
        }
    }

    // ---------------------------------------------------------------- characteristic function

    /**
     * Per-expiry constants of the characteristic function. {@link #eval} returns Δ(u) = φ(u − i/2) − e^{−w(u²+¼)/2}
     * with φ the characteristic function of ln(S_T/F).
     */
    private static final class Cf {
        final double kappa;
        final double theta;
        final double xi2;
        final double v0;
        final double t;
        final double brConst; // Re β = κ − ρξ/2
        final double rhoXi;
        final double halfW;
        double re;
        double im;

        Cf(HestonParameters p, double expiry) {
            kappa = p.kappa();
            theta = p.theta();
            xi2 = p.xi() * p.xi();
            v0 = p.v0();
            t = expiry;
            rhoXi = p.rho() * p.xi();
            brConst = kappa - 0.5 * rhoXi;
            halfW = 0.5 * integratedVariance(p, expiry);
        }

        /** Sets (re, im) = Δ(u). */
        void eval(double u) {
            double s = u * u + 0.25; // iz + z² for z = u − i/2: real
            // β = κ − iρξz
            double br = brConst;
            double bi = -rhoXi * u;
            // d = sqrt(β² + ξ² s), principal branch (Re d ≥ 0)
            double d2r = br * br - bi * bi + xi2 * s;
            double d2i = 2 * br * bi;
            double mod = Math.sqrt(d2r * d2r + d2i * d2i); // no overflow at these magnitudes; hypot is slow
            double dr;
            double di;
            if (d2r >= 0) {
                dr = Math.sqrt(0.5 * (mod + d2r));
                di = dr > 0 ? 0.5 * d2i / dr : 0;
            } else {
                di = Math.copySign(Math.sqrt(0.5 * (mod - d2r)), d2i);
                dr = 0.5 * d2i / di;
            }
            // b = β + d; r₋ = (β − d)/ξ² = −s/b; g = (β − d)/(β + d) = −ξ² s / b²  (no cancellation as ξ → 0)
            double bpr = br + dr;
            double bpi = bi + di;
            double bn = bpr * bpr + bpi * bpi;
            double invbr = bpr / bn;
            double invbi = -bpi / bn;
            double rmr = -s * invbr;
            double rmi = -s * invbi;
            double ib2r = invbr * invbr - invbi * invbi;
            double ib2i = 2 * invbr * invbi;
            double gOverXi2r = -s * ib2r; // g / ξ²
            double gOverXi2i = -s * ib2i;
            double gr = xi2 * gOverXi2r;
            double gi = xi2 * gOverXi2i;
            // e = exp(−dT)
            double em = Math.exp(-dr * t);
            double er = em * Math.cos(di * t);
            double ei = -em * Math.sin(di * t);
            // 1 − e, 1 − g e, 1 − g
            double omer = 1 - er;
            double omei = -ei;
            double ger = gr * er - gi * ei;
            double gei = gr * ei + gi * er;
            double omger = 1 - ger;
            double omgei = -gei;
            double omgr = 1 - gr;
            double omgi = -gi;
            // D = r₋ (1 − e)/(1 − g e)
            double nr = rmr * omer - rmi * omei;
            double ni = rmr * omei + rmi * omer;
            double den = omger * omger + omgei * omgei;
            double dDr = (nr * omger + ni * omgei) / den;
            double dDi = (ni * omger - nr * omgei) / den;
            // ln((1 − g e)/(1 − g)) = log1p(q), q = g (1 − e)/(1 − g); (2/ξ²) log1p(q) = 2 (g/ξ²)(1−e)/(1−g) · log1p(q)/q
            double q0r = gOverXi2r * omer - gOverXi2i * omei;
            double q0i = gOverXi2r * omei + gOverXi2i * omer;
            double dn = omgr * omgr + omgi * omgi;
            double qxr = (q0r * omgr + q0i * omgi) / dn; // q / ξ²
            double qxi = (q0i * omgr - q0r * omgi) / dn;
            double qr = xi2 * qxr;
            double qi = xi2 * qxi;
            double lr;
            double li;
            double qm = Math.abs(qr) + Math.abs(qi);
            if (qm < 1e-9) {
                // log1p(q)/q = 1 − q/2 + O(q²)
                lr = 1 - 0.5 * qr;
                li = -0.5 * qi;
            } else {
                double l1r = 0.5 * Math.log1p(qr * (2 + qr) + qi * qi);
                double l1i = Math.atan2(qi, 1 + qr);
                double qn = qr * qr + qi * qi;
                lr = (l1r * qr + l1i * qi) / qn;
                li = (l1i * qr - l1r * qi) / qn;
            }
            // (2/ξ²) log(...) = 2 (q/ξ²) · (log1p(q)/q)
            double twoLogr = 2 * (qxr * lr - qxi * li);
            double twoLogi = 2 * (qxr * li + qxi * lr);
            // C = κθ [r₋ T − (2/ξ²) log(...)]
            double kt = kappa * theta;
            double cr = kt * (rmr * t - twoLogr);
            double ci = kt * (rmi * t - twoLogi);
            double xr = cr + v0 * dDr;
            double xim = ci + v0 * dDi;
            double mag = Math.exp(xr);
            re = mag * Math.cos(xim) - Math.exp(-halfW * s);
            im = mag * Math.sin(xim);
        }

        /** |φ(u − i/2)| without the control variate. */
        double phiAbs(double u) {
            eval(u);
            double r = re + Math.exp(-halfW * (u * u + 0.25));
            return Math.sqrt(r * r + im * im);
        }
    }

    // ---------------------------------------------------------------- quadrature

    // Gauss–Kronrod 7/15 (QUADPACK qk15): abscissae of K15 on [−1, 1], positive half; odd indices are Gauss points.
    private static final double[] XGK = {
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.000000000000000000000000000000000};
    private static final double[] WGK = {
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
    private static final double[] WG = {
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327};
    private static final int NK = 15;

    /** Node offsets (in units of the half width) and K15 / G7 weights in node order. */
    private static final double[] OFF = new double[NK];
    private static final double[] WK = new double[NK];
    private static final double[] WG7 = new double[NK];

    static {
        for (int i = 0; i < 7; i++) {
            OFF[i] = -XGK[i];
            WK[i] = WGK[i];
            OFF[NK - 1 - i] = XGK[i];
            WK[NK - 1 - i] = WGK[i];
            if (i % 2 == 1) {
                WG7[i] = WG[i / 2];
                WG7[NK - 1 - i] = WG[i / 2];
            }
        }
        OFF[7] = 0;
        WK[7] = WGK[7];
        WG7[7] = WG[3];
    }

    /** Scale of strike j's integral in the price (prices: √(FK)/π relative to F; digitals: √(F/K)/π). */
    private static double[] scales(double forward, double[] strikes, boolean digital) {
        double[] sc = new double[strikes.length];
        for (int j = 0; j < strikes.length; j++) {
            sc[j] = digital ? Math.sqrt(forward / strikes[j]) / Math.PI : Math.sqrt(strikes[j] / forward) / Math.PI;
        }
        return sc;
    }

    /**
     * Truncation point U: walk u geometrically until the tail bound is below tolTail. The tail of ∫|Δ|/u^m (m = 2
     * prices, 1 digitals) is bounded by |Δ(U)|/(c U^m) with c the decay rate of |Δ| measured over the last step
     * (and by |Δ(U)|/U for prices, whichever is smaller).
     */
    private static double cutoff(Cf cf, double start, double maxScale, boolean digital, double tolTail) {
        double u = start;
        double prev = cf.phiAbs(u) + Math.exp(-cf.halfW * (u * u + 0.25));
        for (int i = 0; i < 200; i++) {
            double next = u * 1.25;
            double a = cf.phiAbs(next) + Math.exp(-cf.halfW * (next * next + 0.25));
            double c = a > 0 && prev > a ? Math.log(prev / a) / (next - u) : 0;
            double bound;
            if (digital) {
                bound = c > 0 ? a / (c * next) : Double.POSITIVE_INFINITY;
            } else {
                bound = a / next;
                if (c > 0) {
                    bound = Math.min(bound, a / (c * next * next));
                }
            }
            u = next;
            if (maxScale * bound < tolTail || a == 0) {
                return u;
            }
            prev = a;
        }
        return u;
    }

    private Quadrature adaptive(HestonParameters p, double expiry, double forward, double[] strikes, boolean digital,
                                double[] integralsOut, Runnable checkpoint) {
        int n = strikes.length;
        Cf cf = new Cf(p, expiry);
        double[] sc = scales(forward, strikes, digital);
        double[] x = new double[n];
        double maxScale = 0;
        for (int j = 0; j < n; j++) {
            x[j] = Math.log(forward / strikes[j]);
            maxScale = Math.max(maxScale, sc[j]);
        }
        double scaleU = 1 / Math.sqrt(2 * cf.halfW);
        if (!Double.isFinite(scaleU) || !Double.isFinite(maxScale)) {
            // w → 0 (an expiry of a few seconds): the integrand no longer decays on any representable scale
            throw new IllegalArgumentException("the Heston integral cannot be evaluated for an expiry this short ("
                    + expiry + " years)");
        }
        double upper = cutoff(cf, scaleU, maxScale, digital, 0.1 * tolerance);
        if (!Double.isFinite(upper)) {
            throw new IllegalArgumentException("the Heston integral does not decay for these parameters");
        }

        // initial panels: [0, a], [a, 2a], [2a, 4a], ... up to the cutoff (a ≈ the Gaussian scale 1/√w), none wider
        // than two periods of e^{iux} for the strip's largest |x| (wider ones would be split at once, see panel())
        double maxX = 0;
        for (int j = 0; j < n; j++) {
            maxX = Math.max(maxX, Math.abs(x[j]));
        }
        double maxWidth = maxX > 0 ? 4 * Math.PI / maxX : Double.POSITIVE_INFINITY;
        int cap = 64;
        double[] pa = new double[cap];
        double[] pb = new double[cap];
        double[] perr = new double[cap];
        double[] pval = new double[cap * n];
        double[] du = new double[NK];
        double[] dr = new double[NK];
        double[] di = new double[NK];
        int np = 0;
        double a = 0;
        double b = Math.min(Math.min(scaleU, maxWidth), upper);
        while (true) {
            if (np == cap) {
                cap *= 2;
                pa = Arrays.copyOf(pa, cap);
                pb = Arrays.copyOf(pb, cap);
                perr = Arrays.copyOf(perr, cap);
                pval = Arrays.copyOf(pval, cap * n);
            }
            pa[np] = a;
            pb[np] = b;
            perr[np] = panel(cf, a, b, x, sc, digital, pval, np * n, du, dr, di);
            np++;
            if (checkpoint != null && np % CHECK_PANELS == 0) {
                checkpoint.run();
            }
            if (b >= upper) {
                break;
            }
            if (checkpoint == null && np >= MAX_INITIAL_PANELS) {
                // (with a checkpoint the caller's own budget and cancellation bound the work: a calibration's trial
                // point may legitimately need more panels than a single pricing is allowed)
                // an expiry of seconds (or parameters that make the integrand decay as slowly): the oscillation
                // e^{iux} needs more panels than the work cap allows before the integrand decays
                throw new IllegalArgumentException("the Heston integral needs more than " + MAX_INITIAL_PANELS
                        + " quadrature panels for this strike and expiry; the strike is too far from the forward");
            }
            a = b;
            b = Math.min(Math.min(2 * b, a + maxWidth), upper);
        }
        double total = 0;
        for (int i = 0; i < np; i++) {
            total += perr[i];
        }
        while (total > tolerance && np < MAX_PANELS) {
            if (checkpoint != null && np % CHECK_PANELS == 0) {
                checkpoint.run();
            }
            int worst = 0;
            for (int i = 1; i < np; i++) {
                if (perr[i] > perr[worst]) {
                    worst = i;
                }
            }
            if (np + 1 > cap) {
                cap *= 2;
                pa = Arrays.copyOf(pa, cap);
                pb = Arrays.copyOf(pb, cap);
                perr = Arrays.copyOf(perr, cap);
                pval = Arrays.copyOf(pval, cap * n);
            }
            double lo = pa[worst];
            double hi = pb[worst];
            double mid = 0.5 * (lo + hi);
            total -= perr[worst];
            pb[worst] = mid;
            perr[worst] = panel(cf, lo, mid, x, sc, digital, pval, worst * n, du, dr, di);
            pa[np] = mid;
            pb[np] = hi;
            perr[np] = panel(cf, mid, hi, x, sc, digital, pval, np * n, du, dr, di);
            total += perr[worst] + perr[np];
            np++;
        }
        Arrays.fill(integralsOut, 0);
        for (int i = 0; i < np; i++) {
            for (int j = 0; j < n; j++) {
                integralsOut[j] += pval[i * n + j];
            }
        }
        for (int j = 0; j < n; j++) {
            integralsOut[j] *= digital ? sc[j] : -sc[j] * forward;
        }
        double[] nodes = new double[np * NK];
        double[] weights = new double[np * NK];
        for (int i = 0; i < np; i++) {
            double c = 0.5 * (pa[i] + pb[i]);
            double h = 0.5 * (pb[i] - pa[i]);
            for (int k = 0; k < NK; k++) {
                nodes[i * NK + k] = c + h * OFF[k];
                weights[i * NK + k] = h * WK[k];
            }
        }
        return new Quadrature(nodes, weights, upper, total);
    }

    /** K15 on [a, b] for every strike (stored unscaled in val[off..off+n)); returns max_j scale_j |K15 − G7|. */
    private static double panel(Cf cf, double a, double b, double[] x, double[] sc, boolean digital, double[] val,
                                int off, double[] du, double[] dr, double[] di) {
        double c = 0.5 * (a + b);
        double h = 0.5 * (b - a);
        for (int k = 0; k < NK; k++) {
            double u = c + h * OFF[k];
            cf.eval(u);
            du[k] = u;
            double s = u * u + 0.25;
            if (digital) {
                // Δ / (½ + iu) = Δ (½ − iu)/s
                dr[k] = (0.5 * cf.re + u * cf.im) / s;
                di[k] = (0.5 * cf.im - u * cf.re) / s;
            } else {
                dr[k] = cf.re / s;
                di[k] = cf.im / s;
            }
        }
        double err = 0;
        for (int j = 0; j < x.length; j++) {
            double xj = x[j];
            double kSum = 0;
            double gSum = 0;
            double absSum = 0;
            for (int k = 0; k < NK; k++) {
                double ux = du[k] * xj;
                double f = Math.cos(ux) * dr[k] - Math.sin(ux) * di[k];
                kSum += WK[k] * f;
                gSum += WG7[k] * f;
                absSum += WK[k] * Math.abs(f);
            }
            val[off + j] = h * kSum;
            // K15 and G7 can agree by accident on a panel spanning several periods of e^{iux}: there the error
            // estimate is the integral of |f| itself
            double e = Math.abs(kSum - gSum);
            if (h * Math.abs(xj) > 2 * Math.PI) {
                e = Math.max(e, absSum);
            }
            err = Math.max(err, sc[j] * h * e);
        }
        return err;
    }

    private static void fixed(HestonParameters p, double expiry, double forward, double[] strikes, boolean digital,
                              Quadrature q, double[] integralsOut, Runnable checkpoint) {
        int n = strikes.length;
        Cf cf = new Cf(p, expiry);
        double[] sc = scales(forward, strikes, digital);
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = Math.log(forward / strikes[j]);
        }
        Arrays.fill(integralsOut, 0);
        double[] nodes = q.nodes();
        double[] weights = q.weights();
        for (int k = 0; k < nodes.length; k++) {
            if (checkpoint != null && k % (CHECK_PANELS * NK) == 0 && k > 0) {
                checkpoint.run();
            }
            double u = nodes[k];
            cf.eval(u);
            double s = u * u + 0.25;
            double fr;
            double fi;
            if (digital) {
                fr = (0.5 * cf.re + u * cf.im) / s;
                fi = (0.5 * cf.im - u * cf.re) / s;
            } else {
                fr = cf.re / s;
                fi = cf.im / s;
            }
            fr *= weights[k];
            fi *= weights[k];
            for (int j = 0; j < n; j++) {
                double ux = u * x[j];
                integralsOut[j] += Math.cos(ux) * fr - Math.sin(ux) * fi;
            }
        }
        for (int j = 0; j < n; j++) {
            integralsOut[j] *= digital ? sc[j] : -sc[j] * forward;
        }
    }
}
