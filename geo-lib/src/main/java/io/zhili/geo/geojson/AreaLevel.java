package io.zhili.geo.geojson;

import java.util.Locale;

/**
 * The administrative level of an area in the optional areas layer: district (区), street (街道) or
 * management grid (网格), written in files as {@code district|street|grid}.
 */
public enum AreaLevel {
    DISTRICT,
    STREET,
    GRID;

    /**
     * The level named by {@code district}, {@code street} or {@code grid} (case and surrounding
     * blanks ignored).
     *
     * @throws IllegalArgumentException for any other text, naming it
     */
    public static AreaLevel parse(String text) {
        if (text != null) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "district":
                    return DISTRICT;
                case "street":
                    return STREET;
                case "grid":
                    return GRID;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("area level must be district, street or grid, got '" + text + "'");
    }

    /** The file form: {@code district}, {@code street} or {@code grid}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
