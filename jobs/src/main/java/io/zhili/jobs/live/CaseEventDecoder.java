package io.zhili.jobs.live;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.zhili.geo.catalog.ClassKind;
import io.zhili.geo.geojson.AreaIndex;
import io.zhili.geo.geojson.AreaLevel;
import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.index.NearestComponentIndex;
import io.zhili.geo.table.RejectReason;
import io.zhili.geo.util.Timestamps;
import io.zhili.jobs.common.RecordCounter;
import io.zhili.jobs.hotspots.CaseParser;
import io.zhili.jobs.hotspots.CaseRecord;
import io.zhili.jobs.trucks.DeadLetter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes a case event (one JSON object whose members are the cases contract's columns), validates it with
 * the batch job's {@link CaseParser} and joins it to the registry as the batch job does: by
 * {@code component_id} (the case takes the component's position and class; an unknown id is rejected
 * {@code UNKNOWN_COMPONENT}), else a COMPONENT case by the nearest component of its class within the radius.
 * Then its base H3 cell and areas are computed. A record that is not a JSON object is dead-lettered; a
 * rejected one goes to the same output with the batch job's reason; both carry the raw payload.
 */
final class CaseEventDecoder extends ProcessFunction<byte[], LiveCase> {
    static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("live-dead-letters") {
    };
    private static final JsonFactory JSON = new JsonFactory();
    private static final String[] KIND_NAMES = {ClassKind.COMPONENT.name(), ClassKind.EVENT.name()};

    private final LiveReference reference;
    private transient CaseParser parser;
    private transient Map<String, Integer> columnOf;
    private transient String[] fields;
    private transient ComponentRegistry registry;
    private transient NearestComponentIndex index;
    private transient AreaIndex areas;
    private transient H3Grid h3;
    private transient int resolution;
    private transient double radius;
    private transient RecordCounter read;
    private transient RecordCounter accepted;
    private transient RecordCounter deadLettered;
    private transient Map<String, RecordCounter> rejected;

    CaseEventDecoder(LiveReference reference) {
        this.reference = reference;
    }

    @Override
    public void open(OpenContext context) {
        parser = new CaseParser(Arrays.asList(CaseParser.COLUMNS), reference.catalog(), reference.parsing(), reference.areas());
        columnOf = new HashMap<>();
        for (int i = 0; i < CaseParser.COLUMNS.length; i++) {
            columnOf.put(CaseParser.COLUMNS[i], i);
        }
        fields = new String[CaseParser.COLUMNS.length];
        registry = reference.registry();
        index = registry.index();
        areas = reference.areas();
        h3 = H3Grid.get();
        resolution = reference.parsing().resolution;
        radius = reference.parsing().nearestRadiusMeters;
        read = RecordCounter.of(getRuntimeContext(), LiveCounters.READ);
        accepted = RecordCounter.of(getRuntimeContext(), LiveCounters.ACCEPTED);
        deadLettered = RecordCounter.of(getRuntimeContext(), LiveCounters.DEAD_LETTERED);
        rejected = new HashMap<>();
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r.name(), RecordCounter.of(getRuntimeContext(), LiveCounters.REJECTED_PREFIX + r.name()));
        }
    }

    @Override
    public void processElement(byte[] raw, Context ctx, Collector<LiveCase> out) {
        read.inc();
        String problem = decode(raw);
        if (problem != null) {
            deadLettered.inc();
            ctx.output(DEAD_LETTERS, new DeadLetter(System.currentTimeMillis(), "MALFORMED_JSON: " + problem, text(raw)));
            return;
        }
        CaseRecord r = parser.parse(fields);
        if (r == null) {
            reject(ctx, raw, parser.reason(), parser.detail());
            return;
        }
        LiveCase c = new LiveCase();
        c.caseId = r.caseId;
        c.kind = KIND_NAMES[r.kind];
        int minor = r.minorClass;
        double lon = r.lon;
        double lat = r.lat;
        int district = r.district;
        int pos = -1;
        if (r.componentId >= 0) {
            pos = index.position(r.componentId);
            if (pos < 0) {
                reject(ctx, raw, RejectReason.UNKNOWN_COMPONENT.name(), "component_id " + fields[5] + " is not in the registry");
                return;
            }
        } else if (r.kind == ClassKind.COMPONENT.ordinal()) {
            pos = index.nearest(lon, lat, minor, radius);
        }
        if (pos >= 0) {
            c.componentId = String.format("%016d", index.id(pos));
            lon = index.lon(pos);
            lat = index.lat(pos);
            minor = index.minorClass(pos);
            if (registry.district(pos) > 0) {
                district = registry.district(pos);
            }
        }
        c.minorClass = String.format("%04d", minor);
        c.lon = lon;
        c.lat = lat;
        c.cell = h3.cell(lon, lat, resolution);
        if (areas != null) {
            c.districtCode = areas.areaAt(AreaLevel.DISTRICT, lon, lat);
            c.streetCode = areas.areaAt(AreaLevel.STREET, lon, lat);
            c.gridCode = areas.areaAt(AreaLevel.GRID, lon, lat);
        }
        if (c.districtCode == null && district > 0) {
            c.districtCode = Integer.toString(district);
        }
        c.reportedAt = r.reportedAt;
        c.verifiedAt = r.verifiedAt;
        c.dispatchedAt = r.dispatchedAt;
        c.disposedAt = r.disposedAt;
        c.closedAt = r.closedAt;
        c.eventTime = eventTime(c);
        accepted.inc();
        out.collect(c);
    }

    /** The latest present lifecycle timestamp (CaseParser has checked they are in order). */
    static long eventTime(LiveCase c) {
        long t = c.reportedAt;
        for (long s : new long[] {c.verifiedAt, c.dispatchedAt, c.disposedAt, c.closedAt}) {
            if (Timestamps.isPresent(s) && s > t) {
                t = s;
            }
        }
        return t;
    }

    private void reject(Context ctx, byte[] raw, String reason, String detail) {
        rejected.get(reason).inc();
        ctx.output(DEAD_LETTERS, new DeadLetter(System.currentTimeMillis(), reason + ": " + detail, text(raw)));
    }

    /**
     * Fills {@link #fields} from a JSON object: strings and numbers as their text, a missing, null or empty
     * member as empty; unknown members are ignored. Returns why the record is not such an object, or null.
     */
    private String decode(byte[] raw) {
        Arrays.fill(fields, "");
        try (JsonParser p = JSON.createParser(raw)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "not a JSON object";
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                if (t != JsonToken.FIELD_NAME) {
                    return "unexpected " + t;
                }
                Integer col = columnOf.get(p.currentName());
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    if (col != null) {
                        return "member " + p.currentName() + " is not a string or number";
                    }
                    p.skipChildren();
                } else if (col != null && v != JsonToken.VALUE_NULL) {
                    fields[col] = p.getText();
                }
            }
            if (p.nextToken() != null) {
                return "text after the JSON object";
            }
            return null;
        } catch (IOException e) {
            String m = e.getMessage() == null ? "unreadable" : e.getMessage();
            int nl = m.indexOf('\n');
            return "not JSON (" + (nl < 0 ? m : m.substring(0, nl)) + ")";
        }
    }

    private static String text(byte[] raw) {
        return new String(raw, StandardCharsets.UTF_8);
    }
}
