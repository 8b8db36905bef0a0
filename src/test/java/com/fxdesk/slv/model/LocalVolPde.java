package com.fxdesk.slv.model;

/**
 * The reference the local-vol step is checked against (SpatialCorrectionTest, LocalVolEulerStudy): the undiscounted
 * vanilla on S/F at strike k, ∂_t u + ½σ²(t, x)(u_xx − u_x) = 0 in x = ln(S/F) on [lo, hi] with the payoff held at
 * both ends, Crank–Nicolson with four Rannacher (implicit) start steps that damp the payoff's kink, σ read at each
 * step's mid time.
 */
public final class LocalVolPde {
    /** σ at time t on the grid's nodes x into out. */
    @FunctionalInterface
    public interface Vols {
        void at(double t, double[] x, double[] out);
    }

    private LocalVolPde() {
    }

    public static double price(boolean call, double k, double t, double lo, double hi, int nx, int nt, Vols vols) {
        double dx = (hi - lo) / (nx - 1);
        double[] x = new double[nx];
        double[] u = new double[nx];
        for (int j = 0; j < nx; j++) {
            x[j] = lo + j * dx;
            u[j] = call ? Math.max(Math.exp(x[j]) - k, 0) : Math.max(k - Math.exp(x[j]), 0);
        }
        double dt = t / nt;
        double[] sig = new double[nx];
        double[] rhs = new double[nx];
        double[] lower = new double[nx];
        double[] diag = new double[nx];
        double[] upper = new double[nx];
        for (int n = nt - 1; n >= 0; n--) {
            vols.at((n + 0.5) * dt, x, sig);
            double theta = nt - n <= 4 ? 1.0 : 0.5;
            for (int j = 1; j < nx - 1; j++) {
                double s2 = sig[j] * sig[j];
                double down = 0.5 * s2 * (1 / (dx * dx) + 0.5 / dx);
                double up = 0.5 * s2 * (1 / (dx * dx) - 0.5 / dx);
                rhs[j] = u[j] + (1 - theta) * dt * (down * u[j - 1] - (down + up) * u[j] + up * u[j + 1]);
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
}
