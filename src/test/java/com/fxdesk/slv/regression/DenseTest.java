package com.fxdesk.slv.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;

class DenseTest {

    @Test
    void conditionNumberMatchesTheEigenvaluesOfAGaussianGramMatrix() {
        check(30, 0.4, new double[] {1e-3, 1e-1, 10}, 2e-3);
        // 40 strongly overlapping units: clustered small eigenvalues, slow inverse iteration
        check(40, 0.8, new double[] {1e-6, 1e-4}, 1e-2);
    }

    private static void check(int m, double width, double[] lambdas, double tol) {
        // the normal matrix of m Gaussian units on 500 points, as the RBF fit builds it
        SplittableRandom r = new SplittableRandom(3);
        double[] a = new double[m * m];
        for (int p = 0; p < 500; p++) {
            double x = r.nextGaussian();
            double[] phi = new double[m];
            for (int j = 0; j < m; j++) {
                double u = (x - (-2.5 + 5.0 * j / (m - 1))) / width;
                phi[j] = Math.exp(-0.5 * u * u);
            }
            for (int j = 0; j < m; j++) {
                for (int k = 0; k < m; k++) {
                    a[j * m + k] += phi[j] * phi[k];
                }
            }
        }
        for (double lambda : lambdas) {
            double[] ridge = new double[m];
            java.util.Arrays.fill(ridge, lambda);
            double[] chol = Dense.cholesky(a, m, ridge);
            assertNotNull(chol);
            double[][] full = new double[m][m];
            for (int j = 0; j < m; j++) {
                for (int k = 0; k < m; k++) {
                    full[j][k] = a[j * m + k] + (j == k ? lambda : 0);
                }
            }
            double[] ev = new EigenDecomposition(new Array2DRowRealMatrix(full)).getRealEigenvalues();
            double max = Double.NEGATIVE_INFINITY;
            double min = Double.POSITIVE_INFINITY;
            for (double e : ev) {
                max = Math.max(max, e);
                min = Math.min(min, e);
            }
            double exact = max / min;
            assertEquals(exact, Dense.conditionNumber(a, m, ridge, chol), tol * exact, "lambda " + lambda);
        }
    }
}
