package io.zhili.jobs.hotspots;

/**
 * Where a case row is (Flink POJO): its id, file index and line (or Parquet row). Rows of one id are
 * ordered by {@link #position}, so the row first in the input is the same in every run.
 */
public class CaseRowId {
    public String caseId;
    public int file;
    public long row;

    public CaseRowId() {
    }

    CaseRowId(String caseId, int file, long row) {
        this.caseId = caseId;
        this.file = file;
        this.row = row;
    }

    static CaseRowId of(CaseRecord c) {
        return new CaseRowId(c.caseId, c.file, c.row);
    }

    private static final int ROW_BITS = 43;

    /** File index and row in one comparable number: smaller is earlier in the input. */
    static long position(int file, long row) {
        return ((long) file << ROW_BITS) | row;
    }

    /** The row at a {@link #position}. */
    static CaseRowId at(String caseId, long position) {
        return new CaseRowId(caseId, (int) (position >>> ROW_BITS), position & ((1L << ROW_BITS) - 1));
    }

    long position() {
        return position(file, row);
    }
}
