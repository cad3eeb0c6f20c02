package io.zhili.datasets.truth;

import io.zhili.datasets.Scale;
import io.zhili.datasets.areas.District;
import io.zhili.datasets.cases.CaseCalendar;
import io.zhili.datasets.cases.CaseSource;
import io.zhili.datasets.city.CityLayout;
import io.zhili.datasets.sampling.Allocation;
import io.zhili.datasets.sampling.Seeds;
import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.catalog.ClassKind;
import io.zhili.geo.crs.Distances;
import io.zhili.geo.h3.H3Grid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import io.zhili.geo.crs.Gcj02;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.distance.DistanceOp;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * The planted hotspots of the synthetic cases: sixteen H3 resolution-9 cells at real places of Qingdao
 * (台东 pedestrian street, 李村 market, 金沙滩 beach, ...), seven of them fed by GCJ-02 citizen reports so
 * that a job that forgets the GCJ-02 to WGS-84 conversion (an offset of 300-600 m, more than a cell)
 * misses them, and two on COMPONENT classes (storm drains in the rainy season, street lights in winter)
 * whose cases point at registered components standing in the cell ("anchors").
 *
 * <p>Strength: in each planted month the cell gets {@link #inCellPerMonth} extra cases (40 at the small
 * and city scales, about 3 per 100,000 cases of the year at full scale; twice that for category ALL) and
 * each ring cell a tenth of that,
 * spread evenly over the days of the month. With k = 1 rings this puts the cell's Gi* z far above 1.96
 * against the background of every scale. GCJ-02 hotspots plant a tight cluster (a few tens of metres)
 * in the cell only: read without conversion, the cluster lands outside the cell's ring, so a job that
 * forgets the conversion finds nothing planted at the cell.
 *
 * <p>Immutable and thread-safe.
 */
public final class HotspotPlan {
    /** H3 resolution of the planted cells. */
    public static final int RES = 9;
    /** Components placed in a component hotspot's cell and in each of its ring cells. */
    public static final int ANCHORS_IN_CELL = 8;
    public static final int ANCHORS_PER_RING_CELL = 2;

    private final List<PlantedHotspot> hotspots;
    private final int inCellPerMonth;
    private final int ringPerCellPerMonth;
    private final int[][] inCellPerDay;
    private final int[][] ringPerDay;

    private HotspotPlan(List<PlantedHotspot> hotspots, int inCellPerMonth, int ringPerCellPerMonth) {
        this.hotspots = List.copyOf(hotspots);
        this.inCellPerMonth = inCellPerMonth;
        this.ringPerCellPerMonth = ringPerCellPerMonth;
        this.inCellPerDay = new int[hotspots.size()][];
        this.ringPerDay = new int[hotspots.size()][];
        for (int h = 0; h < hotspots.size(); h++) {
            inCellPerDay[h] = spread(hotspots.get(h), inCellPerMonth(hotspots.get(h)));
            ringPerDay[h] = spread(hotspots.get(h), ringPerCellPerMonth(hotspots.get(h)));
        }
    }

    /**
     * The standard plan for {@code scale} over {@code layout}.
     *
     * @throws IllegalStateException when a planted cell or its ring is not entirely inside its district (a
     *                               bug in the plan)
     */
    public static HotspotPlan standard(Scale scale, CityLayout layout) {
        int inCell = Math.max(40, (int) Math.round(3e-5 * scale.cases()));
        int ring = Math.max(2, inCell / 10);
        List<PlantedHotspot> list = new ArrayList<>();
        for (Spec s : SPECS) {
            list.add(locate(s, layout));
        }
        return new HotspotPlan(list, inCell, ring);
    }

    public List<PlantedHotspot> hotspots() {
        return hotspots;
    }

    /**
     * Checks that {@code catalog} has the class of every single-class hotspot (the shipped catalog has them
     * all; one is local, 0590 night-market road occupation).
     *
     * @param name the catalog's name in the error
     * @throws IllegalArgumentException one line, {@code catalog NAME: ...}, naming the first missing class
     */
    public void requireClasses(ClassCatalog catalog, String name) {
        for (PlantedHotspot h : hotspots) {
            ClassKind kind = h.componentClass() ? ClassKind.COMPONENT : ClassKind.EVENT;
            if (h.singleClass() && catalog.find(kind, h.category()).isEmpty()) {
                throw new IllegalArgumentException("catalog " + name + ": no " + kind + " class " + h.category()
                        + " for the planted hotspot '" + h.note() + "'");
            }
        }
    }

    /**
     * Extra cases in hotspot {@code h}'s cell in each planted month: twice the base for category ALL, whose
     * background (every case of the city) varies far more from cell to cell than a single class's.
     */
    public int inCellPerMonth(PlantedHotspot h) {
        return h.singleClass() ? inCellPerMonth : 2 * inCellPerMonth;
    }

    /** Extra cases in each ring cell of hotspot {@code h} in each planted month (0 for GCJ-02 hotspots). */
    public int ringPerCellPerMonth(PlantedHotspot h) {
        return !h.plantRing() ? 0 : h.singleClass() ? ringPerCellPerMonth : 2 * ringPerCellPerMonth;
    }

    /** Planted cases in hotspot {@code h}'s cell on day {@code day}. */
    public int inCellOn(int h, int day) {
        return inCellPerDay[h][day];
    }

    /** Planted cases in each ring cell of hotspot {@code h} on day {@code day}. */
    public int ringCellOn(int h, int day) {
        return ringPerDay[h][day];
    }

    /** All planted cases of the year. */
    public long total() {
        long t = 0;
        for (int h = 0; h < hotspots.size(); h++) {
            for (int day = 0; day < CaseCalendar.DAYS; day++) {
                t += inCellPerDay[h][day] + 6L * ringPerDay[h][day];
            }
        }
        return t;
    }

    /** Planted cases on day {@code day}, all hotspots. */
    public int totalOn(int day) {
        int t = 0;
        for (int h = 0; h < hotspots.size(); h++) {
            t += inCellPerDay[h][day] + 6 * ringPerDay[h][day];
        }
        return t;
    }

    /**
     * The anchor components of component hotspot {@code h}: {@link #ANCHORS_IN_CELL} points in the cell,
     * then {@link #ANCHORS_PER_RING_CELL} in each ring cell (ring in ascending cell order). Deterministic
     * in {@code seed}.
     *
     * @throws IllegalArgumentException when hotspot {@code h} is not on a component class
     */
    public double[][] anchors(int h, long seed) {
        PlantedHotspot hs = hotspots.get(h);
        if (!hs.componentClass()) {
            throw new IllegalArgumentException("hotspot " + h + " is not on a component class");
        }
        SplittableRandom random = Seeds.stream(seed, Seeds.key("anchors"), h);
        double[][] out = new double[ANCHORS_IN_CELL + 6 * ANCHORS_PER_RING_CELL][2];
        int n = 0;
        for (int i = 0; i < ANCHORS_IN_CELL; i++) {
            pointInCell(hs.cell(), hs.cellRadiusM(), random, out[n++]);
        }
        for (long c : hs.ring()) {
            for (int i = 0; i < ANCHORS_PER_RING_CELL; i++) {
                pointInCell(c, hs.cellRadiusM(), random, out[n++]);
            }
        }
        return out;
    }

    /**
     * Draws a point well inside {@code cell} (within {@link PlantedHotspot#cellRadiusM()} of its centre and
     * verified to lie in the cell); writes lon/lat to {@code out}.
     */
    public static void pointInCell(long cell, double radiusM, SplittableRandom random, double[] out) {
        H3Grid h3 = H3Grid.get();
        double[] c = h3.center(cell);
        double mLon = Distances.metersPerDegreeLon(c[1]);
        double mLat = Distances.metersPerDegreeLat(c[1]);
        for (int attempt = 0; attempt < 100; attempt++) {
            double r = radiusM * Math.sqrt(random.nextDouble());
            double a = random.nextDouble(2 * Math.PI);
            double lon = c[0] + r * Math.cos(a) / mLon;
            double lat = c[1] + r * Math.sin(a) / mLat;
            if (h3.cell(lon, lat, RES) == cell) {
                out[0] = lon;
                out[1] = lat;
                return;
            }
        }
        throw new IllegalStateException("cannot place a point in cell " + h3.address(cell));
    }

    private static int[] spread(PlantedHotspot h, int perMonth) {
        int[] perDay = new int[CaseCalendar.DAYS];
        for (int m = h.fromMonth(); m <= h.toMonth(); m++) {
            int first = CaseCalendar.firstDayOfMonth(m);
            long[] ones = new long[CaseCalendar.daysInMonth(m)];
            Arrays.fill(ones, 1);
            int[] parts = Allocation.cumulative(perMonth, ones);
            for (int i = 0; i < parts.length; i++) {
                perDay[first + i] = parts[i];
            }
        }
        return perDay;
    }

    private static PlantedHotspot locate(Spec s, CityLayout layout) {
        H3Grid h3 = H3Grid.get();
        long cell = h3.cell(s.lon, s.lat, RES);
        District district = layout.areas().district(s.district);
        long[] disk = h3.disk(cell, 1);
        long[] ring = new long[6];
        int n = 0;
        for (long c : disk) {
            Polygon boundary = h3.boundary(c);
            if (!district.geometry().contains(boundary)) {
                throw new IllegalStateException("planted hotspot '" + s.note + "' cell " + h3.address(c)
                        + " is not inside district " + s.district);
            }
            if (c != cell) {
                ring[n++] = c;
            }
        }
        if (n != 6) {
            throw new IllegalStateException("planted hotspot '" + s.note + "' has " + n + " ring cells");
        }
        Arrays.sort(ring);
        double[] center = h3.center(cell);
        double minVertex = Double.MAX_VALUE;
        for (Coordinate v : h3.boundary(cell).getCoordinates()) {
            minVertex = Math.min(minVertex, Distances.meters(center[0], center[1], v.x, v.y));
        }
        // 0.7 of the inscribed radius: points stay in the cell after a GCJ-02 round trip or a 10 m jitter.
        double radius = 0.7 * minVertex * Math.sqrt(3) / 2 - 10;
        boolean plantRing = true;
        if (s.source.reportsGcj02()) {
            // Read without the GCJ-02 conversion, the cluster must land wholly outside the cell's k = 1 ring
            // (the offset, about 460 m east here, barely exceeds the ring's reach), so it is kept tight and
            // the ring gets nothing: a job that forgets to convert then sees nothing planted at the cell.
            List<Geometry> flower = new ArrayList<>();
            for (long c : disk) {
                flower.add(h3.boundary(c));
            }
            double[] shifted = Gcj02.fromWgs84(center[0], center[1]);
            Coordinate[] nearest = DistanceOp.nearestPoints(UnaryUnionOp.union(flower),
                    h3.boundary(cell).getFactory().createPoint(new Coordinate(shifted[0], shifted[1])));
            double clearance = Distances.meters(nearest[0].x, nearest[0].y, shifted[0], shifted[1]);
            radius = Math.min(radius, clearance - 5);
            plantRing = false;
            if (radius < 8) {
                throw new IllegalStateException("planted hotspot '" + s.note + "': its GCJ-02 offset stays within "
                        + clearance + " m of the cell's ring; choose another place");
            }
        }
        return new PlantedHotspot(s.note, s.district, s.category, s.componentClass, s.source, s.from, s.to,
                cell, ring, radius, plantRing);
    }

    private record Spec(String note, double lon, double lat, String district, String category,
                        boolean componentClass, CaseSource source, int from, int to) {
    }

    private static Spec event(String note, double lon, double lat, String district, String category,
                              CaseSource source, int from, int to) {
        return new Spec(note, lon, lat, district, category, false, source, from, to);
    }

    private static final List<Spec> SPECS = List.of(
        event("台东步行街 store-front operation (cameras)", 120.348, 36.091, "370203", "0504", CaseSource.CAMERA, 4, 10),
        event("中山路/劈柴院 street vending in the tourist season", 120.320, 36.068, "370202", "0501", CaseSource.PATROL, 6, 9),
        event("第一海水浴场 exposed rubbish, citizen reports (GCJ-02)", 120.345, 36.058, "370202", "0102",
            CaseSource.CITIZEN_APP, 7, 8),
        event("李村大集 Spring Festival market, all events", 120.432, 36.158, "370213", "ALL", CaseSource.PATROL, 1, 2),
        event("城阳 night market road occupation, citizen reports (GCJ-02)", 120.405, 36.300, "370214", "0590",
            CaseSource.CITIZEN_APP, 5, 9),
        event("金沙滩 open-air barbecue, citizen reports (GCJ-02)", 120.225, 35.962, "370211", "0510",
            CaseSource.CITIZEN_APP, 6, 8),
        event("崂山 金家岭 construction noise, citizen reports (GCJ-02)", 120.470, 36.100, "370212", "0301",
            CaseSource.CITIZEN_APP, 3, 6),
        event("即墨古城 illegal parking, citizen reports (GCJ-02)", 120.452, 36.392, "370215", "0505",
            CaseSource.CITIZEN_APP, 9, 12),
        event("胶州 construction dust seen by drones", 120.030, 36.270, "370281", "0302", CaseSource.DRONE, 3, 5),
        event("平度 illegal piling of materials", 119.955, 36.785, "370283", "0507", CaseSource.PATROL, 4, 6),
        event("莱西 hotline complaints, all events", 120.515, 36.885, "370285", "ALL", CaseSource.HOTLINE_12345, 10, 11),
        new Spec("市北 blocked storm drains in the rainy season (sensors)", 120.365, 36.115, "370203", "0104", true,
            CaseSource.SENSOR, 7, 8),
        new Spec("市南 street lights out in winter", 120.400, 36.070, "370202", "0118", true, CaseSource.PATROL, 11, 12),
        event("红岛 unauthorised construction on satellite images", 120.262, 36.258, "370214", "0101",
            CaseSource.SATELLITE, 5, 7),
        event("灵珠山 new estate, citizen reports of all kinds (GCJ-02)", 120.110, 35.965, "370211", "ALL",
            CaseSource.CITIZEN_APP, 6, 9),
        event("李沧 commercial noise, citizen reports (GCJ-02)", 120.395, 36.205, "370213", "0508",
            CaseSource.CITIZEN_APP, 6, 8));
}
