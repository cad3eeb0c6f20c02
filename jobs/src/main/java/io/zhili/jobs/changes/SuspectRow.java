package io.zhili.jobs.changes;

/** A row of {@code suspects/} (Flink POJO); see the changes contract. */
public class SuspectRow {
    public String suspectId;
    public String round;
    /** NEW, PERSISTING or GONE. */
    public String status;
    public double areaM2;
    public int nFragments;
    /** The fragments' change_ids, sorted, comma-separated. */
    public String changeIds;
    public String districtCode;
    public String streetCode;
    public String gridCode;
    public String firstRound;
    /** The latest after_date of the fragments, yyyy-MM-dd (the case's reported day). */
    public String afterDate;
    /** WKB, WGS-84. */
    public byte[] geometry;

    public SuspectRow() {
    }
}
