package io.zhili.jobs.hotspots;

import io.zhili.geo.parquet.TableSchema;
import io.zhili.jobs.common.RowEncoder;

/** The two forecast tables as docs/CONTRACTS.md ("Forecast") specifies them. */
public final class ForecastTables {
    private ForecastTables() {
    }

    /** {@code forecast/cells/}: GeoParquet, one row per base cell × category with a case in the run. */
    public static RowEncoder<ForecastCellRow> cells() {
        return new HotspotTables.CellGeometry<>() {
            @Override
            public TableSchema schema() {
                return TableSchema.builder().string("h3").string("category").string("kind").float64("weekly_level")
                        .string("next_period").float64("expected_next").float64("lower_90").float64("upper_90")
                        .float64("median_next").geometry("geometry").build();
            }

            @Override
            public Object[] values(ForecastCellRow r) {
                Object[] c = cell(r.h3);
                return new Object[] {c[0], r.category, r.kind, r.weeklyLevel, r.nextPeriod, r.expectedNext, r.lower90,
                    r.upper90, r.medianNext, c[1]};
            }
        };
    }

    /** {@code forecast/hour_of_week/}: Parquet, 168 rows per category × kind of {@code forecast/cells/}. */
    public static RowEncoder<HourOfWeekRow> hourOfWeek() {
        return new RowEncoder<>() {
            @Override
            public TableSchema schema() {
                return TableSchema.builder().string("category").string("kind").int32("hour_of_week").float64("share")
                        .build();
            }

            @Override
            public Object[] values(HourOfWeekRow r) {
                return new Object[] {r.category, r.kind, r.hourOfWeek, r.share};
            }
        };
    }
}
