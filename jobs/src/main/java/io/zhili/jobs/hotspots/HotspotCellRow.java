package io.zhili.jobs.hotspots;

/** One row of {@code hotspot_cells} (Flink POJO). {@code rate} is null where the cell has no components. */
public class HotspotCellRow {
    public long h3;
    public int h3Res;
    public String period;
    public long periodStart;
    public String category;
    public String kind;
    public long cases;
    public long components;
    public Double rate;
    public double giZ;
    public double giP;
    public String hotClass;

    public HotspotCellRow() {
    }
}
