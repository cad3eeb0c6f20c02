package io.zhili.jobs.changes;

import io.zhili.geo.changes.ChangeDates;
import io.zhili.geo.changes.ChangeOutcome;
import io.zhili.geo.changes.ChangePolygon;
import io.zhili.geo.changes.ChangeRejectReason;
import io.zhili.geo.changes.ChangeScreening;
import io.zhili.geo.changes.GeometryRepair;
import io.zhili.geo.crs.Cgcs2000GaussKruger;
import io.zhili.jobs.hotspots.InputSplit;
import io.zhili.jobs.hotspots.JobCounters;
import io.zhili.jobs.hotspots.RejectRecord;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;

/**
 * Reads the change polygons of one split, validates each row, repairs invalid geometries, projects them
 * to EPSG:4549 and runs the per-polygon tests of {@link ChangeScreening#screen} against the index side
 * (shared per JVM). Every row read is counted; a refused one goes to {@link #REJECTS} with its reason.
 */
final class ReadChanges extends ProcessFunction<InputSplit, ChangeRecord> {
    static final OutputTag<RejectRecord> REJECTS = new OutputTag<>("change-rejects") {
    };
    static final String[] COLUMNS = {"change_id", "before_date", "after_date", "confidence", "change_class"};
    /** The split of an input without rows (its files hold only headers): read as nothing. */
    static final InputSplit NO_ROWS = noRows();

    private static InputSplit noRows() {
        InputSplit s = new InputSplit();
        s.input = "changes";
        s.path = "";
        s.header = new String[0];
        return s;
    }

    /** Raw text kept for rows that may still be refused as duplicates later. */
    static final int KEPT_RAW_CHARS = 500;

    private final ChangeOptions options;
    private final IndexSide indexSide;
    private transient ChangeScreening screening;

    ReadChanges(ChangeOptions options, IndexSide indexSide) {
        this.options = options;
        this.indexSide = indexSide;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        IndexSide.Loaded loaded = indexSide.get();
        screening = new ChangeScreening(options.rules(), loaded.buildings(), loaded.permits());
    }

    @Override
    public void processElement(InputSplit split, Context ctx, Collector<ChangeRecord> out) throws Exception {
        JobCounters counters = JobCounters.of(getRuntimeContext());
        if (split.path.isEmpty()) {
            ctx.output(JobCounters.COUNTS, counters.snapshot());
            return;
        }
        Cgcs2000GaussKruger gk = Cgcs2000GaussKruger.get();
        WKBWriter wkb = new WKBWriter();
        long t0 = System.nanoTime();
        new PolygonRows().read(split, "changes", COLUMNS, List.of("change_class"), row -> {
            counters.add("changes.read", 1);
            String reason = null;
            String detail = null;
            ChangeRecord r = new ChangeRecord();
            if (row.values == null) {
                reason = ChangeRejectReason.MALFORMED_ROW.name();
                detail = "wrong number of fields";
            } else {
                String[] v = row.values;
                r.changeId = v[0];
                r.beforeDay = ChangeDates.parse(v[1]);
                r.afterDay = ChangeDates.parse(v[2]);
                r.confidence = confidence(v[3]);
                r.changeClass = v[4].isEmpty() ? null : v[4];
                if (r.changeId.isEmpty()) {
                    reason = ChangeRejectReason.MALFORMED_ROW.name();
                    detail = "change_id is empty";
                } else if (!ChangeDates.valid(r.beforeDay) || !ChangeDates.valid(r.afterDay)) {
                    reason = ChangeRejectReason.BAD_DATE.name();
                    detail = "before_date/after_date '" + v[1] + "'/'" + v[2] + "' are not dates";
                } else if (r.afterDay < r.beforeDay) {
                    reason = ChangeRejectReason.BAD_DATE.name();
                    detail = "after_date " + v[2] + " is before before_date " + v[1];
                } else if (Double.isNaN(r.confidence)) {
                    reason = ChangeRejectReason.BAD_CONFIDENCE.name();
                    detail = "confidence '" + v[3] + "' is not a number between 0 and 1";
                } else if (row.geometryProblem != null) {
                    reason = ChangeRejectReason.BAD_GEOMETRY.name();
                    detail = row.geometryProblem;
                } else {
                    GeometryRepair.Result fixed = GeometryRepair.repair(row.geometry);
                    if (fixed.refused()) {
                        reason = ChangeRejectReason.BAD_GEOMETRY.name();
                        detail = fixed.detail();
                    } else {
                        Geometry plane = gk.project(fixed.geometry());
                        ChangeScreening.Verdict verdict = screening.screen(new ChangePolygon(r.changeId, r.beforeDay,
                                r.afterDay, r.confidence, r.changeClass, plane));
                        r.outcome = verdict.outcome().name();
                        r.detail = verdict.detail();
                        r.repaired = fixed.detail();
                        r.lonLat = wkb.write(fixed.geometry());
                        if (verdict.outcome() == ChangeOutcome.SUSPECT) {
                            r.plane = wkb.write(plane);
                        }
                    }
                }
            }
            if (reason != null) {
                counters.add("changes.rejected." + reason, 1);
                ctx.output(REJECTS, new RejectRecord("changes", split.path, row.line, reason, detail, row.raw));
                return;
            }
            r.fileIndex = split.fileIndex;
            r.file = split.path;
            r.line = row.line;
            r.raw = row.raw.length() > KEPT_RAW_CHARS ? row.raw.substring(0, KEPT_RAW_CHARS) + "…" : row.raw;
            out.collect(r);
        });
        counters.addMillis("stage.read_changes_ms", t0);
        ctx.output(JobCounters.COUNTS, counters.snapshot());
    }

    /** The confidence, or NaN when it is not a number in [0, 1]. */
    static double confidence(String text) {
        try {
            double c = Double.parseDouble(text);
            return c >= 0 && c <= 1 ? c : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
