package io.zhili.geo.fence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference data over event time: the base layers and the updates applied in
 * {@link ReferenceUpdate} order, as versions each in force from an update's {@code effective_at}.
 * {@link #at} gives the version in force at a report's event time, so a report is judged against the
 * permits, sites and zones of its own moment, whatever order the updates arrived in.
 *
 * <p><b>Versions.</b> Version 0 is the base, in force from the beginning of time; version k is
 * version k-1 with update k applied ({@link ReferenceLayers#apply}: a small overlay, not a rebuild),
 * derived when a report first needs it. An update that arrives with an earlier effective time than
 * updates already held is inserted in order and the versions after it are derived again. {@link #dropBefore} forgets the versions that no
 * report can need any more once the watermark has passed their successors.
 *
 * <p>Not thread-safe: one per rules subtask.
 */
public final class ReferenceTimeline {
    private final List<ReferenceUpdate> updates = new ArrayList<>();
    /** {@code versions.get(k)} is in force from {@code updates.get(k - 1).effectiveAt()}; k = 0 always. */
    private final List<ReferenceLayers> versions = new ArrayList<>();
    /** Per feature, the newest update folded into the first version by {@link #dropBefore}. */
    private final Map<String, ReferenceUpdate> folded = new HashMap<>();

    public ReferenceTimeline(ReferenceLayers base) {
        versions.add(base);
    }

    /** A timeline of {@code base} with every update of {@code held} applied in order. */
    public static ReferenceTimeline of(ReferenceLayers base, Collection<ReferenceUpdate> held) {
        ReferenceTimeline t = new ReferenceTimeline(base);
        List<ReferenceUpdate> sorted = new ArrayList<>(held);
        Collections.sort(sorted);
        for (ReferenceUpdate u : sorted) {
            t.add(u);
        }
        return t;
    }

    /**
     * Adds an update in effective-time order and derives the versions from it on.
     *
     * @return false when the same update (same time, same record) is already held, or when an update
     *         of the same feature that comes after it has already been folded into the first version
     *         (it arrived too late to matter)
     */
    public boolean add(ReferenceUpdate u) {
        int at = Collections.binarySearch(updates, u);
        ReferenceUpdate newer = folded.get(u.featureKey());
        if (at >= 0 || (newer != null && newer.compareTo(u) >= 0)) {
            return false;
        }
        int insert = -at - 1;
        updates.add(insert, u);
        // versions[insert] is the version before u; the ones after it are derived again when asked for.
        versions.add(insert + 1, null);
        for (int k = insert + 2; k < versions.size(); k++) {
            versions.set(k, null);
        }
        return true;
    }

    /** The layers in force at event time {@code ts}: every update with {@code effective_at ≤ ts} applied. */
    public ReferenceLayers at(long ts) {
        int lo = 0;
        int hi = updates.size();
        // The number of updates with effectiveAt <= ts (updates are sorted by effectiveAt first).
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (updates.get(mid).effectiveAt() <= ts) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return version(lo);
    }

    /**
     * Version {@code k}, derived when first asked for from the nearest earlier one. Versions are
     * derived lazily because the reports ask for them in event-time order: a burst of updates, or an
     * update inserted before others, costs only the versions reports actually need.
     */
    private ReferenceLayers version(int k) {
        ReferenceLayers v = versions.get(k);
        if (v != null) {
            return v;
        }
        int j = k - 1;
        while (versions.get(j) == null) {
            j--;
        }
        ReferenceLayers layers = versions.get(j);
        for (int i = j; i < k; i++) {
            layers = layers.apply(updates.get(i));
        }
        versions.set(k, layers);
        return layers;
    }

    /** The newest version: every update held applied. */
    public ReferenceLayers latest() {
        return version(versions.size() - 1);
    }

    /**
     * Forgets the updates in force at or before {@code watermark} by folding them into the first
     * version: no report later than the watermark can be judged against an older version.
     */
    public void dropBefore(long watermark) {
        int n = 0;
        while (n < updates.size() && updates.get(n).effectiveAt() <= watermark) {
            n++;
        }
        if (n > 0) {
            version(n);
            for (ReferenceUpdate u : updates.subList(0, n)) {
                folded.put(u.featureKey(), u);
            }
            updates.subList(0, n).clear();
            versions.subList(0, n).clear();
        }
    }

    /** Updates held, i.e. not yet folded into the first version. */
    public int pending() {
        return updates.size();
    }

    /**
     * Of {@code held}, the updates a newer update of the same feature supersedes, both in force at or
     * before {@code watermark}: applying only the newer gives the same layers for every report after
     * the watermark, so the older need not be kept in state.
     */
    public static List<ReferenceUpdate> superseded(Collection<ReferenceUpdate> held, long watermark) {
        Map<String, ReferenceUpdate> newest = new HashMap<>();
        for (ReferenceUpdate u : held) {
            if (u.effectiveAt() <= watermark) {
                newest.merge(u.featureKey(), u, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        List<ReferenceUpdate> out = new ArrayList<>();
        for (ReferenceUpdate u : held) {
            if (u.effectiveAt() <= watermark && newest.get(u.featureKey()) != u) {
                out.add(u);
            }
        }
        return out;
    }
}
