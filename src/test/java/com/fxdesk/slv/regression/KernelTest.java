package com.fxdesk.slv.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KernelTest {

    @ParameterizedTest
    @EnumSource(Kernel.class)
    void integratesToOne(Kernel k) {
        // composite Simpson on [−R, R]; the compact kernels' kinks at ±1 fall on grid points
        double r = k.radius();
        int n = 200_000;
        double h = 2 * r / n;
        double s = k.value(-r) + k.value(r);
        for (int i = 1; i < n; i++) {
            s += (i % 2 == 1 ? 4 : 2) * k.value(-r + i * h);
        }
        assertEquals(1.0, s * h / 3, 1e-7, k.name());
    }

    @ParameterizedTest
    @EnumSource(Kernel.class)
    void symmetricAndPeakedAtZero(Kernel k) {
        for (double u = 0.05; u < 3; u += 0.1) {
            assertEquals(k.value(u), k.value(-u), 0.0);
            org.junit.jupiter.api.Assertions.assertTrue(k.value(u) <= k.value(0));
        }
    }
}
