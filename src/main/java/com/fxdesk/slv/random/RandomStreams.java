package com.fxdesk.slv.random;

import java.util.SplittableRandom;

/**
 * Reproducible pseudo-random streams keyed by (seed, step, chunk): a chunk's draws depend only on these keys,
 * never on which thread runs it or in which order, so results are bit-identical for any pool size.
 */
public final class RandomStreams {

    private RandomStreams() {
    }

    /** A generator for one (seed, step, chunk) cell; SplittableRandom's SplitMix64 mixing decorrelates keys. */
    public static SplittableRandom stream(long seed, long step, long chunk) {
        long key = mix(mix(seed ^ 0x9E3779B97F4A7C15L) + step * 0xD1B54A32D192ED03L + chunk * 0x8CB92BA72F3D8DD7L);
        return new SplittableRandom(key);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
