package com.fxdesk.slv.volatility;

/**
 * One implicit Euler step of the forward (Dupire) equation ∂_T c = ½σ²(k) k² ∂²_k c over τ in one go:
 * (I − ½τ diag(σ²) L) u = rhs. The matrix is a strictly diagonally dominant M-matrix, so the Thomas factorisation below
 * is stable without pivoting and its inverse is entrywise non-negative. Factorised once, solved for many right-hand
 * sides (the approximate Jacobian columns of {@link AndreasenHugeFit}).
 */
final class ImplicitStep {
    private final StrikeLattice lat;
    private final double[] sub;
    private final double[] cp;
    private final double[] inv;

    ImplicitStep(StrikeLattice lat, double tau, double[] variance) {
        this.lat = lat;
        int n = lat.n;
        sub = new double[n];
        cp = new double[n];
        inv = new double[n];
        inv[0] = 1;
        cp[0] = 0;
        for (int j = 1; j < n; j++) {
            double a;
            double b;
            double c;
            if (j == n - 1) {
                a = 0;
                b = 1;
                c = 0;
            } else {
                double h = 0.5 * tau * variance[j];
                a = -h * lat.lo[j];
                c = -h * lat.up[j];
                b = 1 - a - c;
            }
            double m = b - a * cp[j - 1];
            sub[j] = a;
            inv[j] = 1 / m;
            cp[j] = c * inv[j];
        }
    }

    /** out = M⁻¹ rhs (out may be rhs). */
    void solve(double[] rhs, double[] out) {
        int n = lat.n;
        out[0] = rhs[0] * inv[0];
        for (int j = 1; j < n; j++) {
            out[j] = (rhs[j] - sub[j] * out[j - 1]) * inv[j];
        }
        for (int j = n - 2; j >= 0; j--) {
            out[j] -= cp[j] * out[j + 1];
        }
    }
}
