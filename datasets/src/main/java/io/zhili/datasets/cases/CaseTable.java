package io.zhili.datasets.cases;

import io.zhili.datasets.output.TableOutput;
import io.zhili.datasets.truth.DirtyRow;
import io.zhili.geo.parquet.TableSchema;
import java.io.IOException;
import java.util.List;

/**
 * The cases table as written: the contract's 15 columns. In the CSV, timestamps are text in the row's
 * source style ({@link TimestampStyle}); in Parquet they are {@code TIMESTAMP(MILLIS, UTC)} with the same
 * instants (the ISO forms have whole seconds, so nothing is lost), lon/lat are DOUBLE and empty fields are
 * nulls. Rows with an unparseable timestamp (reason BAD_TIMESTAMP) exist only in the CSV.
 */
public final class CaseTable {
    /** Table name (file stem and Parquet directory) and {@code input} value of its dirty rows. */
    public static final String NAME = "cases";
    public static final List<String> HEADER = List.of("case_id", "source", "kind", "major_class", "minor_class",
            "component_id", "lon", "lat", "crs", "reported_at", "verified_at", "dispatched_at", "disposed_at",
            "closed_at", "district_code");
    public static final TableSchema SCHEMA = TableSchema.builder().string("case_id").string("source").string("kind")
            .string("major_class").string("minor_class").optionalString("component_id").float64("lon").float64("lat")
            .string("crs").timestampMillis("reported_at").optionalTimestampMillis("verified_at")
            .optionalTimestampMillis("dispatched_at").optionalTimestampMillis("disposed_at")
            .optionalTimestampMillis("closed_at").optionalString("district_code").build();

    private CaseTable() {
    }

    /** Writes a day's rows in order; adds each dirty row's truth to {@code dirty}. */
    public static void write(CaseDay day, CaseGenerator generator, TableOutput out, List<DirtyRow> dirty)
            throws IOException {
        Object[] text = new Object[HEADER.size()];
        Object[] typed = new Object[HEADER.size()];
        for (CaseRow row : day.rows) {
            String componentId = generator.componentId(row);
            String district = generator.districtCode(row);
            typed[0] = text[0] = row.caseId;
            typed[1] = text[1] = row.source.name();
            typed[2] = text[2] = row.componentKind ? "COMPONENT" : "EVENT";
            typed[3] = text[3] = generator.majorCode(row);
            typed[4] = text[4] = generator.minorCode(row);
            text[5] = componentId == null ? "" : componentId;
            typed[5] = componentId;
            text[6] = Double.toString(row.outLon);
            text[7] = Double.toString(row.outLat);
            typed[6] = row.outLon;
            typed[7] = row.outLat;
            typed[8] = text[8] = row.gcj02 ? "GCJ02" : "WGS84";
            TimestampStyle style = row.source.timestampStyle();
            for (int i = 0; i < 5; i++) {
                long t = row.ts[i];
                if (i == row.badTimestampColumn) {
                    text[9 + i] = row.badTimestampText;
                    typed[9 + i] = null;
                } else if (t == Lifecycle.EMPTY) {
                    text[9 + i] = "";
                    typed[9 + i] = null;
                } else {
                    text[9 + i] = style.format(t);
                    typed[9 + i] = t;
                }
            }
            text[14] = district == null ? "" : district;
            typed[14] = district;
            TableOutput.Placement at = out.write(text, row.csvOnly() ? null : typed);
            if (row.dirty != null) {
                dirty.add(new DirtyRow(NAME, row.caseId, at.csvLine(), row.dirty, at.parquetFile(), at.parquetRow(),
                        row.note));
            }
        }
    }
}
