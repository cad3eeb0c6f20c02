package io.zhili.jobs.hotspots;

/** One Parquet file of a base run that an update reads back (Flink POJO): its table and path. */
public class CubeFile {
    /** A {@link HotspotCube} table, {@link HotspotTables#TIME_PROFILE} or {@link HotspotTables#REJECTS}. */
    public String table;
    public String path;

    public CubeFile() {
    }

    public CubeFile(String table, String path) {
        this.table = table;
        this.path = path;
    }
}
