package io.zhili.jobs.hotspots;

/** A validated input row that remembers where it came from, for refusals decided later in the job. */
interface InputRow {
    /** Records the row's file index, line (or Parquet row) and raw text as UTF-8. */
    void locate(int file, long row, byte[] raw);
}
