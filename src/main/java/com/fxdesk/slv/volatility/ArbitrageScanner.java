package com.fxdesk.slv.volatility;

import java.util.ArrayList;
import java.util.List;

/**
 * Static-arbitrage scan of a {@link VolSurface} on a fine grid.
 * <ul>
 *   <li>Butterfly: Durrleman/Gatheral–Jacquier g(y) = (1 − y w'/(2w))² − w'²/4 (1/w + 1/4) + w''/2 ≥ 0 (density ≥ 0)
 *       with the surface's analytic y-derivatives, on {@value #Y_POINTS} points of y = ±{@value #Z_RANGE} ATM standard
 *       deviations, at every pillar expiry and {@value #SUB} times inside each interval (and before the first / after
 *       the last expiry); also each slice's SVI wing slope b(1 + |ρ|) ≤ 2 (Lee).</li>
 *   <li>Calendar: w(T_{i+1}, y) ≥ w(T_i, y) between consecutive pillars and ∂_T w ≥ 0 at the inner times, same y grid.</li>
 * </ul>
 * One violation per (type, time slice) is reported: the worst point, with its strike and amount. Tolerance 1e-10.
 */
public final class ArbitrageScanner {
    static final int Y_POINTS = 401;
    static final double Z_RANGE = 6.0;
    static final int SUB = 4;
    private static final double TOL = 1e-10;

    private ArbitrageScanner() {
    }

    public static ArbitrageReport scan(VolSurface s) {
        List<ArbitrageViolation> out = new ArrayList<>();
        double[] e = s.expiries();
        List<Double> times = new ArrayList<>();
        times.add(0.5 * e[0]);
        for (int i = 0; i < e.length; i++) {
            times.add(e[i]);
            if (i + 1 < e.length) {
                for (int k = 1; k <= SUB; k++) {
                    times.add(e[i] + (e[i + 1] - e[i]) * k / (SUB + 1));
                }
            }
        }
        times.add(e[e.length - 1] * 1.5);
        double[] d = new double[4];
        double[] scratch = new double[VolSurface.Slice.SCRATCH];
        for (double t : times) {
            VolSurface.Slice sl = s.slice(t);
            double fwd = sl.forward();
            sl.eval(0, d, scratch);
            double half = Z_RANGE * Math.sqrt(Math.max(d[0], 1e-10));
            double worstG = -TOL;
            double worstGy = Double.NaN;
            double worstT = -TOL;
            double worstTy = Double.NaN;
            for (int j = 0; j < Y_POINTS; j++) {
                double y = -half + 2 * half * j / (Y_POINTS - 1);
                sl.eval(y, d, scratch);
                double g = d[0] > 0 ? SviSmile.densityFunction(y, d[0], d[1], d[2]) : Double.NEGATIVE_INFINITY;
                if (g < worstG) {
                    worstG = g;
                    worstGy = y;
                }
                if (d[3] < worstT) {
                    worstT = d[3];
                    worstTy = y;
                }
            }
            if (!Double.isNaN(worstGy)) {
                out.add(new ArbitrageViolation(ArbitrageType.BUTTERFLY, t, fwd * Math.exp(worstGy), -worstG));
            }
            if (!Double.isNaN(worstTy)) {
                out.add(new ArbitrageViolation(ArbitrageType.CALENDAR, t, fwd * Math.exp(worstTy), -worstT));
            }
        }
        for (int i = 0; i < e.length; i++) {
            SviSmile svi = s.smiles().get(i).svi();
            if (svi.maxWingSlope() > 2) {
                out.add(new ArbitrageViolation(ArbitrageType.BUTTERFLY, e[i],
                        svi.rho() > 0 ? Double.POSITIVE_INFINITY : 0.0, svi.maxWingSlope() - 2));
            }
        }
        // calendar between pillars (the interpolant is monotone iff the pillars are, but report where they are not)
        for (int i = 0; i + 1 < e.length; i++) {
            double w0 = s.w(e[i + 1], 0);
            double half = Z_RANGE * Math.sqrt(Math.max(w0, 1e-10));
            double worst = TOL;
            double worstY = Double.NaN;
            for (int j = 0; j < Y_POINTS; j++) {
                double y = -half + 2 * half * j / (Y_POINTS - 1);
                double drop = s.smiles().get(i).w(y) - s.smiles().get(i + 1).w(y);
                if (drop > worst) {
                    worst = drop;
                    worstY = y;
                }
            }
            if (!Double.isNaN(worstY)) {
                out.add(new ArbitrageViolation(ArbitrageType.CALENDAR, e[i + 1], s.forward(e[i + 1]) * Math.exp(worstY),
                        worst));
            }
        }
        return new ArbitrageReport(out.isEmpty(), out);
    }
}
