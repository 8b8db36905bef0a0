package com.fxdesk.slv.random;

/**
 * Standard normals by the ziggurat method (Marsaglia and Tsang 2000, 256 layers) on a SplitMix64 stream whose state
 * lives in a local variable of the filling loop. Why not {@code SplittableRandom.nextGaussian()}: its ziggurat
 * (JDK 17) is too large to inline, so every draw is a call that also loads and stores the generator's seed; filling an
 * array here costs about half as much, and normals are half of a particle step.
 *
 * <p>Each 64-bit word gives the layer from its low 8 bits and the abscissa from its top 53 bits (independent bits:
 * Doornik 2005's remark on the original's shared bits). Inside the layer's inner rectangle (about 99% of draws) that
 * is the sample; otherwise the wedge is tested against e^{−z²/2}, and the base layer's overflow samples the tail
 * beyond r by Marsaglia's exponential method. Exact in distribution up to the 53-bit uniforms.
 */
public final class ZigguratNormals {
    static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final int LAYERS = 256;
    private static final double R = 3.6541528853610088;
    private static final double V = 4.92867323399e-3;
    /** x[i]: right edge of layer i (x[0] = V / f(R) for the base strip, x[1] = R, x[256] = 0). */
    private static final double[] X = new double[LAYERS + 1];
    /** f(x[i]) = e^{−x[i]²/2}. */
    private static final double[] F = new double[LAYERS + 1];
    /** x[i+1] / x[i]: |u| below it is inside the curve whatever the height. */
    private static final double[] INNER = new double[LAYERS];

    static {
        double fr = Math.exp(-0.5 * R * R);
        X[0] = V / fr;
        X[1] = R;
        for (int i = 1; i < LAYERS - 1; i++) {
            X[i + 1] = Math.sqrt(-2 * Math.log(V / X[i] + Math.exp(-0.5 * X[i] * X[i])));
        }
        X[LAYERS] = 0.0;
        for (int i = 0; i <= LAYERS; i++) {
            F[i] = Math.exp(-0.5 * X[i] * X[i]);
        }
        F[0] = 0.0; // the base strip reaches down to 0
        for (int i = 0; i < LAYERS; i++) {
            INNER[i] = X[i + 1] / X[i];
        }
    }

    private ZigguratNormals() {
    }

    /** SplitMix64's output mix (Stafford's variant 13, as in SplittableRandom). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Fills out[from, to) with independent standard normals from the SplitMix64 stream at {@code state}; returns the
     * state after the last draw (to continue the stream).
     */
    public static long fill(double[] out, int from, int to, long state) {
        return fill(out, from, to, state, 0);
    }

    /**
     * As {@link #fill(double[], int, int, long)} (the same draws), and out[i + m] = −out[i] for i in [from, from + m):
     * the antithetic partners' normals written in the same pass. Returns the state after the last draw.
     */
    public static long fillAntithetic(double[] out, int from, int m, long state) {
        return fill(out, from, from + m, state, m);
    }

    /** mirror &gt; 0: also out[i + mirror] = −z (a loop-invariant test: the JIT unswitches it). */
    private static long fill(double[] out, int from, int to, long state, int mirror) {
        long s = state;
        for (int i = from; i < to; i++) {
            double z;
            while (true) {
                s += GOLDEN_GAMMA;
                long b = mix64(s);
                int j = (int) b & (LAYERS - 1);
                double u = (b >> 11) * 0x1.0p-52; // signed, uniform on [−1, 1)
                z = u * X[j];
                if (Math.abs(u) < INNER[j]) {
                    break;
                }
                if (j == 0) {
                    // tail beyond R: Marsaglia (1964)
                    double a;
                    double e;
                    do {
                        s += GOLDEN_GAMMA;
                        a = -Math.log(uniform(mix64(s))) / R;
                        s += GOLDEN_GAMMA;
                        e = -Math.log(uniform(mix64(s)));
                    } while (e + e < a * a);
                    z = u < 0 ? -(R + a) : R + a;
                    break;
                }
                s += GOLDEN_GAMMA;
                double y = F[j] + uniform(mix64(s)) * (F[j + 1] - F[j]);
                if (y < Math.exp(-0.5 * z * z)) {
                    break;
                }
            }
            out[i] = z;
            if (mirror > 0) {
                out[i + mirror] = -z;
            }
        }
        return s;
    }

    /** Uniform on (0, 1] from the top 53 bits (never 0: its log is taken). */
    private static double uniform(long bits) {
        return ((bits >>> 11) + 1) * 0x1.0p-53;
    }
}
