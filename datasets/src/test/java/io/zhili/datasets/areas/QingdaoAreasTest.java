package io.zhili.datasets.areas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.geojson.Area;
import io.zhili.geo.geojson.AreaLevel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

class QingdaoAreasTest {
    private final QingdaoAreas areas = QingdaoAreas.standard();

    @Test
    void tenDistrictsWithTheirRealDivisionCodes() {
        Set<String> codes = new HashSet<>();
        areas.districts().forEach(d -> codes.add(d.code() + " " + d.nameZh()));
        assertEquals(Set.of("370202 市南区", "370203 市北区", "370211 黄岛区", "370212 崂山区", "370213 李沧区",
                "370214 城阳区", "370215 即墨区", "370281 胶州市", "370283 平度市", "370285 莱西市"), codes);
    }

    @Test
    void landmarksLieInTheirDistricts() {
        assertIn("370202", 120.384, 36.062); // 五四广场
        assertIn("370202", 120.318, 36.067); // 中山路
        assertIn("370203", 120.350, 36.092); // 台东
        assertIn("370213", 120.430, 36.160); // 李村
        assertIn("370212", 120.610, 36.170); // 崂顶
        assertIn("370212", 120.480, 36.095); // 石老人
        assertIn("370214", 120.396, 36.307); // 城阳区政府
        assertIn("370214", 120.374, 36.266); // 流亭
        assertIn("370215", 120.447, 36.389); // 即墨
        assertIn("370281", 120.033, 36.264); // 胶州
        assertIn("370283", 119.960, 36.780); // 平度
        assertIn("370285", 120.520, 36.890); // 莱西
        assertIn("370211", 120.190, 35.965); // 西海岸新区
    }

    @Test
    void jiaozhouBayAndTheOpenSeaBelongToNoDistrict() {
        assertNowhere(120.220, 36.140); // middle of Jiaozhou Bay
        assertNowhere(120.300, 36.150); // bay off 市北/李沧
        assertNowhere(120.150, 36.200); // north-west of the bay
        assertNowhere(120.400, 36.000); // Yellow Sea south of 市南
        for (District d : areas.districts()) {
            assertTrue(d.geometry().intersection(areas.jiaozhouBay()).getArea() < 1e-12, d.code() + " covers the bay");
        }
    }

    @Test
    void districtsDoNotOverlapAndShareBorders() {
        List<District> ds = areas.districts();
        for (int i = 0; i < ds.size(); i++) {
            assertTrue(ds.get(i).geometry().isValid(), ds.get(i).code() + " invalid");
            for (int j = i + 1; j < ds.size(); j++) {
                double overlap = ds.get(i).geometry().intersection(ds.get(j).geometry()).getArea();
                assertTrue(overlap < 1e-10, ds.get(i).code() + " overlaps " + ds.get(j).code() + ": " + overlap);
            }
        }
        // 市南 and 市北 touch along a border, not at a point.
        Geometry border = areas.district("370202").geometry().intersection(areas.district("370203").geometry());
        assertTrue(border.getLength() > 0.05, "市南/市北 border length " + border.getLength());
    }

    @Test
    void streetsTileTheirDistrictWithNineDigitCodes() {
        Set<String> ids = new HashSet<>();
        for (Area s : areas.streets()) {
            assertEquals(AreaLevel.STREET, s.level());
            assertTrue(s.areaId().matches("37\\d{7}"), s.areaId());
            assertTrue(ids.add(s.areaId()), "duplicate " + s.areaId());
            Geometry district = areas.district(s.areaId().substring(0, 6)).geometry();
            assertTrue(district.buffer(1e-9).covers(s.geometry()), s.areaId() + " outside its district");
        }
        double shinanStreets = areas.streets().stream().filter(s -> s.areaId().startsWith("370202"))
                .mapToDouble(s -> s.geometry().getArea()).sum();
        assertEquals(areas.district("370202").geometry().getArea(), shinanStreets, 1e-9);
        assertTrue(areas.streets().stream().map(s -> s.areaId().substring(0, 6)).distinct().count() >= 4);
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

    private void assertIn(String code, double lon, double lat) {
        Point p = QingdaoAreas.GEOMETRY.createPoint(new Coordinate(lon, lat));
        for (District d : areas.districts()) {
            assertEquals(d.code().equals(code), d.geometry().contains(p),
                    lon + "," + lat + " expected in " + code + ", check " + d.code());
        }
    }

    private void assertNowhere(double lon, double lat) {
        Point p = QingdaoAreas.GEOMETRY.createPoint(new Coordinate(lon, lat));
        for (District d : areas.districts()) {
            assertFalse(d.geometry().contains(p), lon + "," + lat + " is in " + d.code());
        }
    }
}
