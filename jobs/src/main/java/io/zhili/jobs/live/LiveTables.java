package io.zhili.jobs.live;

import io.zhili.geo.parquet.TableSchema;
import io.zhili.jobs.common.RowEncoder;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * The output tables of {@code zhili live} (docs/CONTRACTS.md, "zhili live"): {@code alerts/} (GeoParquet,
 * a point at the alert's position) and {@code dead_letter/} (the truck job's {@code received_at, reason, raw}).
 */
public final class LiveTables {
    public static final String ALERTS = "alerts";
    public static final String DEAD_LETTER = "dead_letter";
    public static final String[] ALL = {ALERTS, DEAD_LETTER};

    private LiveTables() {
    }

    /** The alert columns of the contract, in order, {@code geometry} last. */
    public static RowEncoder<LiveAlert> alerts() {
        return new RowEncoder<>() {
            private static final long serialVersionUID = 1L;
            private transient GeometryFactory factory;

            @Override
            public TableSchema schema() {
                return TableSchema.builder().string("alert_id").string("kind").string("status").string("h3")
                        .string("category").string("class_kind").optionalString("component_id").optionalString("case_id")
                        .optionalString("district_code").optionalString("street_code").optionalString("grid_code")
                        .int64("observed").float64("expected").optionalFloat64("p").timestampMillis("started_at")
                        .timestampMillis("decided_at").optionalTimestampMillis("ended_at").float64("lon").float64("lat")
                        .string("detail").geometry("geometry").build();
            }

            @Override
            public Object[] values(LiveAlert a) {
                if (factory == null) {
                    factory = new GeometryFactory();
                }
                return new Object[] {a.alertId, a.kind, a.status, a.h3, a.category, a.classKind, a.componentId, a.caseId,
                    a.districtCode, a.streetCode, a.gridCode, a.observed, a.expected, Double.isNaN(a.p) ? null : a.p,
                    a.startedAt, a.decidedAt, a.endedAt == Long.MIN_VALUE ? null : a.endedAt, a.lon, a.lat, a.detail,
                    factory.createPoint(new Coordinate(a.lon, a.lat))};
            }
        };
    }
}
