package io.zhili.geo.fence;

import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongObjectCursor;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * The polygons of one fence layer (sites or zones) as a base {@link FenceIndex} plus a small overlay,
 * so that adding, replacing or removing one polygon while the truck job runs costs that polygon, not
 * the city.
 *
 * <p><b>Layout.</b> Positions {@code 0..base-1} are the base features, {@code base..} the added ones
 * (in the order they were added). A replaced or removed base feature is hidden by a bit in
 * {@code hidden}; an added one is simply left out of the next overlay. The overlay keeps each added
 * polygon's own {@link PolygonFence} (built once, when the feature is added, and shared by every later
 * version) and a coarse grid of {@value #BUCKET_DEG}° buckets listing the added polygons whose
 * envelope touches each bucket. A query asks the base index (skipping hidden positions), then the
 * polygons of its bucket, so the lowest position still wins: base features before added ones.
 *
 * <p><b>Cost of a change.</b> Copy-on-write: {@link #upsert}/{@link #delete} return a new set that
 * shares the base index and the added polygons' fences, copies the hidden bits (one per base
 * feature) and re-lists the overlay's buckets (envelope arithmetic, no geometry); only a new polygon's
 * fence is built. When the overlay outgrows {@value #MAX_OVERLAY} features and half the base, every
 * current polygon goes into a new base index: a full build at most once per that many changes.
 * Without changes the query is the base index's.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> {@link Site} or {@link Zone}
 */
final class FenceSet<T> {
    /** Added polygons held in the overlay at least, before a compaction into the base. */
    static final int MAX_OVERLAY = 256;
    /** Side of an overlay bucket, degrees (about 1 km). */
    static final double BUCKET_DEG = 0.01;

    private final Function<T, String> idOf;
    private final Function<T, Geometry> areaOf;
    private final List<T> base;
    private final FenceIndex baseIndex;
    private final Map<String, Integer> basePositions;
    /** Base positions replaced or removed; null when none. */
    private final BitSet hidden;
    private final List<T> added;
    private final List<PolygonFence> addedFences;
    /** Bucket key to the overlay positions (ascending) of the added polygons whose envelope touches it. */
    private final LongObjectHashMap<int[]> buckets;

    FenceSet(List<T> features, Function<T, String> idOf, Function<T, Geometry> areaOf) {
        this.idOf = idOf;
        this.areaOf = areaOf;
        this.base = List.copyOf(features);
        List<Geometry> areas = new ArrayList<>(base.size());
        for (T f : base) {
            areas.add(areaOf.apply(f));
        }
        this.baseIndex = new FenceIndex(areas);
        this.basePositions = new HashMap<>();
        for (int i = 0; i < base.size(); i++) {
            basePositions.put(idOf.apply(base.get(i)), i);
        }
        this.hidden = null;
        this.added = List.of();
        this.addedFences = List.of();
        this.buckets = null;
    }

    private FenceSet(FenceSet<T> from, BitSet hidden, List<T> added, List<PolygonFence> addedFences) {
        this.idOf = from.idOf;
        this.areaOf = from.areaOf;
        this.base = from.base;
        this.baseIndex = from.baseIndex;
        this.basePositions = from.basePositions;
        this.hidden = hidden == null || hidden.isEmpty() ? null : hidden;
        this.added = List.copyOf(added);
        this.addedFences = List.copyOf(addedFences);
        this.buckets = added.isEmpty() ? null : buckets(this.addedFences);
    }

    /** Lowest position of a feature that {@code accept}s and contains the point, or -1. */
    int first(double lon, double lat, FenceIndex.IntPredicate accept) {
        int i;
        BitSet h = hidden;
        if (h == null) {
            i = baseIndex.first(lon, lat, accept);
        } else {
            i = baseIndex.first(lon, lat, k -> !h.get(k) && accept.test(k));
        }
        if (i >= 0 || buckets == null) {
            return i;
        }
        int[] candidates = buckets.get(bucket(lon, lat));
        if (candidates == null) {
            return -1;
        }
        int offset = base.size();
        for (int k : candidates) {
            if (accept.test(offset + k) && addedFences.get(k).contains(lon, lat)) {
                return offset + k;
            }
        }
        return -1;
    }

    T get(int position) {
        return position < base.size() ? base.get(position) : added.get(position - base.size());
    }

    /** The current features: the base ones still in force, then the added ones. */
    List<T> features() {
        List<T> all = new ArrayList<>(base.size() + added.size());
        for (int i = 0; i < base.size(); i++) {
            if (hidden == null || !hidden.get(i)) {
                all.add(base.get(i));
            }
        }
        all.addAll(added);
        return all;
    }

    /** Number of added features held in the overlay (0 right after a compaction). */
    int overlaySize() {
        return added.size();
    }

    /** This set with {@code feature} added, or replacing the feature of the same id. */
    FenceSet<T> upsert(T feature) {
        String id = idOf.apply(feature);
        BitSet h = hide(id);
        List<T> next = new ArrayList<>(added.size() + 1);
        List<PolygonFence> nextFences = new ArrayList<>(added.size() + 1);
        keepAllBut(id, next, nextFences);
        next.add(feature);
        nextFences.add(new PolygonFence(areaOf.apply(feature)));
        if (next.size() > Math.max(MAX_OVERLAY, base.size() / 2)) {
            return compacted(h, next);
        }
        return new FenceSet<>(this, h, next, nextFences);
    }

    /** This set without the feature of that id (itself when there is none). */
    FenceSet<T> delete(String id) {
        Integer at = basePositions.get(id);
        boolean inBase = at != null && (hidden == null || !hidden.get(at));
        boolean inAdded = added.stream().anyMatch(f -> idOf.apply(f).equals(id));
        if (!inBase && !inAdded) {
            return this;
        }
        List<T> next = new ArrayList<>(added.size());
        List<PolygonFence> nextFences = new ArrayList<>(added.size());
        keepAllBut(id, next, nextFences);
        return new FenceSet<>(this, hide(id), next, nextFences);
    }

    private BitSet hide(String id) {
        BitSet h = hidden == null ? new BitSet(base.size()) : (BitSet) hidden.clone();
        Integer at = basePositions.get(id);
        if (at != null) {
            h.set(at);
        }
        return h;
    }

    private void keepAllBut(String id, List<T> features, List<PolygonFence> fences) {
        for (int k = 0; k < added.size(); k++) {
            if (!idOf.apply(added.get(k)).equals(id)) {
                features.add(added.get(k));
                fences.add(addedFences.get(k));
            }
        }
    }

    private FenceSet<T> compacted(BitSet h, List<T> next) {
        List<T> all = new ArrayList<>(base.size() + next.size());
        for (int i = 0; i < base.size(); i++) {
            if (!h.get(i)) {
                all.add(base.get(i));
            }
        }
        all.addAll(next);
        return new FenceSet<>(all, idOf, areaOf);
    }

    /** The buckets each added polygon's envelope touches, listing overlay positions in ascending order. */
    private static LongObjectHashMap<int[]> buckets(List<PolygonFence> fences) {
        LongObjectHashMap<IntArrayList> lists = new LongObjectHashMap<>();
        for (int k = 0; k < fences.size(); k++) {
            Envelope e = fences.get(k).envelope();
            int c0 = cell(e.getMinX());
            int c1 = cell(e.getMaxX());
            int r0 = cell(e.getMinY());
            int r1 = cell(e.getMaxY());
            for (int c = c0; c <= c1; c++) {
                for (int r = r0; r <= r1; r++) {
                    long key = key(c, r);
                    IntArrayList list = lists.get(key);
                    if (list == null) {
                        list = new IntArrayList(2);
                        lists.put(key, list);
                    }
                    list.add(k);
                }
            }
        }
        LongObjectHashMap<int[]> out = new LongObjectHashMap<>(lists.size());
        for (LongObjectCursor<IntArrayList> c : lists) {
            out.put(c.key, c.value.toArray());
        }
        return out;
    }

    private static int cell(double degrees) {
        return (int) Math.floor(degrees / BUCKET_DEG);
    }

    private static long bucket(double lon, double lat) {
        return key(cell(lon), cell(lat));
    }

    private static long key(int column, int row) {
        return ((long) column << 32) | (row & 0xFFFFFFFFL);
    }
}
