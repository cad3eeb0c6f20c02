package io.zhili.geo.trucks;

import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.catalog.ClassKind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A SPILLAGE alert as a city-management case row in the cases contract, so street cleaning is
 * dispatched and {@code zhili hotspots} counts spills: source {@code TRUCK_ALERT}, kind {@code EVENT},
 * class 01/0190 (道路遗撒, road spillage from muck trucks: a local extension of the catalog, the national
 * standard has no code for it), WGS84 location of the spill,
 * {@code reported_at} = the alert's end (when the fall was seen), later lifecycle fields and the
 * district empty (not reached / unknown to the truck job). {@code case_id} is {@code TA-} plus the
 * alert id, so a replay writes the same case.
 *
 * <p>Stateless and thread-safe.
 */
public final class SpillageCase {
    /** The cases contract's columns, in order. */
    public static final List<String> COLUMNS = List.of("case_id", "source", "kind", "major_class", "minor_class",
            "component_id", "lon", "lat", "crs", "reported_at", "verified_at", "dispatched_at", "disposed_at",
            "closed_at", "district_code");
    public static final String SOURCE = "TRUCK_ALERT";
    public static final String KIND = "EVENT";
    public static final String MAJOR_CLASS = "01";
    public static final String MINOR_CLASS = "0190";
    private static final DateTimeFormatter ISO_CST = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.ofHours(8));

    private SpillageCase() {
    }

    /**
     * Checks that a catalog knows the class of the SPILLAGE cases (EVENT {@value #MINOR_CLASS}), so the
     * truck job never writes cases that the hotspot job with the same catalog refuses as UNKNOWN_CLASS.
     *
     * @param name the catalog's name in the error ({@code --catalog} file or the shipped resource)
     * @throws IllegalArgumentException one line, {@code catalog NAME: ...}, when the class is missing
     */
    public static void requireClass(ClassCatalog catalog, String name) {
        if (catalog.find(ClassKind.EVENT, MINOR_CLASS).isEmpty()) {
            throw new IllegalArgumentException("catalog " + name + ": no EVENT class " + MINOR_CLASS
                    + " (道路遗撒, road spillage from muck trucks), the class of the SPILLAGE cases");
        }
    }

    /**
     * The case row of a SPILLAGE alert, values as text in {@link #COLUMNS} order ({@code reported_at}
     * ISO-8601 with +08:00; empty strings for empty cells).
     *
     * @throws IllegalArgumentException for an alert of another rule
     */
    public static String[] row(Alert a) {
        if (a.rule() != RuleType.SPILLAGE) {
            throw new IllegalArgumentException("only SPILLAGE alerts are cases, got " + a.rule());
        }
        return new String[] {"TA-" + a.alertId(), SOURCE, KIND, MAJOR_CLASS, MINOR_CLASS, "", Double.toString(a.lon()),
                Double.toString(a.lat()), "WGS84", ISO_CST.format(Instant.ofEpochMilli(a.endTs())), "", "", "", "", ""};
    }
}
