package io.zhili.datasets;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Size of a generated synthetic Qingdao data set. {@link #FULL} is a city of Qingdao's size (about
 * 1.9 million registered components and 3.84 million cases a year, 6,000 muck trucks); {@link #CITY} is
 * a tenth of it and {@link #SMALL} is sized for unit tests (seconds); {@link #FULL2X} doubles every count of
 * {@link #FULL} over the same city (denser, not larger), for measuring how cost grows.
 *
 * <p>Row counts are exact: the generated components and cases tables have exactly {@link #components()}
 * and {@link #cases()} data rows in their CSV files, dirty rows included.
 */
public enum Scale {
    SMALL(20_000, 40_000, 60),
    CITY(190_000, 384_000, 600),
    FULL(1_900_000, 3_840_000, 6_000),
    /** Twice {@link #FULL} in every count, on the same city: for measuring how cost grows beyond one city. */
    FULL2X(3_800_000, 7_680_000, 12_000);

    private final int components;
    private final int cases;
    private final int trucks;

    Scale(int components, int cases, int trucks) {
        this.components = components;
        this.cases = cases;
        this.trucks = trucks;
    }

    /** Rows of {@code components.csv}. */
    public int components() {
        return components;
    }

    /** Rows of {@code cases.csv} (one year, 2025). */
    public int cases() {
        return cases;
    }

    /** Muck trucks of the fleet the truck generator simulates. */
    public int trucks() {
        return trucks;
    }

    /** The command-line spelling: {@code small}, {@code city}, {@code full} or {@code full2x}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the command-line spelling, case-insensitively.
     *
     * @throws IllegalArgumentException with a one-line message listing the valid names
     */
    public static Scale parse(String text) {
        if (text != null) {
            for (Scale s : values()) {
                if (s.name().equalsIgnoreCase(text.trim())) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("unknown scale '" + text + "', expected one of "
                + Arrays.stream(values()).map(Scale::cliName).collect(Collectors.joining(", ")));
    }
}
