package com.fxdesk.slv.bench;

import com.fxdesk.slv.math.BlackFormula;
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
 *   <li>a plain log-Euler Monte Carlo x += −½σ²Δt + σ√Δt Z (σ at the step start, antithetic pairs, S_T control), for
 *       each uniform step count asked for — the scheme of the engine's local-vol paths.</li>
 * </ul>
 * <pre>./mvnw -B -Pbench test-compile exec:exec -Dbench.main=com.fxdesk.slv.bench.LocalVolEulerStudy \
 *     -Dbench.args="usdjpy-2008-10-24-crisis-wide 2000000 7,70,700 [pdeNodes 2001] [pdeSteps 2000]"</pre>
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
        SmilePillar p = s.pillars().get(0);
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
        for (String c : counts) {
            int steps = Integer.parseInt(c.trim());
            double[] x = euler(s, lv, t, steps, paths);
            for (int q = 0; q < p.strikes().length; q++) {
                double k = p.strikes()[q] / f;
                double surf = s.impliedVol(t, p.strikes()[q]);
                double[] est = controlled(x, k);
                double vol = BlackFormula.impliedVol(k >= 1, 1, k, t, est[0], 1);
                double vega = BlackFormula.vegaStdDev(1, k, surf * Math.sqrt(t)) * Math.sqrt(t);
                System.out.printf("  %4d steps %-4s MC %+.2f bp (s.e. %.2f)%n", steps, p.labels()[q],
                        1e4 * (vol - surf), 1e4 * est[1] / vega);
            }
        }
    }

    /** Undiscounted out-of-the-money price over the forward at moneyness k by the backward PDE. */
    static double pde(VolSurface s, DupireLocalVol lv, double t, double k, int nx, int nt) {
        boolean call = k >= 1;
        double sd = s.impliedVol(t, s.forward(t)) * Math.sqrt(t);
        double lo = -12 * sd;
        double dx = 24 * sd / (nx - 1);
        double[] x = new double[nx];
        double[] u = new double[nx];
        for (int j = 0; j < nx; j++) {
            x[j] = lo + j * dx;
            u[j] = call ? Math.max(Math.exp(x[j]) - k, 0) : Math.max(k - Math.exp(x[j]), 0);
        }
        double dt = t / nt;
        double[] spots = new double[nx];
        double[] sig = new double[nx];
        double[] rhs = new double[nx];
        double[] lower = new double[nx];
        double[] diag = new double[nx];
        double[] upper = new double[nx];
        for (int n = nt - 1; n >= 0; n--) {
            double tm = (n + 0.5) * dt;
            double fm = s.forward(tm);
            for (int j = 0; j < nx; j++) {
                spots[j] = fm * Math.exp(x[j]);
            }
            lv.localVol(tm, spots, sig, nx);
            double theta = nt - n <= 4 ? 1.0 : 0.5; // Rannacher: implicit start steps damp the payoff's kink
            for (int j = 1; j < nx - 1; j++) {
                double s2 = sig[j] * sig[j];
                double down = 0.5 * s2 * (1 / (dx * dx) + 0.5 / dx);
                double up = 0.5 * s2 * (1 / (dx * dx) - 0.5 / dx);
                double op = down * u[j - 1] - (down + up) * u[j] + up * u[j + 1];
                rhs[j] = u[j] + (1 - theta) * dt * op;
                lower[j] = -theta * dt * down;
                diag[j] = 1 + theta * dt * (down + up);
                upper[j] = -theta * dt * up;
            }
            rhs[0] = u[0];
            diag[0] = 1;
            upper[0] = 0;
            rhs[nx - 1] = u[nx - 1];
            diag[nx - 1] = 1;
            lower[nx - 1] = 0;
            for (int j = 1; j < nx; j++) { // Thomas
                double m = lower[j] / diag[j - 1];
                diag[j] -= m * upper[j - 1];
                rhs[j] -= m * rhs[j - 1];
            }
            u[nx - 1] = rhs[nx - 1] / diag[nx - 1];
            for (int j = nx - 2; j >= 0; j--) {
                u[j] = (rhs[j] - upper[j] * u[j + 1]) / diag[j];
            }
        }
        int j0 = (int) Math.floor(-lo / dx);
        double w = (-lo - j0 * dx) / dx;
        return u[j0] * (1 - w) + u[j0 + 1] * w;
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

    /** Out-of-the-money payoff mean with S_T/F as control (known mean 1), and its standard error. */
    static double[] controlled(double[] x, double k) {
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
