package io.zhili.datasets.cases;

import java.util.List;

/** The generated rows of one day, in file order. Not thread-safe; handed from a worker to the writer. */
public final class CaseDay {
    private final int day;
    final List<CaseRow> rows;

    CaseDay(int day, List<CaseRow> rows) {
        this.day = day;
        this.rows = rows;
    }

    /** Day index, 0 = 1 January 2025. */
    public int day() {
        return day;
    }

    /** Number of rows. */
    public int size() {
        return rows.size();
    }

    /** What {@link #forEachCase} tells of each row. */
    @FunctionalInterface
    public interface CaseVisitor {
        /**
         * @param component true for a COMPONENT case
         * @param minor     the 4-digit class as written
         * @param lon       WGS-84 longitude where the case counts: its component's position for a fault of a
         *                  registered component, else where it happened (before any planted coordinate defect)
         * @param lat       WGS-84 latitude, likewise
         * @param reportedAt epoch ms of the report
         */
        void visit(boolean component, String minor, double lon, double lat, long reportedAt);
    }

    /** Tells {@code visitor} of every row, dirty ones included, in file order. */
    public void forEachCase(CaseGenerator generator, CaseVisitor visitor) {
        for (CaseRow row : rows) {
            boolean atComponent = row.component >= 0;
            visitor.visit(row.componentKind, generator.minorCode(row),
                    atComponent ? generator.componentLon(row.component) : row.lon,
                    atComponent ? generator.componentLat(row.component) : row.lat, row.ts[Lifecycle.REPORTED]);
        }
    }
}
