package io.zhili.geo.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void isoWithOffsetMatchesJavaTime() {
        for (String s : new String[] {"2025-03-05T08:12:33+08:00", "2024-02-29T23:59:59Z", "1999-12-31T00:00:00-05:30",
                "2025-07-01T12:00:00.5+08:00", "2025-07-01T12:00:00.123456+08:00"}) {
            assertEquals(OffsetDateTime.parse(s).toInstant().toEpochMilli(), Timestamps.parseMillis(s), s);
        }
    }

    @Test
    void knownInstant() {
        // 2025-01-01T00:00:00+08:00 is 2024-12-31T16:00:00Z = 1735660800000 ms.
        assertEquals(1735660800000L, Timestamps.parseMillis("2025-01-01T00:00:00+08:00"));
    }

    @Test
    void epochMillisDigits() {
        assertEquals(1763998200000L, Timestamps.parseMillis("1763998200000"));
    }

    @Test
    void emptyAndInvalid() {
        assertEquals(Timestamps.EMPTY, Timestamps.parseMillis(""));
        assertEquals(Timestamps.EMPTY, Timestamps.parseMillis(null));
        assertEquals(Timestamps.INVALID, Timestamps.parseMillis("2025-02-30T00:00:00+08:00"));
        assertEquals(Timestamps.INVALID, Timestamps.parseMillis("yesterday"));
        assertEquals(Timestamps.INVALID, Timestamps.parseMillis("2025-03-05T08:12:33"));
        assertEquals(Timestamps.INVALID, Timestamps.parseMillis("2025-13-05T08:12:33Z"));
    }
}
