package com.fxdesk.slv.random;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Sobol' points in up to {@link #MAX_DIMENSION} dimensions with Joe and Kuo's (2008) "new-joe-kuo-6.1000"
 * direction numbers, read from the copy commons-math3 ships. Points come in gray-code order with 52-bit
 * long state (x_{n+1} = x_n XOR v[ctz(n+1)]), and any index can be reached directly, so a chunk of a batch starts
 * at its first index without generating the ones before it. Randomisation is a random digital shift (XOR of a
 * random 52-bit word per dimension): each shift gives an unbiased estimator and independent shifts give
 * independent batches, from which the standard error is taken. The direction table is immutable and shared;
 * the mutable state lives in a {@link Cursor} per worker.
 */
public final class SobolSequence {
    public static final int MAX_DIMENSION = 1000;
    static final int BITS = 52;
    private static final double SCALE = 0x1.0p-52;
    private static final double HALF_ULP = 0x1.0p-53;
    private static final String RESOURCE = "/assets/org/apache/commons/math3/random/new-joe-kuo-6.1000";

    private static volatile SobolSequence instance;

    /** direction[bit][dimension]: contiguous per bit because one gray-code step XORs one bit across all dims. */
    private final long[][] direction;

    private SobolSequence(long[][] direction) {
        this.direction = direction;
    }

    /** The shared table for all {@value #MAX_DIMENSION} dimensions (loaded once). */
    public static SobolSequence joeKuo() {
        SobolSequence s = instance;
        if (s == null) {
            synchronized (SobolSequence.class) {
                s = instance;
                if (s == null) {
                    s = new SobolSequence(load());
                    instance = s;
                }
            }
        }
        return s;
    }

    private static long[][] load() {
        long[][] dir = new long[BITS][MAX_DIMENSION];
        for (int b = 0; b < BITS; b++) {
            dir[b][0] = 1L << (BITS - 1 - b); // first dimension: van der Corput
        }
        try (InputStream in = SobolSequence.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("commons-math3 Sobol direction numbers not on the classpath: " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            reader.readLine(); // header "d s a m_i"
            int dim = 1;
            String line;
            while (dim < MAX_DIMENSION && (line = reader.readLine()) != null) {
                String[] f = line.trim().split("\\s+");
                int s = Integer.parseInt(f[1]);
                int a = Integer.parseInt(f[2]);
                long[] v = new long[BITS + 1]; // 1-based as in Joe–Kuo's notes
                for (int i = 1; i <= s && i <= BITS; i++) {
                    v[i] = Long.parseLong(f[2 + i]) << (BITS - i);
                }
                for (int i = s + 1; i <= BITS; i++) {
                    v[i] = v[i - s] ^ (v[i - s] >> s);
                    for (int k = 1; k <= s - 1; k++) {
                        v[i] ^= ((a >> (s - 1 - k)) & 1) * v[i - k];
                    }
                }
                for (int b = 0; b < BITS; b++) {
                    dir[b][dim] = v[b + 1];
                }
                dim++;
            }
            if (dim != MAX_DIMENSION) {
                throw new IllegalStateException("direction file has only " + dim + " dimensions");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** A random digital shift per dimension for one randomised batch (deterministic in the keys). */
    public static long[] digitalShift(long seed, long batch, int dims) {
        var rng = RandomStreams.stream(seed, -1 - batch, 0x50B01L);
        long[] shift = new long[dims];
        for (int d = 0; d < dims; d++) {
            shift[d] = rng.nextLong() >>> (64 - BITS);
        }
        return shift;
    }

    public Cursor cursor(int dims) {
        if (dims < 1 || dims > MAX_DIMENSION) {
            throw new IllegalArgumentException("Sobol dimension must be in [1, " + MAX_DIMENSION + "]: " + dims);
        }
        return new Cursor(dims);
    }

    /** Mutable position in the sequence; one per worker thread, reused across chunks. */
    public final class Cursor {
        private final int dims;
        private final long[] state;
        private long index;

        private Cursor(int dims) {
            this.dims = dims;
            this.state = new long[dims];
        }

        /** Positions the cursor at point {@code n} (the next {@link #next} returns point n). */
        public void seek(long n) {
            java.util.Arrays.fill(state, 0L);
            long gray = n ^ (n >>> 1);
            for (int b = 0; gray != 0; b++, gray >>>= 1) {
                if ((gray & 1) != 0) {
                    long[] v = direction[b];
                    for (int d = 0; d < dims; d++) {
                        state[d] ^= v[d];
                    }
                }
            }
            index = n;
        }

        /** Writes the current point, XOR-shifted and mapped to (0, 1) at cell centres, into u; advances. */
        public void next(long[] shift, double[] u) {
            for (int d = 0; d < dims; d++) {
                u[d] = (state[d] ^ shift[d]) * SCALE + HALF_ULP;
            }
            long[] v = direction[Long.numberOfTrailingZeros(index + 1)];
            for (int d = 0; d < dims; d++) {
                state[d] ^= v[d];
            }
            index++;
        }

        public int dimension() {
            return dims;
        }
    }
}
