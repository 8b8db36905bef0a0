package com.fxdesk.slv.volatility;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dupire local volatility of the Andreasen–Huge price surface c(t, k) of a {@link VolSurface} (SPEC §2, deterministic
 * rates, k = S/F(t)): σ²_LV(t, k) = 2 ∂_t c / (k² ∂²_k c). The surface's prices solve the lattice forward equation
 * exactly in time, ∂_t c = ½ diag(σ_i²) L c on interval i ({@link ExponentialStep}), so on every lattice node where the
 * density L c is positive Dupire's ratio is exactly σ_i(k_j)²: the local vol is the fitted σ_i itself, piecewise
 * constant in t (it jumps at the expiries), linear in ln k between nodes, σ₀ before t₀ and the last interval's beyond
 * the last expiry. No finite differences of prices are taken, so nothing needs substituting where the density is tiny.
 * The floor and cap are a last guard; {@link #grid} counts and lists every point where they bite. Immutable and
 * thread-safe.
 */
public final class DupireLocalVol implements LocalVolSurface {
    public static final double DEFAULT_FLOOR = 0.01;
    public static final double DEFAULT_CAP = 5.0;
    private static final int CACHE_LIMIT = 8192;

    private final VolSurface surface;
    private final double floor;
    private final double cap;
    private final ConcurrentHashMap<Double, Slice> cache = new ConcurrentHashMap<>();
    private final StrikeLattice lat;
    private final double[][] byInterval;

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
        this.lat = surface.lattice;
        int m = surface.expiries().length;
        this.byInterval = new double[m + 1][lat.n];
        java.util.Arrays.fill(byInterval[0], surface.sigma0());
        for (int i = 0; i < m; i++) {
            double[] var = surface.variance(i);
            for (int j = 0; j < lat.n; j++) {
                byInterval[i + 1][j] = Math.sqrt(var[j]);
            }
        }
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
        Slice s = slice(t);
        return clamp(s.raw(Math.log(spot * (1 / s.forward))));
    }

    @Override
    public void localVol(double t, double[] spots, double[] out, int n) {
        Slice s = slice(t);
        double inv = 1 / s.forward;
        for (int i = 0; i < n; i++) {
            out[i] = clamp(s.raw(Math.log(spots[i] * inv)));
        }
    }

    private double clamp(double v) {
        return v < floor ? floor : v > cap ? cap : v;
    }

    /** Local vol on times × spots with the count and location of floored/capped points. */
    public LocalVolGrid grid(double[] times, double[] spots) {
        double[][] v = new double[times.length][spots.length];
        int floored = 0;
        int capped = 0;
        List<LocalVolGrid.Adjustment> adj = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            Slice s = slice(times[i]);
            for (int j = 0; j < spots.length; j++) {
                double raw = s.raw(Math.log(spots[j] * (1 / s.forward)));
                double val = clamp(raw);
                v[i][j] = val;
                if (val != raw) {
                    LocalVolGrid.Reason reason = raw < floor ? LocalVolGrid.Reason.BELOW_FLOOR
                            : LocalVolGrid.Reason.ABOVE_CAP;
                    if (raw < floor) {
                        floored++;
                    } else {
                        capped++;
                    }
                    if (adj.size() < LocalVolGrid.MAX_LISTED) {
                        adj.add(new LocalVolGrid.Adjustment(times[i], spots[j], reason, raw * raw, 1.0, val));
                    }
                }
            }
        }
        return new LocalVolGrid(times.clone(), spots.clone(), v, floored, capped, adj);
    }

    private Slice slice(double t) {
        double tm = Math.max(t, 0.0);
        Slice s = cache.get(tm);
        if (s == null) {
            if (cache.size() > CACHE_LIMIT) {
                cache.clear();
            }
            s = new Slice(surface.forward(tm), lvOf(surface.localVolInterval(tm)));
            cache.put(tm, s);
        }
        return s;
    }

    /** σ per lattice node of interval i (−1: the flat σ₀ before t₀). */
    private double[] lvOf(int i) {
        return byInterval[i + 1];
    }

    /** Local vol per lattice node at one time. */
    private final class Slice {
        final double forward;
        final double[] lv;

        Slice(double forward, double[] lv) {
            this.forward = forward;
            this.lv = lv;
        }

        /** Unclamped local vol at x = ln(S/F(t)), linear in x between nodes. */
        double raw(double x) {
            if (x <= lat.x[0]) {
                return lv[0];
            }
            if (x >= lat.x[lat.n - 1]) {
                return lv[lat.n - 1];
            }
            int j = lat.cellX(x);
            double w = (x - lat.x[j]) / (lat.x[j + 1] - lat.x[j]);
            return lv[j] + w * (lv[j + 1] - lv[j]);
        }
    }
}
