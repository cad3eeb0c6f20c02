package io.zhili.jobs.changes;

import io.zhili.geo.crs.Cgcs2000GaussKruger;
import io.zhili.geo.table.TableFiles;
import io.zhili.geo.table.TableReader;
import io.zhili.jobs.common.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * The suspects of a previous {@code zhili changes} output ({@code --previous DIR}) that were still
 * present there (status NEW or PERSISTING; GONE ones are history), sorted by suspect_id so matching
 * does not depend on file order.
 */
final class PreviousRound {
    /** A previous suspect as the matcher and the GONE rows need it. */
    record Suspect(SuspectRow row, Geometry plane) {
    }

    private PreviousRound() {
    }

    /** Checks that {@code dir} is a published changes output; a one-line error otherwise. */
    static void check(Path dir) {
        if (!Files.isRegularFile(dir.resolve(RunDirectory.SUCCESS)) || !Files.isDirectory(dir.resolve(ChangeTables.SUSPECTS))) {
            throw new IllegalArgumentException("--previous " + dir + " is not a published `zhili changes` output "
                    + "(no _SUCCESS or no suspects/)");
        }
    }

    static List<Suspect> read(Path dir) throws ParseException {
        List<Suspect> out = new ArrayList<>();
        Path table = dir.resolve(ChangeTables.SUSPECTS);
        boolean any;
        try (var files = Files.list(table)) {
            any = files.anyMatch(p -> p.toString().endsWith(".parquet"));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--previous: cannot list " + table + ": " + e.getMessage());
        }
        if (!any) {
            return out;
        }
        WKBReader wkb = new WKBReader();
        Cgcs2000GaussKruger gk = Cgcs2000GaussKruger.get();
        for (Path file : TableFiles.list(table)) {
            try (TableReader r = TableReader.open(file)) {
                int[] c = new int[ChangeTables.SUSPECT_SCHEMA.size()];
                for (int i = 0; i < c.length; i++) {
                    String name = ChangeTables.SUSPECT_SCHEMA.column(i).name();
                    c[i] = r.columnIndex(name);
                    if (c[i] < 0) {
                        throw new IllegalArgumentException("--previous: " + file + " has no column '" + name + "'");
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
                    if (!"GONE".equals(s.status)) {
                        out.add(new Suspect(s, gk.project(wkb.read(s.geometry))));
                    }
                }
            }
        }
        out.sort((a, b) -> a.row().suspectId.compareTo(b.row().suspectId));
        return out;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
