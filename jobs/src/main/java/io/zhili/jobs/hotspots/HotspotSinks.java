package io.zhili.jobs.hotspots;

import io.zhili.jobs.common.ParquetTableSink;
import java.io.Serializable;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the hotspot job's tables go. The production implementation writes GeoParquet under a run's
 * staging directory; tests may inject their own sinks.
 */
public interface HotspotSinks extends Serializable {
    Sink<HotspotCellRow> cells();

    Sink<EmergingRow> emerging();

    Sink<TimeProfileRow> timeProfile();

    Sink<AreaSummaryRow> areaSummary();

    Sink<RecurrenceRow> recurrence();

    Sink<RejectRecord> rejects();

    /** {@code forecast/cells/} (see {@link ForecastTables}). */
    Sink<ForecastCellRow> forecastCells();

    /** {@code forecast/hour_of_week/} (see {@link ForecastTables}). */
    Sink<HourOfWeekRow> forecastHourOfWeek();

    /** GeoParquet tables under {@code root}, one directory per table. */
    static HotspotSinks parquet(Path root) {
        return parquet(root, null);
    }

    /**
     * GeoParquet tables under {@code root}, one directory per table; the files of tables without a
     * {@code period} partition go into the partition directory {@code windowPartition} (for example
     * {@code window=2025-07-01_2025-07-02}) of their table when it is not null.
     */
    static HotspotSinks parquet(Path root, String windowPartition) {
        return new HotspotSinks() {
            private static final long serialVersionUID = 1L;
            private final String dir = root.toAbsolutePath().toString();

            private Path table(String name) {
                Path table = Path.of(dir, name);
                return windowPartition == null || HotspotTables.byPeriod(name) ? table : table.resolve(windowPartition);
            }

            @Override
            public Sink<HotspotCellRow> cells() {
                return new ParquetTableSink<>(table(HotspotTables.CELLS), HotspotTables.cells());
            }

            @Override
            public Sink<EmergingRow> emerging() {
                return new ParquetTableSink<>(table(HotspotTables.EMERGING), HotspotTables.emerging());
            }

            @Override
            public Sink<TimeProfileRow> timeProfile() {
                return new ParquetTableSink<>(table(HotspotTables.TIME_PROFILE), HotspotTables.timeProfile());
            }

            @Override
            public Sink<AreaSummaryRow> areaSummary() {
                return new ParquetTableSink<>(table(HotspotTables.AREA_SUMMARY), HotspotTables.areaSummary());
            }

            @Override
            public Sink<RecurrenceRow> recurrence() {
                return new ParquetTableSink<>(table(HotspotTables.RECURRENCE), HotspotTables.recurrence());
            }

            @Override
            public Sink<RejectRecord> rejects() {
                return new ParquetTableSink<>(table(HotspotTables.REJECTS), HotspotTables.rejects());
            }

            @Override
            public Sink<ForecastCellRow> forecastCells() {
                return new ParquetTableSink<>(table(ForecastStage.CELLS), ForecastTables.cells());
            }

            @Override
            public Sink<HourOfWeekRow> forecastHourOfWeek() {
                return new ParquetTableSink<>(table(ForecastStage.HOUR_OF_WEEK), ForecastTables.hourOfWeek());
            }
        };
    }
}
