package io.zhili.jobs.changes;

/** A row of {@code explained/}: a change polygon with an outcome other than SUSPECT (Flink POJO). */
public class ExplainedRow {
    public String changeId;
    public String outcome;
    public String detail;
    /** WKB, WGS-84. */
    public byte[] geometry;

    public ExplainedRow() {
    }

    public ExplainedRow(String changeId, String outcome, String detail, byte[] geometry) {
        this.changeId = changeId;
        this.outcome = outcome;
        this.detail = detail;
        this.geometry = geometry;
    }
}
