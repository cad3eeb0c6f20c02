package io.zhili.jobs.changes;

import io.zhili.geo.parquet.TableSchema;
import io.zhili.jobs.common.RowEncoder;
import io.zhili.jobs.hotspots.HotspotTables;
import io.zhili.jobs.hotspots.RejectRecord;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/** The output tables of {@code zhili changes} (see the changes contract). */
public final class ChangeTables {
    public static final String SUSPECTS = "suspects";
    public static final String EXPLAINED = "explained";
    public static final String REJECTS = "rejects";
    /** The suspects as cases of the case contract (NEW suspects only). */
    public static final String CASES_CSV = "cases.csv";
    public static final String[] ALL = {SUSPECTS, EXPLAINED, REJECTS, CASES_CSV};

    public static final TableSchema SUSPECT_SCHEMA = TableSchema.builder().string("suspect_id").string("round")
            .string("status").float64("area_m2").int32("n_fragments").string("change_ids")
            .optionalString("district_code").optionalString("street_code").optionalString("grid_code")
            .string("first_round").string("after_date").geometry("geometry").build();

    private ChangeTables() {
    }

    public static RowEncoder<SuspectRow> suspects() {
        return new RowEncoder<>() {
            @Override
            public TableSchema schema() {
                return SUSPECT_SCHEMA;
            }

            @Override
            public Object[] values(SuspectRow r) {
                return new Object[] {r.suspectId, r.round, r.status, r.areaM2, r.nFragments, r.changeIds, r.districtCode,
                    r.streetCode, r.gridCode, r.firstRound, r.afterDate, Wkb.read(r.geometry)};
            }
        };
    }

    public static RowEncoder<ExplainedRow> explained() {
        return new RowEncoder<>() {
            @Override
            public TableSchema schema() {
                return TableSchema.builder().string("change_id").string("outcome").optionalString("detail")
                        .geometry("geometry").build();
            }

            @Override
            public Object[] values(ExplainedRow r) {
                return new Object[] {r.changeId, r.outcome, r.detail, Wkb.read(r.geometry)};
            }
        };
    }

    /** The hotspot job's reject table: input, file, line, reason, detail, raw. */
    public static RowEncoder<RejectRecord> rejects() {
        return HotspotTables.rejects();
    }

    /** WKB to JTS and back, for records that carry geometries as bytes. */
    static final class Wkb {
        private Wkb() {
        }

        static org.locationtech.jts.geom.Geometry read(byte[] wkb) {
            try {
                org.locationtech.jts.geom.Geometry g = new WKBReader().read(wkb);
                g.setSRID(4326);
                return g;
            } catch (ParseException e) {
                throw new IllegalStateException("corrupt WKB in a record", e);
            }
        }

        static byte[] write(org.locationtech.jts.geom.Geometry g) {
            return new org.locationtech.jts.io.WKBWriter().write(g);
        }
    }
}
