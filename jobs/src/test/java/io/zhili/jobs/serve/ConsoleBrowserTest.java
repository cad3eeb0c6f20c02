package io.zhili.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zhili.geo.h3.H3Grid;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the console from a real {@link TileServer} in headless Chromium (Debian package {@code chromium}):
 * the page must request tiles that are answered 200, draw the heat layer (checked on a screenshot's
 * pixels, not on the DOM alone), show a streamed alert and a cell popup on click.
 */
class ConsoleBrowserTest {
    /** The console's map background, #f2f2ef. */
    private static final int BACKGROUND = 0xF2F2EF;

    @Test
    void testConsoleShowsHeatTilesAlertsAndCellPopup(@TempDir Path dir) throws Exception {
        assumeTrue(HeadlessChromium.available(), "Chromium is not installed (Debian: apt-get install -y chromium): "
                + "skipping the real-browser console test");
        Path tiles = TileServerTest.writeTiles(dir);
        AlertHub hub = new AlertHub();
        // Away from the hotspot disk, so the alert marker does not count as heat pixels.
        hub.publish("{\"alert_id\":\"b-1\",\"rule\":\"UNCOVERED_LOAD\",\"truck_id\":\"鲁B24680\",\"start_ts\":1763998200000,"
                + "\"lon\":120.60,\"lat\":36.30}");
        try (TileServer server = new TileServer(tiles, null, hub, TileServer.Options.loopback(0));
                HeadlessChromium chrome = new HeadlessChromium(1024, 768)) {
            server.start();
            chrome.navigate("http://127.0.0.1:" + server.port() + "/");
            assertTrue(chrome.waitFor("document.querySelectorAll('img.leaflet-tile-loaded').length >= 4",
                    Duration.ofSeconds(40)), "heat tiles loaded; server saw " + server.statusCounts());
            assertTrue(server.statusCounts().getOrDefault("tile 200", 0L) >= 4, server.statusCounts().toString());
            assertEquals(0L, server.statusCounts().getOrDefault("tile 500", 0L));
            assertTrue(chrome.waitFor("document.querySelectorAll('#alert-list li').length === 1 && "
                    + "document.getElementById('alert-list').textContent.indexOf('鲁B24680') >= 0", Duration.ofSeconds(20)),
                    "the streamed alert is listed");
            assertTrue(chrome.waitFor("document.querySelector('#legend h3') !== null", Duration.ofSeconds(10)), "legend drawn");
            Thread.sleep(500); // let the tile fade-in finish before the screenshot

            byte[] png = chrome.screenshot();
            BufferedImage shot = ImageIO.read(new ByteArrayInputStream(png));
            String keep = System.getenv("ZHILI_CONSOLE_SCREENSHOT"); // a path to keep the screenshot for a person to look at
            if (keep != null) {
                Files.write(Path.of(keep), png);
            }
            // The map's middle, clear of the panels (top-left selector, top-right alerts, bottom-left legend).
            int heat = 0;
            int total = 0;
            for (int y = 300; y < 700; y += 2) {
                for (int x = 320; x < 720; x += 2) {
                    int rgb = shot.getRGB(x, y) & 0xFFFFFF;
                    total++;
                    if (distance(rgb, BACKGROUND) > 40) {
                        heat++;
                    }
                }
            }
            assertTrue(heat > total / 10, "heat layer pixels in the map's middle: " + heat + " of " + total);

            // Click the hotspot's centre: the popup shows the cell's figures from the vector tile.
            String centre = H3Grid.get().address(H3Grid.get().cell(TileServerTest.LON, TileServerTest.LAT, 9));
            chrome.evaluate("zhiliConsole.map.setView([" + TileServerTest.LAT + "," + TileServerTest.LON + "], 14);"
                    + "zhiliConsole.map.fire('click', {latlng: L.latLng(" + TileServerTest.LAT + "," + TileServerTest.LON + ")}); true");
            assertTrue(chrome.waitFor("(document.querySelector('.leaflet-popup-content') || {textContent: ''}).textContent"
                    + ".indexOf('" + centre + "') >= 0", Duration.ofSeconds(20)), "popup with the cell " + centre);
        }
    }

    private static int distance(int a, int b) {
        return Math.max(Math.abs(((a >> 16) & 0xFF) - ((b >> 16) & 0xFF)),
                Math.max(Math.abs(((a >> 8) & 0xFF) - ((b >> 8) & 0xFF)), Math.abs((a & 0xFF) - (b & 0xFF))));
    }

    @Test
    void testConsoleDrawsTheSuspectsLayer(@TempDir Path dir) throws Exception {
        assumeTrue(HeadlessChromium.available(), "Chromium is not installed (Debian: apt-get install -y chromium): "
                + "skipping the real-browser console test");
        Path tiles = TileServerTest.writeTiles(dir);
        io.zhili.jobs.tiles.SuspectTiles.write(io.zhili.jobs.tiles.SuspectsFixture.write(dir.resolve("changes"), 120.38, 36.07),
                tiles, 12, 14);
        try (TileServer server = new TileServer(tiles, null, new AlertHub(), TileServer.Options.loopback(0));
                HeadlessChromium chrome = new HeadlessChromium(1024, 768)) {
            server.start();
            chrome.navigate("http://127.0.0.1:" + server.port() + "/");
            assertTrue(chrome.waitFor("document.querySelectorAll('path.zhili-suspect').length === 2 && "
                    + "document.querySelectorAll('path.zhili-suspect-gone').length === 1", Duration.ofSeconds(30)),
                    "both suspects drawn; server saw " + server.statusCounts());
            assertTrue(chrome.waitFor("document.querySelector('.leaflet-control-layers').textContent.indexOf('suspects (2)') >= 0",
                    Duration.ofSeconds(10)), "the layer toggle names the layer");
        }
    }
}
