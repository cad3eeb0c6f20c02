package io.zhili.jobs.hotspots;

import java.io.Serializable;

/**
 * A unit of parallel reading: a whole Parquet file, or a byte range of a CSV file that starts at a row
 * boundary and whose first data row has a known physical line number, so rejects name their line.
 */
public class InputSplit implements Serializable {
    private static final long serialVersionUID = 1L;

    public String input;
    public int fileIndex;
    public String path;
    public boolean parquet;
    public long start;
    public long end;
    public long firstLine;
    public String[] header;

    public InputSplit() {
    }

    @Override
    public String toString() {
        return input + ":" + path + (parquet ? "" : "[" + start + "," + end + ")");
    }
}
