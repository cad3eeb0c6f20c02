package io.zhili.datasets.areas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.crs.Distances;
import io.zhili.geo.geojson.Area;
import io.zhili.geo.geojson.AreaLevel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.operation.union.UnaryUnionOp;

class QingdaoAreasTest {
    private final QingdaoAreas areas = QingdaoAreas.standard();

    @Test
    void tenDistrictsWithTheirCurrentDivisionCodes() {
        Set<String> codes = new HashSet<>();
        areas.districts().forEach(d -> codes.add(d.code() + " " + d.nameZh()));
        assertEquals(Set.of("370202 市南区", "370203 市北区", "370211 黄岛区", "370212 崂山区", "370213 李沧区",
                "370214 城阳区", "370215 即墨区", "370281 胶州市", "370283 平度市", "370285 莱西市"), codes);
    }

    /** WGS-84 positions (Wikipedia / ICAO data), each at least 100 m inside its district's border. */
    @Test
    void landmarksLieInTheirDistricts() {
        assertIn("370202", 120.3802, 36.0612); // 五四广场 (Wikipedia, WGS-84)
        assertIn("370202", 120.3846, 36.0620); // 五四广场 as the issue gives it (about 400 m east)
        assertIn("370202", 120.318, 36.067);   // 中山路
        assertIn("370203", 120.350, 36.092);   // 台东
        assertIn("370213", 120.430, 36.160);   // 李村
        assertIn("370212", 120.610, 36.160);   // 崂山
        assertIn("370212", 120.480, 36.095);   // 石老人
        assertIn("370214", 120.3744, 36.2661); // 青岛流亭机场 (36°15′58″N 120°22′28″E)
        assertIn("370214", 120.396, 36.307);   // 城阳区政府
        assertIn("370215", 120.447, 36.389);   // 即墨
        assertIn("370281", 120.033, 36.264);   // 胶州 city centre
        assertIn("370283", 119.960, 36.780);   // 平度 city centre
        assertIn("370285", 120.520, 36.890);   // 莱西 city centre
        assertIn("370211", 120.190, 35.965);   // 西海岸新区 长江路
    }

    @Test
    void jiaozhouBayAndTheOpenSeaBelongToNoDistrict() {
        assertNowhere(120.220, 36.140); // middle of Jiaozhou Bay
        assertNowhere(120.150, 36.160); // west of the bay
        assertNowhere(120.400, 36.000); // Yellow Sea south of 市南
        assertNowhere(120.800, 36.150); // Yellow Sea east of 崂山
    }

    /** The real outlines, not sketches: areas within 20 % of the official land areas, islands included. */
    @Test
    void districtAreasAreCloseToTheOfficialOnes() {
        Map<String, Double> officialKm2 = Map.of("370202", 30.01, "370203", 65.4, "370211", 2128.0, "370212", 395.8,
                "370213", 95.52, "370214", 583.7, "370215", 1780.8, "370281", 1324.0, "370283", 3176.0, "370285", 1568.0);
        for (District d : areas.districts()) {
            double km2 = km2(d.geometry());
            double official = officialKm2.get(d.code());
            assertTrue(Math.abs(km2 / official - 1) < 0.2, d.code() + ": " + km2 + " km², official " + official);
        }
        // 崂山 and 黄岛 have islands (大公岛, 灵山岛, 竹岔岛 …) drawn as polygons of their own.
        assertTrue(areas.district("370212").geometry().getNumGeometries() > 3);
        assertTrue(areas.district("370211").geometry().getNumGeometries() > 3);
    }

    @Test
    void districtsDoNotOverlapAndShareBorders() {
        List<District> ds = areas.districts();
        for (int i = 0; i < ds.size(); i++) {
            assertTrue(ds.get(i).geometry().isValid(), ds.get(i).code() + " invalid");
            for (int j = i + 1; j < ds.size(); j++) {
                double overlapKm2 = km2(ds.get(i).geometry().intersection(ds.get(j).geometry()));
                assertTrue(overlapKm2 < 1e-6, ds.get(i).code() + " overlaps " + ds.get(j).code() + ": " + overlapKm2 + " km²");
            }
        }
        // Neighbours share their border exactly: 市南/市北 along a line, not a point.
        Geometry border = areas.district("370202").geometry().intersection(areas.district("370203").geometry());
        assertTrue(border.getLength() > 0.05, "市南/市北 border length " + border.getLength());
        // No gap between neighbours: the union of 市南, 市北 and 李沧 has no hole.
        Geometry core = UnaryUnionOp.union(List.of(areas.district("370202").geometry(),
                areas.district("370203").geometry(), areas.district("370213").geometry()));
        for (int i = 0; i < core.getNumGeometries(); i++) {
            assertEquals(0, ((org.locationtech.jts.geom.Polygon) core.getGeometryN(i)).getNumInteriorRing(), "gap in the core");
        }
    }

    @Test
    void everyStreetCarriesAnOfficialCodeAndName() throws IOException {
        Map<String, String> official = officialStreets();
        Set<String> ids = new HashSet<>();
        for (Area s : areas.streets()) {
            assertEquals(AreaLevel.STREET, s.level());
            assertTrue(s.areaId().matches("3702\\d{5}"), s.areaId());
            assertTrue(ids.add(s.areaId()), "duplicate " + s.areaId());
            assertEquals(official.get(s.areaId()), s.name(), s.areaId() + " is not the official street of that code");
            String district = s.areaId().substring(0, 6);
            assertTrue(areas.districts().stream().anyMatch(d -> d.code().equals(district)), s.areaId());
        }
        // Every official street and town (not the …4xx zones) is there.
        long streetsAndTowns = official.keySet().stream().filter(QingdaoAreas::isStreetOrTown).count();
        assertEquals(134, streetsAndTowns);
        assertEquals(streetsAndTowns, areas.streets().size());
        assertEquals("香港中路街道", name("370202001"));
        assertEquals("云南路街道", name("370202004"));
        assertEquals("环秀街道", name("370215001"));
    }

    @Test
    void streetsTileTheirDistrict() {
        for (District d : areas.districts()) {
            double sum = 0;
            for (Area s : areas.streets()) {
                if (s.areaId().startsWith(d.code())) {
                    assertTrue(d.geometry().buffer(1e-9).covers(s.geometry()), s.areaId() + " outside its district");
                    sum += s.geometry().getArea();
                }
            }
            assertEquals(d.geometry().getArea(), sum, 1e-9, d.code() + ": streets do not tile the district");
        }
    }

    @Test
    void knownSeatsKeepTheirStreetsAndDowntownsHoldTheFirstStreet() {
        assertStreetAt("370203021", 120.350, 36.092); // 台东街道
        assertStreetAt("370213006", 120.430, 36.160); // 李村街道
        assertStreetAt("370214003", 120.370, 36.258); // 流亭街道
        assertStreetAt("370215001", 120.447, 36.389); // 环秀街道, 即墨 downtown
        assertStreetAt("370283001", 119.960, 36.780); // 东阁街道, 平度 downtown
    }

    @Test
    void gridsAreSixteenDigitPiecesOfTheUrbanCoreStreets() {
        List<Area> grids = areas.grids();
        assertTrue(grids.size() > 500, "grids " + grids.size());
        Set<String> ids = new HashSet<>();
        for (Area g : grids) {
            assertEquals(AreaLevel.GRID, g.level());
            assertTrue(g.areaId().matches("37020[23]\\d{3}001\\d{4}"), g.areaId());
            assertTrue(ids.add(g.areaId()));
            // A 300 m square is about 0.0000090 square degrees here.
            assertTrue(g.geometry().getArea() <= 9.1e-6, g.areaId() + " larger than a square");
        }
        assertEquals(areas.districts().size() + areas.streets().size() + grids.size(), areas.all().size());
    }

    private String name(String code) {
        return areas.streets().stream().filter(s -> s.areaId().equals(code)).findFirst().orElseThrow().name();
    }

    private void assertStreetAt(String code, double lon, double lat) {
        Point p = QingdaoAreas.GEOMETRY.createPoint(new Coordinate(lon, lat));
        Area s = areas.streets().stream().filter(a -> a.areaId().equals(code)).findFirst().orElseThrow();
        assertTrue(s.geometry().contains(p), lon + "," + lat + " not in " + code + " " + s.name());
    }

    /** The official list as china-division ships it (the copy kept with the builder's sources). */
    private static Map<String, String> officialStreets() throws IOException {
        Map<String, String> out = new HashMap<>();
        try (InputStream in = QingdaoAreasTest.class.getResourceAsStream("/areas-source/china-division-streets-3702.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            assertEquals("code,name,areaCode,provinceCode,cityCode", lines[0]);
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split(",");
                out.put(f[0], f[1].replace("\"", ""));
            }
        }
        assertEquals(141, out.size());
        return out;
    }

    private static double km2(Geometry g) {
        double lat = g.isEmpty() ? 36.2 : g.getCentroid().getY();
        return g.getArea() * Distances.metersPerDegreeLat(lat) * Distances.metersPerDegreeLon(lat) / 1e6;
    }

    private void assertIn(String code, double lon, double lat) {
        Point p = QingdaoAreas.GEOMETRY.createPoint(new Coordinate(lon, lat));
        for (District d : areas.districts()) {
            assertEquals(d.code().equals(code), d.geometry().contains(p),
                    lon + "," + lat + " expected in " + code + ", check " + d.code());
        }
        District d = areas.district(code);
        double insideM = d.geometry().getBoundary().distance(p) * Distances.metersPerDegreeLat(lat);
        assertTrue(insideM > 100, lon + "," + lat + " only " + insideM + " m inside " + code);
    }

    private void assertNowhere(double lon, double lat) {
        Point p = QingdaoAreas.GEOMETRY.createPoint(new Coordinate(lon, lat));
        for (District d : areas.districts()) {
            assertFalse(d.geometry().contains(p), lon + "," + lat + " is in " + d.code());
        }
    }
}
