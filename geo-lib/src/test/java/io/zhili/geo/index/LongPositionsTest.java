package io.zhili.geo.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongPositionsTest {
    @Test
    void findsEveryKeyAndNothingElse() {
        SplittableRandom rnd = new SplittableRandom(7);
        long[] keys = new long[100_000];
        for (int i = 0; i < keys.length; i++) {
            // Component-code-like keys: a shared prefix, dense serials — the case a weak hash clusters.
            keys[i] = 3702020103000000L + i * 3L;
        }
        LongPositions p = LongPositions.of(keys);
        for (int i = 0; i < keys.length; i++) {
            assertEquals(i, p.position(keys[i]));
        }
        assertEquals(-1, p.position(3702020103000001L));
        assertEquals(-1, p.position(0L));
        assertEquals(-1, p.position(rnd.nextLong()));
        assertEquals(100_000, p.size());
    }

    @Test
    void zeroAndNegativeKeysAreOrdinaryKeys() {
        LongPositions p = LongPositions.of(new long[] {0L, -1L, Long.MIN_VALUE});
        assertEquals(0, p.position(0L));
        assertEquals(1, p.position(-1L));
        assertEquals(2, p.position(Long.MIN_VALUE));
        assertEquals(-1, LongPositions.of(new long[0]).position(0L));
    }

    @Test
    void duplicateKeyNamesBothPositions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LongPositions.of(new long[] {5L, 9L, 5L}));
        assertEquals("duplicate key 5 at positions 0 and 2", e.getMessage());
    }
}
