package io.zhili.jobs.hotspots;

import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.geojson.AreaIndex;
import io.zhili.geo.table.RejectReason;
import io.zhili.geo.util.Timestamps;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Reads and validates case rows of a split; refused rows leave through {@link #REJECTS}. */
final class ReadCases extends ProcessFunction<InputSplit, CaseRecord> {
    static final OutputTag<RejectRecord> REJECTS = new OutputTag<>("case-rejects") {
    };
    private final HotspotOptions options;
    private final ReferenceData reference;
    private transient ClassCatalog catalog;
    private transient AreaIndex areas;

    ReadCases(HotspotOptions options, ReferenceData reference) {
        this.options = options;
        this.reference = reference;
    }

    @Override
    public void processElement(InputSplit split, Context ctx, Collector<CaseRecord> out) throws Exception {
        if (catalog == null) {
            catalog = reference.catalog();
            areas = reference.areaIndex();
        }
        CaseParser parser = new CaseParser(Arrays.asList(split.header), catalog, options, areas);
        long windowFrom = options.windowed() ? HotspotOptions.localMidnight(options.from) : Long.MIN_VALUE;
        long windowTo = options.windowed() ? HotspotOptions.localMidnight(options.to) : Long.MAX_VALUE;
        JobCounters counters = JobCounters.of(getRuntimeContext());
        long t0 = System.nanoTime();
        SplitRows.read(split, (fields, line, raw) -> {
            counters.add("cases.read", 1);
            if (fields != null && options.windowed()) {
                long reported = parser.reportedAt(fields);
                if (Timestamps.isPresent(reported) && (reported < windowFrom || reported >= windowTo)) {
                    // Another window's row, good or bad: counted, neither rejected nor joined.
                    counters.add("cases.outside_window", 1);
                    return;
                }
            }
            CaseRecord r = fields == null ? null : parser.parse(fields);
            if (r == null) {
                String reason = fields == null ? RejectReason.MALFORMED_ROW.name() : parser.reason();
                String detail = fields == null ? "expected " + split.header.length + " fields" : parser.detail();
                counters.add("cases.rejected." + reason, 1);
                ctx.output(REJECTS, new RejectRecord("cases", split.path, line, reason, detail, raw));
                return;
            }
            r.file = split.fileIndex;
            r.row = line;
            r.raw = raw.getBytes(StandardCharsets.UTF_8);
            out.collect(r);
        });
        counters.addMillis("stage.read_cases_ms", t0);
        ctx.output(JobCounters.COUNTS, counters.snapshot());
    }
}
