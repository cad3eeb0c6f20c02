package io.zhili.jobs.hotspots;

/** An input row refused with its reason (Flink POJO); {@code input} is {@code components} or {@code cases}. */
public class RejectRecord {
    public String input;
    public String file;
    public long line;
    public String reason;
    public String detail;
    public String raw;

    public RejectRecord() {
    }

    public RejectRecord(String input, String file, long line, String reason, String detail, String raw) {
        this.input = input;
        this.file = file;
        this.line = line;
        this.reason = reason;
        this.detail = detail;
        this.raw = raw;
    }
}
