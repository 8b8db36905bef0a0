package com.fxdesk.slv.bench;

import com.fxdesk.slv.math.BlackFormula;
import com.fxdesk.slv.model.LocalVolPde;
import com.fxdesk.slv.model.LogSpotLattice;
import com.fxdesk.slv.model.SlvStep;
import com.fxdesk.slv.model.SpatialCorrection;
import com.fxdesk.slv.testdata.TestMarkets;
import com.fxdesk.slv.volatility.DupireLocalVol;
import com.fxdesk.slv.volatility.SmilePillar;
import com.fxdesk.slv.volatility.VolSurface;
import com.fxdesk.slv.volatility.VolSurfaceBuilder;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Is a short-dated local-vol Monte Carlo bias the surface's or the time step's? For the first pillar of a market it
 * prices every quote on the served local vol (DupireLocalVol) two independent ways, and prints each against the
 * surface's implied vol:
 * <ul>
 *   <li>a backward PDE in x = ln(S/F(t)), ∂_t u + ½σ²(u_xx − u_x) = 0, Crank–Nicolson with four Rannacher (implicit)
 *       start steps, uniform over ±12 ATM sd — the surface's own continuous-time prices up to its grid error;</li>
 *   <li>a Monte Carlo (antithetic pairs, S_T control) for each step count asked for, by the scheme of -Dscheme:
 *       "euler" (default) plain log-Euler x += −½σ²Δt + σ√Δt Z with σ exact at the step start on a uniform grid;
 *       on per-step σ lattices at the step's mid time like the engine's (PathDynamics.LV_NODES nodes, linear in x)
 *       and on the uniform grid plus the local vol's time breakpoints ({@link #grid}): "lat" log-Euler, "w2" the
 *       simplified weak order 2.0 Itô–Taylor step (Kloeden–Platen 14.2.1; σ', σ'' central differences over -Dh
 *       nodes, default 2; optional -Dcap), "richlat" / "richeuler" Richardson 2·P(2N) − P(N) of the two Eulers,
 *       "engine" the engine's own step ({@link #engine}: SpatialCorrection, gate included).</li>
 * </ul>
 * -Dpillar=i prices the i-th pillar (default 0). The engine's weak-2 step is model/SpatialCorrection.
 * <pre>./mvnw -B -Pbench test-compile exec:exec -Dbench.main=com.fxdesk.slv.bench.LocalVolEulerStudy \
 *     -Dbench.args="usdjpy-2008-10-24-crisis-wide 2000000 7,70,700 [pdeNodes 2001] [pdeSteps 2000]" \
 *     [-Dbench.jvm="-Dscheme=w2 -Dpillar=1"]</pre>
 */
public final class LocalVolEulerStudy {
    private LocalVolEulerStudy() {
    }

    public static void main(String[] a) {
        Locale.setDefault(Locale.ROOT);
        VolSurface s = VolSurfaceBuilder.build(TestMarkets.load(a[0]));
        DupireLocalVol lv = new DupireLocalVol(s);
        int paths = Integer.parseInt(a[1]) & ~1;
        String[] counts = a[2].split(",");
        int nx = a.length > 3 ? Integer.parseInt(a[3]) : 2001;
        int nt = a.length > 4 ? Integer.parseInt(a[4]) : 2000;
        SmilePillar p = s.pillars().get(Integer.getInteger("pillar", 0));
        double t = p.expiry();
        double f = s.forward(t);
        System.out.printf("%s %s (T = %.4f): PDE %d nodes × %d steps; Monte Carlo %d paths%n", a[0], p.tenor(), t, nx,
                nt, paths);
        for (int q = 0; q < p.strikes().length; q++) {
            double k = p.strikes()[q] / f;
            double surf = s.impliedVol(t, p.strikes()[q]);
            double pde = BlackFormula.impliedVol(k >= 1, 1, k, t, pde(s, lv, t, k, nx, nt), 1);
            System.out.printf("  %-4s k=%.5f surface %.4f%%  PDE %+.2f bp%n", p.labels()[q], k, 100 * surf,
                    1e4 * (pde - surf));
        }
        String scheme = System.getProperty("scheme", "euler");
        for (String c : counts) {
            int steps = Integer.parseInt(c.trim());
            boolean rich = scheme.startsWith("rich");
            String base = rich ? scheme.substring(4) : scheme;
            double[] x = switch (base) {
                case "euler" -> euler(s, lv, t, steps * (rich ? 2 : 1), paths);
                case "engine" -> engine(s, lv, t, steps, paths);
                default -> lattice(s, lv, t, steps * (rich ? 2 : 1), paths, base);
            };
            // Richardson: 2·P(2N) − P(N), the two runs independent (s.e. combined)
            double[] coarse = !rich ? null : base.equals("euler") ? euler(s, lv, t, steps, paths)
                    : lattice(s, lv, t, steps, paths, base);
            for (int q = 0; q < p.strikes().length; q++) {
                double k = p.strikes()[q] / f;
                double surf = s.impliedVol(t, p.strikes()[q]);
                double[] est = controlled(x, k);
                if (rich) {
                    double[] co = controlled(coarse, k);
                    est = new double[] {2 * est[0] - co[0], Math.sqrt(4 * est[1] * est[1] + co[1] * co[1])};
                }
                double vol = BlackFormula.impliedVol(k >= 1, 1, k, t, est[0], 1);
                double vega = BlackFormula.vegaStdDev(1, k, surf * Math.sqrt(t)) * Math.sqrt(t);
                System.out.printf("  %4d steps %-4s MC %+.2f bp (s.e. %.2f)%n", steps, p.labels()[q],
                        1e4 * (vol - surf), 1e4 * est[1] / vega);
            }
        }
    }

    /** Undiscounted out-of-the-money price over the forward at moneyness k by the backward PDE ({@link LocalVolPde}). */
    static double pde(VolSurface s, DupireLocalVol lv, double t, double k, int nx, int nt) {
        double sd = s.impliedVol(t, s.forward(t)) * Math.sqrt(t);
        double[] spots = new double[nx];
        return LocalVolPde.price(k >= 1, k, t, -12 * sd, 12 * sd, nx, nt, (tm, x, out) -> {
            double fm = s.forward(tm);
            for (int j = 0; j < nx; j++) {
                spots[j] = fm * Math.exp(x[j]);
            }
            lv.localVol(tm, spots, out, nx);
        });
    }

    /** x_T = ln(S_T/F(T)) by log-Euler with σ at the step start, antithetic pairs. */
    static double[] euler(VolSurface s, DupireLocalVol lv, double t, int steps, int paths) {
        double dt = t / steps;
        double sqrtDt = Math.sqrt(dt);
        double[] x = new double[paths];
        double[] spots = new double[paths];
        double[] sig = new double[paths];
        SplittableRandom r = new SplittableRandom(20261207L);
        for (int n = 0; n < steps; n++) {
            double fn = s.forward(n * dt);
            for (int i = 0; i < paths; i++) {
                spots[i] = fn * Math.exp(x[i]);
            }
            lv.localVol(n * dt, spots, sig, paths);
            for (int i = 0; i < paths; i += 2) {
                double z = gauss(r);
                double a = sig[i];
                double b = sig[i + 1];
                x[i] += -0.5 * a * a * dt + a * sqrtDt * z;
                x[i + 1] += -0.5 * b * b * dt - b * sqrtDt * z;
            }
        }
        return x;
    }

    /** Nodes of the study's per-step σ lattice (as the engine's σ_LV lattices: PathDynamics.LV_NODES). */
    static final int NODES = Integer.getInteger("nodes", 401);

    /**
     * x_T by a scheme on per-step σ lattices (σ at the step's mid time, linear in x between {@value #NODES} nodes over
     * ±(7 σ_ATM √T + 0.05), as the engine's): "lat" log-Euler, "w2" the simplified weak order 2.0 Itô–Taylor step
     * (Kloeden–Platen 14.2.1) with σ', σ'' from central differences on the lattice (stencil h = -Dh nodes), "rich"
     * Richardson 2·Euler(2N) − Euler(N) done on the distribution: returns 2N paths' x for the fine run followed by the
     * coarse run's, weighted by the caller (not here: see {@link #richardson}).
     */
    static double[] lattice(VolSurface s, DupireLocalVol lv, double t, int steps, int paths, String scheme) {
        double[] grid = grid(s, t, steps);
        double f = s.forward(t);
        double atm = s.impliedVol(t, f);
        double half = 7 * atm * Math.sqrt(t) + 0.05;
        double[] nodes = new double[NODES];
        double dx = 2 * half / (NODES - 1);
        for (int j = 0; j < NODES; j++) {
            nodes[j] = -half + j * dx;
        }
        int h = Integer.getInteger("h", 2);
        double cap = Double.parseDouble(System.getProperty("cap", "1e9"));
        double[] spots = new double[NODES];
        double[] sg = new double[NODES];
        double[] d1 = new double[NODES];
        double[] d2 = new double[NODES];
        double[] x = new double[paths];
        SplittableRandom r = new SplittableRandom(20261207L);
        boolean w2 = scheme.startsWith("w2");
        for (int n = 0; n + 1 < grid.length; n++) {
            double dt = grid[n + 1] - grid[n];
            double sqrtDt = Math.sqrt(dt);
            double tm = 0.5 * (grid[n] + grid[n + 1]);
            double fm = s.forward(tm);
            for (int j = 0; j < NODES; j++) {
                spots[j] = fm * Math.exp(nodes[j]);
            }
            lv.localVol(tm, spots, sg, NODES);
            for (int j = 0; j < NODES; j++) {
                int lo = Math.max(j - h, 0);
                int hi = Math.min(j + h, NODES - 1);
                double w = (hi - lo) * dx;
                d1[j] = (sg[hi] - sg[lo]) / w;
                int c = Math.min(Math.max(j, h), NODES - 1 - h);
                d2[j] = (sg[c + h] - 2 * sg[c] + sg[c - h]) / (h * dx * h * dx);
            }
            if (Boolean.getBoolean("dump") && (n == 0 || n == grid.length - 2)) {
                for (int j = 0; j < NODES; j += 10) {
                    System.out.printf("dump n=%d x=%+.4f sigma=%.4f s'/s=%+.2f s''/s=%+.1f%n", n, nodes[j], sg[j],
                            d1[j] / sg[j], d2[j] / sg[j]);
                }
            }
            for (int i = 0; i < paths; i += 2) {
                double z = gauss(r);
                for (int k = 0; k < 2; k++) {
                    double xi = x[i + k];
                    double u = (xi + half) / dx;
                    u = Math.min(Math.max(u, 0), NODES - 1);
                    int j = Math.min((int) u, NODES - 2);
                    double wgt = u - j;
                    double b = sg[j] + wgt * (sg[j + 1] - sg[j]);
                    double dw = (k == 0 ? z : -z) * sqrtDt;
                    if (!w2) {
                        x[i + k] = xi - 0.5 * b * b * dt + b * dw;
                        continue;
                    }
                    double b1 = d1[j] + wgt * (d1[j + 1] - d1[j]);
                    double b2 = d2[j] + wgt * (d2[j + 1] - d2[j]);
                    // guard: |b'|√Δt ≤ cap·b and |b''|Δt ≤ cap·b (the wings' lattice ends, a kinked σ)
                    double m1 = cap * b / sqrtDt;
                    b1 = Math.max(-m1, Math.min(m1, b1));
                    double m2 = cap * b / dt;
                    b2 = Math.max(-m2, Math.min(m2, b2));
                    double a = -0.5 * b * b;
                    double a1 = -b * b1;
                    double a2 = -(b1 * b1 + b * b2);
                    x[i + k] = xi + a * dt + b * dw + 0.5 * b * b1 * (dw * dw - dt)
                            + 0.5 * (a1 * b + a * b1 + 0.5 * b * b * b2) * dw * dt
                            + 0.5 * (a * a1 + 0.5 * b * b * a2) * dt * dt;
                }
            }
        }
        return x;
    }

    /**
     * x_T by the engine's own local-vol step on the {@link #grid}: σ lattices as PathDynamics.localVolLattices (in x =
     * ln(S/F), so at the step's mid time directly), SpatialCorrection with its gate, SlvStep.localVolCorrection then
     * SlvStep.localVol — what the engine's pricing paths and local-vol companion run.
     */
    static double[] engine(VolSurface s, DupireLocalVol lv, double t, int steps, int paths) {
        double[] grid = grid(s, t, steps);
        double half = 7 * s.impliedVol(t, s.forward(t)) * Math.sqrt(t) + 0.05;
        double[] nodes = LogSpotLattice.nodes(-half, half, NODES);
        double[] spots = new double[NODES];
        double[] sg = new double[NODES];
        double[] x = new double[paths];
        double[] sig = new double[paths];
        double[] z = new double[paths];
        SplittableRandom r = new SplittableRandom(20261207L);
        int gated = 0;
        for (int n = 0; n + 1 < grid.length; n++) {
            double dt = grid[n + 1] - grid[n];
            double fm = s.forward(0.5 * (grid[n] + grid[n + 1]));
            for (int j = 0; j < NODES; j++) {
                spots[j] = fm * Math.exp(nodes[j]);
            }
            lv.localVol(0.5 * (grid[n] + grid[n + 1]), spots, sg, NODES);
            LogSpotLattice lattice = LogSpotLattice.of(-half, half, sg);
            SpatialCorrection c = SpatialCorrection.of(lattice, 1.0, dt);
            for (int i = 0; i < paths; i += 2) {
                z[i] = gauss(r);
                z[i + 1] = -z[i];
            }
            lattice.at(x, sig, 0, paths);
            if (c != null) {
                gated++;
                SlvStep.localVolCorrection(x, sig, z, null, Math.sqrt(dt), 0, c, dt, 0.0, 0, paths);
            }
            SlvStep.localVol(x, sig, z, dt, 0.0, 0, paths);
        }
        System.out.printf("  engine step: %d of %d steps corrected%n", gated, grid.length - 1);
        return x;
    }

    /**
     * The uniform grid i·t/steps with the local vol's own time breakpoints added (it is piecewise constant in time:
     * σ₀ up to a quarter of the first expiry, then one σ per expiry interval, DupireLocalVol): a step straddling a
     * breakpoint would read one interval's σ for the whole step, a first-order error of its own whatever the scheme
     * (-Dalign=false: no breakpoints, the uniform grid as before).
     */
    static double[] grid(VolSurface s, double t, int steps) {
        java.util.TreeSet<Double> times = new java.util.TreeSet<>();
        for (int i = 0; i <= steps; i++) {
            times.add(i == steps ? t : i * t / steps);
        }
        if (Boolean.parseBoolean(System.getProperty("align", "true"))) {
            double[] e = s.expiries();
            times.add(0.25 * e[0]); // VolSurfaceBuilder.BLACK_START
            for (double ei : e) {
                if (ei < t * (1 - 1e-9)) {
                    times.add(ei);
                }
            }
        }
        double[] g = new double[times.size()];
        int k = 0;
        for (double ti : times) {
            g[k++] = ti;
        }
        return g;
    }

    /** Out-of-the-money payoff mean with S_T/F as control (known mean 1), and its standard error. */
    public static double[] controlled(double[] x, double k) {
        int n = x.length;
        double sy = 0;
        double se = 0;
        double sye = 0;
        double see = 0;
        double syy = 0;
        for (double xi : x) {
            double e = Math.exp(xi);
            double y = k >= 1 ? Math.max(e - k, 0) : Math.max(k - e, 0);
            sy += y;
            se += e;
            sye += y * e;
            see += e * e;
            syy += y * y;
        }
        double my = sy / n;
        double me = se / n;
        double cov = sye / n - my * me;
        double beta = cov / (see / n - me * me);
        return new double[] {my - beta * (me - 1), Math.sqrt(Math.max(syy / n - my * my - beta * cov, 0) / n)};
    }

    private static double gauss(SplittableRandom r) {
        double u;
        double v;
        double w;
        do {
            u = 2 * r.nextDouble() - 1;
            v = 2 * r.nextDouble() - 1;
            w = u * u + v * v;
        } while (w >= 1 || w == 0);
        return u * Math.sqrt(-2 * Math.log(w) / w);
    }
}
