package io.zhili.jobs.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhili.geo.tiles.WebMercator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code suspects} vector layer: GDAL's MVT driver ({@code ogrinfo}) reads the tile with the layer,
 * the attributes and a polygon georeferenced onto the suspect's place in EPSG:3857; the TileJSON lists
 * the layer and its fields; a tile far away is not written.
 */
class SuspectTilesOgrinfoTest {
    private static final double EARTH_RADIUS = 6378137.0;

    @Test
    void ogrinfoReadsTheSuspectsLayer(@TempDir Path dir) throws Exception {
        double lon = 120.38;
        double lat = 36.07;
        Path changes = SuspectsFixture.write(dir.resolve("changes"), lon, lat);
        Path tiles = dir.resolve("tiles");
        SuspectTiles.Result r = SuspectTiles.write(changes, tiles, 14, 16);
        assertEquals(2, r.suspects());
        assertTrue(r.tilesWritten() >= 3, r.toString());
        JsonNode tj = new ObjectMapper().readTree(tiles.resolve("suspects/tilejson.json").toFile());
        assertEquals("suspects", tj.get("vector_layers").get(0).get("id").asText());
        assertEquals("String", tj.get("vector_layers").get(0).get("fields").get("status").asText());
        assertEquals(14, tj.get("minzoom").asInt());
        assertTrue(!Files.exists(tiles.resolve("suspects/16/" + WebMercator.tileX(121.0, 16))));
        JsonNode geo = new ObjectMapper().readTree(tiles.resolve("suspects/suspects.json").toFile());
        assertEquals(2, geo.get("features").size());
        assertEquals("GONE", geo.get("features").get(1).get("properties").get("status").asText());
        assertEquals("Polygon", geo.get("features").get(1).get("geometry").get("type").asText());

        assumeTrue(Files.isExecutable(MvtOgrinfoTest.OGRINFO), "ogrinfo is not installed (Debian: apt-get install -y gdal-bin): "
                + "skipping the GDAL MVT check");
        String tile = "16/" + WebMercator.tileX(lon + 0.0001, 16) + "/" + WebMercator.tileY(lat + 0.0001, 16) + ".mvt";
        assertTrue(Files.exists(tiles.resolve("suspects").resolve(tile)), tile);
        String out = MvtOgrinfoTest.ogrinfo(tiles.resolve("suspects"), tile);
        assertTrue(out.contains("Layer name: suspects"), out);
        assertTrue(out.contains("suspect_id (String) = 6f1c0d4e-0b7a-3c55-9a62-0d9b6a1e2f33"), out);
        assertTrue(out.contains("status (String) = NEW"), out);
        assertTrue(out.contains("n_fragments (Integer") && out.contains("= 2"), out);
        assertTrue(out.contains("district_code (String) = 370202"), out);
        Matcher poly = Pattern.compile("POLYGON \\(\\(([^)]*)\\)\\)").matcher(out);
        assertTrue(poly.find(), out);
        String[] points = poly.group(1).split(",");
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        for (String pt : points) {
            String[] xy = pt.trim().split(" ");
            minX = Math.min(minX, Double.parseDouble(xy[0]));
            minY = Math.min(minY, Double.parseDouble(xy[1]));
        }
        // The south-west corner lands on the suspect's corner in Web Mercator metres (tile units are ~0.6 m at z16).
        assertEquals(Math.toRadians(lon) * EARTH_RADIUS, minX, 2.0);
        assertEquals(Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lat) / 2)) * EARTH_RADIUS, minY, 2.0);
    }
}
