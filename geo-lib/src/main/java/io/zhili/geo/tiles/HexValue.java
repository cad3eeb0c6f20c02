package io.zhili.geo.tiles;

/**
 * Which figure of a cell a heat ramp shows.
 *
 * <p>Immutable and thread-safe.
 */
public enum HexValue {
    /** The number of cases in the cell. */
    COUNT,
    /** The cell's rate (cases per component, as the hotspot job defines it); NaN where it has none. */
    RATE;

    /** The value of cell {@code i}; NaN for a missing rate. */
    public double of(HexLayer layer, int i) {
        return this == COUNT ? layer.cases(i) : layer.rate(i);
    }

    /** The command-line spelling: {@code count} or {@code rate}. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Parses {@code count} or {@code rate}, case-insensitively.
     *
     * @throws IllegalArgumentException with a one-line reason for anything else
     */
    public static HexValue parse(String text) {
        for (HexValue v : values()) {
            if (v.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return v;
            }
        }
        throw new IllegalArgumentException("value must be count or rate, not '" + text + "'");
    }
}
