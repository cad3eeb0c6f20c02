package io.zhili.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zhili.datasets.areas.District;
import io.zhili.datasets.areas.QingdaoAreas;
import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.catalog.ClassKind;
import io.zhili.geo.catalog.ComponentCode;
import io.zhili.geo.crs.Distances;
import io.zhili.geo.crs.Gcj02;
import io.zhili.geo.geojson.Area;
import io.zhili.geo.geojson.AreaLayer;
import io.zhili.geo.geojson.AreaLevel;
import io.zhili.geo.table.RejectReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * The small synthetic data set against the data contracts, checked by an independent validator written
 * here from docs/CONTRACTS.md (not by the generator's own code).
 */
class QingdaoGeneratorTest {
    private static final ClassCatalog CATALOG = ClassCatalog.standard();

    @TempDir
    static Path tmp;
    static GeneratedData data;
    static Map<Integer, RejectReason> componentRejects;
    static Map<Integer, RejectReason> caseRejects;
    static Set<String> componentIds;

    @BeforeAll
    static void generate() throws Exception {
        data = GeneratedData.small(tmp.resolve("a"), 2);
        componentRejects = new TreeMap<>();
        componentIds = new HashSet<>();
        for (int i = 0; i < data.components.size(); i++) {
            RejectReason r = validateComponent(data.components.get(i), componentIds);
            if (r != null) {
                componentRejects.put(i + 2, r);
            } else {
                componentIds.add(data.components.get(i)[0]);
            }
        }
        caseRejects = new TreeMap<>();
        Set<String> caseIds = new HashSet<>();
        for (int i = 0; i < data.cases.size(); i++) {
            RejectReason r = validateCase(data.cases.get(i), caseIds, componentIds);
            if (r != null) {
                caseRejects.put(i + 2, r);
            }
        }
    }

    @Test
    void rowCountsAreExactAndHeadersFollowTheContract() throws Exception {
        assertEquals(List.of("component_id", "major_class", "minor_class", "lon", "lat", "district_code", "status"),
                data.componentHeader);
        assertEquals(List.of("case_id", "source", "kind", "major_class", "minor_class", "component_id", "lon", "lat",
                "crs", "reported_at", "verified_at", "dispatched_at", "disposed_at", "closed_at", "district_code"),
                data.caseHeader);
        assertEquals(Scale.SMALL.components(), data.components.size());
        assertEquals(Scale.SMALL.cases(), data.cases.size());
        JsonNode manifest = new ObjectMapper().readTree(data.dir.resolve("manifest.json").toFile());
        assertEquals(20251, manifest.get("seed").asLong());
        assertEquals("small", manifest.get("scale").asText());
        assertEquals(40_000, manifest.get("rows").get("cases").asLong());
        assertEquals(data.dirty.size(), manifest.get("rows").get("dirty_components").asLong()
                + manifest.get("rows").get("dirty_cases").asLong());
        for (JsonNode f : manifest.get("files")) {
            assertEquals(Files.size(data.dir.resolve(f.get("path").asText())), f.get("bytes").asLong(), f.toString());
        }
    }

    @Test
    void sameSeedGivesByteIdenticalFilesWhateverTheThreadCount() throws Exception {
        GeneratedData again = GeneratedData.small(tmp.resolve("b"), 1);
        assertEquals(data.report.files(), again.report.files());
        for (GeneratedFile f : data.report.files()) {
            assertArrayEquals(Files.readAllBytes(data.dir.resolve(f.path())),
                    Files.readAllBytes(again.dir.resolve(f.path())), f.path());
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode m1 = (ObjectNode) json.readTree(data.dir.resolve("manifest.json").toFile());
        ObjectNode m2 = (ObjectNode) json.readTree(again.dir.resolve("manifest.json").toFile());
        for (ObjectNode m : List.of(m1, m2)) {
            m.remove("generated_at");
            m.remove("duration_ms");
        }
        assertEquals(m1, m2);
    }

    @Test
    void anotherSeedGivesOtherRows() throws Exception {
        Path dir = tmp.resolve("c");
        GenerationReport other = QingdaoGenerator.generate(dir, Scale.SMALL, 7, 2,
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        assertEquals(data.report.file("areas.geojson"), other.file("areas.geojson"), "the city layout is fixed");
        assertNotEquals(data.report.file("cases.csv").sha256(), other.file("cases.csv").sha256());
        assertNotEquals(data.report.file("components.csv").sha256(), other.file("components.csv").sha256());
        assertEquals(Scale.SMALL.cases(), other.file("cases.csv").rows());
    }

    @Test
    void everyDirtyRowIsRejectedForItsReasonAndNoCleanRowIs() {
        Map<Integer, RejectReason> expectedComponents = new TreeMap<>();
        Map<Integer, RejectReason> expectedCases = new TreeMap<>();
        for (String[] d : data.dirty) {
            Map<Integer, RejectReason> target = d[0].equals("components") ? expectedComponents : expectedCases;
            assertTrue(d[0].equals("components") || d[0].equals("cases"), d[0]);
            target.put(Integer.parseInt(d[2]), RejectReason.valueOf(d[3]));
            List<String[]> rows = d[0].equals("components") ? data.components : data.cases;
            assertEquals(d[1], rows.get(Integer.parseInt(d[2]) - 2)[0], "id of line " + d[2]);
        }
        assertEquals(expectedComponents, componentRejects);
        assertEquals(expectedCases, caseRejects);
    }

    @Test
    void dirtySharePerReasonIsBetweenOneAndThreePerMille() {
        Map<String, Integer> counts = new HashMap<>();
        for (String[] d : data.dirty) {
            counts.merge(d[0] + " " + d[3], 1, Integer::sum);
        }
        List<String> expected = List.of("components BAD_COMPONENT_CODE", "components UNKNOWN_CLASS",
                "components BAD_COORDINATES", "components DUPLICATE_ID", "cases BAD_COORDINATES", "cases OUT_OF_AREA",
                "cases UNKNOWN_CLASS", "cases BAD_TIMESTAMP", "cases INCONSISTENT_TIMESTAMPS", "cases DUPLICATE_ID",
                "cases UNKNOWN_COMPONENT");
        assertEquals(new HashSet<>(expected), counts.keySet());
        for (String kind : expected) {
            double rows = kind.startsWith("components") ? data.components.size() : data.cases.size();
            double share = counts.get(kind) / rows;
            assertTrue(share >= 0.001 && share <= 0.003, kind + " share " + share);
        }
        double coordinates = (counts.get("cases BAD_COORDINATES") + counts.get("cases OUT_OF_AREA")) / 40_000.0;
        assertTrue(coordinates <= 0.003, "bad plus outside coordinates " + coordinates);
    }

    @Test
    void cleanCasesAreClosedAt9947Percent() {
        int clean = 0;
        int closed = 0;
        for (int i = 0; i < data.cases.size(); i++) {
            if (!caseRejects.containsKey(i + 2)) {
                clean++;
                if (!data.cases.get(i)[13].isEmpty()) {
                    closed++;
                }
            }
        }
        double share = (double) closed / clean;
        assertEquals(0.9947, share, 0.001, "closed share");
    }

    @Test
    void componentCasesCarryTheirIdEightyPercentAndTheRestLieWithinTenMetres() {
        Map<String, List<double[]>> byClass = new HashMap<>();
        for (String[] c : data.components) {
            if (componentIds.contains(c[0]) && !c[6].equals("REMOVED")) {
                byClass.computeIfAbsent(c[2], k -> new ArrayList<>())
                        .add(new double[] {Double.parseDouble(c[3]), Double.parseDouble(c[4])});
            }
        }
        int component = 0;
        int withId = 0;
        int checked = 0;
        for (int i = 0; i < data.cases.size(); i++) {
            String[] c = data.cases.get(i);
            if (caseRejects.containsKey(i + 2) || !c[2].equals("COMPONENT")) {
                continue;
            }
            component++;
            if (!c[5].isEmpty()) {
                withId++;
                assertTrue(componentIds.contains(c[5]), "line " + (i + 2) + " points at an unknown component");
                assertEquals(c[4], c[5].substring(6, 10), "class of the component on line " + (i + 2));
            } else if (checked++ < 2000) {
                double[] p = wgs84(c);
                double best = Double.MAX_VALUE;
                for (double[] q : byClass.get(c[4])) {
                    best = Math.min(best, Distances.meters(p[0], p[1], q[0], q[1]));
                }
                assertTrue(best <= 10.0, "line " + (i + 2) + " is " + best + " m from the nearest " + c[4]);
            }
        }
        assertEquals(0.8, (double) withId / component, 0.015);
        assertTrue(checked > 500, "no-id component cases " + checked);
    }

    @Test
    void componentCodesAreValidAndDistrictsMatchLocations() {
        QingdaoAreas areas = QingdaoAreas.standard();
        Map<String, PreparedGeometry> districts = new HashMap<>();
        for (District d : areas.districts()) {
            districts.put(d.code(), PreparedGeometryFactory.prepare(d.geometry()));
        }
        for (int i = 0; i < data.components.size(); i++) {
            String[] c = data.components.get(i);
            if (componentRejects.containsKey(i + 2)) {
                continue;
            }
            ComponentCode code = ComponentCode.parse(c[0], CATALOG);
            assertEquals(c[5], code.divisionCode());
            assertTrue(Set.of("NORMAL", "DAMAGED", "REMOVED").contains(c[6]), c[6]);
            assertTrue(districts.get(c[5]).contains(point(Double.parseDouble(c[3]), Double.parseDouble(c[4]))),
                    "component on line " + (i + 2) + " outside district " + c[5]);
        }
        int blank = 0;
        for (int i = 0; i < data.cases.size(); i++) {
            String[] c = data.cases.get(i);
            if (caseRejects.containsKey(i + 2)) {
                continue;
            }
            if (c[14].isEmpty()) {
                blank++;
                continue;
            }
            double[] p = wgs84(c);
            assertTrue(districts.get(c[14]).contains(point(p[0], p[1])), "case on line " + (i + 2) + " outside " + c[14]);
        }
        assertTrue(blank > 0 && blank < 0.02 * data.cases.size(), "empty district codes " + blank);
    }

    @Test
    void manholesLampsTreesAndBinsDominateTheRegistry() {
        Map<String, Integer> byClass = new HashMap<>();
        for (String[] c : data.components) {
            byClass.merge(c[2], 1, Integer::sum);
        }
        int manholes = 0;
        for (String cover : List.of("0101", "0102", "0103", "0104", "0105", "0106", "0107", "0108", "0109", "0110",
                "0111", "0112", "0114", "0127", "0128", "0129", "0130")) {
            manholes += byClass.getOrDefault(cover, 0);
        }
        int lamps = byClass.get("0118") + byClass.get("0119") + byClass.get("0120");
        int trees = byClass.get("0402");
        int bins = byClass.get("0305");
        double n = data.components.size();
        assertTrue(manholes / n > 0.30, "manholes " + manholes);
        assertTrue(trees / n > 0.15 && lamps / n > 0.08 && bins / n > 0.08, trees + " " + lamps + " " + bins);
        assertTrue((manholes + lamps + trees + bins) / n > 0.7);
        // The single largest class is the street tree; bridges are rare.
        String largest = byClass.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertEquals("0402", largest);
        assertTrue(byClass.get("0208") < byClass.get("0118") / 100, "river bridges " + byClass.get("0208"));
        // Every national subclass appears even at this scale; local ones are not drawn (no scenario needs them).
        for (var c : CATALOG.minors(ClassKind.COMPONENT)) {
            assertEquals(c.isNational(), byClass.containsKey(c.code()), "class " + c.code() + " " + c.source());
        }
    }

    @Test
    void eventClassesAreNationalPlusTheLocalOnesScenariosNeed() {
        Map<String, Integer> events = new TreeMap<>();
        for (String[] c : data.cases) {
            if (c[2].equals("EVENT") && CATALOG.find(ClassKind.EVENT, c[4]).isPresent()) {
                events.merge(c[4], 1, Integer::sum);
            }
        }
        Set<String> local = new HashSet<>();
        for (var c : CATALOG.minors(ClassKind.EVENT)) {
            if (c.isNational()) {
                assertTrue(events.containsKey(c.code()), "no case of national event class " + c.code());
            } else if (events.containsKey(c.code())) {
                local.add(c.code());
            }
        }
        // Muck spilled by trucks (cameras, patrols) and the night-market hotspot; nothing else local.
        assertEquals(Set.of("0190", "0590"), local);
        assertTrue(events.get("0504") > events.get("0190"), events.toString());
    }

    @Test
    void casesFollowDiurnalWeeklyAndSeasonalRhythms() {
        int[] byHour = new int[24];
        int patrolWeekday = 0;
        int patrolWeekend = 0;
        int[] byMonth = new int[13];
        Map<String, Integer> styles = new HashMap<>();
        Map<String, Integer> sources = new HashMap<>();
        for (int i = 0; i < data.cases.size(); i++) {
            String[] c = data.cases.get(i);
            if (caseRejects.containsKey(i + 2)) {
                continue;
            }
            String t = c[9];
            styles.merge(t.endsWith("Z") ? "utc" : t.endsWith("+08:00") ? "offset" : "millis", 1, Integer::sum);
            sources.merge(c[1], 1, Integer::sum);
            assertEquals(c[1].equals("CITIZEN_APP") ? "GCJ02" : "WGS84", c[8]);
            ZonedDateTime local = Instant.ofEpochMilli(parseMillis(t)).atZone(ZoneOffset.ofHours(8));
            assertEquals(2025, local.getYear());
            byHour[local.getHour()]++;
            byMonth[local.getMonthValue()]++;
            if (c[1].equals("PATROL")) {
                boolean weekend = local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY;
                if (weekend) {
                    patrolWeekend++;
                } else {
                    patrolWeekday++;
                }
            }
        }
        assertTrue(byHour[10] > 8 * byHour[3], "10:00 " + byHour[10] + " vs 03:00 " + byHour[3]);
        assertTrue(patrolWeekday / 5.0 > 1.5 * patrolWeekend / 2.0, "patrol weekday/weekend " + patrolWeekday + "/" + patrolWeekend);
        assertTrue(byMonth[8] > 1.3 * byMonth[2], "August " + byMonth[8] + " vs February " + byMonth[2]);
        assertEquals(Set.of("utc", "offset", "millis"), styles.keySet());
        assertEquals(Set.of("PATROL", "CAMERA", "CITIZEN_APP", "HOTLINE_12345", "DRONE", "SATELLITE", "SENSOR"),
                sources.keySet());
        assertTrue(sources.get("PATROL") > sources.get("CAMERA") && sources.get("CAMERA") > sources.get("SATELLITE"));
    }

    @Test
    void duckDbReadsTheParquetPartsWithTheCsvRowsAndTypes() throws Exception {
        Class.forName("org.duckdb.DuckDBDriver");
        long csvOnly = data.dirty.stream().filter(d -> d[4].isEmpty()).count();
        assertTrue(csvOnly > 0);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            String cases = data.dir.resolve("parquet/cases").toString() + "/*.parquet";
            String components = data.dir.resolve("parquet/components").toString() + "/*.parquet";
            assertEquals(20_000L, single(st, "SELECT count(*) FROM read_parquet('" + components + "')"));
            assertEquals(40_000L - csvOnly, single(st, "SELECT count(*) FROM read_parquet('" + cases + "')"));
            Map<String, String> types = new HashMap<>();
            try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + cases + "')")) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
            assertEquals("DOUBLE", types.get("lon"));
            assertEquals("TIMESTAMP WITH TIME ZONE", types.get("reported_at"));
            assertEquals("TIMESTAMP WITH TIME ZONE", types.get("closed_at"));
            assertEquals("VARCHAR", types.get("case_id"));
            // Every dirty row sits where the truth file says, and typed values equal the CSV's.
            for (String[] d : data.dirty) {
                if (d[4].isEmpty()) {
                    assertEquals("BAD_TIMESTAMP", d[3]);
                    continue;
                }
                String idColumn = d[0].equals("cases") ? "case_id" : "component_id";
                String sql = "SELECT " + idColumn + ", lon FROM read_parquet('" + data.dir.resolve(d[4])
                        + "', file_row_number = true) WHERE file_row_number = " + (Long.parseLong(d[5]) - 1);
                try (ResultSet rs = st.executeQuery(sql)) {
                    assertTrue(rs.next(), sql);
                    assertEquals(d[1], rs.getString(1));
                    List<String[]> rows = d[0].equals("cases") ? data.cases : data.components;
                    String lonText = rows.get(Integer.parseInt(d[2]) - 2)[d[0].equals("cases") ? 6 : 3];
                    assertEquals(Double.parseDouble(lonText), rs.getDouble(2), 0.0, "lon of " + d[1]);
                }
            }
            long sumCsv = 0;
            for (int i = 0; i < data.cases.size(); i++) {
                String[] c = data.cases.get(i);
                if (!"BAD_TIMESTAMP".equals(String.valueOf(caseRejects.get(i + 2))) && !c[13].isEmpty()) {
                    sumCsv += parseMillis(c[13]);
                }
            }
            assertEquals(sumCsv, single(st, "SELECT sum(epoch_ms(closed_at))::BIGINT FROM read_parquet('" + cases + "')"));
        }
    }

    @Test
    void areasGeojsonReadsBackWithTenDistrictsStreetsAndGrids() throws Exception {
        List<Area> areas = AreaLayer.read(data.dir.resolve("areas.geojson"));
        Map<AreaLevel, Integer> levels = new EnumMap<>(AreaLevel.class);
        for (Area a : areas) {
            levels.merge(a.level(), 1, Integer::sum);
        }
        assertEquals(10, levels.get(AreaLevel.DISTRICT));
        assertEquals(134, levels.get(AreaLevel.STREET));
        assertTrue(levels.get(AreaLevel.GRID) > 500);
        assertEquals("370202", areas.get(0).areaId());
        assertEquals("市南区", areas.get(0).name());
        // Real outlines: landmarks (WGS-84) fall in the right district of the written file.
        io.zhili.geo.geojson.AreaIndex index = new io.zhili.geo.geojson.AreaIndex(areas);
        assertEquals("370202", index.areaAt(AreaLevel.DISTRICT, 120.3802, 36.0612)); // 五四广场
        assertEquals("370214", index.areaAt(AreaLevel.DISTRICT, 120.3744, 36.2661)); // 青岛流亭机场
        assertEquals("370212", index.areaAt(AreaLevel.DISTRICT, 120.6100, 36.1600)); // 崂山
        assertEquals("370215", index.areaAt(AreaLevel.DISTRICT, 120.447, 36.389));   // 即墨
        // Official streets: every street's code and name are the National Bureau of Statistics' ones.
        Map<String, String> official = new HashMap<>();
        try (var in = QingdaoGeneratorTest.class.getResourceAsStream("/areas-source/china-division-streets-3702.csv")) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.split(",");
                official.put(f[0], f[1].replace("\"", ""));
            }
        }
        for (Area a : areas) {
            if (a.level() == AreaLevel.STREET) {
                assertEquals(official.get(a.areaId()), a.name(), a.areaId());
                assertEquals(a.areaId().substring(0, 6), areas.stream().filter(d -> d.level() == AreaLevel.DISTRICT
                        && d.geometry().intersects(a.geometry().getInteriorPoint())).findFirst().orElseThrow().areaId());
            }
        }
    }

    // ---- the independent validator ----

    /** The reason a correct job refuses a component row, given the ids of the rows accepted before it. */
    static RejectReason validateComponent(String[] f, Set<String> componentIds) {
        String minor = f[2];
        if (CATALOG.find(ClassKind.COMPONENT, minor).isEmpty() || !minor.startsWith(f[1])) {
            return RejectReason.UNKNOWN_CLASS;
        }
        if (ComponentCode.explainInvalid(f[0], CATALOG).isPresent() || !f[0].substring(6, 10).equals(minor)) {
            return RejectReason.BAD_COMPONENT_CODE;
        }
        RejectReason where = location(f[3], f[4], false);
        if (where != null) {
            return where;
        }
        return componentIds.contains(f[0]) ? RejectReason.DUPLICATE_ID : null;
    }

    /** The reason a correct job refuses a case row, given the case ids seen and the accepted component ids. */
    static RejectReason validateCase(String[] f, Set<String> seen, Set<String> componentIds) {
        ClassKind kind = ClassKind.valueOf(f[2]);
        if (CATALOG.find(kind, f[4]).isEmpty() || !f[4].startsWith(f[3])) {
            return RejectReason.UNKNOWN_CLASS;
        }
        RejectReason where = location(f[6], f[7], f[8].equals("GCJ02"));
        if (where != null) {
            return where;
        }
        long[] ts = new long[5];
        for (int i = 0; i < 5; i++) {
            String t = f[9 + i];
            ts[i] = t.isEmpty() ? Long.MIN_VALUE : parseMillis(t);
            if (ts[i] == Long.MAX_VALUE || i == 0 && t.isEmpty()) {
                return RejectReason.BAD_TIMESTAMP;
            }
        }
        long last = Long.MIN_VALUE;
        for (long t : ts) {
            if (t != Long.MIN_VALUE) {
                if (t < last) {
                    return RejectReason.INCONSISTENT_TIMESTAMPS;
                }
                last = t;
            }
        }
        if (!seen.add(f[0])) {
            return RejectReason.DUPLICATE_ID;
        }
        if (!f[5].isEmpty() && !componentIds.contains(f[5])) {
            return RejectReason.UNKNOWN_COMPONENT;
        }
        return null;
    }

    private static List<PreparedGeometry> districtShapes;

    private static RejectReason location(String lonText, String latText, boolean gcj02) {
        double lon;
        double lat;
        try {
            lon = Double.parseDouble(lonText);
            lat = Double.parseDouble(latText);
        } catch (NumberFormatException e) {
            return RejectReason.BAD_COORDINATES;
        }
        if (Double.isNaN(lon) || Double.isNaN(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90 || lon == 0 && lat == 0) {
            return RejectReason.BAD_COORDINATES;
        }
        if (gcj02) {
            double[] w = Gcj02.toWgs84(lon, lat);
            lon = w[0];
            lat = w[1];
        }
        if (districtShapes == null) {
            districtShapes = new ArrayList<>();
            for (District d : QingdaoAreas.standard().districts()) {
                districtShapes.add(PreparedGeometryFactory.prepare(d.geometry()));
            }
        }
        for (PreparedGeometry g : districtShapes) {
            if (g.contains(point(lon, lat))) {
                return null;
            }
        }
        return RejectReason.OUT_OF_AREA;
    }

    /** Epoch ms of a contract timestamp, Long.MAX_VALUE when it is not one. */
    static long parseMillis(String t) {
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(t);
        }
        try {
            return OffsetDateTime.parse(t).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return Long.MAX_VALUE;
        }
    }

    static double[] wgs84(String[] caseRow) {
        double lon = Double.parseDouble(caseRow[6]);
        double lat = Double.parseDouble(caseRow[7]);
        return caseRow[8].equals("GCJ02") ? Gcj02.toWgs84(lon, lat) : new double[] {lon, lat};
    }

    private static org.locationtech.jts.geom.Point point(double lon, double lat) {
        return QingdaoAreas.GEOMETRY.createPoint(new Coordinate(lon, lat));
    }

    private static long single(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next());
            long v = rs.getLong(1);
            assertFalse(rs.next());
            return v;
        }
    }
}
