package io.zhili.jobs.changes;

import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.catalog.ClassKind;
import io.zhili.geo.catalog.StandardClass;
import io.zhili.geo.table.CsvWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Writes the run's NEW suspects as cases of the case contract ({@code cases.csv}, the columns of the
 * generated {@code cases.csv} that {@code zhili hotspots} reads): source SATELLITE, kind EVENT, the
 * catalog's class of illegal construction (私搭乱建, {@link #ILLEGAL_CONSTRUCTION}), the position a point
 * inside the suspect (JTS interior point), reported_at its after_date at midnight in Qingdao. A suspect
 * is dispatched once, when it is new: PERSISTING ones were dispatched in their first round (the case_id
 * {@code SAT-<suspect_id>} stays the same) and GONE ones need no visit.
 */
public final class SuspectCases {
    /** The subclass of 私搭乱建 in the class catalog (an EVENT class). */
    public static final String ILLEGAL_CONSTRUCTION = "0101";
    public static final List<String> HEADER = List.of("case_id", "source", "kind", "major_class", "minor_class",
            "component_id", "lon", "lat", "crs", "reported_at", "verified_at", "dispatched_at", "disposed_at",
            "closed_at", "district_code");

    private SuspectCases() {
    }

    /**
     * The class the cases carry: the only place this job consults the class catalog.
     *
     * @throws IllegalArgumentException when the catalog has no EVENT class {@link #ILLEGAL_CONSTRUCTION}
     */
    public static StandardClass caseClass(ClassCatalog catalog) {
        return catalog.find(ClassKind.EVENT, ILLEGAL_CONSTRUCTION).orElseThrow(() -> new IllegalArgumentException(
                "the class catalog has no EVENT class " + ILLEGAL_CONSTRUCTION + " (illegal construction)"));
    }

    /** Writes {@code csv} from the suspects table under {@code suspects}; returns the number of cases. */
    public static long write(Path suspects, Path csv, StandardClass caseClass) throws IOException {
        long n = 0;
        WKBReader wkb = new WKBReader();
        try (CsvWriter out = CsvWriter.open(csv, HEADER)) {
            for (SuspectRow s : SuspectTable.read(suspects)) {
                if (!SuspectOperator.NEW.equals(s.status)) {
                    continue;
                }
                Point at;
                try {
                    at = wkb.read(s.geometry).getInteriorPoint();
                } catch (ParseException e) {
                    throw new IOException(suspects + ": unreadable geometry of suspect " + s.suspectId + ": " + e.getMessage(), e);
                }
                out.write("SAT-" + s.suspectId, "SATELLITE", "EVENT", caseClass.majorCode(), caseClass.code(), "",
                        String.format(Locale.ROOT, "%.7f", at.getX()), String.format(Locale.ROOT, "%.7f", at.getY()),
                        "WGS84", s.afterDate + "T00:00:00+08:00", "", "", "", "", s.districtCode);
                n++;
            }
        }
        return n;
    }
}
