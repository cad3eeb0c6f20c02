package io.zhili.jobs.hotspots;

import com.carrotsearch.hppc.LongObjectHashMap;
import io.zhili.geo.h3.H3Grid;
import io.zhili.geo.parquet.EncodedGeometry;
import io.zhili.geo.parquet.TableSchema;
import io.zhili.jobs.common.RowEncoder;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/** The output tables of the hotspot job as docs/CONTRACTS.md ("Hotspot outputs") specifies them, plus a {@code kind} column. */
public final class HotspotTables {
    public static final String CELLS = "hotspot_cells";
    public static final String EMERGING = "emerging";
    public static final String TIME_PROFILE = "time_profile";
    public static final String AREA_SUMMARY = "area_summary";
    public static final String RECURRENCE = "component_recurrence";
    public static final String REJECTS = "rejects";
    public static final String[] ALL = {CELLS, EMERGING, TIME_PROFILE, AREA_SUMMARY, RECURRENCE, REJECTS};

    /** Whether {@code table} is partitioned by {@code period} (the others have one row set per run). */
    public static boolean byPeriod(String table) {
        return CELLS.equals(table) || AREA_SUMMARY.equals(table);
    }

    private HotspotTables() {
    }

    /**
     * A cell's address and hexagon recur once per period and category, so they are encoded once (WKB
     * included) and reused. The cache belongs to the thread: the cells and emerging writers of one
     * statistics subtask are chained into its thread and write the same cells, so they share it.
     */
    abstract static class CellGeometry<T> implements RowEncoder<T> {
        private static final ThreadLocal<LongObjectHashMap<Object[]>> CACHE =
                ThreadLocal.withInitial(LongObjectHashMap::new);
        private transient LongObjectHashMap<Object[]> cache;

        /** {address, EncodedGeometry} of a cell. */
        Object[] cell(long cell) {
            if (cache == null) {
                cache = CACHE.get();
            }
            Object[] c = cache.get(cell);
            if (c == null) {
                if (cache.size() > 1_000_000) {
                    cache.clear();
                }
                H3Grid h3 = H3Grid.get();
                c = new Object[] {h3.address(cell), EncodedGeometry.of(h3.boundary(cell))};
                cache.put(cell, c);
            }
            return c;
        }
    }

    public static RowEncoder<HotspotCellRow> cells() {
        return new CellGeometry<>() {
            @Override
            public TableSchema schema() {
                return TableSchema.builder().string("h3").int32("h3_res").string("period").timestampMillis("period_start")
                        .string("category").string("kind").int64("cases").int64("components").optionalFloat64("rate")
                        .float64("gi_z").float64("gi_p").string("hot_class").geometry("geometry").build();
            }

            @Override
            public String partitionColumn() {
                return "period";
            }

            @Override
            public String partition(HotspotCellRow r) {
                return r.period;
            }

            @Override
            public Object[] values(HotspotCellRow r) {
                Object[] c = cell(r.h3);
                return new Object[] {c[0], r.h3Res, r.period, r.periodStart, r.category, r.kind, r.cases,
                    r.components, r.rate, r.giZ, r.giP, r.hotClass, c[1]};
            }
        };
    }

    public static RowEncoder<EmergingRow> emerging() {
        return new CellGeometry<>() {
            @Override
            public TableSchema schema() {
                return TableSchema.builder().string("h3").string("category").string("kind").string("pattern")
                        .string("spot").float64("mk_z").float64("mk_p").geometry("geometry").build();
            }

            @Override
            public Object[] values(EmergingRow r) {
                Object[] c = cell(r.h3);
                return new Object[] {c[0], r.category, r.kind, r.pattern, r.spot, r.mkZ, r.mkP, c[1]};
            }
        };
    }

    public static RowEncoder<TimeProfileRow> timeProfile() {
        return new RowEncoder<>() {
            @Override
            public TableSchema schema() {
                return TableSchema.builder().string("area_level").string("area_id").string("category").string("kind")
                        .int32("day_of_week").int32("hour").int64("cases").build();
            }

            @Override
            public Object[] values(TimeProfileRow r) {
                return new Object[] {r.areaLevel, r.areaId, r.category, r.kind, r.dayOfWeek, r.hour, r.cases};
            }
        };
    }

    public static RowEncoder<AreaSummaryRow> areaSummary() {
        return new RowEncoder<>() {
            @Override
            public TableSchema schema() {
                return TableSchema.builder().string("area_level").string("area_id").string("period").timestampMillis("period_start")
                        .string("category").string("kind").int64("cases").int64("closed").float64("closure_rate")
                        .optionalFloat64("p50_dispatch_min").optionalFloat64("p90_dispatch_min")
                        .optionalFloat64("p50_close_min").optionalFloat64("p90_close_min").build();
            }

            @Override
            public String partitionColumn() {
                return "period";
            }

            @Override
            public String partition(AreaSummaryRow r) {
                return r.period;
            }

            @Override
            public Object[] values(AreaSummaryRow r) {
                return new Object[] {r.areaLevel, r.areaId, r.period, r.periodStart, r.category, r.kind, r.cases, r.closed,
                    r.closureRate, r.p50DispatchMin, r.p90DispatchMin, r.p50CloseMin, r.p90CloseMin};
            }
        };
    }

    public static RowEncoder<RecurrenceRow> recurrence() {
        return new RowEncoder<>() {
            private transient GeometryFactory factory;

            @Override
            public TableSchema schema() {
                return TableSchema.builder().string("component_id").string("minor_class").int64("cases")
                        .int64("window_cases").timestampMillis("first_at").timestampMillis("last_at")
                        .geometry("geometry").build();
            }

            @Override
            public Object[] values(RecurrenceRow r) {
                if (factory == null) {
                    factory = new GeometryFactory(new PrecisionModel(), 4326);
                }
                return new Object[] {r.componentId, r.minorClass, r.cases, r.windowCases, r.firstAt, r.lastAt,
                    factory.createPoint(new Coordinate(r.lon, r.lat))};
            }
        };
    }

    public static RowEncoder<RejectRecord> rejects() {
        return new RowEncoder<>() {
            @Override
            public TableSchema schema() {
                return TableSchema.builder().string("input").string("file").int64("line").string("reason")
                        .optionalString("detail").optionalString("raw").build();
            }

            @Override
            public Object[] values(RejectRecord r) {
                return new Object[] {r.input, r.file, r.line, r.reason, r.detail, r.raw};
            }
        };
    }
}
