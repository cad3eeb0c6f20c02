package io.zhili.datasets.areas;

import io.zhili.geo.crs.Distances;
import io.zhili.geo.geojson.Area;
import io.zhili.geo.geojson.AreaLevel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * The synthetic city's administrative areas: Qingdao's ten district-level divisions with their real
 * division codes and approximate real outlines, the streets (街道) of the six urban districts and the unit
 * grids (单元网格) of the urban core (市南区 and 市北区).
 *
 * <p>Outlines are hand-drawn from the real geography (市南/市北 on the peninsula south-east of Jiaozhou
 * Bay, 李沧 north of 市北, 崂山 to the east, 城阳 north of the bay, 黄岛 across the bay to the south-west,
 * 胶州 to the west, 即墨, 莱西 and 平度 to the north) to within a few kilometres. Each district's sketch
 * deliberately overlaps its neighbours; the districts are then cut in a fixed order (each minus all earlier
 * ones and minus the bay), so neighbours share their borders exactly, nothing overlaps and the bay is
 * covered by no district.
 *
 * <p>Streets are the Voronoi cells of named street seats clipped to their district, coded district code
 * + 3 digits (e.g. {@code 370202004}). Unit grids are 300 m squares on a fixed lon/lat lattice cut by the
 * street borders, coded street code + community {@code 001} + a 4-digit sequence (16 digits, after
 * GB/T 30428.1).
 *
 * <p>The layout does not depend on any seed. Instances are immutable and thread-safe; {@link #standard()}
 * builds the layout once (about a second).
 */
public final class QingdaoAreas {
    /** GeometryFactory for every layout geometry: floating precision, SRID 4326 (lon/lat WGS-84). */
    public static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);

    private static final double GRID_METERS = 300;
    /** Grid pieces smaller than this share of a full square are dropped (slivers along street borders). */
    private static final double MIN_GRID_PIECE = 0.05;

    private static volatile QingdaoAreas standard;

    private final List<District> districts;
    private final Polygon bay;
    private final List<Area> streets;
    private final List<Area> grids;

    private QingdaoAreas() {
        this.bay = polygon(BAY);
        List<District> built = new ArrayList<>();
        Geometry taken = GEOMETRY.createPolygon();
        for (Sketch s : SKETCHES) {
            Geometry raw = polygon(s.outline);
            Geometry cut = raw.difference(taken).difference(bay);
            Geometry outline = dropSlivers(cut);
            built.add(new District(s.code, s.nameZh, s.nameEn, outline, s.componentShare, s.caseShare, s.towns));
            taken = taken.union(raw);
        }
        this.districts = Collections.unmodifiableList(built);
        this.streets = Collections.unmodifiableList(buildStreets());
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

    /** The water of Jiaozhou Bay (胶州湾) that no district covers. */
    public Polygon jiaozhouBay() {
        return bay;
    }

    /** Bounding box of all districts. */
    public Envelope extent() {
        Envelope e = new Envelope();
        for (District d : districts) {
            e.expandToInclude(d.geometry().getEnvelopeInternal());
        }
        return e;
    }

    /** Streets (level street) in district order, then seat order. */
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

    private List<Area> buildStreets() {
        List<Area> out = new ArrayList<>();
        for (District d : districts) {
            List<StreetSeat> seats = new ArrayList<>();
            for (StreetSeat s : STREET_SEATS) {
                if (s.code.startsWith(d.code())) {
                    seats.add(s);
                }
            }
            if (seats.isEmpty()) {
                continue;
            }
            VoronoiDiagramBuilder vb = new VoronoiDiagramBuilder();
            List<Coordinate> sites = new ArrayList<>();
            for (StreetSeat s : seats) {
                sites.add(new Coordinate(s.lon, s.lat));
            }
            vb.setSites(sites);
            Envelope clip = new Envelope(d.geometry().getEnvelopeInternal());
            clip.expandBy(0.1);
            vb.setClipEnvelope(clip);
            Geometry cells = vb.getDiagram(GEOMETRY);
            for (StreetSeat s : seats) {
                Geometry seat = GEOMETRY.createPoint(new Coordinate(s.lon, s.lat));
                Geometry cell = null;
                for (int i = 0; i < cells.getNumGeometries(); i++) {
                    if (cells.getGeometryN(i).contains(seat)) {
                        cell = cells.getGeometryN(i);
                        break;
                    }
                }
                if (cell == null) {
                    throw new IllegalStateException("street seat outside its Voronoi diagram: " + s.code);
                }
                Geometry street = dropSlivers(cell.intersection(d.geometry()));
                if (street.isEmpty()) {
                    throw new IllegalStateException("street " + s.code + " lies outside district " + d.code());
                }
                out.add(new Area(s.code, s.name, AreaLevel.STREET, street));
            }
        }
        return out;
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

    /** Keeps the polygonal parts of a cut (dropping slivers under about 0.01 km²) as a Polygon or MultiPolygon. */
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
            if (p.getArea() > 1e-6) {
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

    private static Polygon polygon(double[] lonLat) {
        Coordinate[] ring = new Coordinate[lonLat.length / 2 + 1];
        for (int i = 0; i < lonLat.length / 2; i++) {
            ring[i] = new Coordinate(lonLat[2 * i], lonLat[2 * i + 1]);
        }
        ring[ring.length - 1] = new Coordinate(ring[0]);
        return GEOMETRY.createPolygon(ring);
    }

    private record Sketch(String code, String nameZh, String nameEn, double componentShare, double caseShare,
                          List<Town> towns, double[] outline) {
    }

    private record StreetSeat(String code, String name, double lon, double lat) {
    }

    private static final List<String> GRID_DISTRICTS = List.of("370202", "370203");

    /** Jiaozhou Bay, clockwise from the bay mouth between 团岛 and 薛家岛. */
    private static final double[] BAY = {
        120.270, 36.040, 120.290, 36.060, 120.300, 36.090, 120.318, 36.120, 120.328, 36.155, 120.340, 36.190,
        120.335, 36.200, 120.300, 36.205, 120.260, 36.200, 120.225, 36.212, 120.190, 36.240, 120.140, 36.245,
        120.100, 36.220, 120.075, 36.180, 120.080, 36.140, 120.110, 36.110, 120.160, 36.085, 120.200, 36.065,
        120.235, 36.040, 120.255, 36.030};

    /**
     * District sketches in cut order (earlier districts win overlaps). Shares: components follow the
     * managed urban area, EVENT cases lean a little more to the dense core; both sum to 1.
     */
    private static final List<Sketch> SKETCHES = List.of(
        new Sketch("370202", "市南区", "Shinan District", 0.10, 0.12, List.of(
                new Town(120.330, 36.066, 2.2, 170, 1.0), new Town(120.395, 36.068, 2.8, 180, 1.0)),
            new double[] {120.278, 36.052, 120.300, 36.058, 120.330, 36.052, 120.360, 36.047, 120.390, 36.048,
                120.420, 36.052, 120.445, 36.062, 120.440, 36.085, 120.410, 36.092, 120.380, 36.086, 120.350, 36.078,
                120.320, 36.074, 120.300, 36.071, 120.283, 36.064}),
        new Sketch("370203", "市北区", "Shibei District", 0.17, 0.19, List.of(
                new Town(120.355, 36.095, 2.5, 180, 1.0), new Town(120.390, 36.125, 2.5, 200, 0.9),
                new Town(120.335, 36.128, 1.5, 200, 0.8)),
            new double[] {120.290, 36.060, 120.330, 36.062, 120.380, 36.075, 120.420, 36.080, 120.450, 36.075,
                120.445, 36.110, 120.425, 36.140, 120.390, 36.150, 120.350, 36.158, 120.328, 36.150, 120.315, 36.120,
                120.300, 36.090, 120.288, 36.072}),
        new Sketch("370213", "李沧区", "Licang District", 0.10, 0.10, List.of(
                new Town(120.430, 36.160, 2.5, 200, 0.9), new Town(120.385, 36.180, 2.0, 220, 0.7),
                new Town(120.440, 36.205, 1.5, 250, 0.5)),
            new double[] {120.325, 36.140, 120.390, 36.140, 120.430, 36.125, 120.455, 36.115, 120.475, 36.150,
                120.485, 36.200, 120.450, 36.228, 120.395, 36.228, 120.355, 36.218, 120.338, 36.185}),
        new Sketch("370212", "崂山区", "Laoshan District", 0.08, 0.07, List.of(
                new Town(120.465, 36.105, 3.0, 220, 0.9), new Town(120.560, 36.110, 1.2, 300, 0.3),
                new Town(120.550, 36.230, 1.2, 300, 0.25), new Town(120.650, 36.265, 1.2, 300, 0.25)),
            new double[] {120.430, 36.055, 120.470, 36.065, 120.500, 36.072, 120.540, 36.085, 120.580, 36.090,
                120.620, 36.095, 120.660, 36.105, 120.700, 36.140, 120.695, 36.200, 120.680, 36.250, 120.665, 36.285,
                120.620, 36.305, 120.560, 36.305, 120.500, 36.275, 120.470, 36.230, 120.470, 36.160, 120.445, 36.120,
                120.438, 36.085}),
        new Sketch("370214", "城阳区", "Chengyang District", 0.12, 0.12, List.of(
                new Town(120.396, 36.307, 3.0, 220, 0.8), new Town(120.370, 36.262, 1.8, 250, 0.5),
                new Town(120.320, 36.290, 1.5, 250, 0.4), new Town(120.255, 36.255, 1.2, 300, 0.3),
                new Town(120.470, 36.330, 1.2, 300, 0.3)),
            new double[] {120.190, 36.262, 120.230, 36.215, 120.290, 36.212, 120.335, 36.205, 120.360, 36.195,
                120.400, 36.215, 120.480, 36.195, 120.510, 36.260, 120.545, 36.320, 120.500, 36.355, 120.440, 36.360,
                120.380, 36.355, 120.320, 36.345, 120.260, 36.330, 120.200, 36.300}),
        new Sketch("370215", "即墨区", "Jimo District", 0.09, 0.08, List.of(
                new Town(120.447, 36.389, 3.0, 220, 0.7), new Town(120.630, 36.380, 1.2, 300, 0.25),
                new Town(120.300, 36.450, 1.0, 300, 0.2), new Town(120.800, 36.480, 1.0, 300, 0.2),
                new Town(120.550, 36.500, 1.0, 300, 0.2)),
            new double[] {120.200, 36.330, 120.260, 36.325, 120.320, 36.340, 120.440, 36.355, 120.500, 36.350,
                120.540, 36.300, 120.600, 36.280, 120.670, 36.260, 120.700, 36.270, 120.740, 36.320, 120.800, 36.360,
                120.880, 36.400, 120.960, 36.470, 121.000, 36.560, 120.900, 36.610, 120.800, 36.625, 120.700, 36.605,
                120.600, 36.595, 120.500, 36.585, 120.400, 36.565, 120.300, 36.525, 120.220, 36.480, 120.190, 36.400}),
        new Sketch("370285", "莱西市", "Laixi City", 0.04, 0.04, List.of(
                new Town(120.520, 36.890, 2.8, 230, 0.55), new Town(120.400, 36.780, 1.0, 300, 0.2),
                new Town(120.650, 36.750, 1.0, 300, 0.2), new Town(120.450, 37.020, 1.0, 300, 0.2)),
            new double[] {120.300, 36.720, 120.390, 36.555, 120.500, 36.575, 120.600, 36.585, 120.700, 36.595,
                120.810, 36.615, 120.780, 36.750, 120.720, 36.880, 120.650, 36.980, 120.550, 37.050, 120.450, 37.080,
                120.350, 37.000, 120.290, 36.880}),
        new Sketch("370283", "平度市", "Pingdu City", 0.05, 0.05, List.of(
                new Town(119.960, 36.780, 3.0, 230, 0.55), new Town(120.130, 36.580, 1.0, 300, 0.2),
                new Town(119.750, 36.920, 1.0, 300, 0.2), new Town(119.850, 36.600, 1.0, 300, 0.2),
                new Town(120.100, 36.950, 1.0, 300, 0.2)),
            new double[] {119.500, 36.600, 119.600, 36.450, 119.800, 36.410, 120.000, 36.440, 120.150, 36.460,
                120.230, 36.465, 120.310, 36.515, 120.400, 36.560, 120.310, 36.720, 120.300, 36.880, 120.360, 37.010,
                120.200, 37.100, 120.000, 37.150, 119.800, 37.100, 119.600, 36.950, 119.500, 36.800}),
        new Sketch("370281", "胶州市", "Jiaozhou City", 0.07, 0.06, List.of(
                new Town(120.033, 36.264, 3.0, 230, 0.65), new Town(120.090, 36.350, 1.0, 300, 0.25),
                new Town(119.850, 36.180, 1.0, 300, 0.2), new Town(119.800, 36.350, 1.0, 300, 0.2)),
            new double[] {119.580, 36.200, 119.700, 36.090, 119.850, 36.040, 120.000, 36.070, 120.085, 36.100,
                120.100, 36.180, 120.150, 36.250, 120.200, 36.265, 120.205, 36.330, 120.215, 36.475, 120.150, 36.470,
                120.000, 36.450, 119.800, 36.420, 119.600, 36.460, 119.540, 36.330}),
        new Sketch("370211", "黄岛区", "Huangdao District", 0.18, 0.17, List.of(
                new Town(120.190, 35.965, 3.5, 220, 0.85), new Town(120.230, 36.015, 1.5, 250, 0.5),
                new Town(120.060, 36.010, 1.5, 250, 0.4), new Town(119.975, 35.875, 2.0, 250, 0.5),
                new Town(119.850, 35.780, 1.0, 300, 0.2), new Town(119.780, 35.980, 1.0, 300, 0.2)),
            new double[] {119.450, 35.700, 119.550, 35.600, 119.700, 35.570, 119.850, 35.620, 119.950, 35.700,
                120.050, 35.800, 120.150, 35.880, 120.230, 35.940, 120.280, 35.995, 120.262, 36.035, 120.220, 36.060,
                120.150, 36.090, 120.090, 36.115, 120.000, 36.085, 119.850, 36.060, 119.700, 36.110, 119.600, 36.060,
                119.500, 35.900}));

    /** Seats of the streets (街道办事处), roughly where the real ones are; codes district + 3 digits. */
    private static final List<StreetSeat> STREET_SEATS = List.of(
        new StreetSeat("370202001", "八大峡街道", 120.300, 36.064),
        new StreetSeat("370202002", "中山路街道", 120.318, 36.068),
        new StreetSeat("370202003", "江苏路街道", 120.336, 36.068),
        new StreetSeat("370202004", "八大关街道", 120.355, 36.058),
        new StreetSeat("370202005", "湛山街道", 120.368, 36.068),
        new StreetSeat("370202006", "香港中路街道", 120.385, 36.064),
        new StreetSeat("370202007", "八大湖街道", 120.383, 36.079),
        new StreetSeat("370202008", "金门路街道", 120.405, 36.074),
        new StreetSeat("370202009", "珠海路街道", 120.425, 36.068),
        new StreetSeat("370203001", "辽宁路街道", 120.330, 36.080),
        new StreetSeat("370203002", "台东街道", 120.350, 36.092),
        new StreetSeat("370203003", "敦化路街道", 120.378, 36.095),
        new StreetSeat("370203004", "浮山新区街道", 120.415, 36.102),
        new StreetSeat("370203005", "四方街道", 120.335, 36.110),
        new StreetSeat("370203006", "兴隆路街道", 120.370, 36.122),
        new StreetSeat("370203007", "水清沟街道", 120.345, 36.135),
        new StreetSeat("370203008", "阜新路街道", 120.405, 36.130),
        new StreetSeat("370213001", "李村街道", 120.430, 36.160),
        new StreetSeat("370213002", "振华路街道", 120.385, 36.168),
        new StreetSeat("370213003", "兴城路街道", 120.418, 36.180),
        new StreetSeat("370213004", "楼山街道", 120.360, 36.195),
        new StreetSeat("370213005", "虎山路街道", 120.445, 36.200),
        new StreetSeat("370213006", "九水街道", 120.458, 36.145),
        new StreetSeat("370212001", "金家岭街道", 120.450, 36.090),
        new StreetSeat("370212002", "中韩街道", 120.470, 36.120),
        new StreetSeat("370212003", "沙子口街道", 120.560, 36.110),
        new StreetSeat("370212004", "北宅街道", 120.550, 36.230),
        new StreetSeat("370212005", "王哥庄街道", 120.650, 36.260),
        new StreetSeat("370214001", "城阳街道", 120.396, 36.307),
        new StreetSeat("370214002", "流亭街道", 120.370, 36.258),
        new StreetSeat("370214003", "夏庄街道", 120.450, 36.245),
        new StreetSeat("370214004", "棘洪滩街道", 120.320, 36.300),
        new StreetSeat("370214005", "红岛街道", 120.250, 36.255),
        new StreetSeat("370214006", "惜福镇街道", 120.480, 36.330),
        new StreetSeat("370211001", "薛家岛街道", 120.232, 36.015),
        new StreetSeat("370211002", "长江路街道", 120.190, 35.965),
        new StreetSeat("370211003", "辛安街道", 120.080, 36.040),
        new StreetSeat("370211004", "灵珠山街道", 120.110, 35.960),
        new StreetSeat("370211005", "珠海街道", 119.975, 35.875),
        new StreetSeat("370211006", "隐珠街道", 119.880, 35.800));
}
