package io.zhili.jobs.tiles;

import io.zhili.geo.parquet.GeoParquetWriter;
import io.zhili.jobs.changes.ChangeTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

/**
 * A published {@code zhili changes} output with two suspects: a NEW 20×30 m (roughly) box whose
 * south-west corner is at the given point, and a GONE L-shaped one about 1 km east.
 */
public final class SuspectsFixture {
    private SuspectsFixture() {
    }

    public static Path write(Path changes, double lon, double lat) throws Exception {
        Geometry box = new WKTReader().read(String.format(Locale.ROOT,
                "POLYGON((%f %f, %f %f, %f %f, %f %f, %f %f))", lon, lat, lon + 0.00022, lat, lon + 0.00022, lat + 0.00027,
                lon, lat + 0.00027, lon, lat));
        double e = lon + 0.011;
        Geometry ell = new WKTReader().read(String.format(Locale.ROOT,
                "POLYGON((%f %f, %f %f, %f %f, %f %f, %f %f, %f %f, %f %f))", e, lat, e + 0.0003, lat, e + 0.0003, lat + 0.0001,
                e + 0.0001, lat + 0.0001, e + 0.0001, lat + 0.0003, e, lat + 0.0003, e, lat));
        Files.createDirectories(changes.resolve(ChangeTables.SUSPECTS));
        try (GeoParquetWriter w = GeoParquetWriter.open(changes.resolve(ChangeTables.SUSPECTS).resolve("part-0.parquet"),
                ChangeTables.SUSPECT_SCHEMA)) {
            w.write("6f1c0d4e-0b7a-3c55-9a62-0d9b6a1e2f33", "2025-09", "NEW", 612.5, 2, "c1,c2", "370202", "370202001", null,
                    "2025-09", "2025-09-01", box);
            w.write("0a9e7f10-2222-3333-8444-555566667777", "2025-09", "GONE", 300.0, 1, "c9", "370202", null, null,
                    "2025-03", "2025-03-01", ell);
        }
        Files.writeString(changes.resolve("_SUCCESS"), "");
        return changes;
    }
}
