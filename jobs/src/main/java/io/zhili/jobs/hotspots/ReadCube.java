package io.zhili.jobs.hotspots;

import com.carrotsearch.hppc.IntHashSet;
import com.carrotsearch.hppc.LongHashSet;
import io.zhili.geo.table.TableReader;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Reads the base run's count cube back into the partial records the hotspot job merges, so an update
 * folds the earlier days in exactly where a full run would have counted their cases: case counts per
 * cell (main output) and the study area's case cells and periods, area partials with their minutes,
 * time-profile sums, component case events, the case ids read (as rows before every new row, so the
 * earlier row keeps a repeated id) and the earlier days' case rejects.
 */
final class ReadCube extends ProcessFunction<CubeFile, CellPartial> {
    static final OutputTag<StudyAreaItem> STUDY_AREA = new OutputTag<>("cube-study-area") {
    };
    static final OutputTag<AreaPartial> AREAS = new OutputTag<>("cube-areas") {
    };
    static final OutputTag<TimeProfilePartial> TIME_PROFILE = new OutputTag<>("cube-time-profile") {
    };
    static final OutputTag<CaseEvent> COMPONENT_CASES = new OutputTag<>("cube-component-cases") {
    };
    static final OutputTag<CaseRowId> CASE_IDS = new OutputTag<>("cube-case-ids") {
    };
    static final OutputTag<RejectRecord> REJECTS = new OutputTag<>("cube-rejects") {
    };
    /** File index of the base run's rows: below every file of the update, so they come first in the input. */
    static final int BASE_FILE = -1;

    private final Categories categories;
    private transient Map<String, Integer> categoryIndex;
    private transient LongHashSet cells;
    private transient IntHashSet periods;

    ReadCube(Categories categories) {
        this.categories = categories;
    }

    @Override
    public void processElement(CubeFile file, Context ctx, Collector<CellPartial> out) throws Exception {
        if (categoryIndex == null) {
            categoryIndex = HotspotCube.categoryIndex(categories);
            cells = new LongHashSet();
            periods = new IntHashSet();
        }
        try (TableReader r = TableReader.open(Path.of(file.path))) {
            Columns c = new Columns(r, file.path);
            switch (file.table) {
                case HotspotCube.CELLS -> {
                    int h3 = c.of("h3");
                    int period = c.of("period_day");
                    int category = c.of("category");
                    int kind = c.of("kind");
                    int cases = c.of("cases");
                    while (r.next()) {
                        long cell = Long.parseLong(r.get(h3));
                        int p = Integer.parseInt(r.get(period));
                        out.collect(new CellPartial(cell, p, category(r.get(kind), r.get(category), file.path),
                                Long.parseLong(r.get(cases))));
                        if (cells.add(cell)) {
                            ctx.output(STUDY_AREA, new StudyAreaItem(cell, 0));
                        }
                        if (periods.add(p)) {
                            ctx.output(STUDY_AREA, new StudyAreaItem(0, p));
                        }
                    }
                }
                case HotspotCube.AREAS -> {
                    int level = c.of("area_level");
                    int id = c.of("area_id");
                    int period = c.of("period_day");
                    int category = c.of("category");
                    int kind = c.of("kind");
                    int cases = c.of("cases");
                    int closed = c.of("closed");
                    int dispatch = c.of("dispatch_minutes");
                    int close = c.of("close_minutes");
                    while (r.next()) {
                        AreaPartial a = new AreaPartial(r.get(level), r.get(id), Integer.parseInt(r.get(period)),
                                category(r.get(kind), r.get(category), file.path));
                        a.cases = Long.parseLong(r.get(cases));
                        a.closed = Long.parseLong(r.get(closed));
                        a.dispatchMinutes = MinuteHistogram.expand(r.get(dispatch));
                        a.dispatchCount = a.dispatchMinutes.length;
                        a.closeMinutes = MinuteHistogram.expand(r.get(close));
                        a.closeCount = a.closeMinutes.length;
                        ctx.output(AREAS, a);
                    }
                }
                case HotspotCube.RECURRENCE -> {
                    int component = c.of("component_id");
                    int minor = c.of("minor_class");
                    int lon = c.of("lon");
                    int lat = c.of("lat");
                    int reported = c.of("reported_at");
                    while (r.next()) {
                        ctx.output(COMPONENT_CASES, new CaseEvent(Long.parseLong(r.get(component)),
                                Integer.parseInt(r.get(minor)), Double.parseDouble(r.get(lon)),
                                Double.parseDouble(r.get(lat)), Long.parseLong(r.get(reported))));
                    }
                }
                case HotspotCube.CASE_IDS -> {
                    int caseId = c.of("case_id");
                    int line = c.of("line");
                    while (r.next()) {
                        ctx.output(CASE_IDS, new CaseRowId(r.get(caseId), BASE_FILE, Long.parseLong(r.get(line))));
                    }
                }
                case HotspotTables.TIME_PROFILE -> {
                    int level = c.of("area_level");
                    int id = c.of("area_id");
                    int category = c.of("category");
                    int kind = c.of("kind");
                    int dow = c.of("day_of_week");
                    int hour = c.of("hour");
                    int cases = c.of("cases");
                    while (r.next()) {
                        ctx.output(TIME_PROFILE, new TimeProfilePartial(r.get(level), r.get(id),
                                category(r.get(kind), r.get(category), file.path), Integer.parseInt(r.get(dow)),
                                Integer.parseInt(r.get(hour)), Long.parseLong(r.get(cases))));
                    }
                }
                case HotspotTables.REJECTS -> {
                    int input = c.of("input");
                    int rejectFile = c.of("file");
                    int line = c.of("line");
                    int reason = c.of("reason");
                    int detail = c.of("detail");
                    int raw = c.of("raw");
                    while (r.next()) {
                        // The components are read again by the update, so only the cases' rejects carry over.
                        if (!"cases".equals(r.get(input))) {
                            continue;
                        }
                        ctx.output(REJECTS, new RejectRecord("cases", r.get(rejectFile), Long.parseLong(r.get(line)),
                                r.get(reason), orNull(r.get(detail)), orNull(r.get(raw))));
                    }
                }
                default -> throw new IllegalStateException("not a cube table: " + file.table);
            }
        }
    }

    /** The Parquet reader gives "" for a null value; no reject has an empty detail or raw row. */
    private static String orNull(String value) {
        return value.isEmpty() ? null : value;
    }

    private int category(String kind, String code, String file) {
        Integer i = categoryIndex.get(kind + '|' + code);
        if (i == null) {
            throw new IllegalStateException(file + ": category " + kind + " " + code
                    + " is not in the catalog of the update (give the base run's --catalog)");
        }
        return i;
    }

    /** Column indexes of a cube file, refusing a file without a column in one line. */
    private record Columns(TableReader reader, String file) {
        int of(String name) {
            int i = reader.columnIndex(name);
            if (i < 0) {
                throw new IllegalStateException(file + ": no column '" + name + "' (not a cube written by this version)");
            }
            return i;
        }
    }
}
