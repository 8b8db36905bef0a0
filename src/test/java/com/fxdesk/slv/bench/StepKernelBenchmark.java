package com.fxdesk.slv.bench;

import com.fxdesk.slv.heston.HestonParameters;
import com.fxdesk.slv.model.LogSpotLattice;
import com.fxdesk.slv.model.SlvStep;
import com.fxdesk.slv.model.SpatialCorrection;
import com.fxdesk.slv.random.ZigguratNormals;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The three parts of one particle step in isolation, in ns of thread CPU per particle (best of the rounds; CPU time,
 * so that other processes' load matters less): the leverage lookup, the two normals, the SLV step. EURUSD 2018 mixed
 * Heston (η = 0.66), daily step, chunks of 1,024 over 100,000 particles; and the step with the weak-2 spatial terms
 * (SpatialCorrection) forced on, which the gate runs only on steep steps; and the step that also moves the L ≡ 1
 * companion log-spot (the calibration's control variate for E[V | S]).
 * Run: ./mvnw -B -Pbench test-compile exec:exec -Dbench.main=com.fxdesk.slv.bench.StepKernelBenchmark
 */
public final class StepKernelBenchmark {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int n = 100_000;
        int chunk = 1024;
        HestonParameters h = new HestonParameters(0.005191828184474059, 1.396031115535981, 0.010132077530788644,
                0.2442580490740274 * 0.66, 0.09271318542112564);
        SlvStep step = new SlvStep(h, 1 / 365.0, 0.01);
        double[] x = new double[n];
        double[] v = new double[n];
        double[] lev = new double[n];
        double[] zS = new double[n];
        double[] zV = new double[n];
        double[] next = new double[n];
        java.util.Arrays.fill(v, h.v0());
        double[] row = new double[200];
        for (int q = 0; q < row.length; q++) {
            row[q] = 1 + 0.2 * Math.sin(q * 0.05);
        }
        LogSpotLattice lat = LogSpotLattice.of(-0.4, 0.4, row);
        long state = 42;
        for (int c = 0; c < n; c += chunk) { // spread the particles first
            int to = Math.min(n, c + chunk);
            for (int s = 0; s < 200; s++) {
                state = ZigguratNormals.fill(zS, c, to, state);
                state = ZigguratNormals.fill(zV, c, to, state);
                lat.at(x, lev, c, to);
                step.step(x, v, lev, zS, zV, next, null, c, to);
            }
        }
        double bestLat = 1e9;
        double bestRng = 1e9;
        double bestStep = 1e9;
        double bestSpatial = 1e9;
        double bestCompanion = 1e9;
        double[] heston = new double[n];
        // the weak-2 spatial terms forced on (the gate would leave this gentle row alone): their cost where they run
        SpatialCorrection spatial = SpatialCorrection.of(lat, h.theta(), 1 / 365.0, 0.0);
        int steps = 10;
        for (int r = 0; r < rounds; r++) {
            // each part on its own over all chunks (a timer call per chunk would cost as much as a part)
            double per = (double) n * steps;
            long t0 = MX.getCurrentThreadCpuTime();
            for (int s = 0; s < steps; s++) {
                for (int c = 0; c < n; c += chunk) {
                    lat.at(x, lev, c, Math.min(n, c + chunk));
                }
            }
            long t1 = MX.getCurrentThreadCpuTime();
            for (int s = 0; s < steps; s++) {
                for (int c = 0; c < n; c += chunk) {
                    int to = Math.min(n, c + chunk);
                    state = ZigguratNormals.fill(zS, c, to, state);
                    state = ZigguratNormals.fill(zV, c, to, state);
                }
            }
            long t2 = MX.getCurrentThreadCpuTime();
            for (int s = 0; s < steps; s++) {
                for (int c = 0; c < n; c += chunk) {
                    step.step(x, v, lev, zS, zV, next, null, c, Math.min(n, c + chunk));
                }
            }
            long t3 = MX.getCurrentThreadCpuTime();
            double[] xs = x.clone(); // the corrected step on a copy: the plain loops keep their particles
            double[] vs = v.clone();
            long t4 = MX.getCurrentThreadCpuTime();
            for (int s = 0; s < steps; s++) {
                for (int c = 0; c < n; c += chunk) {
                    step.step(xs, vs, lev, zS, zV, next, null, null, spatial, c, Math.min(n, c + chunk));
                }
            }
            long t5 = MX.getCurrentThreadCpuTime();
            double[] xc = x.clone(); // the step with the L ≡ 1 companion log-spot (the control variate of E[V | S])
            double[] vc = v.clone();
            long t6 = MX.getCurrentThreadCpuTime();
            for (int s = 0; s < steps; s++) {
                for (int c = 0; c < n; c += chunk) {
                    step.step(xc, vc, lev, zS, zV, next, null, heston, c, Math.min(n, c + chunk));
                }
            }
            long t7 = MX.getCurrentThreadCpuTime();
            bestCompanion = Math.min(bestCompanion, (t7 - t6) / per);
            bestSpatial = Math.min(bestSpatial, (t5 - t4) / per);
            bestLat = Math.min(bestLat, (t1 - t0) / per);
            bestRng = Math.min(bestRng, (t2 - t1) / per);
            bestStep = Math.min(bestStep, (t3 - t2) / per);
        }
        System.out.printf("ns per particle-step (best of %d): lattice %.2f, normals (2) %.2f, step %.2f, step with the"
                + " weak-2 spatial terms %.2f, step with the companion log-spot %.2f; load %s%n", rounds, bestLat, bestRng,
                bestStep, bestSpatial, bestCompanion,
                SlvBenchmark.loadAverage());
    }
}
