package io.zhili.jobs.hotspots;

/** A validated component of the registry (Flink POJO). {@code minorClass} is the 4-digit code as an int. */
public class ComponentRecord implements InputRow {
    public long id;
    public int minorClass;
    public double lon;
    public double lat;
    /** H3 cell at the job's base resolution, computed once when the row is read. */
    public long cell;
    public int district;
    /** Position of the row in the input (file index, data row) so that duplicates resolve deterministically. */
    public int file;
    public long row;
    /** The raw input row; dropped once the duplicate check has passed. */
    public byte[] raw;

    public ComponentRecord() {
    }

    @Override
    public void locate(int file, long row, byte[] raw) {
        this.file = file;
        this.row = row;
        this.raw = raw;
    }
}
