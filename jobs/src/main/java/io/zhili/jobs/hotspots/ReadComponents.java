package io.zhili.jobs.hotspots;

import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.geojson.AreaIndex;
import io.zhili.geo.table.RejectReason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Reads and validates component rows of a split; refused rows leave through {@link #REJECTS}. */
final class ReadComponents extends ProcessFunction<InputSplit, ComponentRecord> {
    static final OutputTag<RejectRecord> REJECTS = new OutputTag<>("component-rejects") {
    };
    private final HotspotOptions options;
    private final ReferenceData reference;
    private transient ClassCatalog catalog;
    private transient AreaIndex areas;

    ReadComponents(HotspotOptions options, ReferenceData reference) {
        this.options = options;
        this.reference = reference;
    }

    @Override
    public void processElement(InputSplit split, Context ctx, Collector<ComponentRecord> out) throws Exception {
        if (catalog == null) {
            catalog = reference.catalog();
            areas = reference.areaIndex();
        }
        ComponentParser parser = new ComponentParser(Arrays.asList(split.header), catalog, options, areas);
        JobCounters counters = JobCounters.of(getRuntimeContext());
        long t0 = System.nanoTime();
        SplitRows.read(split, (fields, line, raw) -> {
            counters.add("components.read", 1);
            ComponentRecord r = fields == null ? null : parser.parse(fields);
            if (r == null) {
                String reason = fields == null ? RejectReason.MALFORMED_ROW.name() : parser.reason();
                String detail = fields == null ? "expected " + split.header.length + " fields" : parser.detail();
                counters.add("components.rejected." + reason, 1);
                ctx.output(REJECTS, new RejectRecord("components", split.path, line, reason, detail, raw));
                return;
            }
            r.file = split.fileIndex;
            r.row = line;
            r.raw = raw.getBytes(StandardCharsets.UTF_8);
            out.collect(r);
        });
        counters.addMillis("stage.read_components_ms", t0);
        ctx.output(JobCounters.COUNTS, counters.snapshot());
    }
}
