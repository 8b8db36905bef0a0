package com.fxdesk.slv.heston;
import org.junit.jupiter.api.Test;
class ScratchTest {
    @Test
    void run() {
        HestonParameters[] ps = {new HestonParameters(0.09, 2.0, 0.0625, 2.0, -0.95), new HestonParameters(0.0064, 1.5, 0.0081, 0.3, -0.2)};
        double spot = 1.2346, rd = 0.0213, rf = -0.0033;
        for (HestonParameters p : ps)
        for (double t : new double[] {0.0192, 0.082, 0.5, 1, 5, 10}) {
        double f = spot * Math.exp((rd - rf) * t);
        double[] ks = new double[11]; boolean[] c = new boolean[11];
        for (int i = 0; i < 11; i++) { ks[i] = f * Math.exp(-0.7 + 0.14 * i); c[i] = ks[i] > f; }
        for (double tol : new double[] {1e-9, 1e-11}) {
        HestonPricer fine = new HestonPricer(1e-14);
        var ref = fine.priceStripWithQuadrature(p, t, f, 1, ks, c);
        HestonPricer pr = new HestonPricer(tol);
        var r = pr.priceStripWithQuadrature(p, t, f, 1, ks, c);
        double me = 0; for (int i = 0; i < 11; i++) me = Math.max(me, Math.abs(r.prices()[i] - ref.prices()[i]) / f);
        System.out.printf("xi=%.1f T=%.3f tol=%.0e nodes=%d U=%.1f est=%.2e err=%.2e (fine nodes %d)%n", p.xi(), t, tol, r.quadrature().size(), r.quadrature().tailCutoff(), r.quadrature().errorEstimate(), me, ref.quadrature().size());
        }}
    }
}
