package io.zhili.jobs.changes;

import io.zhili.geo.table.TableFiles;
import io.zhili.geo.table.TableReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.io.WKBReader;

/** Reads a {@code suspects/} table back (the previous round, the cases, the tiles), every status. */
public final class SuspectTable {
    private SuspectTable() {
    }

    /** The rows of the GeoParquet files under {@code suspects} (none when it holds no file). */
    public static List<SuspectRow> read(Path suspects) throws IOException {
        List<SuspectRow> out = new ArrayList<>();
        if (!Files.isDirectory(suspects)) {
            return out;
        }
        try (var files = Files.list(suspects)) {
            if (files.noneMatch(p -> p.toString().endsWith(".parquet"))) {
                return out;
            }
        }
        for (Path file : TableFiles.list(suspects)) {
            try (TableReader r = TableReader.open(file)) {
                int[] c = new int[ChangeTables.SUSPECT_SCHEMA.size()];
                for (int i = 0; i < c.length; i++) {
                    String name = ChangeTables.SUSPECT_SCHEMA.column(i).name();
                    c[i] = r.columnIndex(name);
                    if (c[i] < 0) {
                        throw new IllegalArgumentException(file + " has no column '" + name + "': not a suspects table");
                    }
                }
                while (r.next()) {
                    SuspectRow s = new SuspectRow();
                    s.suspectId = r.get(c[0]);
                    s.round = r.get(c[1]);
                    s.status = r.get(c[2]);
                    s.areaM2 = Double.parseDouble(r.get(c[3]));
                    s.nFragments = Integer.parseInt(r.get(c[4]));
                    s.changeIds = r.get(c[5]);
                    s.districtCode = emptyToNull(r.get(c[6]));
                    s.streetCode = emptyToNull(r.get(c[7]));
                    s.gridCode = emptyToNull(r.get(c[8]));
                    s.firstRound = r.get(c[9]);
                    s.afterDate = r.get(c[10]);
                    s.geometry = WKBReader.hexToBytes(r.get(c[11]));
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
