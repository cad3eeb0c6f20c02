package io.zhili.datasets.sampling;

import java.util.SplittableRandom;

/**
 * Independent random streams derived from the user's seed and a stream key, so that every unit of
 * generation (a district and class of components, a day of cases) draws from its own
 * {@link SplittableRandom} and the output does not depend on how many threads run the units.
 *
 * <p>Stateless and thread-safe.
 */
public final class Seeds {
    private Seeds() {
    }

    /** A generator for the stream {@code (seed, keys...)}; equal arguments give equal sequences. */
    public static SplittableRandom stream(long seed, long... keys) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (long k : keys) {
            h = mix(h + 0x9E3779B97F4A7C15L * (k + 1));
        }
        return new SplittableRandom(h);
    }

    /** A stable key for a name, for use in {@link #stream}. */
    public static long key(String name) {
        long h = 1125899906842597L;
        for (int i = 0; i < name.length(); i++) {
            h = 31 * h + name.charAt(i);
        }
        return mix(h);
    }

    /** SplitMix64's finaliser: a bijective, well-mixing function of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
