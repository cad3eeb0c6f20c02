package io.zhili.geo.tiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A TileJSON 3.0.0 document (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0) describing one
 * tile layer: where its tiles are, their zoom range, bounds and centre, and for vector tiles the fields
 * of each vector layer.
 *
 * <p>{@code tiles} are URL templates with {@code {z}}, {@code {x}}, {@code {y}}; they may be relative
 * (a file tree written next to its tiles), in which case a server rewrites them to absolute URLs
 * ({@link #withTiles}). {@code extra} holds non-standard members, which the specification allows and
 * clients ignore (here: raster tile templates and the legend).
 *
 * @param bounds {@code {west, south, east, north}} in degrees
 * @param center {@code {lon, lat, zoom}}
 */
public record TileJson(String name, String description, List<String> tiles, int minZoom, int maxZoom,
        double[] bounds, double[] center, List<VectorLayer> vectorLayers, Map<String, Object> extra) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The specification version written. */
    public static final String VERSION = "3.0.0";

    public TileJson {
        Objects.requireNonNull(name, "name");
        tiles = List.copyOf(tiles);
        if (tiles.isEmpty()) {
            throw new IllegalArgumentException("TileJSON needs at least one tile URL template");
        }
        if (minZoom < 0 || maxZoom < minZoom || maxZoom > 30) {
            throw new IllegalArgumentException("TileJSON zoom range " + minZoom + ".." + maxZoom + " is invalid");
        }
        if (bounds != null && bounds.length != 4 || center != null && center.length != 3) {
            throw new IllegalArgumentException("TileJSON bounds need 4 numbers and center 3");
        }
        vectorLayers = vectorLayers == null ? List.of() : List.copyOf(vectorLayers);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /**
     * One entry of {@code vector_layers}.
     *
     * @param fields attribute name → type ({@code Number}, {@code String} or {@code Boolean})
     */
    public record VectorLayer(String id, String description, int minZoom, int maxZoom, Map<String, String> fields) {
        public VectorLayer {
            Objects.requireNonNull(id, "id");
            fields = new LinkedHashMap<>(fields);
        }
    }

    /** The same document with other tile URL templates (e.g. absolute URLs of a server). */
    public TileJson withTiles(List<String> newTiles) {
        return new TileJson(name, description, newTiles, minZoom, maxZoom, bounds, center, vectorLayers, extra);
    }

    /** The document as a JSON tree, members in the specification's order. */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("tilejson", VERSION);
        root.put("name", name);
        if (description != null) {
            root.put("description", description);
        }
        root.put("version", "1.0.0");
        root.put("scheme", "xyz");
        ArrayNode t = root.putArray("tiles");
        tiles.forEach(t::add);
        root.put("minzoom", minZoom);
        root.put("maxzoom", maxZoom);
        if (bounds != null) {
            ArrayNode b = root.putArray("bounds");
            for (double v : bounds) {
                b.add(round(v));
            }
        }
        if (center != null) {
            ArrayNode c = root.putArray("center");
            c.add(round(center[0]));
            c.add(round(center[1]));
            c.add((int) center[2]);
        }
        if (!vectorLayers.isEmpty()) {
            ArrayNode layers = root.putArray("vector_layers");
            for (VectorLayer l : vectorLayers) {
                ObjectNode n = layers.addObject();
                n.put("id", l.id());
                if (l.description() != null) {
                    n.put("description", l.description());
                }
                n.put("minzoom", l.minZoom());
                n.put("maxzoom", l.maxZoom());
                ObjectNode f = n.putObject("fields");
                l.fields().forEach(f::put);
            }
        }
        extra.forEach((k, v) -> root.set(k, JSON.valueToTree(v)));
        return root;
    }

    /** The document as indented JSON text. */
    public String toJsonText() {
        try {
            return JSON.writeValueAsString(toJson());
        } catch (IOException e) {
            throw new IllegalStateException("TileJSON serialisation failed", e);
        }
    }

    /**
     * Writes the document to {@code file} atomically (a temporary file renamed into place).
     *
     * @throws IOException when the file cannot be written
     */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".tilejson", ".tmp");
        Files.writeString(tmp, toJsonText());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a document written by {@link #write} (or any TileJSON with at least {@code tiles}); unknown
     * members go to {@code extra}.
     *
     * @throws IOException when the file cannot be read or is not a TileJSON object
     */
    public static TileJson read(Path file) throws IOException {
        ObjectNode n;
        try {
            n = (ObjectNode) JSON.readTree(file.toFile());
        } catch (ClassCastException e) {
            throw new IOException(file + ": not a JSON object");
        }
        if (n == null || !n.has("tiles")) {
            throw new IOException(file + ": not a TileJSON document (no tiles)");
        }
        List<String> tiles = new java.util.ArrayList<>();
        n.get("tiles").forEach(v -> tiles.add(v.asText()));
        double[] bounds = n.has("bounds") ? doubles(n.get("bounds")) : null;
        double[] center = n.has("center") ? doubles(n.get("center")) : null;
        List<VectorLayer> layers = new java.util.ArrayList<>();
        if (n.has("vector_layers")) {
            for (var l : n.get("vector_layers")) {
                Map<String, String> fields = new LinkedHashMap<>();
                l.path("fields").fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
                layers.add(new VectorLayer(l.get("id").asText(), l.hasNonNull("description") ? l.get("description").asText() : null,
                        l.path("minzoom").asInt(0), l.path("maxzoom").asInt(22), fields));
            }
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        List<String> standard = List.of("tilejson", "name", "description", "version", "scheme", "tiles", "minzoom",
                "maxzoom", "bounds", "center", "vector_layers");
        n.fields().forEachRemaining(e -> {
            if (!standard.contains(e.getKey())) {
                extra.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
            }
        });
        return new TileJson(n.path("name").asText(""), n.hasNonNull("description") ? n.get("description").asText() : null,
                tiles, n.path("minzoom").asInt(0), n.path("maxzoom").asInt(22), bounds, center, layers, extra);
    }

    private static double[] doubles(com.fasterxml.jackson.databind.JsonNode a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).asDouble();
        }
        return d;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
