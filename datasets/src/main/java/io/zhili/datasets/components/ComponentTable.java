package io.zhili.datasets.components;

import io.zhili.datasets.output.TableOutput;
import io.zhili.datasets.truth.DirtyRow;
import io.zhili.geo.parquet.TableSchema;
import java.io.IOException;
import java.util.List;

/**
 * The components table as written: the contract's columns
 * {@code component_id, major_class, minor_class, lon, lat, district_code, status}, all rows in both the
 * CSV and Parquet (every planted defect of a component row, NaN coordinates included, has a typed value).
 * Coordinates have 7 decimals; the CSV text is Java's shortest round-trip form of the same doubles the
 * Parquet holds.
 */
public final class ComponentTable {
    /** Table name (file stem and Parquet directory) and {@code input} value of its dirty rows. */
    public static final String NAME = "components";
    public static final List<String> HEADER = List.of("component_id", "major_class", "minor_class", "lon", "lat",
            "district_code", "status");
    public static final TableSchema SCHEMA = TableSchema.builder().string("component_id").string("major_class")
            .string("minor_class").float64("lon").float64("lat").string("district_code").string("status").build();

    private ComponentTable() {
    }

    /** Writes every registry row in order; adds each dirty row's truth to {@code dirty}. */
    public static void write(ComponentRegistry registry, TableOutput out, List<DirtyRow> dirty) throws IOException {
        Object[] text = new Object[HEADER.size()];
        Object[] typed = new Object[HEADER.size()];
        for (int row = 0; row < registry.size(); row++) {
            ComponentRegistry.Defect defect = registry.defect(row);
            String id = defect != null && defect.idText() != null ? defect.idText() : registry.id(row);
            String minor = defect != null && defect.minorText() != null ? defect.minorText() : registry.minorCode(row);
            String major = defect != null && defect.majorText() != null ? defect.majorText() : minor.substring(0, 2);
            double lon = registry.lon(row);
            double lat = registry.lat(row);
            typed[0] = text[0] = id;
            typed[1] = text[1] = major;
            typed[2] = text[2] = minor;
            text[3] = Double.toString(lon);
            text[4] = Double.toString(lat);
            typed[3] = lon;
            typed[4] = lat;
            typed[5] = text[5] = registry.districtCode(row);
            typed[6] = text[6] = registry.status(row).name();
            TableOutput.Placement at = out.write(text, typed);
            if (defect != null) {
                dirty.add(new DirtyRow(NAME, id, at.csvLine(), defect.reason(), at.parquetFile(), at.parquetRow(),
                        defect.note()));
            }
        }
    }
}
