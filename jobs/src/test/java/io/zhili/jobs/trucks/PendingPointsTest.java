package io.zhili.jobs.trucks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.trucks.GpsPoint;
import io.zhili.geo.trucks.LidState;
import org.junit.jupiter.api.Test;

/** {@link PendingPoints}: one truck's reports waiting for the watermark, in event-time order. */
class PendingPointsTest {
    private static GpsPoint at(long ts, double speed) {
        return new GpsPoint("鲁B1", ts, 120.3, 36.1, speed, 90, LidState.CLOSED, 18);
    }

    @Test
    void reportsComeOutInEventOrderAndEqualTimesKeepArrivalOrder() {
        PendingPoints p = new PendingPoints();
        p.add(at(30, 1));
        p.add(at(10, 2));
        p.add(at(30, 3));
        p.add(at(20, 4));
        p.add(at(10, 5));
        long[] ts = new long[p.size];
        double[] speed = new double[p.size];
        for (int i = 0; i < p.size; i++) {
            ts[i] = p.get("鲁B1", i).ts();
            speed[i] = p.get("鲁B1", i).speedKmh();
        }
        assertEquals("[10, 10, 20, 30, 30]", java.util.Arrays.toString(ts));
        assertEquals("[2.0, 5.0, 4.0, 1.0, 3.0]", java.util.Arrays.toString(speed));
    }

    @Test
    void aBurstIsReleasedAndTheBufferShrinksBackKeepingTheRest() {
        PendingPoints p = new PendingPoints();
        for (int i = 0; i < 1000; i++) {
            p.add(at(i * 10_000L, i % 90));
        }
        assertEquals(1024, p.capacity());
        p.dropFirst(990);
        assertEquals(10, p.size);
        assertEquals(16, p.capacity(), "the capacity of what is left, not of the burst");
        for (int i = 0; i < 10; i++) {
            GpsPoint q = p.get("鲁B1", i);
            assertEquals((990 + i) * 10_000L, q.ts());
            assertEquals((990 + i) % 90, q.speedKmh());
        }
        p.add(at(5, 1));
        assertEquals(5, p.ts(0));
    }

    @Test
    void aSmallBufferIsNotReallocatedWhenItEmpties() {
        PendingPoints p = new PendingPoints();
        for (int i = 0; i < 40; i++) {
            p.add(at(i, 0));
        }
        long[] before = p.slots;
        p.dropFirst(40);
        assertEquals(0, p.size);
        assertTrue(before == p.slots, "64 reports or fewer are kept");
    }
}
