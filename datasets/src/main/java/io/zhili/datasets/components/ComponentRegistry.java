package io.zhili.datasets.components;

import io.zhili.datasets.city.CityLayout;
import io.zhili.geo.catalog.ComponentCode;
import io.zhili.geo.table.RejectReason;
import java.util.Map;

/**
 * The generated components table, row by row in file order, held in primitive columns (about 40 bytes a
 * row: 1.9 million rows in under 100 MB). Besides the rows it knows which rows are planted dirty rows
 * (and what is wrong with them), which components cases may point at, and which components are the
 * anchors of component hotspots.
 *
 * <p>Built by {@link ComponentGenerator}; immutable afterwards and thread-safe for reads.
 */
public final class ComponentRegistry {
    /** The component fails far more often than others of its class. */
    static final byte FRAGILE = 1;
    /** The component stands in a planted hotspot cell or ring. */
    static final byte ANCHOR = 2;
    /** The row is a planted dirty row: a correct job rejects it, so no case may point at it. */
    static final byte REJECTED = 4;

    /** What is wrong with a dirty row; {@code null} fields keep the row's generated value. */
    public record Defect(RejectReason reason, String idText, String majorText, String minorText, String note) {
    }

    private final CityLayout layout;
    private final ComponentProfile profile;
    final byte[] district;
    final short[] classIndex;
    final int[] serial;
    final double[] lon;
    final double[] lat;
    final byte[] status;
    final byte[] flags;
    private final Map<Integer, Defect> defects;
    private final int[][] members;
    private final int[] fragileMembers;
    private final int[][] anchorRows;

    ComponentRegistry(CityLayout layout, ComponentProfile profile, byte[] district, short[] classIndex, int[] serial,
                      double[] lon, double[] lat, byte[] status, byte[] flags, Map<Integer, Defect> defects,
                      int[][] anchorRows) {
        this.layout = layout;
        this.profile = profile;
        this.district = district;
        this.classIndex = classIndex;
        this.serial = serial;
        this.lon = lon;
        this.lat = lat;
        this.status = status;
        this.flags = flags;
        this.defects = Map.copyOf(defects);
        this.anchorRows = anchorRows;
        int classes = profile.size();
        int[] counts = new int[classes];
        int[] fragile = new int[classes];
        for (int i = 0; i < size(); i++) {
            if (referable(i)) {
                counts[classIndex[i]]++;
                if ((flags[i] & FRAGILE) != 0) {
                    fragile[classIndex[i]]++;
                }
            }
        }
        this.members = new int[classes][];
        for (int k = 0; k < classes; k++) {
            members[k] = new int[counts[k]];
        }
        int[] nextFragile = new int[classes];
        int[] nextOther = fragile.clone();
        for (int i = 0; i < size(); i++) {
            if (referable(i)) {
                int k = classIndex[i];
                if ((flags[i] & FRAGILE) != 0) {
                    members[k][nextFragile[k]++] = i;
                } else {
                    members[k][nextOther[k]++] = i;
                }
            }
        }
        this.fragileMembers = fragile;
    }

    /** Rows of the table, dirty rows included. */
    public int size() {
        return serial.length;
    }

    public CityLayout layout() {
        return layout;
    }

    public ComponentProfile profile() {
        return profile;
    }

    /** The 16-digit id the row's component has (a dirty row may write different text, see {@link #defect}). */
    public String id(int row) {
        return ComponentCode.of(districtCode(row), minorCode(row), serial[row]);
    }

    /** An id that no component has: same division and class as {@code row}, serial 900000 or above. */
    public String absentId(int row, int salt) {
        return ComponentCode.of(districtCode(row), minorCode(row), 900_000 + Math.floorMod(salt, 99_999));
    }

    public String districtCode(int row) {
        return layout.district(district[row]).code();
    }

    public int districtIndex(int row) {
        return district[row];
    }

    public int classIndex(int row) {
        return classIndex[row];
    }

    /** The 4-digit subclass code of the row's component. */
    public String minorCode(int row) {
        return profile.entry(classIndex[row]).code();
    }

    public int serial(int row) {
        return serial[row];
    }

    public double lon(int row) {
        return lon[row];
    }

    public double lat(int row) {
        return lat[row];
    }

    public ComponentStatus status(int row) {
        return ComponentStatus.values()[status[row]];
    }

    /** The planted defect of a dirty row, or null for a clean row. */
    public Defect defect(int row) {
        return defects.get(row);
    }

    /** Planted dirty rows. */
    public int dirtyRows() {
        return defects.size();
    }

    /** True when a case may point at the row's component: a clean row of a component in service. */
    public boolean referable(int row) {
        return (flags[row] & REJECTED) == 0 && status[row] != ComponentStatus.REMOVED.ordinal();
    }

    /** True when a correct job keeps the row in its registry: every row but the planted dirty ones. */
    public boolean accepted(int row) {
        return (flags[row] & REJECTED) == 0;
    }

    /** Referable rows of class {@code classIndex}: the fragile ones first (see {@link #fragileCount}). */
    public int[] members(int classIndex) {
        return members[classIndex];
    }

    /** How many of {@link #members} (from the start) are fragile components. */
    public int fragileCount(int classIndex) {
        return fragileMembers[classIndex];
    }

    /** Rows of the anchors of hotspot {@code h} (cell anchors first, then ring anchors), or null. */
    public int[] anchorRows(int h) {
        return anchorRows[h];
    }
}
