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
