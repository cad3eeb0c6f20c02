package io.zhili.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zhili.cli.ServeRun;
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
 * pixels, not on the DOM alone), list the truck and live alerts, and show a cell popup and the cell's
 * detail panel on click, with Chinese text drawn by a real font.
 */
class ConsoleBrowserTest {
    /** The console's map background, #f2f2ef. */
    private static final int BACKGROUND = 0xF2F2EF;

    /** Where the screenshot with the live alerts and the detail panel is kept (a test artefact under target/). */
    static final Path SCREENSHOT = Path.of("target", "console-browser-test.png");

    /**
     * The console as {@code zhili serve --tiles --alerts --live-alerts --hotspots} serves it: heat tiles, the
     * truck alert and the live alerts (a JSON-lines file in the live alerts contract) in one list newest first
     * with Chinese labels and a kind filter, the SURGE's CLOSED record updating its OPEN one; a click on the
     * hotspot's centre opens the popup and the detail panel with the forecast read from the fixture's
     * {@code forecast/} tables. The screenshot is kept as {@link #SCREENSHOT}.
     */
    @Test
    void testConsoleShowsHeatTilesAlertsAndCellPopup(@TempDir Path dir) throws Exception {
        assumeTrue(HeadlessChromium.available(), "Chromium is not installed (Debian: apt-get install -y chromium): "
                + "skipping the real-browser console test");
        Path tiles = TileServerTest.writeTiles(dir);
        long centre = H3Grid.get().cell(TileServerTest.LON, TileServerTest.LAT, 9);
        String centreAddress = H3Grid.get().address(centre);
        LiveConsoleFixture.writeHistoryAndForecast(dir.resolve("hotspots"), centre);
        // Away from the hotspot disk, so the alert marker does not count as heat pixels.
        Path truckAlerts = dir.resolve("trucks/alerts.jsonl");
        Files.createDirectories(truckAlerts.getParent());
        Files.writeString(truckAlerts, "{\"alert_id\":\"b-1\",\"rule\":\"UNCOVERED_LOAD\",\"truck_id\":\"鲁B24680\","
                + "\"start_ts\":1763998200000,\"lon\":120.60,\"lat\":36.30}\n");
        Path liveAlerts = LiveConsoleFixture.writeJsonLines(dir.resolve("live/alerts/part-0-0.jsonl"),
                LiveConsoleFixture.alerts(centre));
        try (ServeRun serve = ServeRun.start("--tiles", tiles.toString(), "--port", "0", "--alerts", truckAlerts.toString(),
                "--live-alerts", dir.resolve("live/alerts").toString(), "--hotspots", dir.resolve("hotspots").toString());
                HeadlessChromium chrome = new HeadlessChromium(1024, 768)) {
            assertTrue(serve.listening(), serve.output());
            assertTrue(serve.output().contains("live alerts from " + dir.resolve("live/alerts")), serve.output());
            chrome.navigate("http://127.0.0.1:" + serve.port() + "/");
            assertTrue(chrome.waitFor("document.querySelectorAll('img.leaflet-tile-loaded').length >= 4",
                    Duration.ofSeconds(40)), "heat tiles loaded");
            // One list: the truck alert and four live alerts (the SURGE's CLOSED record updates its OPEN one).
            assertTrue(chrome.waitFor("document.querySelectorAll('#alert-list li').length === 5 && "
                    + "document.querySelector('#alert-list li.closed') !== null", Duration.ofSeconds(20)),
                    "five alerts listed: " + chrome.evaluate("document.getElementById('alert-list').innerText"));
            assertEquals("OVERDUE_CLOSE,OVERDUE_DISPATCH,RECURRENCE,SURGE,TRUCK", chrome.evaluate(
                    "Array.prototype.map.call(document.querySelectorAll('#alert-list li'), function (l) { return l.dataset.kind; }).join()")
                    .asText(), "newest first, by kind");
            assertEquals("结案超时|派遣超时|部件反复|突增 · 已结束|未密闭运输", chrome.evaluate(
                    "Array.prototype.map.call(document.querySelectorAll('#alert-list li b'), function (b) { return b.textContent; }).join('|')")
                    .asText(), "Chinese labels of the kinds and the truck rule; the SURGE closed");
            String text = chrome.evaluate("document.getElementById('alert-list').innerText").asText();
            assertTrue(text.contains("观测 14 / 预期 2.1") && text.contains("超时 35 分钟") && text.contains("鲁B24680"), text);
            // The kind filter: SURGE alone, then everything again.
            assertEquals("突增 · 已结束", chrome.evaluate("var f = document.getElementById('alert-filter'); f.value = 'SURGE'; f.onchange();"
                    + "Array.prototype.filter.call(document.querySelectorAll('#alert-list li'), function (l) { return !l.hidden; })"
                    + ".map(function (l) { return l.querySelector('b').textContent; }).join('|')").asText());
            assertTrue(chrome.evaluate("document.getElementById('alert-filter').selectedOptions[0].textContent").asText()
                    .equals("突增 SURGE (1)"));
            chrome.evaluate("var f = document.getElementById('alert-filter'); f.value = 'ALL'; f.onchange(); true");
            assertTrue(chrome.waitFor("document.querySelector('#legend h3') !== null", Duration.ofSeconds(10)), "legend drawn");
            Thread.sleep(500); // let the tile fade-in finish before the screenshot

            BufferedImage shot = ImageIO.read(new ByteArrayInputStream(chrome.screenshot()));
            // The map's middle, clear of the panels (top-left selector, top-right alerts, bottom-left legend).
            int heat = 0;
            int total = 0;
            for (int y = 300; y < 700; y += 2) {
                for (int x = 320; x < 680; x += 2) {
                    int rgb = shot.getRGB(x, y) & 0xFFFFFF;
                    total++;
                    if (distance(rgb, BACKGROUND) > 40) {
                        heat++;
                    }
                }
            }
            assertTrue(heat > total / 10, "heat layer pixels in the map's middle: " + heat + " of " + total);

            // Click the hotspot's centre: the popup shows the cell's figures from the vector tile, the detail
            // panel the centre cell's counts by category, trend and forecast from the hotspots run.
            chrome.evaluate("zhiliConsole.map.setView([" + TileServerTest.LAT + "," + TileServerTest.LON + "], 14);"
                    + "zhiliConsole.map.fire('click', {latlng: L.latLng(" + TileServerTest.LAT + "," + TileServerTest.LON + ")}); true");
            assertTrue(chrome.waitFor("(document.querySelector('.leaflet-popup-content') || {textContent: ''}).textContent"
                    + ".indexOf('" + centreAddress + "') >= 0", Duration.ofSeconds(20)), "popup with the cell " + centreAddress);
            assertTrue(chrome.waitFor("!document.getElementById('detail').hidden && "
                    + "document.getElementById('detail-h3').textContent === '" + centreAddress + "' && "
                    + "document.querySelector('#detail-forecast') !== null", Duration.ofSeconds(20)),
                    "detail panel of " + centreAddress);
            for (Object[] f : LiveConsoleFixture.FORECASTS) {
                String row = "#detail-forecast tr[data-category=\"" + f[0] + ":" + f[1] + "\"] ";
                for (Object[] cell : new Object[][] {{"level", f[2]}, {"expected", f[3]}, {"lower", f[4]}, {"upper", f[5]}}) {
                    assertEquals(String.format(java.util.Locale.ROOT, "%.1f", (double) cell[1]),
                            chrome.evaluate("document.querySelector('" + row + "." + cell[0] + "').textContent").asText(),
                            f[0] + ":" + f[1] + " " + cell[0]);
                }
            }
            assertEquals("全部|街面秩序|公用设施", chrome.evaluate("Array.prototype.map.call(document.querySelectorAll("
                    + "'#detail-counts tr[data-category] td:nth-child(2)'), function (t) { return t.textContent; }).join('|')").asText(),
                    "counts by category, ALL first, then by cases; names from the catalog");
            assertEquals("40", chrome.evaluate("document.querySelector('#detail-counts tr[data-category=\"ALL:ALL\"] .latest')"
                    + ".textContent").asText());
            assertEquals("22, 31, 40", chrome.evaluate("document.querySelector('svg.spark-all').getAttribute('aria-label')").asText(),
                    "the trend of the periods");
            assertEquals(168, chrome.evaluate("document.querySelectorAll('#detail-how rect').length").asInt(), "hour-of-week bars");
            assertTrue(chrome.evaluate("document.getElementById('detail').innerText").asText().contains("预测 Forecast 2025-04"));
            // Chinese text renders with a real glyph, not the missing-glyph box (a CJK font is installed).
            assertEquals("", chrome.evaluate(MISSING_GLYPHS + "('突增部件反复派遣超时结案网格详情预测街面秩序全部')").asText(),
                    "characters drawn as the missing-glyph box; install a CJK font (Debian: fonts-noto-cjk)");
            Thread.sleep(300);
            byte[] png = chrome.screenshot();
            Files.createDirectories(SCREENSHOT.getParent());
            Files.write(SCREENSHOT, png);
            String keep = System.getenv("ZHILI_CONSOLE_SCREENSHOT"); // another path to keep it at, for a person to look at
            if (keep != null) {
                Files.write(Path.of(keep), png);
            }
            assertTrue(chrome.evaluate("document.querySelectorAll('path.zhili-selected-cell').length").asInt() == 1,
                    "the selected cell outlined on the map");
        }
    }

    /**
     * A page function returning the characters of its argument that the page's font draws exactly like
     * U+FFFF, a non-character no font has a glyph for: those characters would be boxes ("tofu").
     */
    private static final String MISSING_GLYPHS = "(function (text) {"
            + " var c = document.createElement('canvas'); c.width = 40; c.height = 40; var g = c.getContext('2d');"
            + " g.font = '28px ' + getComputedStyle(document.body).fontFamily;"
            + " function draw(ch) { g.clearRect(0, 0, 40, 40); g.fillText(ch, 4, 32); return g.getImageData(0, 0, 40, 40).data.join(); }"
            + " var box = draw('\\uFFFF'); return Array.prototype.filter.call(text, function (ch) { return draw(ch) === box; }).join(''); })";

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
