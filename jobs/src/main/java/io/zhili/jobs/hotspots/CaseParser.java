package io.zhili.jobs.hotspots;

import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.catalog.ClassKind;
import io.zhili.geo.crs.Gcj02;
import io.zhili.geo.geojson.AreaIndex;
import io.zhili.geo.geojson.AreaLevel;
import io.zhili.geo.table.RejectReason;
import io.zhili.geo.util.Timestamps;
import java.util.List;

/**
 * Validates a row of the cases contract and converts GCJ-02 positions to WGS-84, so everything after
 * this point is in one datum. Checks that need the component registry (unknown component, duplicate
 * case id) happen later, where the registry and all rows of an id meet.
 */
public final class CaseParser extends RowParser<CaseRecord> {
    public static final String[] COLUMNS = {"case_id", "source", "kind", "major_class", "minor_class", "component_id",
        "lon", "lat", "crs", "reported_at", "verified_at", "dispatched_at", "disposed_at", "closed_at", "district_code"};
    static final String[] SOURCES = {"PATROL", "CAMERA", "CITIZEN_APP", "HOTLINE_12345", "DRONE", "SATELLITE",
        "SENSOR", "TRUCK_ALERT"};
    private static final String[] STAMP_NAMES = {"reported_at", "verified_at", "dispatched_at", "disposed_at", "closed_at"};

    private final ClassCatalog catalog;
    private final HotspotOptions options;
    private final AreaIndex areas;
    private final int[] col;
    private final long[] stamps = new long[5];

    public CaseParser(List<String> header, ClassCatalog catalog, HotspotOptions options, AreaIndex areas) {
        this.catalog = catalog;
        this.options = options;
        this.areas = areas;
        this.col = columnIndexes(header, COLUMNS, "cases");
    }

    static int sourceCode(String text) {
        for (int i = 0; i < SOURCES.length; i++) {
            if (SOURCES[i].equals(text)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The row's reported_at in epoch milliseconds, read before any validation so that a date window
     * can pass over other dates' rows, bad or not; {@link Timestamps#INVALID} or {@link Timestamps#EMPTY}
     * when it cannot be read (then {@link #parse} refuses the row).
     */
    long reportedAt(String[] f) {
        return Timestamps.parseMillis(field(f, col[9]));
    }

    @Override
    public CaseRecord parse(String[] f) {
        String caseId = field(f, col[0]);
        if (caseId.isEmpty()) {
            return refuse(RejectReason.MALFORMED_ROW.name(), "case_id is empty");
        }
        int source = sourceCode(field(f, col[1]));
        if (source < 0) {
            return refuse(RejectReason.MALFORMED_ROW.name(), "source '" + field(f, col[1]) + "' is not one of the contract's sources");
        }
        String kindText = field(f, col[2]);
        ClassKind kind;
        if ("COMPONENT".equals(kindText)) {
            kind = ClassKind.COMPONENT;
        } else if ("EVENT".equals(kindText)) {
            kind = ClassKind.EVENT;
        } else {
            return refuse(RejectReason.MALFORMED_ROW.name(), "kind '" + kindText + "' is neither COMPONENT nor EVENT");
        }
        String major = field(f, col[3]);
        String minor = field(f, col[4]);
        if (classCode(minor, 4) < 0 || catalog.find(kind, minor).isEmpty()) {
            return refuse(RejectReason.UNKNOWN_CLASS.name(), "minor_class '" + minor + "' is not a " + kind + " class of the catalog");
        }
        String majorProblem = majorProblem(major, minor);
        if (majorProblem != null) {
            return refuse(RejectReason.UNKNOWN_CLASS.name(), majorProblem);
        }
        String componentText = field(f, col[5]);
        long componentId = -1;
        if (!componentText.isEmpty()) {
            if (componentText.length() != 16 || !allDigits(componentText)) {
                return refuse(RejectReason.UNKNOWN_COMPONENT.name(), "component_id '" + componentText + "' is not a 16-digit component code");
            }
            componentId = Long.parseLong(componentText);
        }
        String lonText = field(f, col[6]);
        String latText = field(f, col[7]);
        double lon = coordinate(lonText);
        double lat = coordinate(latText);
        boolean located = componentId >= 0 && lonText.isEmpty() && latText.isEmpty();
        if (!located) {
            String problem = coordinateProblem(lon, lat, lonText, latText);
            if (problem != null) {
                return refuse(RejectReason.BAD_COORDINATES.name(), problem);
            }
            String crs = field(f, col[8]);
            if ("GCJ02".equalsIgnoreCase(crs)) {
                double[] wgs = Gcj02.toWgs84(lon, lat);
                lon = wgs[0];
                lat = wgs[1];
            } else if (!crs.isEmpty() && !"WGS84".equalsIgnoreCase(crs)) {
                return refuse(RejectReason.BAD_COORDINATES.name(), "crs '" + crs + "' is neither WGS84 nor GCJ02");
            }
            // A case that names its component takes the component's position in the join (the registry has
            // tested that one), so a noisy reported position just outside the area does not refuse it.
            if (componentId < 0 && (areas != null ? areas.areaAt(AreaLevel.DISTRICT, lon, lat) == null
                    : !options.insideCityBox(lon, lat))) {
                return refuse(RejectReason.OUT_OF_AREA.name(), "lon/lat " + lonText + "," + latText + " is outside the city");
            }
        } else {
            lon = Double.NaN;
            lat = Double.NaN;
        }
        for (int i = 0; i < 5; i++) {
            String text = field(f, col[9 + i]);
            long t = Timestamps.parseMillis(text);
            if (t == Timestamps.INVALID) {
                return refuse(RejectReason.BAD_TIMESTAMP.name(), STAMP_NAMES[i] + " '" + text + "' is not ISO-8601 with offset nor epoch ms");
            }
            if (t != Timestamps.EMPTY && !Timestamps.plausible(t)) {
                return refuse(RejectReason.BAD_TIMESTAMP.name(), STAMP_NAMES[i] + " '" + text + "' is outside 2000..2100");
            }
            stamps[i] = t;
        }
        if (stamps[0] == Timestamps.EMPTY) {
            return refuse(RejectReason.BAD_TIMESTAMP.name(), "reported_at is empty");
        }
        // The lifecycle is a chain: each step that was reached lies at or after every earlier one.
        int previous = 0;
        for (int i = 1; i < 5; i++) {
            if (stamps[i] == Timestamps.EMPTY) {
                continue;
            }
            if (stamps[i] < stamps[previous]) {
                return refuse(RejectReason.INCONSISTENT_TIMESTAMPS.name(), STAMP_NAMES[i] + " is before " + STAMP_NAMES[previous]);
            }
            previous = i;
        }
        CaseRecord r = new CaseRecord();
        r.caseId = caseId;
        r.source = (byte) source;
        r.kind = (byte) kind.ordinal();
        r.minorClass = Integer.parseInt(minor);
        r.componentId = componentId;
        r.lon = lon;
        r.lat = lat;
        r.reportedAt = stamps[0];
        r.verifiedAt = stamps[1];
        r.dispatchedAt = stamps[2];
        r.disposedAt = stamps[3];
        r.closedAt = stamps[4];
        r.district = districtCode(field(f, col[14]));
        return r;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
