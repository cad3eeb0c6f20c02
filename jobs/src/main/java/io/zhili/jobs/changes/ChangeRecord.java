package io.zhili.jobs.changes;

/**
 * A parsed, screened change polygon on its way from the readers to the ledger (Flink POJO). Geometries
 * travel as WKB: {@link #lonLat} (WGS-84, repaired) for the output, {@link #plane} (EPSG:4549) only for
 * candidates, which the suspect stage merges.
 */
public class ChangeRecord {
    public String changeId;
    public int fileIndex;
    public long line;
    public String file;
    public String raw;
    public int beforeDay;
    public int afterDay;
    public double confidence;
    public String changeClass;
    /** The per-polygon outcome ({@code SUSPECT} = candidate). */
    public String outcome;
    public String detail;
    /** Why the geometry was repaired, or null. */
    public String repaired;
    public byte[] lonLat;
    public byte[] plane;

    public ChangeRecord() {
    }

    /** Whether this row comes before {@code other} in the input (file order, then line). */
    boolean before(ChangeRecord other) {
        return fileIndex != other.fileIndex ? fileIndex < other.fileIndex : line < other.line;
    }
}
