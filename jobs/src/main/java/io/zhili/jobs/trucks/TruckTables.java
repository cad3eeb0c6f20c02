package io.zhili.jobs.trucks;

import io.zhili.geo.parquet.TableSchema;
import io.zhili.geo.trucks.Alert;
import io.zhili.geo.trucks.SpillageCase;
import io.zhili.jobs.common.RowEncoder;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

/**
 * The output tables of {@code zhili trucks} (docs/CONTRACTS.md, "Truck outputs"): {@code alerts/},
 * {@code dead_letter/} and {@code cases/}. Geometries are WGS-84 points of where the alert happened.
 * Optional columns are null where the contract has no value (no permit, no route distance).
 */
public final class TruckTables {
    public static final String ALERTS = "alerts";
    public static final String DEAD_LETTER = "dead_letter";
    public static final String CASES = "cases";
    public static final String[] ALL = {ALERTS, DEAD_LETTER, CASES};

    private TruckTables() {
    }

    /**
     * {@code alert_id, rule, truck_id, permit_id, start_ts, end_ts, lon, lat, max_distance_m, points,
     * severity, detail, geometry}; {@code detail} (evidence in words) follows the contract's columns.
     */
    public static RowEncoder<Alert> alerts() {
        return new PointEncoder<>() {
            @Override
            public TableSchema schema() {
                return TableSchema.builder().string("alert_id").string("rule").string("truck_id")
                        .optionalString("permit_id").timestampMillis("start_ts").timestampMillis("end_ts")
                        .float64("lon").float64("lat").optionalFloat64("max_distance_m").int32("points")
                        .string("severity").string("detail").geometry("geometry").build();
            }

            @Override
            public Object[] values(Alert a) {
                return new Object[] {a.alertId(), a.rule(), a.truckId(), a.permitId(), a.startTs(), a.endTs(),
                        a.lon(), a.lat(), Double.isNaN(a.maxDistanceM()) ? null : a.maxDistanceM(), a.points(),
                        a.severity(), a.detail(), point(a.lon(), a.lat())};
            }
        };
    }

    /** {@code received_at, reason, raw}. */
    public static RowEncoder<DeadLetter> deadLetters() {
        return new RowEncoder<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public TableSchema schema() {
                return TableSchema.builder().timestampMillis("received_at").string("reason").string("raw").build();
            }

            @Override
            public Object[] values(DeadLetter d) {
                return new Object[] {d.receivedAt, d.reason, d.raw};
            }
        };
    }

    /**
     * SPILLAGE alerts as cases in the cases contract ({@link SpillageCase}: source TRUCK_ALERT, kind
     * EVENT, class 0190, {@code case_id} TA-&lt;alert id&gt;, reported when the fall was seen), with the
     * point geometry last.
     */
    public static RowEncoder<Alert> cases() {
        return new PointEncoder<>() {
            @Override
            public TableSchema schema() {
                return TableSchema.builder().string("case_id").string("source").string("kind")
                        .string("major_class").string("minor_class").optionalString("component_id")
                        .float64("lon").float64("lat").string("crs").timestampMillis("reported_at")
                        .optionalTimestampMillis("verified_at").optionalTimestampMillis("dispatched_at")
                        .optionalTimestampMillis("disposed_at").optionalTimestampMillis("closed_at")
                        .optionalString("district_code").geometry("geometry").build();
            }

            @Override
            public Object[] values(Alert a) {
                String[] row = SpillageCase.row(a);
                return new Object[] {row[0], SpillageCase.SOURCE, SpillageCase.KIND, SpillageCase.MAJOR_CLASS,
                        SpillageCase.MINOR_CLASS, null, a.lon(), a.lat(), "WGS84", a.endTs(), null, null, null, null,
                        null, point(a.lon(), a.lat())};
            }
        };
    }

    private abstract static class PointEncoder<T> implements RowEncoder<T> {
        private static final long serialVersionUID = 1L;
        private transient GeometryFactory factory;

        Point point(double lon, double lat) {
            if (factory == null) {
                factory = new GeometryFactory();
            }
            return factory.createPoint(new Coordinate(lon, lat));
        }
    }
}
