package io.zhili.datasets.changes;

import io.zhili.datasets.GeneratedFile;
import io.zhili.datasets.Scale;
import io.zhili.datasets.city.CityLayout;
import io.zhili.datasets.sampling.AliasTable;
import io.zhili.datasets.sampling.Seeds;
import io.zhili.geo.crs.Distances;
import io.zhili.geo.geojson.Feature;
import io.zhili.geo.geojson.GeoJsonWriter;
import io.zhili.geo.parquet.GeoParquetWriter;
import io.zhili.geo.parquet.TableSchema;
import io.zhili.geo.table.CsvWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Two rounds of satellite change polygons (变化图斑) over the synthetic city, with the registered
 * building footprints and building permits that explain some of them, and the truth of every row.
 * Layout under the output directory:
 *
 * <pre>
 * changes/round-1/part-00000.parquet  GeoParquet: change_id, before_date, after_date, confidence, change_class, geometry
 * changes/round-2/part-00000.parquet  (both rounds compare against the same base image, 2025-03-01)
 * buildings/part-00000.parquet        GeoParquet: building_id, registered_at, geometry
 * permits.geojson                     permit_id, kind, valid_from, valid_to
 * truth/changes.csv                   {@link ChangeTruth} per change row
 * </pre>
 *
 * What is planted per round, scaled by {@code --scale} (SMALL: about 900 change rows a round and
 * 1,700 footprints; FULL: 1,100 times as many): new illegal structures (35 % cut into two or three
 * fragments up to 1.5 m apart; 60 % of round 1's persist into round 2, re-detected with new ids, a
 * little shifted and cut differently; the rest are gone), illegal structures inside expired or
 * demolition permits, illegal structures whose ring has a spike (invalid, repairable); registered
 * buildings re-detected (shifted ≤ 0.5 m, scaled ±5 %); buildings inside valid NEW_BUILD/RENOVATION
 * permits; vegetation, bare soil and water changes; slivers (1–2.4 m wide) along roads; low-confidence
 * noise; tiny changes (≤ 16 m²); and unusable rows (zero-area geometry, confidence out of range, bad
 * date, a repeated change_id). Every object keeps 8 m of free space around it, so unrelated objects
 * never merge as fragments.
 *
 * <p>Deterministic: one random stream from the seed, objects and files in a fixed order.
 */
public final class ChangeDataGenerator {
    public static final String BASE_DATE = "2025-03-01";
    public static final String[] AFTER_DATES = {"2025-09-01", "2026-03-01"};
    public static final TableSchema CHANGE_SCHEMA = TableSchema.builder().string("change_id").string("before_date")
            .string("after_date").float64("confidence").optionalString("change_class").geometry("geometry").build();
    public static final TableSchema BUILDING_SCHEMA = TableSchema.builder().string("building_id")
            .string("registered_at").geometry("geometry").build();
    static final int ROWS_PER_PART = 250_000;
    private static final double CELL_M = 25;
    private static final double MARGIN_M = 8;
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    /** What was written. */
    public record Summary(int changesRound1, int changesRound2, int buildings, int permits, int suspects,
                          int crowded, Map<String, Long> files) {
    }

    private final int unit;
    private final SplittableRandom random;
    private final CityLayout layout;
    private final AliasTable districts;
    private final Envelope extent;
    private final double mx;
    private final double my;
    private final BitSet occupied;
    private final int columns;
    private final double[] point = new double[2];
    private final List<Feature> permits = new ArrayList<>();
    private final List<ChangeTruth> truth = new ArrayList<>();
    private GeoParquetWriter buildingWriter;
    private int buildingPart;
    private int buildings;
    private int structureSeq;
    private int crowded;

    private ChangeDataGenerator(Scale scale, long seed, CityLayout layout) {
        this.unit = switch (scale) {
            case SMALL -> 1;
            case CITY -> 110;
            case FULL -> 1100;
            case FULL2X -> 2200;
        };
        this.random = Seeds.stream(seed, Seeds.key("changes"));
        this.layout = layout;
        this.districts = new AliasTable(layout.caseShares());
        this.extent = layout.areas().extent();
        double midLat = (extent.getMinY() + extent.getMaxY()) / 2;
        this.mx = Distances.metersPerDegreeLon(midLat);
        this.my = Distances.metersPerDegreeLat(midLat);
        this.columns = (int) Math.ceil(extent.getWidth() * mx / CELL_M) + 1;
        int rows = (int) Math.ceil(extent.getHeight() * my / CELL_M) + 1;
        this.occupied = new BitSet(Math.multiplyExact(columns, rows));
    }

    /** Writes the change data set under {@code outDir}; returns the files written (paths relative to it). */
    public static Summary generate(Path outDir, Scale scale, long seed, CityLayout layout) throws IOException {
        return new ChangeDataGenerator(scale, seed, layout).run(outDir);
    }

    /** A planted structure: centre (lon/lat), size and angle; kept to re-detect it in round 2. */
    private record Planted(String id, double lon, double lat, double width, double length, double angle) {
    }

    private Summary run(Path out) throws IOException {
        for (String dir : new String[] {"changes/round-1", "changes/round-2", "buildings"}) {
            Path d = out.resolve(dir);
            if (Files.isDirectory(d)) {
                try (var files = Files.list(d)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.delete(f);
                    }
                }
            }
            Files.createDirectories(d);
        }
        Files.createDirectories(out.resolve("truth"));
        Map<String, Long> files = new LinkedHashMap<>();
        buildingDir = out.resolve("buildings");
        buildingFiles = files;
        backgroundPending = 1400 * unit;
        openBuildingPart();
        List<Planted> persisting = new ArrayList<>();
        int[] rows = new int[2];
        int suspects = 0;
        for (int round = 1; round <= 2; round++) {
            Rows w = new Rows(out, round, files);
            suspects += plantRound(round, w, persisting);
            // Unusable rows, and a repeated change_id (the later row is refused) last in the file.
            for (int i = 0; i < 3 * unit; i++) {
                Coordinate[] flat = {new Coordinate(0, 0), new Coordinate(10, 0), new Coordinate(20, 0), new Coordinate(0, 0)};
                placeAnywhere(25, 25);
                String id = w.nextId();
                w.write(id, BASE_DATE, 0.9, "BUILT_UP", WGS84.createPolygon(toLonLat(flat)));
                truth.add(new ChangeTruth(round, id, null, "UNUSABLE", "REJECTED:BAD_GEOMETRY", false, "zero-area ring"));
                id = w.nextId();
                w.write(id, BASE_DATE, 1.7, "BUILT_UP", rectangle(12, 10, 0, 0, 0));
                truth.add(new ChangeTruth(round, id, null, "UNUSABLE", "REJECTED:BAD_CONFIDENCE", false, "confidence 1.7"));
                id = w.nextId();
                w.writeRaw(id, BASE_DATE, "2025-13-01", 0.9, "BUILT_UP", rectangle(12, 10, 0, 0, 0));
                truth.add(new ChangeTruth(round, id, null, "UNUSABLE", "REJECTED:BAD_DATE", false, "after_date 2025-13-01"));
            }
            for (int i = 0; i < 3 * unit; i++) {
                String repeated = w.firstIds.get(i * 7 % w.firstIds.size());
                placeAnywhere(20, 20);
                w.write(repeated, BASE_DATE, 0.9, "BUILT_UP", rectangle(12, 10, 0, 0, 0));
                truth.add(new ChangeTruth(round, repeated, null, "UNUSABLE", "REJECTED:DUPLICATE_ID", false,
                        "change_id repeated later in the file"));
            }
            rows[round - 1] = w.close();
        }
        while (backgroundPending > 0) {
            backgroundPending--;
            building(newStructure(8, 24, 10, 36), randomDate(1985, 2024));
        }
        closeBuildingPart();
        GeoJsonWriter.write(out.resolve("permits.geojson"), permits);
        files.put("permits.geojson", (long) permits.size());
        try (CsvWriter csv = CsvWriter.open(out.resolve("truth/changes.csv"), ChangeTruth.HEADER)) {
            for (ChangeTruth t : truth) {
                csv.write(t.round(), t.changeId(), t.structureId(), t.kind(), t.expected(), t.persists(), t.note());
            }
        }
        files.put("truth/changes.csv", (long) truth.size());
        return new Summary(rows[0], rows[1], buildings, permits.size(), suspects, crowded, files);
    }

    /** Plants one round; returns the number of suspect structures a correct screening finds. */
    private int plantRound(int round, Rows w, List<Planted> persisting) throws IOException {
        String after = AFTER_DATES[round - 1];
        int suspects = 0;
        if (round == 2) {
            for (Planted p : persisting) {
                // Seen again: shifted a little, cut anew.
                double shift = 0.3;
                Planted again = new Planted(p.id, p.lon + shift / mx * (random.nextDouble() - 0.5),
                        p.lat + shift / my * (random.nextDouble() - 0.5), p.width, p.length, p.angle);
                plantStructure(round, w, again, after, false, "persisting from round 1");
                suspects++;
            }
        }
        List<Planted> keep = new ArrayList<>();
        for (int i = 0; i < 100 * unit; i++) {
            Planted p = newStructure(6, 20, 8, 30);
            boolean persists = round == 1 && random.nextDouble() < 0.6;
            plantStructure(round, w, p, after, persists, "new illegal structure");
            if (persists) {
                keep.add(p);
            }
            suspects++;
        }
        for (int i = 0; i < 10 * unit; i++) {
            // Inside a permit that explains nothing: expired, or a demolition permit.
            boolean expired = i % 2 == 0;
            Planted p = newStructure(8, 14, 10, 18);
            String permitId = "PMT-" + round + "-T" + String.format(Locale.ROOT, "%07d", i);
            permit(permitId, expired ? "NEW_BUILD" : "DEMOLITION", expired ? "2023-01-01" : "2024-06-01",
                    expired ? "2024-12-31" : "2026-12-31", square(p, 50));
            plantStructure(round, w, p, after, false, expired ? "inside an expired permit" : "inside a demolition permit");
            suspects++;
        }
        for (int i = 0; i < 10 * unit; i++) {
            Planted p = newStructure(8, 16, 10, 20);
            String sid = structureId();
            String id = w.nextId();
            w.write(id, BASE_DATE, after, 0.6 + 0.39 * random.nextDouble(), "BUILT_UP", spiked(p));
            truth.add(new ChangeTruth(round, id, sid, "ILLEGAL", "SUSPECT", false, "ring with a spike (invalid, repairable)"));
            suspects++;
        }
        for (int i = 0; i < 150 * unit; i++) {
            Planted p = newStructure(8, 20, 10, 30);
            String bid = building(p, randomDate(1995, 2024));
            Polygon seen = rectangle(p.width * (0.95 + 0.1 * random.nextDouble()), p.length * (0.95 + 0.1 * random.nextDouble()),
                    p.angle, 0.5 * (random.nextDouble() - 0.5), 0.5 * (random.nextDouble() - 0.5), p);
            String id = w.nextId();
            w.write(id, BASE_DATE, after, 0.6 + 0.39 * random.nextDouble(), random.nextDouble() < 0.8 ? "BUILT_UP" : null, seen);
            truth.add(new ChangeTruth(round, id, null, "REGISTERED", "REGISTERED_BUILDING", false, "re-detected " + bid));
        }
        for (int i = 0; i < 60 * unit; i++) {
            Planted p = newStructure(8, 16, 10, 20);
            String pid = "PMT-" + round + "-" + String.format(Locale.ROOT, "%07d", i);
            permit(pid, random.nextBoolean() ? "NEW_BUILD" : "RENOVATION", "2024-06-01", "2026-12-31", square(p, 40 + 40 * random.nextDouble()));
            String id = w.nextId();
            w.write(id, BASE_DATE, after, 0.6 + 0.39 * random.nextDouble(), "BUILT_UP", rectangle(p));
            truth.add(new ChangeTruth(round, id, null, "PERMITTED", "PERMITTED", false, "inside " + pid));
        }
        String[] natural = {"VEGETATION", "BARE_SOIL", "WATER"};
        for (int i = 0; i < 150 * unit; i++) {
            Planted p = newStructure(20, 60, 20, 60);
            String id = w.nextId();
            String cls = natural[i % 3];
            w.write(id, BASE_DATE, after, 0.5 + 0.49 * random.nextDouble(), cls, rectangle(p));
            truth.add(new ChangeTruth(round, id, null, "NATURAL", "NOT_BUILT_UP", false, cls.toLowerCase(Locale.ROOT)));
        }
        for (int i = 0; i < 100 * unit; i++) {
            Planted p = newStructureNearRoad(1.0, 2.4, 40, 120);
            String id = w.nextId();
            w.write(id, BASE_DATE, after, 0.6 + 0.39 * random.nextDouble(), "BUILT_UP", rectangle(p));
            truth.add(new ChangeTruth(round, id, null, "SLIVER", "THIN", false, "sliver along a road"));
        }
        for (int i = 0; i < 150 * unit; i++) {
            Planted p = newStructure(8, 20, 8, 20);
            String id = w.nextId();
            w.write(id, BASE_DATE, after, 0.05 + 0.4 * random.nextDouble(), random.nextBoolean() ? "BUILT_UP" : null, rectangle(p));
            truth.add(new ChangeTruth(round, id, null, "NOISE", "LOW_CONFIDENCE", false, "low-confidence noise"));
        }
        for (int i = 0; i < 60 * unit; i++) {
            Planted p = newStructure(2, 4, 2, 4);
            String id = w.nextId();
            w.write(id, BASE_DATE, after, 0.6 + 0.39 * random.nextDouble(), "BUILT_UP", rectangle(p));
            truth.add(new ChangeTruth(round, id, null, "TINY", "TOO_SMALL", false, "tiny change"));
        }
        persisting.addAll(keep);
        return suspects;
    }

    /** Writes the change rows of one illegal structure: whole, or cut into 2–3 fragments. */
    private void plantStructure(int round, Rows w, Planted p, String after, boolean persists, String note) throws IOException {
        int pieces = random.nextDouble() < 0.35 ? 2 + random.nextInt(2) : 1;
        double gapTotal = pieces == 1 ? 0 : 1.5 * random.nextDouble();
        double pieceLength = (p.length - gapTotal) / pieces;
        double step = pieceLength + (pieces == 1 ? 0 : gapTotal / (pieces - 1));
        double confidence = 0.6 + 0.39 * random.nextDouble();
        String cls = random.nextDouble() < 0.8 ? "BUILT_UP" : null;
        for (int k = 0; k < pieces; k++) {
            double along = -p.length / 2 + pieceLength / 2 + k * step;
            String id = w.nextId();
            w.write(id, BASE_DATE, after, confidence, cls, rectangle(p.width, pieceLength, p.angle, 0, along, p));
            truth.add(new ChangeTruth(round, id, p.id, "ILLEGAL", "SUSPECT", persists,
                    pieces == 1 ? note : note + ", fragment " + (k + 1) + "/" + pieces));
        }
    }

    private Planted newStructure(double minW, double maxW, double minL, double maxL) {
        return newStructure(minW, maxW, minL, maxL, 10, 200);
    }

    private Planted newStructureNearRoad(double minW, double maxW, double minL, double maxL) {
        return newStructure(minW, maxW, minL, maxL, 6, 12);
    }

    private Planted newStructure(double minW, double maxW, double minL, double maxL, double minOff, double maxOff) {
        double width = minW + (maxW - minW) * random.nextDouble();
        double length = Math.max(width, minL + (maxL - minL) * random.nextDouble());
        double angle = Math.PI * random.nextDouble();
        place(Math.hypot(width, length), minOff, maxOff);
        return new Planted(structureId(), point[0], point[1], width, length, angle);
    }

    private String structureId() {
        return "S-" + String.format(Locale.ROOT, "%08d", ++structureSeq);
    }

    /**
     * Places {@link #point} beside a street where a disc of this diameter plus the margin is free. When the
     * city is too crowded for that (the larger scales fill the land near streets), the last point drawn is
     * taken as it is and counted in {@link Summary#crowded}: such objects may touch others, so the truth
     * holds exactly only for uncrowded data sets (the small scale has none; the city scale about 5 % of its
     * objects).
     */
    private void place(double diameter, double minOff, double maxOff) {
        for (int attempt = 0; attempt < 60; attempt++) {
            layout.network(districts.sample(random)).sample(random, minOff, maxOff, point);
            if (reserve(point[0], point[1], diameter / 2 + MARGIN_M)) {
                return;
            }
        }
        crowded++;
    }

    private void placeAnywhere(double w, double l) {
        place(Math.hypot(w, l), 10, 200);
    }

    /** Marks the cells around a point as taken; false (nothing marked) when one is taken already. */
    private boolean reserve(double lon, double lat, double radius) {
        double x = (lon - extent.getMinX()) * mx;
        double y = (lat - extent.getMinY()) * my;
        int c0 = (int) ((x - radius) / CELL_M);
        int c1 = (int) ((x + radius) / CELL_M);
        int r0 = (int) ((y - radius) / CELL_M);
        int r1 = (int) ((y + radius) / CELL_M);
        if (c0 < 0 || r0 < 0 || c1 >= columns) {
            return false;
        }
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                if (occupied.get(r * columns + c)) {
                    return false;
                }
            }
        }
        for (int r = r0; r <= r1; r++) {
            occupied.set(r * columns + c0, r * columns + c1 + 1);
        }
        return true;
    }

    private Polygon rectangle(Planted p) {
        return rectangle(p.width, p.length, p.angle, 0, 0, p);
    }

    /** A w×l rectangle at the current {@link #point}. */
    private Polygon rectangle(double w, double l, double angle, double dx, double dy) {
        return rectangle(w, l, angle, dx, dy, new Planted(null, point[0], point[1], w, l, angle));
    }

    /** A w×l rectangle centred {@code across} and {@code along} metres from the structure's centre, turned by angle. */
    private Polygon rectangle(double w, double l, double angle, double across, double along, Planted at) {
        double[][] local = {{-w / 2, -l / 2}, {w / 2, -l / 2}, {w / 2, l / 2}, {-w / 2, l / 2}, {-w / 2, -l / 2}};
        Coordinate[] c = new Coordinate[5];
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double pmx = Distances.metersPerDegreeLon(at.lat);
        double pmy = Distances.metersPerDegreeLat(at.lat);
        for (int i = 0; i < 5; i++) {
            double u = local[i][0] + across;
            double v = local[i][1] + along;
            double x = u * cos - v * sin;
            double y = u * sin + v * cos;
            c[i] = new Coordinate(round(at.lon + x / pmx), round(at.lat + y / pmy));
        }
        c[4] = c[0];
        return WGS84.createPolygon(c);
    }

    /** The structure's rectangle with a spike out of one long side: a self-intersecting, repairable ring. */
    private Polygon spiked(Planted p) {
        Polygon r = rectangle(p);
        Coordinate[] c = r.getExteriorRing().getCoordinates();
        Coordinate mid = new Coordinate((c[1].x + c[2].x) / 2, (c[1].y + c[2].y) / 2);
        Coordinate tip = new Coordinate(mid.x + (c[1].x - c[0].x) * 0.4, mid.y + (c[1].y - c[0].y) * 0.4);
        Coordinate[] ring = {c[0], c[1], mid, tip, mid, c[2], c[3], c[0]};
        return WGS84.createPolygon(ring);
    }

    private Polygon square(Planted p, double side) {
        return rectangle(side, side, p.angle, 0, 0, p);
    }

    private Coordinate[] toLonLat(Coordinate[] metres) {
        Coordinate[] out = new Coordinate[metres.length];
        for (int i = 0; i < metres.length; i++) {
            out[i] = new Coordinate(round(point[0] + metres[i].x / mx), round(point[1] + metres[i].y / my));
        }
        return out;
    }

    /** Nine decimals (0.1 mm): byte-identical files whatever the platform's last-bit float formatting. */
    private static double round(double degrees) {
        return Math.rint(degrees * 1e9) / 1e9;
    }

    private String randomDate(int fromYear, int toYear) {
        int year = fromYear + random.nextInt(toYear - fromYear + 1);
        return String.format(Locale.ROOT, "%04d-%02d-%02d", year, 1 + random.nextInt(12), 1 + random.nextInt(28));
    }

    private String building(Planted p, String registeredAt) throws IOException {
        if (buildingWriter.rowCount() >= ROWS_PER_PART) {
            closeBuildingPart();
            openBuildingPart();
        }
        String id = "BLD-" + String.format(Locale.ROOT, "%09d", ++buildings);
        buildingWriter.write(id, registeredAt, rectangle(p));
        return id;
    }

    private Path buildingDir;
    private Map<String, Long> buildingFiles;
    private String buildingFile;
    private int backgroundPending;

    private void openBuildingPart() throws IOException {
        String name = String.format(Locale.ROOT, "part-%05d.parquet", buildingPart++);
        buildingWriter = GeoParquetWriter.open(buildingDir.resolve(name), BUILDING_SCHEMA);
        buildingFile = "buildings/" + name;
    }

    private void closeBuildingPart() throws IOException {
        buildingWriter.close();
        buildingFiles.put(buildingFile, buildingWriter.rowCount());
    }

    private void permit(String id, String kind, String from, String to, Polygon polygon) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("permit_id", id);
        props.put("kind", kind);
        props.put("valid_from", from);
        props.put("valid_to", to);
        permits.add(new Feature(permits.size(), id, polygon, props));
    }

    /** The change rows of one round, in parts of {@link #ROWS_PER_PART}. */
    private final class Rows {
        private final Path dir;
        private final int round;
        private final Map<String, Long> files;
        private final List<String> firstIds = new ArrayList<>();
        private GeoParquetWriter writer;
        private int part;
        private int rows;
        private int seq;

        private String file;

        Rows(Path out, int round, Map<String, Long> files) {
            this.dir = out.resolve("changes/round-" + round);
            this.round = round;
            this.files = files;
        }

        String nextId() {
            return String.format(Locale.ROOT, "CHG-%d-%08d", round, ++seq);
        }

        void write(String id, String before, double confidence, String cls, Polygon geometry) throws IOException {
            writeRaw(id, before, AFTER_DATES[round - 1], confidence, cls, geometry);
        }

        void write(String id, String before, String after, double confidence, String cls, Polygon geometry) throws IOException {
            writeRaw(id, before, after, confidence, cls, geometry);
        }

        void writeRaw(String id, String before, String after, double confidence, String cls, Polygon geometry) throws IOException {
            if (writer == null || writer.rowCount() >= ROWS_PER_PART) {
                close();
                String name = String.format(Locale.ROOT, "part-%05d.parquet", part++);
                writer = GeoParquetWriter.open(dir.resolve(name), CHANGE_SCHEMA);
                file = "changes/round-" + round + "/" + name;
            }
            if (firstIds.size() < 1000) {
                firstIds.add(id);
            }
            writer.write(id, before, after, Math.rint(confidence * 1000) / 1000, cls, geometry);
            rows++;
            // Background footprints interleave with the change rows so that both share the free space.
            if (backgroundPending > 0 && round == 1 && rows % 2 == 0) {
                int n = Math.min(backgroundPending, 3);
                for (int i = 0; i < n; i++) {
                    Planted p = newStructure(8, 24, 10, 36);
                    building(p, randomDate(1985, 2024));
                }
                backgroundPending -= n;
            }
        }

        int close() throws IOException {
            if (writer != null) {
                writer.close();
                files.put(file, writer.rowCount());
            }
            return rows;
        }
    }
}
