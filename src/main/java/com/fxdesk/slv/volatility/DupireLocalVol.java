package com.fxdesk.slv.volatility;

import java.util.ArrayList;
import java.util.List;

/**
 * Dupire local volatility in Gatheral's form (SPEC §2, deterministic rates), from the surface's analytic derivatives:
 * <pre>  σ²_LV(t, S) = ∂_T w / g(y),   g = 1 − (y/w) ∂_y w + ¼(−¼ − 1/w + y²/w²)(∂_y w)² + ½ ∂_yy w,   y = ln(S/F(t))  </pre>
 * At t → 0 (w → 0 with w = t·v(y), v the first smile's implied variance) the limit
 * σ²_LV(0, S) = v / (1 − y v'/(2v))² is used. Where ∂_T w ≤ 0 (calendar arbitrage) the value is the floor, where
 * g ≤ 0 (butterfly arbitrage) the cap; otherwise the value is clamped to [floor, cap]. {@link #grid} counts and lists
 * those points. Immutable and thread-safe.
 */
public final class DupireLocalVol implements LocalVolSurface {
    public static final double DEFAULT_FLOOR = 0.01;
    public static final double DEFAULT_CAP = 2.0;
    private static final int OK = 0;
    private static final int NUM = 1;
    private static final int DEN = 2;
    private static final int LOW = 3;
    private static final int HIGH = 4;

    private final VolSurface surface;
    private final double floor;
    private final double cap;
    private final double tMin;

    public DupireLocalVol(VolSurface surface) {
        this(surface, DEFAULT_FLOOR, DEFAULT_CAP);
    }

    public DupireLocalVol(VolSurface surface, double floor, double cap) {
        if (!(floor > 0) || !(cap > floor) || !Double.isFinite(cap)) {
            throw new IllegalArgumentException("need 0 < floor < cap < ∞");
        }
        this.surface = surface;
        this.floor = floor;
        this.cap = cap;
        this.tMin = 1e-10 * surface.firstExpiry();
    }

    public VolSurface surface() {
        return surface;
    }

    public double floor() {
        return floor;
    }

    public double cap() {
        return cap;
    }

    @Override
    public double localVol(double t, double spot) {
        double[] out = new double[1];
        localVol(t, new double[] {spot}, out, 1);
        return out[0];
    }

    @Override
    public void localVol(double t, double[] spots, double[] out, int n) {
        VolSurface.Slice sl = surface.slice(t);
        double fwd = sl.forward();
        double[] d = new double[4];
        double[] scratch = new double[VolSurface.Slice.SCRATCH];
        boolean limit = t < tMin;
        for (int i = 0; i < n; i++) {
            double y = Math.log(spots[i] / fwd);
            out[i] = value(sl, y, limit, d, scratch);
        }
    }

    /** Local vol on times × spots with the count and location of floored/capped points. */
    public LocalVolGrid grid(double[] times, double[] spots) {
        double[][] v = new double[times.length][spots.length];
        double[] d = new double[4];
        double[] scratch = new double[VolSurface.Slice.SCRATCH];
        int floored = 0;
        int capped = 0;
        List<LocalVolGrid.Adjustment> adj = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            double t = times[i];
            VolSurface.Slice sl = surface.slice(t);
            double fwd = sl.forward();
            boolean limit = t < tMin;
            for (int j = 0; j < spots.length; j++) {
                double y = Math.log(spots[j] / fwd);
                double val = value(sl, y, limit, d, scratch);
                v[i][j] = val;
                int status = (int) d[3];
                if (status != OK) {
                    if (status == NUM || status == LOW) {
                        floored++;
                    } else {
                        capped++;
                    }
                    if (adj.size() < LocalVolGrid.MAX_LISTED) {
                        adj.add(new LocalVolGrid.Adjustment(t, spots[j], LocalVolGrid.Reason.values()[status - 1],
                                d[0], d[1], val));
                    }
                }
            }
        }
        return new LocalVolGrid(times.clone(), spots.clone(), v, floored, capped, adj);
    }

    /** Local vol at log-moneyness y; leaves numerator, denominator and status code in d[0], d[1], d[3]. */
    private double value(VolSurface.Slice sl, double y, boolean limit, double[] d, double[] scratch) {
        double num;
        double den;
        if (limit) {
            surface.smiles().get(0).jet(y, scratch, 0);
            double v = scratch[0] / surface.firstExpiry();
            double v1 = scratch[1] / surface.firstExpiry();
            double q = 1 - 0.5 * y * v1 / v;
            num = v;
            den = v > 0 ? q * q : -1;
        } else {
            sl.eval(y, d, scratch);
            num = d[3];
            den = d[0] > 0 ? SviSmile.densityFunction(y, d[0], d[1], d[2]) : -1;
        }
        double out;
        int status;
        if (!(num > 0)) {
            out = floor;
            status = NUM;
        } else if (!(den > 0)) {
            out = cap;
            status = DEN;
        } else {
            double lv = Math.sqrt(num / den);
            if (lv < floor) {
                out = floor;
                status = LOW;
            } else if (lv > cap) {
                out = cap;
                status = HIGH;
            } else {
                out = lv;
                status = OK;
            }
        }
        d[0] = num;
        d[1] = den;
        d[3] = status;
        return out;
    }
}
