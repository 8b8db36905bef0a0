package com.fxdesk.slv.volatility;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dupire local volatility of the Andreasen–Huge price surface c(t, k) of a {@link VolSurface} (SPEC §2, deterministic
 * rates, k = S/F(t)): σ²_LV(t, k) = 2 ∂_t c / (k² ∂²_k c). Inside a sub-step starting at s, c(t) = M(τ)⁻¹ c(s) with
 * τ = t − s and M(τ) = I − ½τ diag(σ_i²) L, so exactly on the lattice
 * <pre>  ∂_t c = ½ M⁻¹ diag(σ_i²) L c,    σ²_LV = [M⁻¹ diag(σ_i²) L c]_j / [L c]_j  </pre>
 * Both numerator and denominator are non-negative by the M-matrix property, so no floor or cap is needed where the
 * density is representable; at τ → 0 the value is the interval's own σ_i (Andreasen–Huge's local vol). Where the
 * lattice density is below 1e-10 of its maximum (beyond about 6 standard deviations) σ_i is used. Between nodes σ_LV is
 * linear in ln k, flat beyond the lattice. The floor and cap are a last guard; {@link #grid} counts and lists every
 * point where they bite. Immutable and thread-safe; per-time slices are cached.
 */
public final class DupireLocalVol implements LocalVolSurface {
    public static final double DEFAULT_FLOOR = 0.01;
    public static final double DEFAULT_CAP = 5.0;
    private static final double DENSITY_CUTOFF = 1e-10;
    private static final int CACHE_LIMIT = 8192;

    private final VolSurface surface;
    private final double floor;
    private final double cap;
    private final ConcurrentHashMap<Double, Slice> cache = new ConcurrentHashMap<>();

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
            s = new Slice(tm);
            cache.put(tm, s);
        }
        return s;
    }

    /** Local vol per lattice node at one time. */
    private final class Slice {
        final double forward;
        final double[] lv;
        final StrikeLattice lat = surface.lattice;

        Slice(double t) {
            forward = surface.forward(t);
            int n = lat.n;
            VolSurface.Step st = surface.step(Math.max(t, 0.0));
            lv = new double[n];
            if (st.black()) {
                java.util.Arrays.fill(lv, surface.sigma0());
                return;
            }
            double tau = Math.max(st.tau(), 0.0);
            double[] var = st.variance();
            if (tau == 0) {
                for (int j = 0; j < n; j++) {
                    lv[j] = Math.sqrt(var[j]);
                }
                return;
            }
            ImplicitStep step = new ImplicitStep(lat, tau, var);
            double[] u = new double[n];
            step.solve(st.from(), u);
            double[] den = new double[n];
            lat.apply(u, den);
            double[] num = new double[n];
            double maxDen = 0;
            for (int j = 0; j < n; j++) {
                num[j] = var[j] * den[j];
                maxDen = Math.max(maxDen, den[j]);
            }
            step.solve(num, num);
            double cutoff = DENSITY_CUTOFF * maxDen;
            for (int j = 0; j < n; j++) {
                lv[j] = den[j] > cutoff && num[j] > 0 ? Math.sqrt(num[j] / den[j]) : Math.sqrt(var[j]);
            }
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
