package io.zhili.geo.h3;

import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * The H3 hexagon grid as Zhili uses it: one shared entry point over Uber's {@link H3Core}.
 *
 * <p>Coordinates are WGS-84 degrees, always in <b>longitude, latitude</b> order (H3 itself takes
 * latitude first; this class hides that). Cells are primitive {@code long} indexes on hot paths and
 * the 15-hex-digit lower-case address in outputs.
 *
 * <p>Thread-safe: {@link H3Core} holds no mutable state (every call goes straight to the native
 * library), so the single instance from {@link #get()} is shared by all threads.
 *
 * <p>Invalid arguments (resolution outside 0..15, non-finite coordinates, an invalid cell) raise
 * {@link IllegalArgumentException}: callers validate input rows before they reach the grid.
 */
public final class H3Grid {
    /** Geometries built here carry SRID 4326 (WGS-84 longitude/latitude). */
    public static final int SRID_WGS84 = 4326;

    private static final GeometryFactory GEOMETRY_FACTORY = new GeometryFactory(new PrecisionModel(), SRID_WGS84);
    private static final H3Grid INSTANCE = new H3Grid();

    private final H3Core h3;

    private H3Grid() {
        try {
            h3 = H3Core.newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the H3 native library", e);
        }
    }

    /** The shared instance; the native library is loaded once, on first use. */
    public static H3Grid get() {
        return INSTANCE;
    }

    /** The cell of resolution {@code res} (0..15) that contains the point. */
    public long cell(double lon, double lat, int res) {
        checkResolution(res);
        if (!Double.isFinite(lon) || !Double.isFinite(lat)) {
            throw new IllegalArgumentException("non-finite coordinate lon=" + lon + " lat=" + lat);
        }
        return h3.latLngToCell(lat, lon, res);
    }

    /** The ancestor of {@code cell} at the coarser (or equal) resolution {@code res}. */
    public long parent(long cell, int res) {
        checkCell(cell);
        checkResolution(res);
        if (res > h3.getResolution(cell)) {
            throw new IllegalArgumentException("parent resolution " + res + " is finer than the cell's "
                    + h3.getResolution(cell) + " (" + address(cell) + ")");
        }
        return h3.cellToParent(cell, res);
    }

    /**
     * All cells within grid distance {@code k} of {@code cell}, the cell itself included (the "k-ring"),
     * sorted ascending. A hexagon has {@code 1 + 3k(k+1)} of them; fewer near a pentagon.
     */
    public long[] disk(long cell, int k) {
        checkCell(cell);
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        List<Long> cells = h3.gridDisk(cell, k);
        long[] out = new long[cells.size()];
        int n = 0;
        for (Long c : cells) {
            // gridDisk pads with 0 where a pentagon leaves holes in the ring.
            if (c != null && c != 0L) {
                out[n++] = c;
            }
        }
        out = n == out.length ? out : Arrays.copyOf(out, n);
        Arrays.sort(out);
        return out;
    }

    /**
     * Cells of resolution {@code res} whose centre lies inside {@code polygonal} (a Polygon or
     * MultiPolygon in lon/lat; holes are respected), sorted ascending and without duplicates.
     * An empty geometry gives an empty array.
     *
     * @throws IllegalArgumentException for a geometry that is not polygonal
     */
    public long[] cover(Geometry polygonal, int res) {
        checkResolution(res);
        if (polygonal == null) {
            throw new IllegalArgumentException("cover needs a Polygon or MultiPolygon, got null");
        }
        if (!(polygonal instanceof Polygon) && !(polygonal instanceof org.locationtech.jts.geom.MultiPolygon)) {
            throw new IllegalArgumentException("cover needs a Polygon or MultiPolygon, got " + polygonal.getGeometryType());
        }
        long[] all = new long[0];
        int n = 0;
        for (int i = 0; i < polygonal.getNumGeometries(); i++) {
            Polygon p = (Polygon) polygonal.getGeometryN(i);
            if (p.isEmpty()) {
                continue;
            }
            List<List<LatLng>> holes = new ArrayList<>(p.getNumInteriorRing());
            for (int h = 0; h < p.getNumInteriorRing(); h++) {
                holes.add(ring(p.getInteriorRingN(h)));
            }
            List<Long> cells = h3.polygonToCells(ring(p.getExteriorRing()), holes, res);
            if (n + cells.size() > all.length) {
                all = Arrays.copyOf(all, Math.max(all.length * 2, n + cells.size()));
            }
            for (Long c : cells) {
                all[n++] = c;
            }
        }
        long[] sorted = Arrays.copyOf(all, n);
        Arrays.sort(sorted);
        return distinctSorted(sorted);
    }

    /**
     * The cell's outline as a closed counter-clockwise lon/lat ring, SRID 4326. Cells crossing the
     * antimeridian are not split (irrelevant for China).
     */
    public Polygon boundary(long cell) {
        checkCell(cell);
        List<LatLng> vertices = h3.cellToBoundary(cell);
        Coordinate[] ring = new Coordinate[vertices.size() + 1];
        for (int i = 0; i < vertices.size(); i++) {
            LatLng v = vertices.get(i);
            ring[i] = new Coordinate(v.lng, v.lat);
        }
        ring[vertices.size()] = ring[0].copy();
        LinearRing shell = GEOMETRY_FACTORY.createLinearRing(ring);
        return GEOMETRY_FACTORY.createPolygon(shell);
    }

    /** The cell's centre as {@code {lon, lat}} in degrees. */
    public double[] center(long cell) {
        checkCell(cell);
        LatLng c = h3.cellToLatLng(cell);
        return new double[] {c.lng, c.lat};
    }

    /** The cell's address: 15 lower-case hex digits, e.g. {@code 8928308280fffff}. */
    public String address(long cell) {
        return h3.h3ToString(cell);
    }

    /**
     * The cell of an address (case-insensitive).
     *
     * @throws IllegalArgumentException when the text is not the address of a valid cell
     */
    public long parse(String address) {
        if (address == null || address.isEmpty() || address.length() > 16) {
            throw new IllegalArgumentException("not an H3 cell address: '" + address + "'");
        }
        long cell;
        try {
            cell = Long.parseUnsignedLong(address, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an H3 cell address (hex digits expected): '" + address + "'");
        }
        if (!h3.isValidCell(cell)) {
            throw new IllegalArgumentException("not a valid H3 cell: '" + address + "'");
        }
        return cell;
    }

    /** The resolution (0..15) of a valid cell. */
    public int resolution(long cell) {
        checkCell(cell);
        return h3.getResolution(cell);
    }

    /** Whether {@code cell} is a valid H3 cell index (not an edge or vertex index). */
    public boolean isValid(long cell) {
        return h3.isValidCell(cell);
    }

    private void checkCell(long cell) {
        if (!h3.isValidCell(cell)) {
            throw new IllegalArgumentException("not a valid H3 cell: " + Long.toHexString(cell));
        }
    }

    private static void checkResolution(int res) {
        if (res < 0 || res > 15) {
            throw new IllegalArgumentException("H3 resolution must be 0..15, got " + res);
        }
    }

    private static List<LatLng> ring(org.locationtech.jts.geom.LineString ring) {
        Coordinate[] coords = ring.getCoordinates();
        // H3 rings are implicitly closed: drop the repeated closing vertex.
        int n = coords.length > 1 && coords[0].equals2D(coords[coords.length - 1]) ? coords.length - 1 : coords.length;
        List<LatLng> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new LatLng(coords[i].y, coords[i].x));
        }
        return out;
    }

    private static long[] distinctSorted(long[] sorted) {
        if (sorted.length < 2) {
            return sorted;
        }
        int n = 1;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] != sorted[n - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
    }
}
