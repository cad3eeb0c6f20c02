package io.zhili.jobs.hotspots;

import io.zhili.geo.util.Timestamps;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * The time bins of the hotspot maps, in local city time (Asia/Shanghai): a day, an ISO week starting on
 * Monday, or a calendar month. A period is identified by the epoch day of its first local day, so it
 * packs into 16 bits and sorts in time order.
 */
public enum Period {
    DAY, WEEK, MONTH;

    /** Epoch day (local) of the first day of the period holding {@code epochMillis}. */
    public int startDay(long epochMillis) {
        LocalDate date = LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), Timestamps.CITY_ZONE);
        return (int) firstDay(date).toEpochDay();
    }

    LocalDate firstDay(LocalDate date) {
        switch (this) {
            case DAY:
                return date;
            case WEEK:
                return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            default:
                return date.withDayOfMonth(1);
        }
    }

    /** Whether {@code date} is the first day of a period (a Monday for weeks, the 1st for months). */
    public boolean startsOn(LocalDate date) {
        return firstDay(date).equals(date);
    }

    /** The first day of the period after the one starting on {@code start}. */
    public LocalDate next(LocalDate start) {
        switch (this) {
            case DAY:
                return start.plusDays(1);
            case WEEK:
                return start.plusWeeks(1);
            default:
                return start.plusMonths(1);
        }
    }

    /** Epoch milliseconds of local midnight at the start of the period. */
    public long startMillis(int startDay) {
        return LocalDate.ofEpochDay(startDay).atStartOfDay(Timestamps.CITY_ZONE).toInstant().toEpochMilli();
    }

    /** The period's label: {@code 2025-03-05}, {@code 2025-W10} or {@code 2025-03}. */
    public String label(int startDay) {
        LocalDate d = LocalDate.ofEpochDay(startDay);
        switch (this) {
            case DAY:
                return d.toString();
            case WEEK:
                return String.format("%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            default:
                return String.format("%d-%02d", d.getYear(), d.getMonthValue());
        }
    }

    /** Parses {@code day|week|month} as the command line spells it. */
    public static Period parse(String text) {
        for (Period p : values()) {
            if (p.name().equalsIgnoreCase(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("period must be day, week or month, not '" + text + "'");
    }
}
