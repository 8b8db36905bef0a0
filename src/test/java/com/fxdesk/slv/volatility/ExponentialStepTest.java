package com.fxdesk.slv.volatility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The contour-integral exponential against a dense matrix exponential, and the properties the surface relies on. */
class ExponentialStepTest {

    private static final StrikeLattice LAT = StrikeLattice.sinh(0.05, 0.2, 1.0);

    private static double[] variance() {
        double[] v = new double[LAT.n];
        for (int j = 0; j < LAT.n; j++) {
            double s = 0.1 + 0.08 * Math.tanh(-2 * LAT.x[j]); // a skew: 2%–18%
            v[j] = s * s;
        }
        return v;
    }

    /** e^{τA} by scaling and squaring of a Taylor series on the dense matrix (the lattice here has 21 nodes). */
    private static double[] dense(double tau, double[] var, double[] c) {
        int n = LAT.n;
        double[][] a = new double[n][n];
        for (int j = 1; j + 1 < n; j++) {
            double h = 0.5 * tau * var[j];
            a[j][j - 1] = h * LAT.lo[j];
            a[j][j + 1] = h * LAT.up[j];
            a[j][j] = -h * (LAT.lo[j] + LAT.up[j]);
        }
        double norm = 0;
        for (double[] row : a) {
            double s = 0;
            for (double v : row) {
                s += Math.abs(v);
            }
            norm = Math.max(norm, s);
        }
        int squarings = Math.max(0, (int) Math.ceil(Math.log(norm / 0.1) / Math.log(2)));
        double scale = Math.pow(2, -squarings);
        double[][] e = identity(n);
        double[][] term = identity(n);
        for (int k = 1; k <= 18; k++) {
            term = multiply(term, a);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    term[i][j] *= scale / k;
                    e[i][j] += term[i][j];
                }
            }
        }
        for (int s = 0; s < squarings; s++) {
            e = multiply(e, e);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i] += e[i][j] * c[j];
            }
        }
        return out;
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    private static double[][] multiply(double[][] x, double[][] y) {
        int n = x.length;
        double[][] z = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double v = x[i][k];
                if (v != 0) {
                    for (int j = 0; j < n; j++) {
                        z[i][j] += v * y[k][j];
                    }
                }
            }
        }
        return z;
    }

    @Test
    void matchesTheDenseMatrixExponential() {
        double[] var = variance();
        double[] c = LAT.black(0.1 * Math.sqrt(0.25));
        for (double tau : new double[] {1e-4, 0.05, 0.5, 5, 50}) {
            double[] expected = dense(tau, var, c);
            double[] got = new double[LAT.n];
            new ExponentialStep(LAT, tau, var).advance(c, got);
            for (int j = 0; j < LAT.n; j++) {
                assertEquals(expected[j], got[j], 1e-13, "tau=" + tau + " j=" + j);
            }
        }
    }

    /** e^{(τ₁+τ₂)A} = e^{τ₂A} e^{τ₁A}; prices stay convex and rise with τ (to the evaluation error, ≈1e-14 of the values). */
    @Test
    void semigroupConvexityAndCalendarOrder() {
        double[] var = variance();
        double[] c = LAT.black(0.1 * Math.sqrt(0.25));
        double[] one = new double[LAT.n];
        double[] two = new double[LAT.n];
        double[] both = new double[LAT.n];
        new ExponentialStep(LAT, 0.3, var).advance(c, one);
        new ExponentialStep(LAT, 0.7, var).advance(one, two);
        new ExponentialStep(LAT, 1.0, var).advance(c, both);
        double[] density = new double[LAT.n];
        LAT.apply(both, density);
        for (int j = 0; j < LAT.n; j++) {
            assertEquals(both[j], two[j], 1e-13);
            assertTrue(one[j] >= c[j] - 1e-13 && both[j] >= one[j] - 1e-13, "calendar at " + j);
            assertTrue(density[j] >= -1e-12, "convexity at " + j + ": " + density[j]);
        }
    }
}
