package io.zhili.geo.parquet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.ParquetReadOptions;

/**
 * The GeoParquet file metadata stored as JSON under the Parquet footer key {@value #KEY}
 * (GeoParquet 1.1: {@code version}, {@code primary_column}, {@code columns}).
 *
 * <p>Immutable and thread-safe. Only the fields Zhili writes or reads are modelled; other fields
 * of a foreign file (edges, orientation, covering, ...) are ignored when parsing.
 *
 * @param version       specification version, e.g. {@code "1.1.0"}
 * @param primaryColumn name of the primary geometry column
 * @param columns       metadata per geometry column, in file order; unmodifiable
 */
public record GeoParquetMetadata(String version, String primaryColumn, Map<String, Column> columns) {
    /** The Parquet key-value metadata key of GeoParquet. */
    public static final String KEY = "geo";
    /** The specification version this code writes. */
    public static final String VERSION = "1.1.0";

    private static final ObjectMapper JSON = new ObjectMapper();

    public GeoParquetMetadata {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(primaryColumn, "primaryColumn");
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /**
     * Metadata of one geometry column.
     *
     * @param encoding      {@code "WKB"} for what Zhili writes
     * @param geometryTypes distinct geometry type names written (e.g. {@code "Polygon"}); empty when
     *                      unknown or when no geometry was written
     * @param bbox          {@code [minx, miny, maxx, maxy]} in degrees over all non-empty geometries, or
     *                      null when there were none
     * @param crs           the PROJJSON CRS as a JSON string, or null for the default OGC:CRS84
     */
    public record Column(String encoding, List<String> geometryTypes, double[] bbox, String crs) {
        public Column {
            Objects.requireNonNull(encoding, "encoding");
            geometryTypes = List.copyOf(geometryTypes);
            bbox = bbox == null ? null : bbox.clone();
        }

        @Override
        public double[] bbox() {
            return bbox == null ? null : bbox.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Column c && c.encoding.equals(encoding) && c.geometryTypes.equals(geometryTypes)
                    && Arrays.equals(c.bbox, bbox) && Objects.equals(c.crs, crs);
        }

        @Override
        public int hashCode() {
            return Objects.hash(encoding, geometryTypes, Arrays.hashCode(bbox), crs);
        }

        @Override
        public String toString() {
            return "Column[" + encoding + ", " + geometryTypes + ", bbox=" + Arrays.toString(bbox)
                    + (crs == null ? "" : ", crs=" + crs) + "]";
        }
    }

    /** Serialises to the GeoParquet JSON; {@code crs} and {@code bbox} are omitted when null. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", version);
        root.put("primary_column", primaryColumn);
        ObjectNode cols = root.putObject("columns");
        for (Map.Entry<String, Column> e : columns.entrySet()) {
            Column c = e.getValue();
            ObjectNode node = cols.putObject(e.getKey());
            node.put("encoding", c.encoding());
            ArrayNode types = node.putArray("geometry_types");
            c.geometryTypes().forEach(types::add);
            if (c.bbox != null) {
                ArrayNode bbox = node.putArray("bbox");
                for (double v : c.bbox) {
                    bbox.add(v);
                }
            }
            if (c.crs() != null) {
                try {
                    node.set("crs", JSON.readTree(c.crs()));
                } catch (IOException ex) {
                    throw new IllegalStateException("crs is not valid JSON: " + c.crs(), ex);
                }
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException ex) {
            throw new IllegalStateException("cannot serialise GeoParquet metadata", ex);
        }
    }

    /**
     * Parses the JSON value of the {@value #KEY} key.
     *
     * @throws IllegalArgumentException when the text is not GeoParquet metadata (one-line reason)
     */
    public static GeoParquetMetadata parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalArgumentException("GeoParquet metadata is not JSON: " + ex.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("GeoParquet metadata is not a JSON object");
        }
        String version = requiredText(root, "version");
        String primary = requiredText(root, "primary_column");
        JsonNode cols = root.get("columns");
        if (cols == null || !cols.isObject()) {
            throw new IllegalArgumentException("GeoParquet metadata has no \"columns\" object");
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : cols.properties()) {
            JsonNode c = e.getValue();
            List<String> types = new ArrayList<>();
            JsonNode typesNode = c.get("geometry_types");
            if (typesNode != null && typesNode.isArray()) {
                typesNode.forEach(t -> types.add(t.asText()));
            }
            double[] bbox = null;
            JsonNode bboxNode = c.get("bbox");
            if (bboxNode != null && bboxNode.isArray()) {
                bbox = new double[bboxNode.size()];
                for (int i = 0; i < bbox.length; i++) {
                    bbox[i] = bboxNode.get(i).asDouble();
                }
            }
            JsonNode crs = c.get("crs");
            String encoding = c.hasNonNull("encoding") ? c.get("encoding").asText() : "WKB";
            columns.put(e.getKey(), new Column(encoding, types,
                    bbox, crs == null || crs.isNull() ? null : crs.toString()));
        }
        return new GeoParquetMetadata(version, primary, columns);
    }

    /**
     * Reads the {@value #KEY} metadata from a Parquet file's footer.
     *
     * @return empty when the file has no {@value #KEY} key
     * @throws IOException when the file cannot be read as Parquet
     * @throws IllegalArgumentException when the key holds something that is not GeoParquet metadata
     */
    public static Optional<GeoParquetMetadata> read(Path parquetFile) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(ParquetCodecs.INSTANCE).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(parquetFile), options)) {
            String json = reader.getFileMetaData().getKeyValueMetaData().get(KEY);
            return json == null ? Optional.empty() : Optional.of(parse(json));
        }
    }

    private static String requiredText(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("GeoParquet metadata has no \"" + field + "\" string");
        }
        return n.asText();
    }
}
