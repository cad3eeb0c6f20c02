package io.zhili.geo.stats;

import java.util.Arrays;
import java.util.function.LongFunction;

/**
 * Getis-Ord Gi* local hot spot statistic with binary weights (Ord, J. K. and Getis, A., 1995, "Local
 * spatial autocorrelation statistics: distributional issues and an application", Geographical
 * Analysis 27(4), 286–306; the form ArcGIS's Hot Spot Analysis documents), as the {@code hotspot_cells}
 * contract of docs/CONTRACTS.md ("Gi* hot and cold spots") fixes it:
 *
 * <pre>
 *   z_i = (Σ_j w_ij x_j − x̄ Σ_j w_ij) / ( S √( (n Σ_j w_ij² − (Σ_j w_ij)²) / (n − 1) ) )
 * </pre>
 *
 * where n is the number of cells of the study area, x̄ their mean and S their <em>population</em>
 * standard deviation ({@code √(Σ x²/n − x̄²)}), and w_ij = 1 when j is in i's neighbourhood (the
 * cell itself included, cells outside the study area not counted), else 0. With binary weights
 * Σw² = Σw = W_i, the neighbourhood size, so the denominator is S·√((n·W_i − W_i²)/(n − 1)).
 *
 * <p><b>Degenerate cases</b> give z = 0 (no evidence either way), never NaN: a study area with
 * n &lt; 2 cells or S = 0 (all values equal) gives z = 0 for every cell, and a neighbourhood that
 * is the whole study area (W_i = n, denominator 0) or empty gives z = 0 for that cell.
 *
 * <p>Cost O(Σ_i W_i): about 7 (k = 1) or 19 (k = 2) additions per cell; neighbour lists are built
 * once and reused across periods. Stateless and thread-safe.
 */
public final class GetisOrdGiStar {

    private GetisOrdGiStar() {
    }

    /**
     * Gi* z-scores of all cells.
     *
     * @param x          the value of each cell (e.g. case count in one period), finite
     * @param neighbours {@code neighbours[i]} lists the distinct indexes j (0 ≤ j &lt; n) of the cells in
     *                   i's neighbourhood, i itself included; its length is W_i
     * @return a new array of n z-scores
     * @throws IllegalArgumentException if the lengths differ, a value is not finite or an index is out of range
     */
    public static double[] zScores(double[] x, int[][] neighbours) {
        double[] z = new double[x.length];
        zScores(x, neighbours, z);
        return z;
    }

    /**
     * As {@link #zScores(double[], int[][])}, writing into {@code out} (length n) without allocating,
     * so that one buffer can serve every period of a long run. {@code out} may not be {@code x}.
     */
    public static void zScores(double[] x, int[][] neighbours, double[] out) {
        int n = x.length;
        if (neighbours.length != n || out.length != n) {
            throw new IllegalArgumentException("x has " + n + " cells but neighbours has " + neighbours.length
                    + " lists and out " + out.length + " slots");
        }
        if (out == x) {
            throw new IllegalArgumentException("out must not be the input array");
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("x[" + i + "] = " + x[i] + " is not a finite value");
            }
            sum += x[i];
        }
        double mean = n == 0 ? 0 : sum / n;
        double squares = 0; // two-pass variance: no cancellation between Σx² and n·x̄²
        for (int i = 0; i < n; i++) {
            double d = x[i] - mean;
            squares += d * d;
        }
        double s = n == 0 ? 0 : Math.sqrt(squares / n);
        if (n < 2 || s == 0) {
            Arrays.fill(out, 0.0);
            return;
        }
        double nMinus1 = n - 1;
        for (int i = 0; i < n; i++) {
            int[] nb = neighbours[i];
            double local = 0;
            for (int j : nb) {
                if (j < 0 || j >= n) {
                    throw new IllegalArgumentException(
                            "neighbours[" + i + "] holds index " + j + ", outside 0.." + (n - 1));
                }
                local += x[j];
            }
            double w = nb.length;
            double spread = (n * w - w * w) / nMinus1;
            out[i] = spread > 0 ? (local - mean * w) / (s * Math.sqrt(spread)) : 0.0;
        }
    }

    /**
     * Neighbour lists over a set of H3 cells: for each {@code cells[i]}, the indexes in {@code cells}
     * of the members of its disk, cells outside the set ignored, i itself always included, each
     * index once, ascending.
     *
     * @param cells the study area, distinct H3 cell indexes (any order, one resolution)
     * @param k     the disk radius that {@code disk} uses; bounds the disk size to 3k(k+1)+1
     * @param disk  returns the cells within grid distance k of a cell, e.g.
     *              {@code c -> H3Grid.get().disk(c, k)}; whether it includes the origin does not matter
     * @throws IllegalArgumentException if k &lt; 0, a cell repeats, or a disk is larger than a k-disk can be
     */
    public static int[][] h3Neighbours(long[] cells, int k, LongFunction<long[]> disk) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, was " + k);
        }
        int n = cells.length;
        long[] sorted = cells.clone();
        Arrays.sort(sorted);
        for (int r = 1; r < n; r++) {
            if (sorted[r] == sorted[r - 1]) {
                throw new IllegalArgumentException("cell " + Long.toHexString(sorted[r]) + " appears twice in the study area");
            }
        }
        // indexAtRank[r] = position in cells[] of the r-th smallest cell: a sorted-array long->int map
        int[] indexAtRank = new int[n];
        for (int i = 0; i < n; i++) {
            indexAtRank[Arrays.binarySearch(sorted, cells[i])] = i;
        }
        int maxDisk = 3 * k * (k + 1) + 1;
        int[] scratch = new int[maxDisk + 1];
        int[][] neighbours = new int[n][];
        for (int i = 0; i < n; i++) {
            long origin = cells[i];
            long[] members = disk.apply(origin);
            if (members.length > maxDisk) {
                throw new IllegalArgumentException("disk of cell " + Long.toHexString(origin) + " has "
                        + members.length + " cells, more than the " + maxDisk + " of a k=" + k + " disk");
            }
            int count = 0;
            scratch[count++] = i;
            for (long c : members) {
                if (c == origin) {
                    continue;
                }
                int rank = Arrays.binarySearch(sorted, c);
                if (rank >= 0) {
                    scratch[count++] = indexAtRank[rank];
                }
            }
            Arrays.sort(scratch, 0, count);
            int unique = 0;
            for (int r = 0; r < count; r++) {
                if (unique == 0 || scratch[r] != scratch[unique - 1]) {
                    scratch[unique++] = scratch[r];
                }
            }
            neighbours[i] = Arrays.copyOf(scratch, unique);
        }
        return neighbours;
    }
}
