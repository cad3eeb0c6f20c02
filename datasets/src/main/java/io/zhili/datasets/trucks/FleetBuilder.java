package io.zhili.datasets.trucks;

import io.zhili.datasets.areas.District;
import io.zhili.datasets.areas.QingdaoAreas;
import io.zhili.datasets.areas.Town;
import io.zhili.geo.crs.Distances;
import io.zhili.geo.fence.HoursWindow;
import io.zhili.geo.fence.Route;
import io.zhili.geo.fence.Site;
import io.zhili.geo.fence.SiteIndex;
import io.zhili.geo.fence.SiteKind;
import io.zhili.geo.fence.Zone;
import io.zhili.geo.fence.ZoneIndex;
import io.zhili.geo.fence.ZoneKind;
import io.zhili.geo.geojson.Area;
import io.zhili.geo.jt808.Jt808Version;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Lays out the synthetic truck world on Qingdao's land: construction and disposal sites around the
 * towns, permits whose routes follow a street grid from a construction site to a nearby disposal
 * site, the fleet (plates, terminals, sensors, planted scenarios) and restricted zones placed beside
 * routes (never on one). Deterministic for a seed; single-threaded.
 */
final class FleetBuilder {
    static final LocalDate VALID_FROM = LocalDate.parse("2025-11-01");
    static final LocalDate VALID_TO = LocalDate.parse("2025-12-31");
    static final LocalDate EXPIRED_FROM = LocalDate.parse("2025-09-01");
    static final LocalDate EXPIRED_TO = LocalDate.parse("2025-10-31");
    /** Full-scale site counts (Qingdao's registered construction sites and disposal sites). */
    static final int FULL_CONSTRUCTION_SITES = 321;
    static final int FULL_DISPOSAL_SITES = 243;
    static final int FULL_FLEET = 6000;

    private static final String[] PERMIT_HOURS = {"22:00-06:00", "22:00-06:00", "22:00-06:00", "21:30-05:30", "21:00-05:00"};
    private static final double[] CORRIDORS = {100, 100, 100, 100, 100, 100, 150, 150, 80, 80};
    /** Zone hours that cover the whole simulated night, and ones that cover none of it. */
    private static final String[] NIGHT_ZONE_HOURS = {"20:00-06:00", "00:00-24:00", "21:00-07:00"};
    private static final String[] DAY_ZONE_HOURS = {"07:00-19:00", "06:30-20:30", "07:00-09:00,17:00-19:00"};
    private static final Scenario[] LOADED_A = {Scenario.ROUTE_DEVIATION, Scenario.UNCOVERED_LOAD, Scenario.SPILLAGE,
        Scenario.ILLEGAL_DUMPING, Scenario.SIGNAL_LOSS};
    private static final Scenario[] LOADED_B = {Scenario.LOADED_QUEUE, Scenario.SIGNAL_LOSS, Scenario.ROUTE_DEVIATION,
        Scenario.ILLEGAL_DUMPING, Scenario.UNCOVERED_LOAD, Scenario.SPILLAGE};
    private static final Scenario[] EMPTY_A = {Scenario.RESTRICTED_ZONE, Scenario.SPEEDING, Scenario.ZONE_OUTSIDE_HOURS,
        Scenario.RESTRICTED_ZONE, Scenario.EMPTY_SILENCE, Scenario.SPEEDING, Scenario.EMPTY_DETOUR};
    private static final String PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    /** Straight-line distance beyond which a disposal site is not considered for a permit, metres. */
    private static final double MAX_HAUL_M = 25_000;
    /** Clearance between a zone and any route, metres: the widest corridor plus a margin. */
    private static final double ZONE_ROUTE_CLEARANCE_M = 250;

    private final SplittableRandom rng;
    private final GeometryFactory gf = new GeometryFactory(new PrecisionModel(), 4326);
    private final PreparedGeometry land;
    private final List<Anchor> anchors = new ArrayList<>();
    private final List<Geometry> namingAreas = new ArrayList<>();
    private final List<String> namingNames = new ArrayList<>();

    private final List<Site> sites = new ArrayList<>();
    private final List<double[]> siteCentres = new ArrayList<>();
    /** The anchor each construction site was placed around: disposal sites follow them. */
    private final List<Anchor> siteAnchors = new ArrayList<>();
    private final List<Zone> zones = new ArrayList<>();
    private final List<LineString> detours = new ArrayList<>();
    private final STRtree routeTree = new STRtree();
    private final List<PermitPath> routeList = new ArrayList<>();

    /** A centre of building activity: sites cluster around it. */
    private record Anchor(double lon, double lat, double radiusM, double weight) {
    }

    /**
     * @param land the districts sites may lie in (lon/lat polygons, named for the sites' names); null
     *             or empty for Qingdao's ten districts
     */
    FleetBuilder(long seed, List<Area> land) {
        this.rng = new SplittableRandom(seed ^ 0x7472_7563_6b73L);
        List<Geometry> parts = new ArrayList<>();
        if (land == null || land.isEmpty()) {
            for (District d : QingdaoAreas.standard().districts()) {
                parts.add(d.geometry());
                namingAreas.add(d.geometry());
                namingNames.add(d.nameZh());
            }
        } else {
            for (Area a : land) {
                parts.add(a.geometry());
                namingAreas.add(a.geometry());
                namingNames.add(a.name());
            }
        }
        Geometry union = gf.buildGeometry(parts).union();
        this.land = PreparedGeometryFactory.prepare(union);
        for (District d : QingdaoAreas.standard().districts()) {
            for (Town t : d.towns()) {
                if (this.land.covers(gf.createPoint(new Coordinate(t.lon(), t.lat())))) {
                    anchors.add(new Anchor(t.lon(), t.lat(), t.radiusKm() * 1000, t.weight()));
                }
            }
        }
        if (anchors.isEmpty()) {
            for (int i = 0; i < union.getNumGeometries(); i++) {
                Geometry g = union.getGeometryN(i);
                Point c = g.getInteriorPoint();
                LocalFrame f = LocalFrame.at(c.getX(), c.getY());
                Envelope e = g.getEnvelopeInternal();
                double size = Math.min((e.getWidth()) * f.kx(), (e.getHeight()) * f.ky());
                anchors.add(new Anchor(c.getX(), c.getY(), Math.max(1000, size / 4), 1));
            }
        }
    }

    TruckFleet build(int truckCount) {
        if (truckCount < 1) {
            throw new IllegalArgumentException("the fleet needs at least one truck, got " + truckCount);
        }
        int nConstruction = siteCount(FULL_CONSTRUCTION_SITES, truckCount, 12);
        int nDisposal = siteCount(FULL_DISPOSAL_SITES, truckCount, 8);
        for (int i = 0; i < nConstruction; i++) {
            placeSite(SiteKind.CONSTRUCTION, String.format("CS-%04d", i + 1), i + 1);
        }
        for (int i = 0; i < nDisposal; i++) {
            placeSite(SiteKind.DISPOSAL, String.format("DS-%04d", i + 1), i + 1);
        }

        int nPermits = Math.max(1, (int) Math.round(truckCount / 2.5));
        List<List<Integer>> trucksOfPermit = new ArrayList<>();
        for (int p = 0; p < nPermits; p++) {
            trucksOfPermit.add(new ArrayList<>());
        }
        for (int i = 0; i < truckCount; i++) {
            trucksOfPermit.get((int) ((long) i * nPermits / truckCount)).add(i);
        }
        String[] plates = new String[truckCount];
        long[] phones = new long[truckCount];
        for (int i = 0; i < truckCount; i++) {
            plates[i] = plate(i);
            phones[i] = phone(i);
        }

        List<PermitPath> permits = new ArrayList<>(nPermits);
        for (int p = 0; p < nPermits; p++) {
            List<String> ids = new ArrayList<>();
            List<String> tels = new ArrayList<>();
            for (int i : trucksOfPermit.get(p)) {
                ids.add(plates[i]);
                tels.add(Long.toString(phones[i]));
            }
            String hours = PERMIT_HOURS[rng.nextInt(PERMIT_HOURS.length)];
            double corridor = CORRIDORS[rng.nextInt(CORRIDORS.length)];
            permits.add(permit(String.format("QD-ZT-2025-%05d", p + 1), p % nConstruction, nConstruction, ids, tels,
                    hours, corridor, VALID_FROM, VALID_TO));
        }
        List<PermitPath> expired = new ArrayList<>();
        for (int i = 0; i < truckCount; i++) {
            if (i % 10 == 7) {
                int p = (int) ((long) i * nPermits / truckCount);
                expired.add(permit(String.format("QD-ZT-2025-X%04d", expired.size() + 1), (p + 3) % nConstruction,
                        nConstruction, List.of(plates[i]), List.of(Long.toString(phones[i])), "00:00-24:00", 100,
                        EXPIRED_FROM, EXPIRED_TO));
            }
        }
        routeTree.build();

        int[][] permitZones = new int[nPermits][2]; // [active, outside hours], lazily created; -2 = not yet tried
        for (int[] z : permitZones) {
            z[0] = -2;
            z[1] = -2;
        }
        List<TruckSpec> trucks = new ArrayList<>(truckCount);
        for (int i = 0; i < truckCount; i++) {
            int p = (int) ((long) i * nPermits / truckCount);
            boolean loadSensor = i % 20 != 13;
            boolean lidSensor = i % 10 != 9;
            Scenario[] loaded = new Scenario[3];
            Scenario[] empty = new Scenario[3];
            HoursWindow hours = permits.get(p).route().hours();
            // Off-hours needs the permit to start late enough for a loaded departure before it.
            if (i % 3 == 0 && !hours.containsMinute(21 * 60 + 29)) {
                loaded[0] = Scenario.OFF_HOURS;
            }
            loaded[1] = LOADED_A[i % LOADED_A.length];
            loaded[2] = LOADED_B[(i / 5) % LOADED_B.length];
            empty[1] = EMPTY_A[i % EMPTY_A.length];
            for (Scenario[] legs : new Scenario[][] {loaded, empty}) {
                for (int k = 0; k < legs.length; k++) {
                    Scenario s = legs[k];
                    if (s != null && ((s.needsLoadSensor() && !loadSensor) || (s == Scenario.UNCOVERED_LOAD && !lidSensor))) {
                        legs[k] = null;
                    }
                }
            }
            int zone = -1;
            if (empty[1] != null && empty[1].needsZone()) {
                int which = empty[1] == Scenario.RESTRICTED_ZONE ? 0 : 1;
                if (permitZones[p][which] == -2) {
                    permitZones[p][which] = placeZone(permits.get(p), which == 0);
                }
                zone = permitZones[p][which];
                if (zone < 0) {
                    empty[1] = null;
                }
            }
            Jt808Version version = i % 5 == 0 ? Jt808Version.V2013 : Jt808Version.V2019;
            double capacity = Math.round((14 + 10 * rng.nextDouble()) * 10) / 10.0;
            trucks.add(new TruckSpec(i, plates[i], phones[i], version, p, loadSensor, lidSensor, capacity, loaded, empty, zone));
        }
        int extraZones = Math.max(2, truckCount / 30);
        for (int k = 0; k < extraZones; k++) {
            placeZone(permits.get(rng.nextInt(permits.size())), rng.nextBoolean());
        }
        return new TruckFleet(List.copyOf(sites), List.copyOf(permits), List.copyOf(expired), List.copyOf(zones),
                List.copyOf(trucks), new SiteIndex(sites), new ZoneIndex(zones));
    }

    /** Sites of a kind for a fleet: the full count for the full fleet, proportionally fewer (at least {@code minimum}) below. */
    static int siteCount(int full, int trucks, int minimum) {
        if (trucks >= FULL_FLEET) {
            return full;
        }
        return Math.max(minimum, (int) Math.round((double) full * trucks / FULL_FLEET));
    }

    /** Plate 鲁B + letter + 4 digits; unique for the first 240 000 trucks. */
    static String plate(int i) {
        int digits = (int) ((i * 7919L + 1237) % 10_000);
        char letter = PLATE_LETTERS.charAt((i / 10_000 + i * 7) % PLATE_LETTERS.length());
        return "鲁B" + letter + String.format("%04d", digits);
    }

    /**
     * Terminal SIM number: 13-digit IoT numbers (1440…) for 2019 terminals, 11-digit mobile numbers
     * (139…) for the 2013 terminals of every fifth truck, which only have a 12-digit BCD field.
     */
    static long phone(int i) {
        if (i % 5 == 0) {
            return 13_900_000_000L + (i * 7_654_321L + 4321) % 100_000_000L;
        }
        return 1_440_000_000_000L + (i * 7_654_321L + 12_345) % 1_000_000_000L;
    }

    /** A random anchor, by squared weight: building concentrates in the busiest towns. */
    private Anchor anchor() {
        double total = 0;
        for (Anchor a : anchors) {
            total += a.weight * a.weight;
        }
        double r = rng.nextDouble() * total;
        for (Anchor a : anchors) {
            r -= a.weight * a.weight;
            if (r <= 0) {
                return a;
            }
        }
        return anchors.get(anchors.size() - 1);
    }

    private void placeSite(SiteKind kind, String id, int number) {
        for (int attempt = 0; attempt < 400; attempt++) {
            // Disposal sites ring the towns where construction sites are, so hauls stay local.
            Anchor a = kind == SiteKind.DISPOSAL && attempt < 200 && !siteAnchors.isEmpty()
                    ? siteAnchors.get((number - 1 + attempt / 50) % siteAnchors.size()) : anchor();
            LocalFrame af = LocalFrame.at(a.lon, a.lat);
            double r = kind == SiteKind.CONSTRUCTION ? a.radiusM * 1.2 * Math.sqrt(rng.nextDouble())
                    : a.radiusM + 1500 + 6000 * rng.nextDouble();
            double angle = rng.nextDouble() * 2 * Math.PI;
            double lon = af.lon(r * Math.cos(angle));
            double lat = af.lat(r * Math.sin(angle));
            double w = kind == SiteKind.CONSTRUCTION ? 150 + 200 * rng.nextDouble() : 250 + 250 * rng.nextDouble();
            double h = kind == SiteKind.CONSTRUCTION ? 100 + 150 * rng.nextDouble() : 200 + 200 * rng.nextDouble();
            Polygon poly = rectangle(LocalFrame.at(lon, lat), 0, 0, w / 2, h / 2, rng.nextDouble() * Math.PI);
            if (!land.covers(poly) || tooClose(lon, lat, 700)) {
                continue;
            }
            String where = areaName(lon, lat);
            String name = kind == SiteKind.CONSTRUCTION ? where + "建设工地" + number + "号" : where + "建筑垃圾消纳场" + number + "号";
            sites.add(new Site(id, kind, name, poly));
            siteCentres.add(new double[] {lon, lat});
            if (kind == SiteKind.CONSTRUCTION) {
                siteAnchors.add(a);
            }
            return;
        }
        throw new IllegalStateException("could not place " + kind + " site " + id + " on the given land");
    }

    private boolean tooClose(double lon, double lat, double meters) {
        for (double[] c : siteCentres) {
            if (Distances.meters(lon, lat, c[0], c[1]) < meters) {
                return true;
            }
        }
        return false;
    }

    private String areaName(double lon, double lat) {
        Point p = gf.createPoint(new Coordinate(lon, lat));
        for (int i = 0; i < namingAreas.size(); i++) {
            if (namingAreas.get(i).covers(p)) {
                return namingNames.get(i);
            }
        }
        return "青岛";
    }

    /** A rectangle of half-sizes (a, b) around (cx, cy) of {@code frame}, rotated by {@code rot}, in lon/lat. */
    private Polygon rectangle(LocalFrame frame, double cx, double cy, double a, double b, double rot) {
        double c = Math.cos(rot);
        double s = Math.sin(rot);
        double[][] corners = {{-a, -b}, {a, -b}, {a, b}, {-a, b}, {-a, -b}};
        Coordinate[] ring = new Coordinate[5];
        for (int i = 0; i < 5; i++) {
            double x = cx + corners[i][0] * c - corners[i][1] * s;
            double y = cy + corners[i][0] * s + corners[i][1] * c;
            ring[i] = round(frame.toLonLat(x, y));
        }
        return gf.createPolygon(ring);
    }

    /** Rounded to the 7 decimals GeoJSON files keep, so what is simulated is what is written. */
    private static Coordinate round(Coordinate c) {
        return new Coordinate(Math.round(c.x * 1e7) / 1e7, Math.round(c.y * 1e7) / 1e7);
    }

    /**
     * A permit from construction site {@code constructionIndex} (or, when no route on land leaves
     * it, the next one that has one) to one of the nearest disposal sites 3–15 km away.
     */
    private PermitPath permit(String id, int constructionIndex, int nConstruction, List<String> truckIds,
                              List<String> phones, String hours, double corridor, LocalDate from, LocalDate to) {
        for (int k = 0; k < nConstruction; k++) {
            PermitPath p = permitFrom((constructionIndex + k) % nConstruction, id, nConstruction, truckIds, phones, hours,
                    corridor, from, to);
            if (p != null) {
                return p;
            }
        }
        throw new IllegalStateException("no route on land within " + MAX_HAUL_M / 1000
                + " km from any construction site to any disposal site");
    }

    private PermitPath permitFrom(int constructionIndex, String id, int nConstruction, List<String> truckIds,
                                  List<String> phones, String hours, double corridor, LocalDate from, LocalDate to) {
        Site c = sites.get(constructionIndex);
        double[] cc = siteCentres.get(constructionIndex);
        LocalFrame frame = LocalFrame.at(cc[0], cc[1]);
        List<Integer> disposals = new ArrayList<>();
        for (int j = nConstruction; j < sites.size(); j++) {
            disposals.add(j);
        }
        disposals.sort(Comparator.comparingDouble(j -> Distances.meters(cc[0], cc[1],
                siteCentres.get(j)[0], siteCentres.get(j)[1])));
        List<Integer> preferred = new ArrayList<>();
        for (int j : disposals) {
            double d = Distances.meters(cc[0], cc[1], siteCentres.get(j)[0], siteCentres.get(j)[1]);
            if (d >= 3000 && d <= 15_000 && preferred.size() < 4) {
                preferred.add(j);
            }
        }
        // Shuffle the preferred ones so neighbouring permits spread over several disposal sites.
        for (int k = preferred.size() - 1; k > 0; k--) {
            int r = rng.nextInt(k + 1);
            Integer t = preferred.get(k);
            preferred.set(k, preferred.get(r));
            preferred.set(r, t);
        }
        List<Integer> order = new ArrayList<>(preferred);
        for (int j : disposals) {
            double d = Distances.meters(cc[0], cc[1], siteCentres.get(j)[0], siteCentres.get(j)[1]);
            if (order.size() >= 8 || d > MAX_HAUL_M) {
                break;
            }
            if (!order.contains(j)) {
                order.add(j);
            }
        }
        for (int j : order) {
            double[] dc = siteCentres.get(j);
            Coordinate a = new Coordinate(0, 0);
            Coordinate b = new Coordinate(frame.x(dc[0]), frame.y(dc[1]));
            for (int attempt = 0; attempt < 12; attempt++) {
                List<Coordinate> xy = attempt < 6 ? RoadPath.build(rng, a, b) : RoadPath.buildVia(rng, a, b);
                List<Coordinate> lonLat = new ArrayList<>(xy.size());
                for (Coordinate p : xy) {
                    lonLat.add(round(frame.toLonLat(p.x, p.y)));
                }
                LineString line = gf.createLineString(lonLat.toArray(new Coordinate[0]));
                if (!onLand(line)) {
                    continue;
                }
                List<Coordinate> back = new ArrayList<>(lonLat.size());
                for (Coordinate ll : lonLat) {
                    back.add(frame.toXy(ll));
                }
                Route route = new Route(id, truckIds, phones, c.siteId(), sites.get(j).siteId(), from, to,
                        HoursWindow.parse(hours), corridor, line);
                PermitPath pp = new PermitPath(route, frame, new PathLine(back));
                routeTree.insert(line.getEnvelopeInternal(), routeList.size());
                routeList.add(pp);
                return pp;
            }
        }
        return null;
    }

    /** The whole line on land: the real coast has inlets narrower than any sampling step would see. */
    private boolean onLand(LineString line) {
        return land.covers(line);
    }

    /**
     * Places a restricted zone 450–800 m beside a permit's route, clear of every route by
     * {@value #ZONE_ROUTE_CLEARANCE_M} m, of sites and of other zones, reachable from the route by a
     * straight detour that crosses no site or other zone. Returns its index, or -1 when no spot fits.
     */
    private int placeZone(PermitPath permit, boolean activeAtNight) {
        PathLine path = permit.path();
        LocalFrame frame = permit.frame();
        for (int attempt = 0; attempt < 40; attempt++) {
            double s = path.length() * (0.2 + 0.6 * rng.nextDouble());
            double[] p = path.at(s);
            double[] d = path.direction(s);
            double side = rng.nextBoolean() ? 1 : -1;
            double dist = 450 + 350 * rng.nextDouble();
            double qx = p[0] - d[1] * side * dist;
            double qy = p[1] + d[0] * side * dist;
            Polygon poly = rectangle(frame, qx, qy, 110 + 90 * rng.nextDouble(), 110 + 90 * rng.nextDouble(),
                    rng.nextDouble() * Math.PI);
            // Trucks leave the route where it passes nearest to the zone: check that detour.
            double[] exit = path.at(path.project(qx, qy));
            LineString detour = gf.createLineString(new Coordinate[] {frame.toLonLat(exit[0], exit[1]), frame.toLonLat(qx, qy)});
            if (!land.covers(poly) || !onLand(detour) || nearRoute(poly) || touchesSiteOrZone(poly, detour)) {
                continue;
            }
            String[] options = activeAtNight ? NIGHT_ZONE_HOURS : DAY_ZONE_HOURS;
            detours.add(detour);
            zones.add(new Zone(String.format("RZ-%04d", zones.size() + 1), ZoneKind.RESTRICTED,
                    HoursWindow.parse(options[rng.nextInt(options.length)]), poly));
            return zones.size() - 1;
        }
        return -1;
    }

    private boolean nearRoute(Polygon zone) {
        Envelope e = new Envelope(zone.getEnvelopeInternal());
        e.expandBy(0.006); // about 540 m north-south, 480 m east-west at Qingdao
        LocalFrame f = LocalFrame.at(e.centre().x, e.centre().y);
        Geometry zoneXy = toXy(zone, f);
        @SuppressWarnings("unchecked")
        List<Integer> candidates = routeTree.query(e);
        for (int i : candidates) {
            if (toXy(routeList.get(i).route().line(), f).distance(zoneXy) < ZONE_ROUTE_CLEARANCE_M) {
                return true;
            }
        }
        return false;
    }

    private boolean touchesSiteOrZone(Polygon zone, LineString detour) {
        Envelope e = new Envelope(zone.getEnvelopeInternal());
        e.expandToInclude(detour.getEnvelopeInternal());
        e.expandBy(0.004);
        for (Site s : sites) {
            if (s.area().getEnvelopeInternal().intersects(e) && (s.area().intersects(detour) || s.area().isWithinDistance(zone, 0.004))) {
                return true;
            }
        }
        for (Zone z : zones) {
            if (z.area().getEnvelopeInternal().intersects(e) && (z.area().intersects(detour) || z.area().isWithinDistance(zone, 0.004))) {
                return true;
            }
        }
        // Nor may it lie on the way to an earlier zone.
        for (LineString d : detours) {
            if (d.getEnvelopeInternal().intersects(e) && d.isWithinDistance(zone, 0.001)) {
                return true;
            }
        }
        return false;
    }

    private Geometry toXy(Geometry g, LocalFrame f) {
        Geometry copy = g.copy();
        copy.apply((org.locationtech.jts.geom.CoordinateFilter) c -> {
            c.x = f.x(c.x);
            c.y = f.y(c.y);
        });
        copy.geometryChanged();
        return copy;
    }
}
