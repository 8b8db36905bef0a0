package com.fxdesk.slv.regression;

/**
 * Linear binning (Wand 1994; Fan and Marron 1994) of samples onto equally spaced nodes x_g = lo + gδ spanning
 * [min x, max x]: a sample at x_g + uδ (0 ≤ u < 1) puts weight 1−u on node g and u on node g+1. Besides the
 * weights the nodes keep the moments of the exact offsets e = (x_i − x_g)/δ, so that moment sums (Σ K·(x_i − x)^k)
 * are exact and only the kernel is evaluated at the node: constant and linear targets are then reproduced exactly.
 * One O(N) pass, no sort; afterwards every kernel sum costs O(nodes × window) whatever N is.
 */
final class NodeGrid {
    /** More nodes than this buy nothing (and bound memory when h is tiny against the range). */
    static final int MAX_NODES = 1 << 16;

    final double lo;
    final double delta;
    final int size;
    /** Σ w, Σ w·e, Σ w·e², Σ w·y, Σ w·e·y per node, e in units of δ. */
    final double[] w;
    final double[] e1;
    final double[] e2;
    final double[] y;
    final double[] ey;

    private NodeGrid(double lo, double delta, int size, boolean moments) {
        this.lo = lo;
        this.delta = delta;
        this.size = size;
        this.w = new double[size];
        this.y = new double[size];
        this.e1 = moments ? new double[size] : null;
        this.e2 = moments ? new double[size] : null;
        this.ey = moments ? new double[size] : null;
    }

    /** Node count for spacing at most {@code maxDelta} over [lo, hi] (at least 2, at most MAX_NODES). */
    static int nodesFor(double lo, double hi, double maxDelta) {
        double cells = Math.ceil((hi - lo) / maxDelta);
        return (int) Math.max(2, Math.min(MAX_NODES, cells + 1));
    }

    /** The cell [k, k+1] of grid coordinate t, clamped to the grid's cells 0..last (flat extrapolation beyond). */
    static int cell(double t, int last) {
        int k = (int) t;
        if (k > last) {
            return last;
        }
        return Math.max(k, 0);
    }

    static NodeGrid bin(double[] x, double[] yv, int n, double lo, double hi, int size, boolean moments) {
        double delta = (hi - lo) / (size - 1);
        NodeGrid g = new NodeGrid(lo, delta, size, moments);
        double inv = 1.0 / delta;
        int last = size - 2;
        double[] w = g.w;
        double[] y = g.y;
        for (int i = 0; i < n; i++) {
            double t = (x[i] - lo) * inv;
            int k = NodeGrid.cell(t, last);
            double u = t - k;
            double a = 1.0 - u;
            double yi = yv[i];
            w[k] += a;
            w[k + 1] += u;
            y[k] += a * yi;
            y[k + 1] += u * yi;
            if (moments) {
                double v = u - 1.0; // offset from node k+1
                g.e1[k] += a * u;
                g.e1[k + 1] += u * v;
                g.e2[k] += a * u * u;
                g.e2[k + 1] += u * v * v;
                g.ey[k] += a * u * yi;
                g.ey[k + 1] += u * v * yi;
            }
        }
        return g;
    }

    double node(int g) {
        return lo + g * delta;
    }
}
