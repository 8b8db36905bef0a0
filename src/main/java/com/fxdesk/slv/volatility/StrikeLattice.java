package com.fxdesk.slv.volatility;

import java.util.Arrays;

/**
 * Non-uniform lattice in forward moneyness k = K/F(T) on which the Andreasen–Huge prices live: nodes
 * x_j = ln k_j = c·sinh(ξ_j) with ξ uniform (x = 0 is a node, so the payoff kink is resolved exactly), spacing c·Δξ at
 * the money growing to about |x|·Δξ in the wings.
 * <p>The operator is L u = k² ∂²u/∂k² by the three-point non-uniform second difference,
 * (L u)_j = lo_j (u_{j−1} − u_j) + up_j (u_{j+1} − u_j) with lo_j, up_j &gt; 0 (an M-matrix row, which is what makes
 * every implicit step preserve convexity and monotonicity in T). Rows 0 and n−1 are Dirichlet boundaries
 * (u = 1 − k and 0, far enough that time value there is below double precision for the surfaces it serves).
 */
final class StrikeLattice {
    final int n;
    final double[] x;
    final double[] k;
    final double[] lo;
    final double[] up;

    /** Nodes a..b of a lattice, the end rows Dirichlet (held), the interior rows' coefficients copied. */
    private StrikeLattice(StrikeLattice full, int a, int b) {
        this.n = b - a + 1;
        this.x = Arrays.copyOfRange(full.x, a, b + 1);
        this.k = Arrays.copyOfRange(full.k, a, b + 1);
        this.lo = Arrays.copyOfRange(full.lo, a, b + 1);
        this.up = Arrays.copyOfRange(full.up, a, b + 1);
        lo[0] = 0;
        up[0] = 0;
        lo[n - 1] = 0;
        up[n - 1] = 0;
    }

    /**
     * The band of nodes a..b (0 ≤ a &lt; b ≤ n−1) as a lattice of its own whose end rows are held (Dirichlet): the
     * fit's exponentials run on the nodes where prices carry time value ({@link AndreasenHugeFit}).
     */
    StrikeLattice band(int a, int b) {
        return a == 0 && b == n - 1 ? this : new StrikeLattice(this, a, b);
    }

    private StrikeLattice(double[] x) {
        this.n = x.length;
        this.x = x;
        this.k = new double[n];
        this.lo = new double[n];
        this.up = new double[n];
        for (int j = 0; j < n; j++) {
            k[j] = Math.exp(x[j]);
        }
        for (int j = 1; j + 1 < n; j++) {
            double hm = k[j] - k[j - 1];
            double hp = k[j + 1] - k[j];
            double k2 = k[j] * k[j];
            lo[j] = 2 * k2 / (hm * (hm + hp));
            up[j] = 2 * k2 / (hp * (hm + hp));
        }
    }

    /**
     * @param centreSpacing spacing in x at the money
     * @param concentration c: the x half-width over which spacing stays roughly uniform
     * @param xMax          half-width of the lattice in x
     */
    static StrikeLattice sinh(double centreSpacing, double concentration, double xMax) {
        double dXi = centreSpacing / concentration;
        int half = (int) Math.ceil(asinh(xMax / concentration) / dXi);
        double[] x = new double[2 * half + 1];
        for (int i = -half; i <= half; i++) {
            x[i + half] = concentration * Math.sinh(i * dXi);
        }
        x[half] = 0.0;
        return new StrikeLattice(x);
    }

    private static double asinh(double v) {
        return Math.log(v + Math.sqrt(v * v + 1));
    }

    /** Normalised call payoff (1 − k)⁺ at the nodes. */
    double[] intrinsic() {
        double[] u = new double[n];
        for (int j = 0; j < n; j++) {
            u[j] = Math.max(1 - k[j], 0);
        }
        return u;
    }

    /** Black prices (forward 1, undiscounted) at total standard deviation sd at the nodes; boundaries kept. */
    double[] black(double sd) {
        double[] u = intrinsic();
        for (int j = 1; j + 1 < n; j++) {
            u[j] = com.fxdesk.slv.math.BlackFormula.undiscounted(true, 1.0, k[j], sd);
        }
        return u;
    }

    /** Index j with k_j ≤ kk &lt; k_{j+1}, clamped to [0, n−2]. */
    int cell(double kk) {
        int j = Arrays.binarySearch(k, kk);
        if (j < 0) {
            j = -j - 2;
        }
        return Math.max(0, Math.min(n - 2, j));
    }

    /** Index j with x_j ≤ xx &lt; x_{j+1}, clamped to [0, n−2]. */
    int cellX(double xx) {
        int j = Arrays.binarySearch(x, xx);
        if (j < 0) {
            j = -j - 2;
        }
        return Math.max(0, Math.min(n - 2, j));
    }

    /** Price at moneyness kk, linear in k between nodes (keeps convexity and calendar order exactly). */
    double interpolate(double[] u, double kk) {
        if (kk <= k[0]) {
            return Math.max(1 - kk, u[0]);
        }
        if (kk >= k[n - 1]) {
            return 0.0;
        }
        int j = cell(kk);
        double w = (kk - k[j]) / (k[j + 1] - k[j]);
        return u[j] + w * (u[j + 1] - u[j]);
    }

    /** out = L u (0 on the boundary rows). */
    void apply(double[] u, double[] out) {
        out[0] = 0;
        out[n - 1] = 0;
        for (int j = 1; j + 1 < n; j++) {
            out[j] = lo[j] * (u[j - 1] - u[j]) + up[j] * (u[j + 1] - u[j]);
        }
    }
}
