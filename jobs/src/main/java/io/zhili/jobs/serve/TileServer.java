package io.zhili.jobs.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import io.zhili.geo.tiles.HexTileEncoder;
import io.zhili.geo.tiles.TileJson;
import io.zhili.geo.tiles.WebMercator;
import io.zhili.jobs.tiles.TileRun;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.LongAdder;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatch console's HTTP server (JDK {@code com.sun.net.httpserver}): serves a tile directory
 * written by {@code zhili tiles}, the console page, district outlines and live alerts.
 *
 * <ul>
 *   <li>{@code GET /} and {@code /console/…}: the console (Leaflet, vendored; no internet needed).</li>
 *   <li>{@code GET /tiles/…/{layer}/{z}/{x}/{y}.png|.mvt}: tiles, {@code image/png} and
 *       {@code application/vnd.mapbox-vector-tile}; {@code 404} for a tile that does not exist (an empty
 *       tile is never written), for a malformed path and for anything outside the tile directory.</li>
 *   <li>{@code GET /tiles/…/{layer}/tilejson.json}: TileJSON whose tile URLs are root-relative
 *       ({@code /tiles/…}) or start with the configured {@link Options#baseUrl()}, never with the
 *       request's {@code Host} header (a cache would hand one client's host to the next);
 *       {@code GET /tiles/tilesets.json}: the sets for the category/period selector. No other file of the
 *       tile directory is served ({@code run.json} names absolute input paths).</li>
 *   <li>{@code GET /api/cell?set=&layer=&z=&lon=&lat=}: the figures of the cell under a point, read from
 *       the vector tile at that zoom (404 when there is none).</li>
 *   <li>{@code GET /api/cell/{h3}}, {@code GET /api/cell/at?lon=&lat=}: the detail of a base cell of the
 *       hotspots run ({@link CellDetails}: counts by category and period, forecast, hour-of-week profile);
 *       404 for a cell the run does not know, a malformed address, or without {@link #withCellDetails}.</li>
 *   <li>{@code GET /api/areas}: the {@code --areas} GeoJSON, or 404.</li>
 *   <li>{@code GET /api/reference[?at=EPOCH_MS]}: the truck sites and restricted zones in force at that
 *       time (default now), start files plus reference updates ({@link ReferenceView}), or 404.</li>
 *   <li>{@code GET /alerts/stream}: Server-Sent Events from the {@link AlertHub}; {@code GET /api/alerts}:
 *       the kept alerts and rejection counts as JSON.</li>
 * </ul>
 * Cross-origin reads are allowed only for the origins in {@link Options#corsOrigins()} (CORS with
 * preflight, {@code Vary: Origin}); files carry an {@code ETag} (size and modification time) honoured by
 * {@code If-None-Match} with {@code 304}, and {@code Cache-Control}. A file is served only when its real
 * path (symbolic links resolved) lies inside the tile directory's real path.
 *
 * <p>Thread-safe. Requests run on a fixed pool of {@link Options#threads()} threads with a bounded queue;
 * when both are full the request is answered {@code 503} on the accepting thread, so load beyond the pool
 * costs a short refusal instead of a thread per connection. Each alert stream holds a thread, so the pool
 * is always larger than {@link AlertHub#MAX_CLIENTS}.
 */
public final class TileServer implements AutoCloseable {
    /** Cache lifetime of tiles and TileJSON: short, since a new hotspot run replaces them; ETags revalidate. */
    public static final String TILE_CACHE = "public, max-age=300";
    /** Heartbeat of alert streams. */
    public static final long HEARTBEAT_MS = 15_000;

    /** Requests that may wait for a free thread before new ones are refused with 503. */
    public static final int QUEUE = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(TileServer.class);
    /** Set while a request refused by the full pool runs on the accepting thread: answer 503 at once. */
    private static final ThreadLocal<Boolean> OVERLOADED = new ThreadLocal<>();
    /** Tile file names: {@code {y}.png} or {@code {y}.mvt} below {@code {z}/{x}/}. */
    private static final java.util.regex.Pattern TILE_NAME = java.util.regex.Pattern.compile("\\d{1,7}\\.(png|mvt)");
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("\\d{1,7}");
    /** An H3 cell address as the hotspot tables write it: 15 lower-case hex digits. */
    private static final java.util.regex.Pattern H3_ADDRESS = java.util.regex.Pattern.compile("[0-9a-f]{15}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TYPES = Map.of(
            "png", "image/png",
            "mvt", "application/vnd.mapbox-vector-tile",
            "json", "application/json",
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "geojson", "application/geo+json");

    private final Path tilesDir;
    /** The tile directory with symbolic links resolved: every served file's real path must lie below it. */
    private final Path tilesRealDir;
    private final Options options;
    private final Path areas;
    private final AlertHub hub;
    private final HttpServer server;
    private final ExecutorService pool;
    private final Map<String, LongAdder> statusCounts = new ConcurrentHashMap<>();
    private volatile ReferenceView reference;
    private volatile CellDetails details;

    /**
     * How the server listens and whom it answers.
     *
     * @param bind        address to listen on ({@code 127.0.0.1} unless the operator says otherwise)
     * @param port        TCP port, 0 for any free port
     * @param corsOrigins origins allowed to read cross-origin ({@code https://host:port}, exact match;
     *                    {@code *} for any); empty: no CORS headers at all
     * @param baseUrl     absolute URL prefix of the tile URLs in TileJSON (e.g. {@code https://maps.example.org}),
     *                    or null for root-relative URLs
     * @param threads     request threads; more than {@link AlertHub#MAX_CLIENTS} so that tiles are still
     *                    served while every alert stream is open
     */
    public record Options(String bind, int port, java.util.Set<String> corsOrigins, String baseUrl, int threads) {
        /** Default request threads: every alert stream plus 32 for tiles. */
        public static final int DEFAULT_THREADS = AlertHub.MAX_CLIENTS + 32;

        public Options {
            java.util.Objects.requireNonNull(bind, "bind");
            corsOrigins = java.util.Set.copyOf(corsOrigins);
            if (baseUrl != null) {
                while (baseUrl.endsWith("/")) {
                    baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
                }
            }
            if (threads <= AlertHub.MAX_CLIENTS) {
                throw new IllegalArgumentException("threads must exceed " + AlertHub.MAX_CLIENTS + " (one per alert stream, and some for tiles)");
            }
        }

        /** Loopback, no CORS, root-relative TileJSON, default threads. */
        public static Options loopback(int port) {
            return new Options("127.0.0.1", port, java.util.Set.of(), null, DEFAULT_THREADS);
        }

        public Options withCorsOrigins(java.util.Set<String> origins) {
            return new Options(bind, port, origins, baseUrl, threads);
        }

        public Options withBaseUrl(String url) {
            return new Options(bind, port, corsOrigins, url, threads);
        }

        public Options withBind(String address) {
            return new Options(address, port, corsOrigins, baseUrl, threads);
        }
    }

    /**
     * Binds the server (not yet started).
     *
     * @param areas GeoJSON of district outlines, or null
     * @throws IOException when the address cannot be bound or the tile directory cannot be resolved
     */
    public TileServer(Path tilesDir, Path areas, AlertHub hub, Options options) throws IOException {
        this.tilesDir = tilesDir.toAbsolutePath().normalize();
        this.tilesRealDir = this.tilesDir.toRealPath();
        this.options = options;
        this.areas = areas;
        this.hub = hub;
        this.server = HttpServer.create(new InetSocketAddress(options.bind(), options.port()), 128);
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ThreadPoolExecutor executor = new java.util.concurrent.ThreadPoolExecutor(
                options.threads(), options.threads(), 30, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "zhili-serve-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, (r, ex) -> {
                    // Full: answer 503 on the accepting thread rather than queue without bound.
                    OVERLOADED.set(Boolean.TRUE);
                    try {
                        r.run();
                    } finally {
                        OVERLOADED.remove();
                    }
                });
        executor.allowCoreThreadTimeOut(true);
        this.pool = executor;
        server.setExecutor(pool);
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
    }

    /** Serves {@code GET /api/reference[?at=EPOCH_MS]}: the sites and zones in force (default: now). */
    public TileServer withReference(ReferenceView view) {
        this.reference = view;
        return this;
    }

    /**
     * Serves {@code GET /api/cell/{h3}} and {@code GET /api/cell/at?lon=&lat=}: the detail of a base cell of
     * the hotspots run (counts by category and period, forecast, hour-of-week profile).
     */
    public TileServer withCellDetails(CellDetails details) {
        this.details = details;
        return this;
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The most request threads that were alive at once; never more than {@link Options#threads()}. */
    public int largestThreadCount() {
        return ((java.util.concurrent.ThreadPoolExecutor) pool).getLargestPoolSize();
    }

    /** Responses so far by {@code kind status}, e.g. {@code tile 200}, {@code tile 404}, {@code console 200}. */
    public Map<String, Long> statusCounts() {
        Map<String, Long> out = new java.util.TreeMap<>();
        statusCounts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    @Override
    public void close() {
        hub.closeAll();
        server.stop(0);
        pool.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        String kind = "other";
        int status;
        try {
            Headers h = ex.getResponseHeaders();
            boolean cors = allowCors(ex);
            String method = ex.getRequestMethod();
            if (Boolean.TRUE.equals(OVERLOADED.get())) {
                kind = "busy";
                h.set("Retry-After", "1");
                status = sendText(ex, 503, "server busy");
            } else if (method.equals("OPTIONS")) {
                if (cors) {
                    h.set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
                    h.set("Access-Control-Allow-Headers", "If-None-Match, Last-Event-ID, Content-Type");
                    h.set("Access-Control-Max-Age", "86400");
                }
                status = send(ex, 204, null, null);
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                h.set("Allow", "GET, HEAD, OPTIONS");
                status = sendText(ex, 405, "method not allowed");
            } else {
                String path = ex.getRequestURI().getRawPath();
                if (path.startsWith("/tiles/")) {
                    kind = path.endsWith(".json") ? "tilejson" : "tile";
                    status = serveTiles(ex, path.substring("/tiles/".length()));
                } else if (path.equals("/alerts/stream")) {
                    kind = "alerts";
                    status = streamAlerts(ex);
                } else if (path.equals("/api/alerts")) {
                    kind = "api";
                    status = alertsJson(ex);
                } else if (path.equals("/api/cell")) {
                    kind = "api";
                    status = cell(ex);
                } else if (path.startsWith("/api/cell/")) {
                    kind = "detail";
                    status = cellDetail(ex, path.substring("/api/cell/".length()));
                } else if (path.equals("/api/reference")) {
                    kind = "reference";
                    status = referenceJson(ex);
                } else if (path.equals("/api/areas")) {
                    kind = "areas";
                    status = areas == null ? sendText(ex, 404, "no --areas given") : serveFile(ex, areas, "geojson", "no-cache");
                } else if (path.equals("/") || path.equals("/index.html")) {
                    kind = "console";
                    status = serveResource(ex, "console/index.html");
                } else if (path.startsWith("/console/")) {
                    kind = "console";
                    status = serveResource(ex, path.substring(1));
                } else if (path.equals("/favicon.ico")) {
                    status = send(ex, 204, null, null);
                } else {
                    status = sendText(ex, 404, "not found");
                }
            }
        } catch (IOException e) {
            // The client went away mid-response; nothing more to tell it.
            status = -1;
        } catch (RuntimeException e) {
            LOG.warn("serve: {} {} failed: {}", ex.getRequestMethod(), ex.getRequestURI(), e.toString());
            status = trySend(ex, 500, "internal error: " + e.getClass().getSimpleName());
        } finally {
            ex.close();
        }
        statusCounts.computeIfAbsent(kind + " " + status, k -> new LongAdder()).increment();
    }

    /** Sets the CORS headers when the request's {@code Origin} is configured; true when it is. */
    private boolean allowCors(HttpExchange ex) {
        if (options.corsOrigins().isEmpty()) {
            return false;
        }
        Headers h = ex.getResponseHeaders();
        h.set("Vary", "Origin");
        String origin = ex.getRequestHeaders().getFirst("Origin");
        if (options.corsOrigins().contains("*")) {
            h.set("Access-Control-Allow-Origin", "*");
        } else if (origin != null && options.corsOrigins().contains(origin)) {
            h.set("Access-Control-Allow-Origin", origin);
        } else {
            return false;
        }
        h.set("Access-Control-Expose-Headers", "ETag");
        return true;
    }

    private int referenceJson(HttpExchange ex) throws IOException {
        ReferenceView view = reference;
        if (view == null) {
            return sendText(ex, 404, "no --sites/--zones given");
        }
        String query = ex.getRequestURI().getRawQuery();
        long at = System.currentTimeMillis();
        if (query != null && query.startsWith("at=")) {
            try {
                at = Long.parseLong(query.substring(3));
            } catch (NumberFormatException e) {
                return sendText(ex, 400, "at must be epoch milliseconds");
            }
        }
        byte[] body = view.json(at).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        return send(ex, 200, body, "application/json");
    }

    private int trySend(HttpExchange ex, int status, String text) {
        try {
            return sendText(ex, status, text);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private int serveTiles(HttpExchange ex, String rawRest) throws IOException {
        Path file = safeResolve(tilesDir, rawRest);
        if (file == null || !servable(tilesDir.relativize(file))) {
            return sendText(ex, 404, "no such tile");
        }
        String ext = extension(file);
        if (!Files.isRegularFile(file) || !insideRealRoot(file)) {
            return sendText(ex, 404, ext.equals("json") ? "no such document" : "no such tile");
        }
        if (file.getFileName().toString().equals(TileRun.TILEJSON_FILE)) {
            return serveTileJson(ex, file, rawRest);
        }
        return serveFile(ex, file, ext, TILE_CACHE);
    }

    /**
     * Whether a path below the tile directory is one the server publishes: {@code tilesets.json} at the
     * top, a layer's {@code tilejson.json}, a tile {@code {z}/{x}/{y}.png|mvt}, or the suspects layer's
     * GeoJSON ({@code suspects/suspects.json}, which the console draws). Everything else written
     * there ({@code run.json} with absolute input paths, {@code _SUCCESS}, temporary files) stays private.
     */
    static boolean servable(Path relative) {
        int n = relative.getNameCount();
        String name = relative.getFileName().toString();
        if (n == 1) {
            return name.equals(TileRun.SETS_FILE);
        }
        if (name.equals(TileRun.TILEJSON_FILE)) {
            return true;
        }
        if (n == 2 && name.equals(io.zhili.jobs.tiles.SuspectTiles.GEOJSON)
                && relative.getName(0).toString().equals(io.zhili.jobs.tiles.SuspectTiles.LAYER)) {
            return true;
        }
        return n >= 4 && TILE_NAME.matcher(name).matches()
                && NUMBER.matcher(relative.getName(n - 2).toString()).matches()
                && NUMBER.matcher(relative.getName(n - 3).toString()).matches();
    }

    /** True when the file's real path (links resolved) lies inside the tile directory's real path. */
    private boolean insideRealRoot(Path file) {
        try {
            return file.toRealPath().startsWith(tilesRealDir);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * TileJSON with URLs of this server in place of the templates on disk (relative to the layer folder):
     * root-relative, or under the configured base URL. Never built from the request's {@code Host} header,
     * which any client can set and a shared cache would pass on to others.
     */
    private int serveTileJson(HttpExchange ex, Path file, String rawRest) throws IOException {
        TileJson doc;
        try {
            doc = TileJson.read(file);
        } catch (IOException e) {
            return sendText(ex, 404, "unreadable TileJSON");
        }
        String base = (options.baseUrl() == null ? "" : options.baseUrl()) + "/tiles/"
                + rawRest.substring(0, rawRest.length() - TileRun.TILEJSON_FILE.length());
        List<String> tiles = new ArrayList<>();
        doc.tiles().forEach(t -> tiles.add(absolute(base, t)));
        Map<String, Object> extra = new HashMap<>(doc.extra());
        Object raster = extra.get("raster_tiles");
        if (raster instanceof List<?> list) {
            List<String> abs = new ArrayList<>();
            list.forEach(t -> abs.add(absolute(base, String.valueOf(t))));
            extra.put("raster_tiles", abs);
        }
        TileJson rewritten = new TileJson(doc.name(), doc.description(), tiles, doc.minZoom(), doc.maxZoom(),
                doc.bounds(), doc.center(), doc.vectorLayers(), extra);
        byte[] body = rewritten.toJsonText().getBytes(StandardCharsets.UTF_8);
        String etag = "\"" + etagOf(file) + "\"";
        return sendWithEtag(ex, body, TYPES.get("json"), TILE_CACHE, etag);
    }

    private static String absolute(String base, String template) {
        return template.startsWith("http://") || template.startsWith("https://") ? template : base + template;
    }

    private int serveFile(HttpExchange ex, Path file, String ext, String cache) throws IOException {
        String etag = "\"" + etagOf(file) + "\"";
        byte[] body = Files.readAllBytes(file);
        return sendWithEtag(ex, body, TYPES.getOrDefault(ext, "application/octet-stream"), cache, etag);
    }

    private int serveResource(HttpExchange ex, String name) throws IOException {
        if (name.contains("..") || name.contains("//")) {
            return sendText(ex, 404, "not found");
        }
        try (InputStream in = TileServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                return sendText(ex, 404, "not found");
            }
            byte[] body = in.readAllBytes();
            String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "-" + body.length + "\"";
            String type = TYPES.getOrDefault(extension(Path.of(name)), "application/octet-stream");
            if (name.endsWith(".png")) {
                type = "image/png";
            }
            return sendWithEtag(ex, body, type, "no-cache", etag);
        }
    }

    private int sendWithEtag(HttpExchange ex, byte[] body, String type, String cache, String etag) throws IOException {
        Headers h = ex.getResponseHeaders();
        h.set("ETag", etag);
        h.set("Cache-Control", cache);
        String inm = ex.getRequestHeaders().getFirst("If-None-Match");
        if (inm != null && matches(inm, etag)) {
            return send(ex, 304, null, null);
        }
        return send(ex, 200, body, type);
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static String etagOf(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return Long.toHexString(a.size()) + "-" + Long.toHexString(a.lastModifiedTime().toMillis());
    }

    /** The file under {@code root} named by a raw URL path, or null when it is malformed or leaves the root. */
    static Path safeResolve(Path root, String rawPath) {
        String decoded;
        try {
            decoded = URLDecoder.decode(rawPath, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (decoded.isEmpty() || decoded.contains("\\") || decoded.indexOf('\0') >= 0) {
            return null;
        }
        for (String segment : decoded.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return null;
            }
        }
        Path p = root.resolve(decoded).normalize();
        return p.startsWith(root) ? p : null;
    }

    private int cell(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex.getRequestURI());
        String set = q.getOrDefault("set", "");
        String layer = q.getOrDefault("layer", "cases");
        double lon;
        double lat;
        int z;
        try {
            lon = Double.parseDouble(q.getOrDefault("lon", ""));
            lat = Double.parseDouble(q.getOrDefault("lat", ""));
            z = Integer.parseInt(q.getOrDefault("z", ""));
        } catch (NumberFormatException e) {
            return sendJson(ex, 400, error("lon, lat and z must be numbers"));
        }
        if (!TileRun.LAYERS.contains(layer) || !(set.isEmpty() || set.startsWith(TileRun.SETS_DIR + "/"))) {
            return sendJson(ex, 404, error("no such layer or set"));
        }
        Path layerDir = safeResolve(tilesDir, (set.isEmpty() ? "" : set + "/") + layer);
        Path tileJson = layerDir == null ? null : layerDir.resolve(TileRun.TILEJSON_FILE);
        if (tileJson == null || !Files.isRegularFile(tileJson) || !insideRealRoot(tileJson)) {
            return sendJson(ex, 404, error("no such layer or set"));
        }
        TileJson doc = TileJson.read(tileJson);
        int zoom = Math.max(doc.minZoom(), Math.min(doc.maxZoom(), z));
        int x = WebMercator.tileX(lon, zoom);
        int y = WebMercator.tileY(lat, zoom);
        Path tile = layerDir.resolve(zoom + "/" + x + "/" + y + ".mvt");
        if (!Files.isRegularFile(tile) || !insideRealRoot(tile)) {
            return sendJson(ex, 404, error("no cell here"));
        }
        JtsMvt mvt = MvtReader.loadMvt(new ByteArrayInputStream(Files.readAllBytes(tile)), new GeometryFactory(),
                new TagKeyValueMapConverter(false, "id"), MvtReader.RING_CLASSIFIER_V2_1);
        JtsLayer l = mvt.getLayer(layer);
        int extent = l == null ? HexTileEncoder.DEFAULT_EXTENT : l.getExtent();
        double n = WebMercator.tilesPerAxis(zoom);
        Point p = new GeometryFactory().createPoint(new Coordinate((WebMercator.normX(lon) * n - x) * extent,
                (WebMercator.normY(lat) * n - y) * extent));
        if (l != null) {
            for (Geometry g : l.getGeometries()) {
                if (g.covers(p)) {
                    ObjectNode out = JSON.valueToTree(g.getUserData());
                    out.remove("id");
                    out.put("zoom", zoom);
                    return sendJson(ex, 200, out);
                }
            }
        }
        return sendJson(ex, 404, error("no cell here"));
    }

    /**
     * The detail of one base cell: by address ({@code rest} = 15 hex digits, never used as a path) or at a
     * point ({@code rest} = {@code at} with {@code lon} and {@code lat}); 404 for an unknown cell.
     */
    private int cellDetail(HttpExchange ex, String rest) throws IOException {
        CellDetails index = details;
        if (index == null) {
            return sendJson(ex, 404, error("no --hotspots given"));
        }
        java.util.Optional<ObjectNode> found;
        if (rest.equals("at")) {
            Map<String, String> q = query(ex.getRequestURI());
            double lon;
            double lat;
            try {
                lon = Double.parseDouble(q.getOrDefault("lon", ""));
                lat = Double.parseDouble(q.getOrDefault("lat", ""));
            } catch (NumberFormatException e) {
                return sendJson(ex, 400, error("lon and lat must be numbers"));
            }
            if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) {
                return sendJson(ex, 400, error("lon/lat out of range"));
            }
            found = index.json(index.cellAt(lon, lat));
        } else if (H3_ADDRESS.matcher(rest).matches()) {
            found = index.json(rest);
        } else {
            found = java.util.Optional.empty();
        }
        if (found.isEmpty()) {
            return sendJson(ex, 404, error("no such cell in the hotspots run"));
        }
        return sendJson(ex, 200, found.get());
    }

    private int alertsJson(HttpExchange ex) throws IOException {
        ObjectNode out = JSON.createObjectNode();
        var list = out.putArray("alerts");
        for (AlertHub.Event e : hub.recent()) {
            list.add(JSON.readTree(e.json()));
        }
        out.put("accepted", hub.accepted());
        out.set("rejected", JSON.valueToTree(hub.rejected()));
        out.put("clients", hub.clientCount());
        return sendJson(ex, 200, out);
    }

    private int streamAlerts(HttpExchange ex) throws IOException {
        long last = 0;
        String header = ex.getRequestHeaders().getFirst("Last-Event-ID");
        if (header != null) {
            try {
                last = Long.parseLong(header.trim());
            } catch (NumberFormatException ignored) {
                // a malformed id means: send everything kept
            }
        }
        if (hub.clientCount() >= AlertHub.MAX_CLIENTS) {
            return sendText(ex, 503, "too many alert streams");
        }
        Headers h = ex.getResponseHeaders();
        h.set("Content-Type", "text/event-stream; charset=utf-8");
        h.set("Cache-Control", "no-cache");
        h.set("X-Accel-Buffering", "no");
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(200, -1);
            return 200;
        }
        ex.sendResponseHeaders(200, 0);
        hub.stream(ex.getResponseBody(), last, HEARTBEAT_MS);
        return 200;
    }

    private static ObjectNode error(String message) {
        ObjectNode o = JSON.createObjectNode();
        o.put("error", message);
        return o;
    }

    private int sendJson(HttpExchange ex, int status, ObjectNode body) throws IOException {
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        return send(ex, status, JSON.writeValueAsBytes(body), TYPES.get("json"));
    }

    private int sendText(HttpExchange ex, int status, String text) throws IOException {
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        return send(ex, status, (text + "\n").getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    private static int send(HttpExchange ex, int status, byte[] body, String type) throws IOException {
        if (type != null) {
            ex.getResponseHeaders().set("Content-Type", type);
        }
        boolean head = ex.getRequestMethod().equals("HEAD");
        if (body == null || status == 204 || status == 304) {
            ex.sendResponseHeaders(status, -1);
            return status;
        }
        if (head) {
            ex.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            ex.sendResponseHeaders(status, -1);
            return status;
        }
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
        return status;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                q.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException ignored) {
                // a malformed escape: the parameter is left out and reported as missing
            }
        }
        return q;
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
