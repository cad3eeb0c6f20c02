package io.zhili.datasets.cases;

import io.zhili.geo.table.RejectReason;

/**
 * One generated case while its day is assembled (package-private working state, not a public model).
 * Coordinates are the true WGS-84 location; the written ones (GCJ-02 or planted defects) are
 * {@link #outLon}/{@link #outLat}.
 */
final class CaseRow {
    CaseSource source;
    boolean componentKind;
    /** Component class index or event class index, by {@link #componentKind}. */
    int classIndex;
    /** Registry row of the component at fault, or -1. */
    int component = -1;
    /** Whether the row writes its component's id (80 % of component cases). */
    boolean withId;
    double lon;
    double lat;
    double outLon;
    double outLat;
    boolean gcj02;
    final long[] ts = new long[5];
    /** Position of the district the case lies in. */
    int district = -1;
    /** True when the reporting system left district_code empty. */
    boolean blankDistrict;
    boolean planted;
    String caseId;

    RejectReason dirty;
    String note;
    /** Written instead of the generated value when not null. */
    String majorText;
    String minorText;
    String componentIdText;
    /** Column index (0..4 of the lifecycle) whose text is {@link #badTimestampText}, or -1. */
    int badTimestampColumn = -1;
    String badTimestampText;

    CaseRow copy() {
        CaseRow c = new CaseRow();
        c.source = source;
        c.componentKind = componentKind;
        c.classIndex = classIndex;
        c.component = component;
        c.withId = withId;
        c.lon = lon;
        c.lat = lat;
        c.outLon = outLon;
        c.outLat = outLat;
        c.gcj02 = gcj02;
        System.arraycopy(ts, 0, c.ts, 0, ts.length);
        c.district = district;
        c.blankDistrict = blankDistrict;
        c.planted = planted;
        c.caseId = caseId;
        c.majorText = majorText;
        c.minorText = minorText;
        c.componentIdText = componentIdText;
        return c;
    }

    /** True when the row exists only in the CSV (an unparseable timestamp has no typed Parquet value). */
    boolean csvOnly() {
        return dirty == RejectReason.BAD_TIMESTAMP;
    }
}
