package io.zhili.geo.fence;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.locationtech.jts.geom.Geometry;

/**
 * The polygons of one fence layer (sites or zones) as a base {@link FenceIndex} plus a small overlay,
 * so that adding, replacing or removing one polygon while the truck job runs costs the overlay, not
 * the city.
 *
 * <p><b>Layout.</b> Positions {@code 0..base-1} are the base features, {@code base..} the added ones
 * (in the order they were added). A replaced or removed base feature is hidden by a bit in
 * {@code hidden}; an added one is simply left out of the next overlay. A query asks the base index
 * (skipping hidden positions), then the overlay's own small {@link FenceIndex}, so the lowest
 * position still wins: base features before added ones.
 *
 * <p><b>Cost of a change.</b> Copy-on-write: {@link #upsert}/{@link #delete} return a new set that
 * shares the base index and copies the hidden bits (one bit per base feature) and the overlay list,
 * then indexes the overlay's polygons (at most {@value #MAX_OVERLAY}). When the overlay would exceed
 * that, the set is compacted: every current polygon goes into a new base index, once per
 * {@value #MAX_OVERLAY} changes. Without changes the query is the base index's.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> {@link Site} or {@link Zone}
 */
final class FenceSet<T> {
    /** Added polygons held in the overlay before a compaction into the base. */
    static final int MAX_OVERLAY = 64;

    private final Function<T, String> idOf;
    private final Function<T, Geometry> areaOf;
    private final List<T> base;
    private final FenceIndex baseIndex;
    private final Map<String, Integer> basePositions;
    /** Base positions replaced or removed; null when none. */
    private final BitSet hidden;
    private final List<T> added;
    private final FenceIndex addedIndex;

    FenceSet(List<T> features, Function<T, String> idOf, Function<T, Geometry> areaOf) {
        this.idOf = idOf;
        this.areaOf = areaOf;
        this.base = List.copyOf(features);
        this.baseIndex = index(base, areaOf);
        this.basePositions = new HashMap<>();
        for (int i = 0; i < base.size(); i++) {
            basePositions.put(idOf.apply(base.get(i)), i);
        }
        this.hidden = null;
        this.added = List.of();
        this.addedIndex = null;
    }

    private FenceSet(FenceSet<T> from, BitSet hidden, List<T> added) {
        this.idOf = from.idOf;
        this.areaOf = from.areaOf;
        this.base = from.base;
        this.baseIndex = from.baseIndex;
        this.basePositions = from.basePositions;
        this.hidden = hidden == null || hidden.isEmpty() ? null : hidden;
        this.added = List.copyOf(added);
        this.addedIndex = added.isEmpty() ? null : index(this.added, areaOf);
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
        if (i >= 0 || addedIndex == null) {
            return i;
        }
        int offset = base.size();
        int j = addedIndex.first(lon, lat, k -> accept.test(offset + k));
        return j < 0 ? -1 : offset + j;
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
        List<T> next = without(id);
        next.add(feature);
        if (next.size() > MAX_OVERLAY) {
            return compacted(h, next);
        }
        return new FenceSet<>(this, h, next);
    }

    /** This set without the feature of that id (itself when there is none). */
    FenceSet<T> delete(String id) {
        Integer at = basePositions.get(id);
        boolean inBase = at != null && (hidden == null || !hidden.get(at));
        boolean inAdded = added.stream().anyMatch(f -> idOf.apply(f).equals(id));
        if (!inBase && !inAdded) {
            return this;
        }
        return new FenceSet<>(this, hide(id), without(id));
    }

    private BitSet hide(String id) {
        BitSet h = hidden == null ? new BitSet(base.size()) : (BitSet) hidden.clone();
        Integer at = basePositions.get(id);
        if (at != null) {
            h.set(at);
        }
        return h;
    }

    private List<T> without(String id) {
        List<T> next = new ArrayList<>(added.size() + 1);
        for (T f : added) {
            if (!idOf.apply(f).equals(id)) {
                next.add(f);
            }
        }
        return next;
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

    private static <T> FenceIndex index(List<T> features, Function<T, Geometry> areaOf) {
        List<Geometry> areas = new ArrayList<>(features.size());
        for (T f : features) {
            areas.add(areaOf.apply(f));
        }
        return new FenceIndex(areas);
    }
}
