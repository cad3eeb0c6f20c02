package io.zhili.jobs.hotspots;

/**
 * A parsed case row (Flink POJO), coordinates already in WGS-84. Missing lifecycle timestamps are
 * {@link io.zhili.geo.util.Timestamps#EMPTY}; a missing component id is -1.
 */
public class CaseRecord implements InputRow {
    public String caseId;
    public byte source;
    /** {@link io.zhili.geo.catalog.ClassKind} ordinal. */
    public byte kind;
    public int minorClass;
    public long componentId = -1;
    public double lon;
    public double lat;
    public long reportedAt;
    public long verifiedAt;
    public long dispatchedAt;
    public long disposedAt;
    public long closedAt;
    public int district;
    public int file;
    public long row;
    /** The raw row as UTF-8: bytes travel through the shuffle far cheaper than a String. */
    public byte[] raw;

    public CaseRecord() {
    }

    @Override
    public void locate(int file, long row, byte[] raw) {
        this.file = file;
        this.row = row;
        this.raw = raw;
    }
}
