package io.zhili.geo.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class HoursWindowTest {
    private static long at(String iso) {
        return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
    }

    @Test
    void nightWindowWrapsMidnight() {
        HoursWindow w = HoursWindow.parse("22:00-06:00");
        assertTrue(w.contains(at("2025-11-24T22:00:00+08:00")));
        assertTrue(w.contains(at("2025-11-24T23:59:59+08:00")));
        assertTrue(w.contains(at("2025-11-25T00:00:00+08:00")));
        assertTrue(w.contains(at("2025-11-25T05:59:59+08:00")));
        assertFalse(w.contains(at("2025-11-25T06:00:00+08:00")));
        assertFalse(w.contains(at("2025-11-24T21:59:59+08:00")));
        assertFalse(w.contains(at("2025-11-24T12:00:00+08:00")));
    }

    @Test
    void hoursAreShanghaiLocalTimeNotUtc() {
        HoursWindow w = HoursWindow.parse("22:00-06:00");
        // 14:30 UTC is 22:30 in Shanghai.
        assertTrue(w.contains(at("2025-11-24T14:30:00Z")));
        // 23:00 UTC is 07:00 next morning in Shanghai.
        assertFalse(w.contains(at("2025-11-24T23:00:00Z")));
    }

    @Test
    void severalWindowsSeparatedByCommas() {
        HoursWindow w = HoursWindow.parse("07:00-09:00, 17:00-19:30");
        assertTrue(w.contains(at("2025-11-24T08:15:00+08:00")));
        assertTrue(w.contains(at("2025-11-24T19:29:00+08:00")));
        assertFalse(w.contains(at("2025-11-24T19:30:00+08:00")));
        assertFalse(w.contains(at("2025-11-24T12:00:00+08:00")));
        assertEquals("07:00-09:00,17:00-19:30", w.toString());
    }

    @Test
    void wholeDayWindow() {
        HoursWindow w = HoursWindow.parse("00:00-24:00");
        assertTrue(w.isAllDay());
        assertEquals(HoursWindow.ALL_DAY, w);
        assertTrue(w.containsMinute(0));
        assertTrue(w.containsMinute(1439));
        assertFalse(HoursWindow.parse("22:00-06:00").isAllDay());
    }

    @Test
    void malformedHoursAreRejectedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HoursWindow.parse("22-06")).getMessage()
                .contains("HH:MM"));
        assertThrows(IllegalArgumentException.class, () -> HoursWindow.parse("25:00-06:00"));
        assertThrows(IllegalArgumentException.class, () -> HoursWindow.parse("22:00-06:60"));
        assertThrows(IllegalArgumentException.class, () -> HoursWindow.parse("24:00-06:00"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HoursWindow.parse("10:00-10:00")).getMessage()
                .contains("empty"));
        assertThrows(IllegalArgumentException.class, () -> HoursWindow.parse(" "));
    }

    @Test
    void localDateOfLateEveningUtcIsTheNextDay() {
        assertEquals(java.time.LocalDate.parse("2025-11-25").toEpochDay(), ShanghaiClock.epochDay(at("2025-11-24T16:00:00Z")));
        assertEquals(java.time.LocalDate.parse("2025-11-24").toEpochDay(), ShanghaiClock.epochDay(at("2025-11-24T15:59:59Z")));
        assertEquals(at("2025-11-24T00:00:00+08:00"), ShanghaiClock.startOfDay(java.time.LocalDate.parse("2025-11-24")));
    }
}
