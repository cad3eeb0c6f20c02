package io.zhili.jobs.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.tiles.WebMercator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GDAL's MVT driver ({@code ogrinfo}, Debian package {@code gdal-bin}) reads a generated vector tile: the
 * layer, the attributes with their values, and polygons that GDAL georeferences from the tile's
 * {@code z/x/y} path onto the right place in EPSG:3857.
 */
class MvtOgrinfoTest {
    static final Path OGRINFO = Path.of("/usr/bin/ogrinfo");
    private static final double EARTH_RADIUS = 6378137.0;

    /**
     * {@code ogrinfo -ro -al TILE} run from {@code layerDir} (GDAL takes z/x/y from the relative path);
     * asserts that it exits 0 and opened the tile with the MVT driver, and returns its output.
     */
    static String ogrinfo(Path layerDir, String tile) throws Exception {
        Process p = new ProcessBuilder(OGRINFO.toString(), "-ro", "-al", tile).directory(layerDir.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("using driver `MVT' successful"), out);
        return out;
    }

    @Test
    void testOgrinfoReadsLayerAttributesAndGeoreferencedHexagon(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(OGRINFO), "ogrinfo is not installed (Debian: apt-get install -y gdal-bin): "
                + "skipping the GDAL MVT check");
        double lon = 120.38;
        double lat = 36.07;
        Path hotspots = dir.resolve("hotspots");
        HotspotCellsFixture.write(hotspots, "2025-03", Instant.parse("2025-02-28T16:00:00Z"),
                HotspotCellsFixture.disks(new double[][] {{lon, lat}}, 4, 40), Map.of("ALL", 1.0));
        Path tiles = dir.resolve("tiles");
        TileRun.write(hotspots, tiles, TileOptions.defaults().withZooms(15, 15).withParallelism(1)
                .withProgress(new PrintStream(new ByteArrayOutputStream())));
        String tile = "15/" + WebMercator.tileX(lon, 15) + "/" + WebMercator.tileY(lat, 15) + ".mvt";
        assertTrue(Files.exists(tiles.resolve("cases").resolve(tile)));

        // GDAL takes z/x/y from the relative path, so run it from the layer folder.
        String out = ogrinfo(tiles.resolve("cases"), tile);
        assertTrue(out.contains("Layer name: cases"), out);
        assertTrue(out.contains("Geometry: Polygon"), out);
        assertTrue(out.contains("h3: String"), out);
        assertTrue(out.contains("hot_class: String"), out);
        assertTrue(out.contains("gi_z: Real"), out);

        String centre = H3Grid.get().address(H3Grid.get().cell(lon, lat, 9));
        int at = out.indexOf("h3 (String) = " + centre);
        assertTrue(at > 0, "the centre cell " + centre + " is a feature:\n" + out);
        String feature = out.substring(at, out.indexOf("POLYGON", at) + 400 > out.length() ? out.length() : out.indexOf("POLYGON", at) + 400);
        assertTrue(feature.contains("cases (Integer) = 40"), feature);
        assertTrue(feature.contains("hot_class (String) = HOT_99"), feature);

        // The hexagon's vertices average to the cell centre in Web Mercator metres (within rounding to 1/4096 tile).
        Matcher poly = Pattern.compile("POLYGON \\(\\(([^)]*)\\)\\)").matcher(feature);
        assertTrue(poly.find(), feature);
        String[] points = poly.group(1).split(",");
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < points.length - 1; i++) {
            String[] xy = points[i].trim().split(" ");
            sx += Double.parseDouble(xy[0]);
            sy += Double.parseDouble(xy[1]);
        }
        double[] c = H3Grid.get().center(H3Grid.get().cell(lon, lat, 9));
        double ex = Math.toRadians(c[0]) * EARTH_RADIUS;
        double ey = Math.log(Math.tan(Math.PI / 4 + Math.toRadians(c[1]) / 2)) * EARTH_RADIUS;
        assertEquals(ex, sx / (points.length - 1), 15.0);
        assertEquals(ey, sy / (points.length - 1), 15.0);
    }
}
