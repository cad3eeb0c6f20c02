package io.zhili.jobs.hotspots;

import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.geojson.AreaIndex;
import io.zhili.geo.table.RejectReason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Reads and validates the rows of one input's splits: each row becomes a record, or a refusal with its
 * reason and raw text through {@link #REJECTS}; every row is counted as read.
 */
abstract class ReadRows<R extends InputRow> extends ProcessFunction<InputSplit, R> {
    static final OutputTag<RejectRecord> REJECTS = new OutputTag<>("input-rejects") {
    };
    protected final HotspotOptions options;
    private final ReferenceData reference;
    private transient ClassCatalog catalog;
    private transient AreaIndex areas;

    ReadRows(HotspotOptions options, ReferenceData reference) {
        this.options = options;
        this.reference = reference;
    }

    /** The input's name in counters and rejects: {@code components} or {@code cases}. */
    abstract String input();

    abstract RowParser<R> parser(List<String> header, ClassCatalog catalog, AreaIndex areas);

    /** Whether a well-formed row lies outside this run and is only counted; none by default. */
    boolean outsideRun(RowParser<R> parser, String[] fields, JobCounters counters) {
        return false;
    }

    @Override
    public void processElement(InputSplit split, Context ctx, Collector<R> out) throws Exception {
        if (catalog == null) {
            catalog = reference.catalog();
            areas = reference.areaIndex();
        }
        String input = input();
        RowParser<R> parser = parser(Arrays.asList(split.header), catalog, areas);
        JobCounters counters = JobCounters.of(getRuntimeContext());
        long t0 = System.nanoTime();
        SplitRows.read(split, (fields, line, raw) -> {
            counters.add(input + ".read", 1);
            if (fields != null && outsideRun(parser, fields, counters)) {
                return;
            }
            R r = fields == null ? null : parser.parse(fields);
            if (r == null) {
                String reason = fields == null ? RejectReason.MALFORMED_ROW.name() : parser.reason();
                String detail = fields == null ? "expected " + split.header.length + " fields" : parser.detail();
                counters.add(input + ".rejected." + reason, 1);
                ctx.output(REJECTS, new RejectRecord(input, split.path, line, reason, detail, raw));
                return;
            }
            r.locate(split.fileIndex, line, raw.getBytes(StandardCharsets.UTF_8));
            out.collect(r);
        });
        counters.addMillis("stage.read_" + input + "_ms", t0);
        ctx.output(JobCounters.COUNTS, counters.snapshot());
    }
}
