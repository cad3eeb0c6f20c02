package io.zhili.datasets.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CaseCalendarTest {
    private final CaseCalendar calendar = new CaseCalendar();

    private static int day(int month, int dayOfMonth) {
        return (int) (LocalDate.of(2025, month, dayOfMonth).toEpochDay() - LocalDate.of(2025, 1, 1).toEpochDay());
    }

    @Test
    void casesPerDaySumExactlyToTheTotal() {
        assertEquals(3_840_000, Arrays.stream(calendar.casesPerDay(3_840_000)).sum());
        assertEquals(365, calendar.casesPerDay(40_000).length);
    }

    @Test
    void patrolsRestOnSpringFestivalAndWeekendsButWorkTheSwappedSunday() {
        double wednesday = calendar.weight(day(3, 12), CaseSource.PATROL);
        double springFestival = calendar.weight(day(1, 29), CaseSource.PATROL); // 春节, a Wednesday
        double sunday = calendar.weight(day(3, 16), CaseSource.PATROL);
        double workedSunday = calendar.weight(day(1, 26), CaseSource.PATROL); // 调休 working Sunday
        assertTrue(springFestival < 0.5 * wednesday, springFestival + " vs " + wednesday);
        assertTrue(sunday < 0.5 * wednesday);
        assertTrue(workedSunday > 2 * calendar.weight(day(1, 19), CaseSource.PATROL));
    }

    @Test
    void citizensReportMoreAtWeekendsAndSatellitesOnlyTuesdaysAndFridays() {
        assertTrue(calendar.weight(day(3, 15), CaseSource.CITIZEN_APP) > calendar.weight(day(3, 12), CaseSource.CITIZEN_APP));
        assertEquals(0, calendar.weight(day(3, 12), CaseSource.SATELLITE)); // Wednesday
        assertTrue(calendar.weight(day(3, 11), CaseSource.SATELLITE) > 0); // Tuesday
        assertTrue(calendar.weight(day(3, 14), CaseSource.SATELLITE) > 0); // Friday
    }

    @Test
    void summerIsBusierThanWinter() {
        assertTrue(calendar.weight(day(8, 13)) > 1.4 * calendar.weight(day(2, 12)));
    }
}
