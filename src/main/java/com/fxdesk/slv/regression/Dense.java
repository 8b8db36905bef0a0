package com.fxdesk.slv.regression;

/** Small dense symmetric positive definite algebra for the RBF normal equations (M ≤ a few hundred). */
final class Dense {
    private Dense() {
    }

    /** Lower Cholesky factor of A + diag(ridge) (row-major m×m, lower triangle read), or null if not positive definite. */
    static double[] cholesky(double[] a, int m, double[] ridge) {
        double[] l = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * m + j] + (i == j ? ridge[i] : 0.0);
                for (int k = 0; k < j; k++) {
                    s -= l[i * m + k] * l[j * m + k];
                }
                if (i == j) {
                    if (!(s > 0.0)) {
                        return null;
                    }
                    l[i * m + i] = Math.sqrt(s);
                } else {
                    l[i * m + j] = s / l[j * m + j];
                }
            }
        }
        return l;
    }

    /** Solves L Lᵀ x = b. */
    static double[] solve(double[] l, int m, double[] b) {
        double[] z = new double[m];
        for (int i = 0; i < m; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * m + k] * z[k];
            }
            z[i] = s / l[i * m + i];
        }
        for (int i = m - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < m; k++) {
                s -= l[k * m + i] * z[k];
            }
            z[i] = s / l[i * m + i];
        }
        return z;
    }

    /** Relative change of the Rayleigh quotient at which the eigenvalue iterations stop. */
    private static final double EIGEN_TOL = 1e-4;
    private static final int EIGEN_MAX_ITERATIONS = 60;

    /**
     * 2-norm condition number of A + diag(ridge): largest eigenvalue by power iteration, smallest by inverse power
     * iteration with the Cholesky factor, each read off the Rayleigh quotient (error quadratic in the eigenvector's)
     * and stopped when it changes by less than 1e-4 relative, or after 60 steps: an estimate good to a few digits,
     * which is all a diagnostic needs, in typically 5-15 steps (this runs once per regression of the particle method).
     */
    static double conditionNumber(double[] a, int m, double[] ridge, double[] chol) {
        double[] v = new double[m];
        double[] t = new double[m];
        java.util.Arrays.fill(v, 1.0 / Math.sqrt(m));
        double max = 0.0;
        for (int it = 0; it < EIGEN_MAX_ITERATIONS; it++) {
            double ray = 0.0;
            for (int i = 0; i < m; i++) {
                double s = ridge[i] * v[i];
                int row = i * m;
                for (int k = 0; k < m; k++) {
                    s += a[row + k] * v[k];
                }
                t[i] = s;
                ray += v[i] * s;
            }
            normalise(t, v);
            boolean converged = Math.abs(ray - max) <= EIGEN_TOL * Math.abs(ray);
            max = ray;
            if (converged) {
                break;
            }
        }
        for (int i = 0; i < m; i++) {
            v[i] = (i % 2 == 0 ? 1.0 : -1.0) / Math.sqrt(m) * (1.0 + 0.1 * i / m);
        }
        normalise(v.clone(), v);
        double invMin = 0.0;
        for (int it = 0; it < EIGEN_MAX_ITERATIONS; it++) {
            double[] s = solve(chol, m, v);
            double ray = 0.0;
            for (int i = 0; i < m; i++) {
                ray += v[i] * s[i];
            }
            normalise(s, v);
            boolean converged = Math.abs(ray - invMin) <= EIGEN_TOL * Math.abs(ray);
            invMin = ray;
            if (converged) {
                break;
            }
        }
        return invMin > 0.0 ? max * invMin : Double.POSITIVE_INFINITY;
    }

    /** Copies src/‖src‖ into dst and returns ‖src‖. */
    private static double normalise(double[] src, double[] dst) {
        double n = 0.0;
        for (double s : src) {
            n += s * s;
        }
        n = Math.sqrt(n);
        if (n == 0.0) {
            return 0.0;
        }
        for (int i = 0; i < src.length; i++) {
            dst[i] = src[i] / n;
        }
        return n;
    }
}
