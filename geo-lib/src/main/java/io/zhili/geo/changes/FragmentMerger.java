package io.zhili.geo.changes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * Groups candidate change polygons into structures: two polygons that touch or lie within the merge
 * distance of each other (closest points, metres) are fragments of one structure, transitively (a
 * detector often cuts one roof into pieces along shadows or roof ridges). Groups and their order
 * depend only on the polygons, never on the order they arrive in: polygons are sorted by change_id and
 * structures ordered by their first change_id. Stateless.
 */
public final class FragmentMerger {
    private FragmentMerger() {
    }

    public static List<Structure> merge(List<ChangePolygon> candidates, double mergeDistanceM) {
        List<ChangePolygon> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparing(ChangePolygon::changeId));
        int n = sorted.size();
        int[] parent = new int[n];
        STRtree tree = new STRtree();
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            tree.insert(sorted.get(i).plane().getEnvelopeInternal(), i);
        }
        for (int i = 0; i < n; i++) {
            Geometry g = sorted.get(i).plane();
            Envelope search = new Envelope(g.getEnvelopeInternal());
            search.expandBy(mergeDistanceM);
            for (Object o : tree.query(search)) {
                int j = (Integer) o;
                if (j > i && find(parent, i) != find(parent, j) && g.isWithinDistance(sorted.get(j).plane(), mergeDistanceM)) {
                    union(parent, i, j);
                }
            }
        }
        Map<Integer, List<ChangePolygon>> groups = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(sorted.get(i));
        }
        List<Structure> out = new ArrayList<>(groups.size());
        for (List<ChangePolygon> fragments : groups.values()) {
            out.add(structure(fragments, mergeDistanceM));
        }
        return out;
    }

    /** The structure of one group of fragments. */
    static Structure structure(List<ChangePolygon> fragments, double mergeDistanceM) {
        if (fragments.size() == 1) {
            Geometry g = fragments.get(0).plane();
            return new Structure(fragments, g, g.getArea(), ShapeMeasures.equivalentWidth(g));
        }
        List<Geometry> parts = new ArrayList<>(fragments.size());
        fragments.forEach(f -> parts.add(f.plane()));
        Geometry union = UnaryUnionOp.union(parts);
        // Close the gaps between fragments (a morphological closing by half the merge distance) so that
        // the width is the structure's, not that of the strips between its pieces.
        double r = mergeDistanceM / 2 + 0.01;
        Geometry closed = union.buffer(r, 2).buffer(-r, 2);
        if (closed.isEmpty()) {
            closed = union;
        }
        return new Structure(fragments, union, union.getArea(), ShapeMeasures.equivalentWidth(closed));
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Joins two groups under the smaller root, so a group's root is its first (smallest change_id) member. */
    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra < rb) {
            parent[rb] = ra;
        } else if (rb < ra) {
            parent[ra] = rb;
        }
    }
}
