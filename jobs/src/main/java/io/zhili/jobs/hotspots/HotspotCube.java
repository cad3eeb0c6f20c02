package io.zhili.jobs.hotspots;

import io.zhili.geo.parquet.TableSchema;
import io.zhili.jobs.common.ParquetTableSink;
import io.zhili.jobs.common.RowEncoder;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * The count cube of a hotspot run: the case-side state that the published tables do not keep in full
 * (contract: docs/CONTRACTS.md, "Hotspot count cube"), written under {@code cube/} by every whole run so
 * that {@code zhili hotspots --update DIR} can fold one more day of cases into it without reading the
 * earlier days again. Four tables:
 * <ul>
 *   <li>{@code cube/cells}: cases per base cell, period and category (no zero rows);</li>
 *   <li>{@code cube/areas}: cases, closures and the dispatch and close minute histograms per area, period
 *       and category, from which {@code area_summary}'s percentiles are exact;</li>
 *   <li>{@code cube/recurrence}: every case attached to a component (its report time), so recurrence
 *       across the day boundary is decided as a full run decides it;</li>
 *   <li>{@code cube/case_ids}: every case id read with the line of the row that keeps it, so a repeated
 *       id on a later day is still {@code DUPLICATE_ID}.</li>
 * </ul>
 * {@code time_profile} and the case rows of {@code rejects} are whole sums and rows already and are read
 * back from the run's own tables. The components are not in the cube: an update reads them again.
 */
public final class HotspotCube {
    public static final String DIR = "cube";
    public static final String CELLS = "cube/cells";
    public static final String AREAS = "cube/areas";
    public static final String RECURRENCE = "cube/recurrence";
    public static final String CASE_IDS = "cube/case_ids";

    private HotspotCube() {
    }

    /** Where the cube tables go; {@link #parquet} for a run, tests may inject their own. */
    public interface Sinks extends Serializable {
        Sink<CellPartial> cells();

        Sink<AreaPartial> areas();

        Sink<CaseEvent> recurrence();

        Sink<CaseRowId> caseIds();
    }

    /** The cube as Parquet tables under {@code root} (a run's staging directory). */
    public static Sinks parquet(Path root, Categories categories) {
        String dir = root.toAbsolutePath().toString();
        return new Sinks() {
            private static final long serialVersionUID = 1L;

            @Override
            public Sink<CellPartial> cells() {
                return new ParquetTableSink<>(Path.of(dir, CELLS), HotspotCube.cells(categories));
            }

            @Override
            public Sink<AreaPartial> areas() {
                return new ParquetTableSink<>(Path.of(dir, AREAS), HotspotCube.areas(categories));
            }

            @Override
            public Sink<CaseEvent> recurrence() {
                return new ParquetTableSink<>(Path.of(dir, RECURRENCE), HotspotCube.recurrence());
            }

            @Override
            public Sink<CaseRowId> caseIds() {
                return new ParquetTableSink<>(Path.of(dir, CASE_IDS), HotspotCube.caseIds());
            }
        };
    }

    /** {@code period_day}: the period's first local day as days since 1970-01-01 (the job's period value). */
    static RowEncoder<CellPartial> cells(Categories categories) {
        return new RowEncoder<>() {
            @Override
            public TableSchema schema() {
                return TableSchema.builder().int64("h3").int32("period_day").string("category").string("kind")
                        .int64("cases").build();
            }

            @Override
            public Object[] values(CellPartial p) {
                return new Object[] {p.cell, p.period, categories.code(p.category), categories.kind(p.category), p.count};
            }
        };
    }

    static RowEncoder<AreaPartial> areas(Categories categories) {
        return new RowEncoder<>() {
            @Override
            public TableSchema schema() {
                return TableSchema.builder().string("area_level").string("area_id").int32("period_day")
                        .string("category").string("kind").int64("cases").int64("closed")
                        .string("dispatch_minutes").string("close_minutes").build();
            }

            @Override
            public Object[] values(AreaPartial p) {
                return new Object[] {p.areaLevel, p.areaId, p.period, categories.code(p.category),
                    categories.kind(p.category), p.cases, p.closed,
                    MinuteHistogram.format(p.dispatchMinutes, p.dispatchCount),
                    MinuteHistogram.format(p.closeMinutes, p.closeCount)};
            }
        };
    }

    static RowEncoder<CaseEvent> recurrence() {
        return new RowEncoder<>() {
            @Override
            public TableSchema schema() {
                return TableSchema.builder().int64("component_id").int32("minor_class").float64("lon").float64("lat")
                        .timestampMillis("reported_at").build();
            }

            @Override
            public Object[] values(CaseEvent e) {
                return new Object[] {e.componentId, e.minorClass, e.lon, e.lat, e.reportedAt};
            }
        };
    }

    static RowEncoder<CaseRowId> caseIds() {
        return new RowEncoder<>() {
            @Override
            public TableSchema schema() {
                return TableSchema.builder().string("case_id").int64("line").build();
            }

            @Override
            public Object[] values(CaseRowId r) {
                return new Object[] {r.caseId, r.row};
            }
        };
    }

    /** Category index by {@code kind|code}, the inverse of {@link Categories#code} and {@link Categories#kind}. */
    static Map<String, Integer> categoryIndex(Categories categories) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < categories.size(); i++) {
            index.put(categories.kind(i) + '|' + categories.code(i), i);
        }
        return index;
    }
}
