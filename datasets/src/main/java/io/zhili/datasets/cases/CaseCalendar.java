package io.zhili.datasets.cases;

import io.zhili.datasets.sampling.Allocation;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * The 365 days of 2025 (Asia/Shanghai) and how busy each is for each case source: a seasonal curve
 * (quiet winter and Spring Festival, busy tourist summer), the source's weekly rhythm, and China's 2025
 * public holidays (less patrol, more citizen reports) with the weekend days that are worked in exchange
 * (调休) counted as weekdays.
 *
 * <p>Immutable and thread-safe.
 */
public final class CaseCalendar {
    /** The year the synthetic cases cover. */
    public static final int YEAR = 2025;
    public static final int DAYS = 365;
    private static final LocalDate FIRST = LocalDate.of(YEAR, 1, 1);

    /** Relative case volume by month (mid-month values, linearly interpolated between them). */
    private static final double[] SEASON = {0.80, 0.78, 0.95, 1.05, 1.10, 1.10, 1.22, 1.25, 1.05, 1.00, 0.92, 0.85};

    private static final Set<LocalDate> HOLIDAYS = Set.of(
            d(1, 1), d(1, 28), d(1, 29), d(1, 30), d(1, 31), d(2, 1), d(2, 2), d(2, 3), d(2, 4),
            d(4, 4), d(4, 5), d(4, 6), d(5, 1), d(5, 2), d(5, 3), d(5, 4), d(5, 5), d(5, 31), d(6, 1), d(6, 2),
            d(10, 1), d(10, 2), d(10, 3), d(10, 4), d(10, 5), d(10, 6), d(10, 7), d(10, 8));
    private static final Set<LocalDate> WORKED_WEEKENDS = Set.of(d(1, 26), d(2, 8), d(4, 27), d(9, 28), d(10, 11));

    private final double[][] weights = new double[DAYS][CaseSource.values().length];

    public CaseCalendar() {
        for (int day = 0; day < DAYS; day++) {
            LocalDate date = date(day);
            double season = season(day);
            boolean holiday = HOLIDAYS.contains(date);
            int dow = date.getDayOfWeek().getValue() - 1;
            if (WORKED_WEEKENDS.contains(date)) {
                dow = DayOfWeek.WEDNESDAY.getValue() - 1;
            }
            for (CaseSource s : CaseSource.values()) {
                double w = s.share() * season;
                if (s == CaseSource.SATELLITE) {
                    // Image batches follow the processing team's schedule, not the holidays.
                    w *= s.weekly(date.getDayOfWeek().getValue() - 1);
                } else if (holiday) {
                    w *= s.holidayFactor() * s.weekly(DayOfWeek.SUNDAY.getValue() - 1);
                } else {
                    w *= s.weekly(dow);
                }
                if (s == CaseSource.SENSOR && (date.getMonthValue() == 7 || date.getMonthValue() == 8)) {
                    w *= 1.3; // storms set off water-level and manhole sensors
                }
                weights[day][s.ordinal()] = w;
            }
        }
    }

    /** The local date of day {@code day} (0 = 1 January 2025). */
    public static LocalDate date(int day) {
        return FIRST.plusDays(day);
    }

    /** Epoch milliseconds of local midnight (Asia/Shanghai, +08:00) starting day {@code day}. */
    public static long midnightMillis(int day) {
        return date(day).atStartOfDay().toInstant(ZoneOffset.ofHours(8)).toEpochMilli();
    }

    /** Month 1..12 of day {@code day}. */
    public static int month(int day) {
        return date(day).getMonthValue();
    }

    /** First day index of {@code month} (1..12). */
    public static int firstDayOfMonth(int month) {
        return (int) (LocalDate.of(YEAR, month, 1).toEpochDay() - FIRST.toEpochDay());
    }

    /** Number of days of {@code month} (1..12). */
    public static int daysInMonth(int month) {
        return LocalDate.of(YEAR, month, 1).lengthOfMonth();
    }

    /** Relative volume of {@code source} on day {@code day}. */
    public double weight(int day, CaseSource source) {
        return weights[day][source.ordinal()];
    }

    /** Relative volume of all sources on day {@code day}. */
    public double weight(int day) {
        double w = 0;
        for (double v : weights[day]) {
            w += v;
        }
        return w;
    }

    /** Relative volumes of the sources on day {@code day}, in {@link CaseSource} order (a copy). */
    public double[] sourceWeights(int day) {
        return weights[day].clone();
    }

    /** Splits {@code total} cases exactly over the days in proportion to their volume. */
    public int[] casesPerDay(long total) {
        double[] w = new double[DAYS];
        for (int day = 0; day < DAYS; day++) {
            w[day] = weight(day);
        }
        return Allocation.largestRemainder(total, w);
    }

    private static double season(int day) {
        LocalDate date = date(day);
        int m = date.getMonthValue() - 1;
        double pos = (date.getDayOfMonth() - 0.5) / date.lengthOfMonth() - 0.5; // -0.5..0.5 around mid-month
        int other = pos < 0 ? m - 1 : m + 1;
        double here = SEASON[m];
        double there = SEASON[Math.floorMod(other, 12)];
        return here + (there - here) * Math.abs(pos);
    }

    private static LocalDate d(int month, int day) {
        return LocalDate.of(YEAR, month, day);
    }
}
