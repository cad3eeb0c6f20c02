package io.zhili.geo.fence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhili.geo.geojson.Feature;
import io.zhili.geo.geojson.GeoJsonException;
import io.zhili.geo.geojson.GeoJsonReader;
import io.zhili.geo.trucks.GpsJsonParser;
import java.util.Locale;
import org.locationtech.jts.geom.Geometry;

/**
 * Reads one reference update record, a JSON object on one line:
 * <pre>{"layer":"sites","op":"UPSERT","id":"S-9","effective_at":"2025-11-24T23:00:00+08:00",
 *  "feature":{"type":"Feature","geometry":{…},"properties":{"site_id":"S-9",…}}}</pre>
 * {@code layer} is routes, sites or zones (any case); {@code op} UPSERT or DELETE (any case);
 * {@code id} the permit_id, site_id or zone_id; {@code effective_at} written as a GPS report's
 * {@code ts} (epoch milliseconds, as a number or digits, or ISO-8601 with an offset); for an UPSERT
 * {@code feature} is a GeoJSON Feature that passes the layer's checks ({@link FenceLayers}) and whose
 * id property equals {@code id}; polygons must also be valid (JTS {@code isValid}), since a
 * self-crossing one cannot be indexed. A DELETE needs no feature (one given is ignored).
 *
 * <p>Stateless and thread-safe.
 */
public final class ReferenceUpdateParser {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReferenceUpdateParser() {
    }

    /**
     * Parses one record.
     *
     * @throws UpdateRejectedException with the reason and a one-line message when it cannot be applied
     */
    public static ReferenceUpdate parse(String raw) {
        JsonNode node;
        try {
            node = MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new UpdateRejectedException(UpdateRejectReason.BAD_UPDATE_JSON, "not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new UpdateRejectedException(UpdateRejectReason.BAD_UPDATE_JSON, "the record is not a JSON object");
        }
        ReferenceUpdate.Layer layer = enumOf(ReferenceUpdate.Layer.class, node.get("layer"));
        if (layer == null) {
            throw new UpdateRejectedException(UpdateRejectReason.UNKNOWN_LAYER,
                    "layer must be routes, sites or zones, got " + node.get("layer"));
        }
        ReferenceUpdate.Op op = enumOf(ReferenceUpdate.Op.class, node.get("op"));
        if (op == null) {
            throw new UpdateRejectedException(UpdateRejectReason.UNKNOWN_OP, "op must be UPSERT or DELETE, got " + node.get("op"));
        }
        JsonNode idNode = node.get("id");
        String id = idNode == null || idNode.isNull() || idNode.isContainerNode() ? "" : idNode.asText().trim();
        if (id.isEmpty()) {
            throw new UpdateRejectedException(UpdateRejectReason.MISSING_ID, "id is missing or blank");
        }
        long effectiveAt = effectiveAt(node.get("effective_at"));
        if (op == ReferenceUpdate.Op.DELETE) {
            return new ReferenceUpdate(layer, op, id, effectiveAt, null, raw);
        }
        JsonNode featureNode = node.get("feature");
        if (featureNode == null || !featureNode.isObject()) {
            throw new UpdateRejectedException(UpdateRejectReason.INVALID_FEATURE, "an UPSERT needs a GeoJSON Feature object in 'feature'");
        }
        String source = "update " + layer.name().toLowerCase(Locale.ROOT) + "/" + id;
        Feature f;
        try {
            f = GeoJsonReader.readFeature(featureNode, source);
        } catch (GeoJsonException e) {
            UpdateRejectReason reason = e.getMessage().contains("bad geometry")
                    ? UpdateRejectReason.BAD_GEOMETRY : UpdateRejectReason.INVALID_FEATURE;
            throw new UpdateRejectedException(reason, e.getMessage());
        }
        Object feature;
        String featureId;
        try {
            switch (layer) {
                case ROUTES -> {
                    Route r = FenceLayers.route(f);
                    feature = r;
                    featureId = r.permitId();
                }
                case SITES -> {
                    Site s = FenceLayers.site(f);
                    valid(s.area(), source);
                    feature = s;
                    featureId = s.siteId();
                }
                default -> {
                    Zone z = FenceLayers.zone(f);
                    valid(z.area(), source);
                    feature = z;
                    featureId = z.zoneId();
                }
            }
        } catch (GeoJsonException e) {
            // The layer readers name a wrong geometry type "geometry must be …" / "a route must be …".
            boolean geometry = e.getMessage().contains("geometry must be") || e.getMessage().contains("route must be");
            throw new UpdateRejectedException(geometry ? UpdateRejectReason.BAD_GEOMETRY : UpdateRejectReason.INVALID_FEATURE,
                    e.getMessage());
        }
        if (!featureId.equals(id)) {
            throw new UpdateRejectedException(UpdateRejectReason.INVALID_FEATURE,
                    source + ": the feature's id property is \"" + featureId + "\", not the record's id");
        }
        return new ReferenceUpdate(layer, op, id, effectiveAt, feature, raw);
    }

    private static void valid(Geometry area, String source) {
        if (!area.isValid()) {
            throw new UpdateRejectedException(UpdateRejectReason.BAD_GEOMETRY,
                    source + ": the polygon is not valid (self-crossing or badly nested rings)");
        }
    }

    private static long effectiveAt(JsonNode v) {
        long ts;
        if (v == null || v.isNull()) {
            throw new UpdateRejectedException(UpdateRejectReason.BAD_EFFECTIVE_AT, "effective_at is missing");
        } else if (v.isIntegralNumber() && v.canConvertToLong()) {
            ts = v.longValue();
        } else if (v.isTextual()) {
            ts = GpsJsonParser.parseTimestamp(v.textValue());
        } else {
            ts = Long.MIN_VALUE;
        }
        if (ts == Long.MIN_VALUE) {
            throw new UpdateRejectedException(UpdateRejectReason.BAD_EFFECTIVE_AT,
                    "effective_at " + v + " is neither epoch milliseconds nor ISO-8601 with an offset");
        }
        if (ts < GpsJsonParser.MIN_TS || ts >= GpsJsonParser.MAX_TS) {
            throw new UpdateRejectedException(UpdateRejectReason.BAD_EFFECTIVE_AT,
                    "effective_at " + ts + " outside 2000..2100 (seconds instead of milliseconds?)");
        }
        return ts;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, JsonNode v) {
        if (v == null || !v.isTextual()) {
            return null;
        }
        try {
            return Enum.valueOf(type, v.textValue().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
