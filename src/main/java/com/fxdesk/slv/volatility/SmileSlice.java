package com.fxdesk.slv.volatility;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.ArrayRealVector;

/**
 * Smile of one expiry in total variance: an SVI slice plus, where SVI alone cannot pass through the quoted points
 * (e.g. strongly skewed market-strangle smiles), a local Gaussian correction centred on the points:
 * <pre>  w(y) = w_SVI(y) + Σ_j c_j exp(−(y − y_j)² / (2ℓ²))  </pre>
 * with ℓ the mean point spacing. The correction vanishes away from the quoted range, so the wings are SVI's (linear,
 * slopes b(1 ± ρ) ≤ 2: arbitrage-free asymptotically); butterfly arbitrage in between is checked on g(y) by
 * {@link ArbitrageScanner}. Without correction (empty arrays) it is a plain SVI slice. Arrays are not copied.
 */
public record SmileSlice(SviSmile svi, double[] centres, double[] weights, double width) {
    private static final double[] NONE = new double[0];

    public static SmileSlice of(SviSmile svi) {
        return new SmileSlice(svi, NONE, NONE, 1.0);
    }

    /** SVI slice corrected to pass exactly through (y_i, w_i); plain SVI when its residuals are already negligible. */
    public static SmileSlice interpolating(SviSmile svi, double[] y, double[] w) {
        int n = y.length;
        double[] r = new double[n];
        double maxRel = 0;
        for (int i = 0; i < n; i++) {
            r[i] = w[i] - svi.w(y[i]);
            maxRel = Math.max(maxRel, Math.abs(r[i]) / w[i]);
        }
        if (n < 2 || maxRel < 1e-13) {
            return of(svi);
        }
        double[] ys = y.clone();
        java.util.Arrays.sort(ys);
        double width = (ys[n - 1] - ys[0]) / (n - 1);
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double u = (y[i] - y[j]) / width;
                k[i][j] = Math.exp(-0.5 * u * u);
            }
        }
        double[] c = new CholeskyDecomposition(new Array2DRowRealMatrix(k, false), 1e-12, 1e-14).getSolver()
                .solve(new ArrayRealVector(r, false)).toArray();
        return new SmileSlice(svi, y.clone(), c, width);
    }

    public boolean corrected() {
        return weights.length > 0;
    }

    public double w(double y) {
        double v = svi.w(y);
        for (int j = 0; j < weights.length; j++) {
            double u = (y - centres[j]) / width;
            v += weights[j] * Math.exp(-0.5 * u * u);
        }
        return v;
    }

    /** w, ∂_y w, ∂_yy w at y into out[off..off+2]. */
    public void jet(double y, double[] out, int off) {
        svi.jet(y, out, off);
        if (weights.length == 0) {
            return;
        }
        double inv = 1 / width;
        for (int j = 0; j < weights.length; j++) {
            double u = (y - centres[j]) * inv;
            double e = weights[j] * Math.exp(-0.5 * u * u);
            out[off] += e;
            out[off + 1] -= e * u * inv;
            out[off + 2] += e * (u * u - 1) * inv * inv;
        }
    }

    /** Gatheral–Jacquier g(y); −∞ where w ≤ 0. */
    public double g(double y) {
        double[] j = new double[3];
        jet(y, j, 0);
        if (!(j[0] > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        return SviSmile.densityFunction(y, j[0], j[1], j[2]);
    }
}
