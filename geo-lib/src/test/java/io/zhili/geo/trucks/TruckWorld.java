package io.zhili.geo.trucks;

import io.zhili.geo.crs.Distances;
import io.zhili.geo.fence.HoursWindow;
import io.zhili.geo.fence.ReferenceLayers;
import io.zhili.geo.fence.Route;
import io.zhili.geo.fence.Site;
import io.zhili.geo.fence.SiteKind;
import io.zhili.geo.fence.Zone;
import io.zhili.geo.fence.ZoneKind;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * A small hand-made world for rule tests, in metres east (x) and north (y) of 120.30E 36.10N:
 * permit P1 for truck 鲁B00001 along y = 0 from x = 0 to x = 10 000 (corridor 100 m, hours
 * 22:00-06:00, valid 2025-11-01..2025-12-31); construction site S1 at x -300..100; disposal site D1
 * at x 9 900..10 300; restricted zone Z-DAY (07:00-20:00) across the route at x 4 000..4 500 and
 * Z-NIGHT (20:00-06:00) north of the route at x 6 000..6 500, y 300..800.
 */
final class TruckWorld {
    static final String TRUCK = "鲁B00001";
    static final double LON0 = 120.30;
    static final double LAT0 = 36.10;
    static final double KX = Distances.metersPerDegreeLon(LAT0);
    static final double KY = Distances.metersPerDegreeLat(LAT0);
    /** 2025-11-24 23:00 local: inside permit hours, inside Z-NIGHT's hours, outside Z-DAY's. */
    static final long NIGHT = OffsetDateTime.parse("2025-11-24T23:00:00+08:00").toInstant().toEpochMilli();
    /** 2025-11-25 09:00 local: outside permit hours, inside Z-DAY's hours. */
    static final long MORNING = OffsetDateTime.parse("2025-11-25T09:00:00+08:00").toInstant().toEpochMilli();
    private static final GeometryFactory GF = new GeometryFactory();

    static final ReferenceLayers LAYERS = ReferenceLayers.of(
            List.of(new Route("P1", List.of(TRUCK), List.of(), "S1", "D1", LocalDate.parse("2025-11-01"),
                    LocalDate.parse("2025-12-31"), HoursWindow.parse("22:00-06:00"), 100,
                    GF.createLineString(new Coordinate[] {c(0, 0), c(5000, 0), c(10_000, 0)}))),
            List.of(new Site("S1", SiteKind.CONSTRUCTION, "工地一", box(-300, -200, 100, 200)),
                    new Site("D1", SiteKind.DISPOSAL, "消纳场一", box(9900, -200, 10_300, 200))),
            List.of(new Zone("Z-DAY", ZoneKind.RESTRICTED, HoursWindow.parse("07:00-20:00"), box(4000, -300, 4500, 300)),
                    new Zone("Z-NIGHT", ZoneKind.RESTRICTED, HoursWindow.parse("20:00-06:00"), box(6000, 300, 6500, 800))));

    private TruckWorld() {
    }

    static Coordinate c(double x, double y) {
        return new Coordinate(LON0 + x / KX, LAT0 + y / KY);
    }

    static Polygon box(double x0, double y0, double x1, double y1) {
        return GF.createPolygon(new Coordinate[] {c(x0, y0), c(x1, y0), c(x1, y1), c(x0, y1), c(x0, y0)});
    }

    static TruckRuleEngine engine() {
        return new TruckRuleEngine(LAYERS, RuleConfig.defaults());
    }

    /** Runs the trace through a fresh engine and state as a Flink job would, returning all alerts. */
    static List<Alert> run(List<GpsPoint> trace) {
        List<Alert> alerts = new ArrayList<>();
        engine().runTrace(new TruckState(), trace, alerts::add, null);
        return alerts;
    }

    static List<Alert> only(List<Alert> alerts, RuleType rule) {
        return alerts.stream().filter(a -> a.rule() == rule).toList();
    }

    /**
     * Builds a trace report by report, 10 s apart. Position in metres of the world frame; each
     * {@link #move} report advances by the velocity and reports its speed.
     */
    static final class Trace {
        private final List<GpsPoint> points = new ArrayList<>();
        private long t;
        private double x;
        private double y;
        private double load = 18;
        private LidState lid = LidState.CLOSED;
        private String truck = TRUCK;

        Trace(long t0, double x, double y) {
            this.t = t0;
            this.x = x;
            this.y = y;
        }

        Trace truck(String id) {
            truck = id;
            return this;
        }

        Trace load(double tonnes) {
            load = tonnes;
            return this;
        }

        Trace lid(LidState state) {
            lid = state;
            return this;
        }

        /** {@code n} reports, each 10 s after the last, moving by (vx, vy) m/s. */
        Trace move(int n, double vx, double vy) {
            double speed = Math.round(Math.hypot(vx, vy) * 36) / 10.0; // 0.1 km/h, as terminals report
            for (int i = 0; i < n; i++) {
                t += 10_000;
                x += vx * 10;
                y += vy * 10;
                emit(speed);
            }
            return this;
        }

        /** {@code n} reports, each 10 s after the last, standing still. */
        Trace stop(int n) {
            for (int i = 0; i < n; i++) {
                t += 10_000;
                emit(0);
            }
            return this;
        }

        /** One report now (no time advance), e.g. the first of a trace. */
        Trace report(double speedKmh) {
            emit(speedKmh);
            return this;
        }

        /** Time passes without reports while the truck moves by (dx, dy) metres. */
        Trace silent(long ms, double dx, double dy) {
            t += ms;
            x += dx;
            y += dy;
            return this;
        }

        /** Appends an arbitrary report (a jump, a duplicate). */
        Trace add(GpsPoint p) {
            points.add(p);
            return this;
        }

        GpsPoint last() {
            return points.get(points.size() - 1);
        }

        long time() {
            return t;
        }

        List<GpsPoint> points() {
            return points;
        }

        private void emit(double speedKmh) {
            Coordinate c = c(x, y);
            points.add(new GpsPoint(truck, t, c.x, c.y, speedKmh, 90, lid, load));
        }
    }
}
