package io.zhili.datasets.trucks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.datasets.areas.District;
import io.zhili.datasets.areas.QingdaoAreas;
import io.zhili.geo.fence.FenceLayers;
import io.zhili.geo.fence.ReferenceLayers;
import io.zhili.geo.fence.Route;
import io.zhili.geo.fence.RouteCorridor;
import io.zhili.geo.fence.Site;
import io.zhili.geo.fence.SiteKind;
import io.zhili.geo.fence.Zone;
import io.zhili.geo.geojson.Area;
import io.zhili.geo.geojson.AreaLevel;
import io.zhili.geo.jt808.Jt808Decoder;
import io.zhili.geo.jt808.TerminalRegistry;
import io.zhili.geo.trucks.Alert;
import io.zhili.geo.trucks.DecodeOutcome;
import io.zhili.geo.trucks.GpsJsonParser;
import io.zhili.geo.trucks.GpsPoint;
import io.zhili.geo.trucks.PointVerdict;
import io.zhili.geo.trucks.RuleConfig;
import io.zhili.geo.trucks.RuleType;
import io.zhili.geo.trucks.TruckRuleEngine;
import io.zhili.geo.trucks.TruckState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

class TruckDataGeneratorTest {
    private static final long SEED = 20251;
    private static final int TRUCKS = 60;
    @TempDir
    static Path dir;
    private static Path small;
    private static TruckDataSummary summary;
    private static List<String> jsonLines;
    private static List<String> jt808Lines;
    private static List<String[]> noise;

    @BeforeAll
    static void generateSmall() throws IOException {
        small = dir.resolve("small");
        summary = TruckDataGenerator.generate(small, TRUCKS, SEED);
        jsonLines = Files.readAllLines(small.resolve("gps.jsonl"), StandardCharsets.UTF_8);
        jt808Lines = Files.readAllLines(small.resolve("gps.jt808"), StandardCharsets.UTF_8);
        List<String> noiseLines = Files.readAllLines(small.resolve("truth/noise.csv"), StandardCharsets.UTF_8);
        noise = new ArrayList<>();
        for (String l : noiseLines.subList(1, noiseLines.size())) {
            noise.add(l.split(",", -1));
        }
        System.out.println(summary);
    }

    private static ReferenceLayers layers() throws IOException {
        return ReferenceLayers.read(small.resolve("routes.geojson"), small.resolve("sites.geojson"), small.resolve("zones.geojson"));
    }

    /** Accepted points per truck in file order, rejects counted by reason. */
    private static Map<String, List<GpsPoint>> decode(List<DecodeOutcome> outcomes, Map<String, Integer> rejects) {
        Map<String, List<GpsPoint>> byTruck = new TreeMap<>();
        for (DecodeOutcome o : outcomes) {
            if (o.ok()) {
                byTruck.computeIfAbsent(o.point().truckId(), k -> new ArrayList<>()).add(o.point());
            } else {
                rejects.merge(o.reason().name(), 1, Integer::sum);
            }
        }
        return byTruck;
    }

    /** Runs the engine as the job does: per truck, reports sorted into event order (stable, so duplicates stay adjacent). */
    private static List<Alert> run(Map<String, List<GpsPoint>> byTruck, Map<PointVerdict, Integer> verdicts) throws IOException {
        TruckRuleEngine engine = new TruckRuleEngine(layers(), RuleConfig.defaults());
        List<Alert> alerts = new ArrayList<>();
        for (List<GpsPoint> points : byTruck.values()) {
            List<GpsPoint> sorted = new ArrayList<>(points);
            sorted.sort(Comparator.comparingLong(GpsPoint::ts));
            engine.runTrace(new TruckState(), sorted, alerts::add, v -> verdicts.merge(v, 1, Integer::sum));
        }
        return alerts;
    }

    private static List<DecodeOutcome> parseJson() {
        List<DecodeOutcome> out = new ArrayList<>(jsonLines.size());
        for (String l : jsonLines) {
            out.add(GpsJsonParser.parse(l));
        }
        return out;
    }

    @Test
    void engineFindsEveryPlantedRuleWithPrecisionAndRecallOfAtLeastNinetyFivePercent() throws IOException {
        List<TruthEpisode> truth = TruthScore.read(small.resolve("truth/violations.csv"));
        Map<PointVerdict, Integer> verdicts = new EnumMap<>(PointVerdict.class);
        List<Alert> alerts = run(decode(parseJson(), new TreeMap<>()), verdicts);
        Map<RuleType, TruthScore.Score> scores = TruthScore.score(truth, alerts);
        scores.values().forEach(System.out::println);
        for (Alert a : alerts) {
            if (truth.stream().noneMatch(t -> TruthScore.overlaps(t, a))) {
                System.out.println("  unexpected " + a);
            }
        }
        for (TruthEpisode t : truth) {
            if (alerts.stream().noneMatch(a -> TruthScore.overlaps(t, a))) {
                System.out.println("  missed " + t);
            }
        }
        for (TruthScore.Score s : scores.values()) {
            assertTrue(s.violations() >= 5, s + ": too few planted to measure");
            assertTrue(s.precision() >= 0.95, s.toString());
            assertTrue(s.recall() >= 0.95, s.toString());
        }
        assertEquals(summary.violations().values().stream().mapToInt(Integer::intValue).sum(), truth.size());
    }

    @Test
    void jt808FileCarriesTheSameRecordsLineForLine() throws IOException {
        assertEquals(jsonLines.size(), jt808Lines.size());
        Jt808Decoder decoder = new Jt808Decoder(TerminalRegistry.fromRoutes(FenceLayers.readRoutes(small.resolve("routes.geojson"))));
        Map<Integer, String[]> junkByLine = new TreeMap<>();
        for (String[] n : noise) {
            if (n[1].equals("JUNK")) {
                junkByLine.put(Integer.parseInt(n[0]), n);
            }
        }
        for (int i = 0; i < jsonLines.size(); i++) {
            DecodeOutcome json = GpsJsonParser.parse(jsonLines.get(i));
            DecodeOutcome frame = decoder.decodeHex(jt808Lines.get(i));
            String[] junk = junkByLine.get(i + 1);
            if (junk == null) {
                assertTrue(json.ok() && frame.ok(), "line " + (i + 1) + ": " + json.reasonText() + " / " + frame.reasonText());
                assertEquals(json.point(), frame.point(), "line " + (i + 1));
            } else {
                assertEquals(junk[4], json.reason().name(), "json line " + (i + 1) + ": " + json.reasonText());
                assertEquals(junk[5], frame.reason().name(), "jt808 line " + (i + 1) + ": " + frame.reasonText());
            }
        }
    }

    @Test
    void duplicatesJumpsAndJunkAreCountedExactlyAsListedInNoiseCsv() throws IOException {
        Map<String, Integer> rejects = new TreeMap<>();
        Map<PointVerdict, Integer> verdicts = new EnumMap<>(PointVerdict.class);
        run(decode(parseJson(), rejects), verdicts);
        long duplicates = noise.stream().filter(n -> n[1].equals("DUPLICATE")).count();
        long jumps = noise.stream().filter(n -> n[1].equals("JUMP")).count();
        long junk = noise.stream().filter(n -> n[1].equals("JUNK")).count();
        assertTrue(duplicates > 50 && jumps > 20 && junk > 20, "noise too thin: " + duplicates + "/" + jumps + "/" + junk);
        assertEquals(duplicates, (long) verdicts.getOrDefault(PointVerdict.DUPLICATE, 0));
        assertEquals(jumps, (long) verdicts.getOrDefault(PointVerdict.JUMP, 0));
        assertEquals(0, verdicts.getOrDefault(PointVerdict.OUT_OF_ORDER, 0));
        assertEquals(junk, rejects.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(summary.lines(), jsonLines.size());
        assertEquals(summary.reports() + duplicates + jumps + junk, summary.lines());
        assertEquals(summary.reports(), (long) verdicts.get(PointVerdict.ACCEPTED));
        // Disorder is real: some report arrives after a later report of the same truck.
        assertTrue(hasPerTruckDisorder(), "no report arrives after a later one of its truck");
    }

    private static boolean hasPerTruckDisorder() {
        Map<String, Long> lastTs = new TreeMap<>();
        for (String l : jsonLines) {
            DecodeOutcome o = GpsJsonParser.parse(l);
            if (o.ok()) {
                Long prev = lastTs.put(o.point().truckId(), o.point().ts());
                if (prev != null && prev > o.point().ts()) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws IOException {
        Path again = dir.resolve("again");
        TruckDataGenerator.generate(again, TRUCKS, SEED);
        for (String f : summary.files()) {
            assertArrayEquals(Files.readAllBytes(small.resolve(f)), Files.readAllBytes(again.resolve(f)), f);
        }
        Path other = dir.resolve("other");
        TruckDataGenerator.generate(other, 12, SEED + 1);
        assertFalse(Files.readString(other.resolve("sites.geojson")).equals(Files.readString(small.resolve("sites.geojson"))));
    }

    @Test
    void layersFollowTheContract() throws IOException {
        List<Route> routes = FenceLayers.readRoutes(small.resolve("routes.geojson"));
        List<Site> sites = FenceLayers.readSites(small.resolve("sites.geojson"));
        List<Zone> zones = FenceLayers.readZones(small.resolve("zones.geojson"));
        assertEquals(12, sites.stream().filter(s -> s.kind() == SiteKind.CONSTRUCTION).count());
        assertEquals(8, sites.stream().filter(s -> s.kind() == SiteKind.DISPOSAL).count());
        Set<String> siteIds = new HashSet<>();
        sites.forEach(s -> siteIds.add(s.siteId()));
        Set<String> permitted = new HashSet<>();
        LocalDate night = LocalDate.parse("2025-11-24");
        int expired = 0;
        for (Route r : routes) {
            assertTrue(siteIds.contains(r.siteId()) && siteIds.contains(r.disposalId()), r.permitId());
            assertEquals(r.truckIds().size(), r.terminalPhones().size(), r.permitId());
            if (r.validTo().isBefore(night)) {
                expired++;
            } else {
                permitted.addAll(r.truckIds());
            }
        }
        assertEquals(TRUCKS, permitted.size(), "every truck holds a valid permit");
        assertTrue(expired >= 3, "some trucks also hold an expired permit");
        assertTrue(zones.size() >= 10);
        // No restricted zone touches a route corridor: normal driving never enters one.
        for (Route r : routes) {
            RouteCorridor c = new RouteCorridor(r);
            for (Zone z : zones) {
                for (Coordinate v : z.area().getCoordinates()) {
                    assertTrue(c.distanceMeters(v.x, v.y) > r.corridorM(), z.zoneId() + " vs " + r.permitId());
                }
            }
        }
        Set<String> reporting = new HashSet<>();
        for (String l : jsonLines) {
            DecodeOutcome o = GpsJsonParser.parse(l);
            if (o.ok()) {
                reporting.add(o.point().truckId());
            }
        }
        assertEquals(permitted, reporting);
    }

    @Test
    void fullFleetHasQingdaosSiteCounts() {
        assertEquals(321, FleetBuilder.siteCount(FleetBuilder.FULL_CONSTRUCTION_SITES, 6000, 12));
        assertEquals(243, FleetBuilder.siteCount(FleetBuilder.FULL_DISPOSAL_SITES, 6000, 8));
        assertEquals(32, FleetBuilder.siteCount(FleetBuilder.FULL_CONSTRUCTION_SITES, 600, 12));
        assertEquals(24, FleetBuilder.siteCount(FleetBuilder.FULL_DISPOSAL_SITES, 600, 8));
        assertEquals(12, FleetBuilder.siteCount(FleetBuilder.FULL_CONSTRUCTION_SITES, 60, 12));
    }

    /**
     * The real coast has inlets and capes narrower than a sampling step: every route, site and zone of a
     * 600-truck fleet lies wholly on Qingdao's land (seed 7 drew routes that left it by up to 110 m when
     * routes were checked every 200 m).
     */
    @Test
    void qingdaoFleetStaysOnLand() {
        List<Geometry> polygons = new ArrayList<>();
        for (District d : QingdaoAreas.standard().districts()) {
            polygons.add(d.geometry());
        }
        Geometry land = new GeometryFactory().buildGeometry(polygons).union();
        TruckFleet fleet = new FleetBuilder(7, null).build(600);
        for (Route r : fleet.routes()) {
            assertTrue(land.covers(r.line()), r.permitId() + " leaves the land by " + r.line().difference(land).getLength() + " degrees");
        }
        for (Site s : fleet.sites()) {
            assertTrue(land.covers(s.area()), s.siteId());
        }
        for (io.zhili.geo.fence.Zone z : fleet.zones()) {
            assertTrue(land.covers(z.area()), z.zoneId());
        }
    }

    @Test
    void givenDistrictsConfineSitesAndRoutes() throws IOException {
        List<Area> districts = new ArrayList<>();
        List<Geometry> polygons = new ArrayList<>();
        for (String code : List.of("370212", "370213", "370214")) {
            District d = QingdaoAreas.standard().district(code);
            districts.add(new Area(d.code(), d.nameZh(), AreaLevel.DISTRICT, d.geometry()));
            polygons.add(d.geometry());
        }
        Geometry land = new GeometryFactory().buildGeometry(polygons).union();
        Path out = dir.resolve("laoshan");
        TruckDataGenerator.generate(out, 10, SEED, districts);
        for (Site s : FenceLayers.readSites(out.resolve("sites.geojson"))) {
            assertTrue(land.covers(s.area()), s.siteId());
        }
        for (Route r : FenceLayers.readRoutes(out.resolve("routes.geojson"))) {
            assertTrue(land.buffer(1e-4).covers(r.line()), r.permitId());
        }
    }
}
