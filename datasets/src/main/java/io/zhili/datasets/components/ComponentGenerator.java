package io.zhili.datasets.components;

import io.zhili.datasets.Scale;
import io.zhili.datasets.city.CityLayout;
import io.zhili.datasets.city.StreetNetwork;
import io.zhili.datasets.sampling.Allocation;
import io.zhili.datasets.sampling.Seeds;
import io.zhili.datasets.truth.DirtyRates;
import io.zhili.datasets.truth.DirtyValues;
import io.zhili.datasets.truth.HotspotPlan;
import io.zhili.datasets.truth.PlantedHotspot;
import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.catalog.ClassKind;
import io.zhili.geo.table.RejectReason;
import io.zhili.geo.util.Progress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Generates the component registry: exactly {@link Scale#components()} rows, split over the 102 classes
 * by {@link ComponentProfile} shares (every class at least once) and over the districts by their
 * component shares, each placed beside the district's {@link StreetNetwork} at its class's offset from the
 * street, in file order district, class, serial (the order of the 16-digit ids).
 *
 * <p>Each (district, class) unit draws from its own random stream, so the result does not depend on the
 * number of threads. Then {@link DirtyRates#COMPONENTS} dirty rows are planted at evenly spread
 * positions (never on hotspot anchors): a damaged component code, an unknown class, bad coordinates, or
 * a duplicate of the row before.
 */
public final class ComponentGenerator {
    private static final double FRAGILE_SHARE = 0.02;

    private final Scale scale;
    private final long seed;
    private final CityLayout layout;
    private final ComponentProfile profile;
    private final ClassCatalog catalog;
    private final HotspotPlan plan;

    public ComponentGenerator(Scale scale, long seed, CityLayout layout, ClassCatalog catalog, HotspotPlan plan) {
        this.scale = scale;
        this.seed = seed;
        this.layout = layout;
        this.catalog = catalog;
        this.profile = ComponentProfile.forCatalog(catalog);
        this.plan = plan;
    }

    /** Rows per (district, class) unit: {@code [district][class]}, summing to the scale's component count. */
    public int[][] unitCounts() {
        int[] perClass = Allocation.largestRemainder(scale.components(), profile.shares(), 1);
        int[][] counts = new int[layout.districtCount()][profile.size()];
        double[] shares = layout.componentShares();
        for (int k = 0; k < profile.size(); k++) {
            int[] split = Allocation.largestRemainder(perClass[k], shares);
            for (int d = 0; d < split.length; d++) {
                counts[d][k] = split[d];
            }
        }
        return counts;
    }

    /** Generates the registry with {@code executor} (any number of threads gives the same rows). */
    public ComponentRegistry generate(ExecutorService executor, Progress progress)
            throws InterruptedException, ExecutionException {
        int[][] counts = unitCounts();
        int total = scale.components();
        byte[] district = new byte[total];
        short[] classIndex = new short[total];
        int[] serial = new int[total];
        double[] lon = new double[total];
        double[] lat = new double[total];
        byte[] status = new byte[total];
        byte[] flags = new byte[total];

        List<double[][]>[][] anchors = anchorsByUnit();
        List<Future<?>> futures = new ArrayList<>();
        int offset = 0;
        for (int d = 0; d < counts.length; d++) {
            for (int k = 0; k < profile.size(); k++) {
                int from = offset;
                int n = counts[d][k];
                int dd = d;
                int kk = k;
                futures.add(executor.submit(() -> {
                    fillUnit(dd, kk, from, n, anchors[dd][kk], district, classIndex, serial, lon, lat, status, flags);
                    progress.add(n);
                }));
                offset += n;
            }
        }
        for (Future<?> f : futures) {
            f.get();
        }
        Map<Integer, ComponentRegistry.Defect> defects = plantDirtyRows(district, classIndex, serial, lon, lat,
                status, flags);
        int[][] anchorRows = anchorRows(counts);
        return new ComponentRegistry(layout, profile, district, classIndex, serial, lon, lat, status, flags, defects,
                anchorRows);
    }

    @SuppressWarnings("unchecked")
    private List<double[][]>[][] anchorsByUnit() {
        List<double[][]>[][] out = new List[layout.districtCount()][profile.size()];
        List<PlantedHotspot> hs = plan.hotspots();
        for (int h = 0; h < hs.size(); h++) {
            if (!hs.get(h).componentClass()) {
                continue;
            }
            int d = layout.districtIndex(hs.get(h).districtCode());
            int k = profile.indexOf(hs.get(h).category());
            if (out[d][k] == null) {
                out[d][k] = new ArrayList<>();
            }
            out[d][k].add(plan.anchors(h, seed));
        }
        return out;
    }

    /** Rows of every component hotspot's anchors: they are the first rows of their unit, hotspot by hotspot. */
    private int[][] anchorRows(int[][] counts) {
        List<PlantedHotspot> hs = plan.hotspots();
        int[][] rows = new int[hs.size()][];
        int[][] unitStart = new int[counts.length][profile.size()];
        int offset = 0;
        for (int d = 0; d < counts.length; d++) {
            for (int k = 0; k < profile.size(); k++) {
                unitStart[d][k] = offset;
                offset += counts[d][k];
            }
        }
        Map<Long, Integer> usedInUnit = new HashMap<>();
        for (int h = 0; h < hs.size(); h++) {
            if (!hs.get(h).componentClass()) {
                continue;
            }
            int d = layout.districtIndex(hs.get(h).districtCode());
            int k = profile.indexOf(hs.get(h).category());
            long unit = (long) d * 1000 + k;
            int already = usedInUnit.getOrDefault(unit, 0);
            int n = HotspotPlan.ANCHORS_IN_CELL + 6 * HotspotPlan.ANCHORS_PER_RING_CELL;
            rows[h] = new int[n];
            for (int i = 0; i < n; i++) {
                rows[h][i] = unitStart[d][k] + already + i;
            }
            usedInUnit.put(unit, already + n);
        }
        return rows;
    }

    private void fillUnit(int d, int k, int from, int n, List<double[][]> unitAnchors, byte[] district,
                          short[] classIndex, int[] serial, double[] lon, double[] lat, byte[] status, byte[] flags) {
        SplittableRandom r = Seeds.stream(seed, Seeds.key("components"), d, k);
        StreetNetwork net = layout.network(d);
        ComponentProfile.Placement placement = profile.entry(k).placement();
        double[] p = new double[2];
        int anchorsLeft = 0;
        List<double[]> anchorPoints = new ArrayList<>();
        if (unitAnchors != null) {
            for (double[][] set : unitAnchors) {
                for (double[] a : set) {
                    anchorPoints.add(a);
                }
            }
            anchorsLeft = anchorPoints.size();
            if (anchorsLeft > n) {
                throw new IllegalStateException("class " + profile.entry(k).code() + " has " + n
                        + " components in district " + layout.district(d).code() + ", fewer than its "
                        + anchorsLeft + " hotspot anchors");
            }
        }
        for (int i = 0; i < n; i++) {
            int row = from + i;
            district[row] = (byte) d;
            classIndex[row] = (short) k;
            serial[row] = i + 1;
            if (i < anchorsLeft) {
                double[] a = anchorPoints.get(i);
                lon[row] = DirtyValues.round(a[0]);
                lat[row] = DirtyValues.round(a[1]);
                status[row] = (byte) ComponentStatus.NORMAL.ordinal();
                flags[row] = ComponentRegistry.ANCHOR;
                continue;
            }
            // The written (rounded) coordinates must still lie inside the district.
            do {
                net.sample(r, placement.minOffsetM(), placement.maxOffsetM(), p);
                lon[row] = DirtyValues.round(p[0]);
                lat[row] = DirtyValues.round(p[1]);
            } while (!net.contains(lon[row], lat[row]));
            boolean fragile = r.nextDouble() < FRAGILE_SHARE;
            double u = r.nextDouble();
            ComponentStatus s = u < 0.005 ? ComponentStatus.REMOVED
                    : u < 0.005 + (fragile ? 0.15 : 0.03) ? ComponentStatus.DAMAGED : ComponentStatus.NORMAL;
            status[row] = (byte) s.ordinal();
            flags[row] = fragile ? ComponentRegistry.FRAGILE : 0;
        }
    }

    private Map<Integer, ComponentRegistry.Defect> plantDirtyRows(byte[] district, short[] classIndex, int[] serial,
                                                                   double[] lon, double[] lat, byte[] status,
                                                                   byte[] flags) {
        int total = serial.length;
        List<RejectReason> kinds = new ArrayList<>();
        for (RejectReason reason : DirtyRates.COMPONENTS.keySet()) {
            int c = DirtyRates.count(DirtyRates.COMPONENTS, reason, total);
            for (int i = 0; i < c; i++) {
                kinds.add(reason);
            }
        }
        SplittableRandom r = Seeds.stream(seed, Seeds.key("components-dirty"));
        for (int i = kinds.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            RejectReason t = kinds.get(i);
            kinds.set(i, kinds.get(j));
            kinds.set(j, t);
        }
        Map<Integer, ComponentRegistry.Defect> defects = new HashMap<>();
        int strata = kinds.size();
        double[] p = new double[2];
        for (int s = 0; s < strata; s++) {
            // Row 0 is never dirty, so a duplicate always has an earlier row to copy.
            int start = 1 + (int) ((long) (total - 1) * s / strata);
            int end = 1 + (int) ((long) (total - 1) * (s + 1) / strata);
            int len = end - start;
            int pick = r.nextInt(len);
            int row = -1;
            for (int t = 0; t < len && row < 0; t++) {
                int candidate = start + (pick + t) % len;
                if ((flags[candidate] & ComponentRegistry.ANCHOR) == 0) {
                    row = candidate;
                }
            }
            if (row < 0) {
                throw new IllegalStateException("no row for a dirty component in rows " + start + ".." + end);
            }
            String id = io.zhili.geo.catalog.ComponentCode.of(layout.district(district[row]).code(),
                    profile.entry(classIndex[row]).code(), serial[row]);
            RejectReason reason = kinds.get(s);
            ComponentRegistry.Defect defect;
            switch (reason) {
                case BAD_COMPONENT_CODE: {
                    String[] bad = DirtyValues.badComponentCode(r, id, catalog);
                    defect = new ComponentRegistry.Defect(reason, bad[0], null, null, bad[1]);
                    break;
                }
                case UNKNOWN_CLASS: {
                    String code = DirtyValues.unknownClass(r, ClassKind.COMPONENT, catalog);
                    defect = new ComponentRegistry.Defect(reason, null, code.substring(0, 2), code,
                            "minor_class " + code + " not in the catalog");
                    break;
                }
                case BAD_COORDINATES: {
                    String note = DirtyValues.badCoordinates(r, lon[row], lat[row], p);
                    lon[row] = p[0];
                    lat[row] = p[1];
                    defect = new ComponentRegistry.Defect(reason, null, null, null, note);
                    break;
                }
                case DUPLICATE_ID: {
                    int q = row - 1;
                    while ((flags[q] & ComponentRegistry.REJECTED) != 0) {
                        q--;
                    }
                    district[row] = district[q];
                    classIndex[row] = classIndex[q];
                    serial[row] = serial[q];
                    lon[row] = lon[q];
                    lat[row] = lat[q];
                    status[row] = status[q];
                    defect = new ComponentRegistry.Defect(reason, null, null, null,
                            "repeats the row on line " + (q + 2));
                    break;
                }
                default:
                    throw new IllegalStateException("no component defect for " + reason);
            }
            flags[row] = ComponentRegistry.REJECTED;
            defects.put(row, defect);
        }
        return defects;
    }
}
