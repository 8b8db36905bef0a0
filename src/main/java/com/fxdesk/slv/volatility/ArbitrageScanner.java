package com.fxdesk.slv.volatility;

import com.fxdesk.slv.math.BlackFormula;
import java.util.ArrayList;
import java.util.List;

/**
 * Static-arbitrage scan of an implied-vol surface on a dense (T, K) grid, in undiscounted call prices over the forward
 * c(T, k) = C/(P_d F), k = K/F(T) (for deterministic rates the no-arbitrage conditions are exactly):
 * <ul>
 *   <li>Butterfly: c convex and non-increasing in k, and above (1 − k)⁺ — second differences on {@value #K_POINTS}
 *       strikes spanning ±{@value #Z_RANGE} ATM standard deviations.</li>
 *   <li>Calendar: c(T₂, k) ≥ c(T₁, k) at fixed k for consecutive scan times.</li>
 * </ul>
 * Times: {@value #SUB} inside every interval between pillars, the pillars themselves, {@value #SUB} before the first and
 * up to 1.5× the last expiry. One violation per (type, time) is reported: the worst point, with its strike and amount
 * (price units of the forward). Tolerance {@value #TOL}.
 */
public final class ArbitrageScanner {
    static final int K_POINTS = 601;
    static final double Z_RANGE = 6.0;
    static final int SUB = 8;
    static final double TOL = 1e-12;

    private ArbitrageScanner() {
    }

    /**
     * What the service serves: Black prices at the surface's implied vols (between pillars, ±{@value #Z_RANGE} sd). The
     * lattice prices are free of arbitrage by construction (see {@link #scanLattice}); this checks that the implied
     * vols served from them — Black inversions, linear-in-k price interpolation between nodes, the flat hold beyond
     * ±{@value VolSurface#Y_CLAMP_SD} sd — keep that property.
     */
    public static ArbitrageReport scan(VolSurface s) {
        return scan((t, k, out) -> served(s, t, k, out), s::impliedVol, s::forward, s.expiries());
    }

    /**
     * Black prices at the served implied vols of a whole row of moneyness k (increasing) at time t: what
     * {@code Black(k, s.impliedVol(t, kF)·√t)} gives, with the inversions of the slice's lattice prices started from the
     * neighbouring strike's (two or three Black evaluations each instead of ten or more); any point the fast inversion
     * does not settle, and every point outside the slice's resolved range (beyond the ±{@value VolSurface#Y_CLAMP_SD} sd
     * hold or the last node with time value, where a vol is held), is served by the slice's own rule. The two give the same Black prices to 1e-14 of the forward (ArbitrageScannerTest).
     */
    static void served(VolSurface s, double t, double[] k, double[] out) {
        VolSurface.Slice sl = s.slice(t);
        StrikeLattice lat = s.lattice;
        double f = s.forward(t);
        double fs = s.forward(sl.time);
        VolSurface.Inverter inv = sl.inverter;
        // the fast path only where the slice inverts (elsewhere it holds a vol: its own rule serves those points)
        double[] range = inv.invertedRange();
        double yLo = range[0];
        double yHi = range[1];
        double sqrtT = Math.sqrt(t);
        double sqrtS = Math.sqrt(sl.time);
        double last = Double.NaN; // σ√T of the previous two strikes when both took the fast path (else NaN)
        double before = Double.NaN;
        for (int j = 0; j < k.length; j++) {
            double strike = k[j] * f;
            double y = Math.log(strike / fs);
            double v = Double.NaN;
            if (y >= yLo && y <= yHi) {
                double kk = Math.exp(y);
                // the strikes are equally spaced in ln k: the linear extrapolation of the last two is a second-order
                // guess (one Newton step fewer than the last one alone)
                double guess = before > 0 ? 2 * last - before : last;
                double sd = BlackFormula.impliedStdDev(kk, lat.interpolate(sl.u, kk), guess);
                if (sd > 0) {
                    v = sd / sqrtS;
                    before = last;
                    last = sd;
                } else {
                    last = Double.NaN;
                    before = Double.NaN;
                }
            } else {
                last = Double.NaN;
                before = Double.NaN;
            }
            if (!(v > 0)) {
                v = s.counted(inv.impliedVol(y)).vol(); // = s.impliedVol(t, strike): the slice's own rule, counted
            }
            out[j] = BlackFormula.undiscounted(true, 1.0, k[j], v * sqrtT);
        }
    }

    /** The surface's lattice prices themselves (no round trip through implied vols): a cheap invariant. */
    public static ArbitrageReport scanLattice(VolSurface s) {
        return scan(row(s::normalizedCall), s::impliedVol, s::forward, s.expiries());
    }

    /** Any implied-vol surface, priced by Black from its vols (e.g. a parametric surface to test). */
    public static ArbitrageReport scan(ImpliedVolSurface s, double[] expiries) {
        return scan(row((t, k) -> {
            double f = s.forward(t);
            double v = s.impliedVol(t, k * f);
            return BlackFormula.undiscounted(true, 1.0, k, v * Math.sqrt(t));
        }), s::impliedVol, s::forward, expiries);
    }

    private static Row row(Prices p) {
        return (t, k, out) -> {
            for (int j = 0; j < k.length; j++) {
                out[j] = p.call(t, k[j]);
            }
        };
    }

    @FunctionalInterface
    interface Prices {
        double call(double t, double k);
    }

    /** Prices of a row of moneyness at one time. */
    @FunctionalInterface
    interface Row {
        void calls(double t, double[] k, double[] out);
    }

    @FunctionalInterface
    interface Vols {
        double vol(double t, double strike);
    }

    @FunctionalInterface
    interface Forwards {
        double forward(double t);
    }

    /** Scan times: inside each interval, the pillars, before the first and after the last expiry. */
    static double[] times(double[] e) {
        List<Double> times = new ArrayList<>();
        for (int k = 1; k <= SUB; k++) {
            times.add(e[0] * k / (SUB + 1.0));
        }
        for (int i = 0; i < e.length; i++) {
            times.add(e[i]);
            double next = i + 1 < e.length ? e[i + 1] : 1.5 * e[i];
            for (int k = 1; k <= SUB; k++) {
                times.add(e[i] + (next - e[i]) * k / (SUB + 1.0));
            }
        }
        times.add(1.5 * e[e.length - 1]);
        return times.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static ArbitrageReport scan(Row p, Vols vols, Forwards fwd, double[] e) {
        List<ArbitrageViolation> out = new ArrayList<>();
        double[] times = times(e);
        double[] prevK = null;
        double prevT = 0;
        for (double t : times) {
            double f = fwd.forward(t);
            double sd = vols.vol(t, f) * Math.sqrt(t);
            double[] k = new double[K_POINTS];
            double[] c = new double[K_POINTS];
            for (int j = 0; j < K_POINTS; j++) {
                k[j] = Math.exp(Z_RANGE * sd * (2.0 * j / (K_POINTS - 1) - 1));
            }
            p.calls(t, k, c);
            double worstB = TOL;
            double worstBk = Double.NaN;
            for (int j = 0; j < K_POINTS; j++) {
                double below = Math.max(1 - k[j], 0) - c[j]; // under intrinsic
                double slope = j > 0 ? (c[j] - c[j - 1]) / (k[j] - k[j - 1]) : -1;
                double amount = Math.max(below, slope > 0 ? slope * (k[j] - k[j - 1]) : 0);
                if (j > 0 && j + 1 < K_POINTS) {
                    double hm = k[j] - k[j - 1];
                    double hp = k[j + 1] - k[j];
                    // negative convexity: c_j above the chord of its neighbours
                    double chord = (hp * c[j - 1] + hm * c[j + 1]) / (hm + hp);
                    amount = Math.max(amount, c[j] - chord);
                }
                if (!(amount <= worstB)) { // NaN counts as a violation
                    worstB = Double.isNaN(amount) ? Double.POSITIVE_INFINITY : amount;
                    worstBk = k[j];
                }
            }
            if (!Double.isNaN(worstBk)) {
                out.add(new ArbitrageViolation(ArbitrageType.BUTTERFLY, t, worstBk * f, worstB));
            }
            if (prevK != null) {
                double worstC = TOL;
                double worstCk = Double.NaN;
                double[] before = new double[K_POINTS];
                p.calls(prevT, k, before);
                for (int j = 0; j < K_POINTS; j++) {
                    double drop = before[j] - c[j];
                    if (!(drop <= worstC)) {
                        worstC = Double.isNaN(drop) ? Double.POSITIVE_INFINITY : drop;
                        worstCk = k[j];
                    }
                }
                if (!Double.isNaN(worstCk)) {
                    out.add(new ArbitrageViolation(ArbitrageType.CALENDAR, t, worstCk * f, worstC));
                }
            }
            prevK = k;
            prevT = t;
        }
        return new ArbitrageReport(out.isEmpty(), out);
    }
}
