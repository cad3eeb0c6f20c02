package io.zhili.jobs.changes;

import io.zhili.geo.crs.Cgcs2000GaussKruger;
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

    static List<Suspect> read(Path dir) throws ParseException, java.io.IOException {
        List<Suspect> out = new ArrayList<>();
        WKBReader wkb = new WKBReader();
        Cgcs2000GaussKruger gk = Cgcs2000GaussKruger.get();
        for (SuspectRow s : SuspectTable.read(dir.resolve(ChangeTables.SUSPECTS))) {
            if (!SuspectOperator.GONE.equals(s.status)) {
                out.add(new Suspect(s, gk.project(wkb.read(s.geometry))));
            }
        }
        out.sort((a, b) -> a.row().suspectId.compareTo(b.row().suspectId));
        return out;
    }
}
