package io.zhili.geo.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zhili.geo.h3.H3Grid;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GetisOrdGiStarTest {

    private static final H3Grid H3 = H3Grid.get();

    /** Neighbours on a line of n cells: i−k … i+k, clipped to the line. */
    private static int[][] lineNeighbours(int n, int k) {
        int[][] nb = new int[n][];
        for (int i = 0; i < n; i++) {
            int from = Math.max(0, i - k);
            int to = Math.min(n - 1, i + k);
            nb[i] = new int[to - from + 1];
            for (int j = from; j <= to; j++) {
                nb[i][j - from] = j;
            }
        }
        return nb;
    }

    @Test
    void loneUnitOnFiveCellLineGivesPlusMinusRootTwoThirds() {
        // n = 5, x̄ = 0.2, S = √(0.2 − 0.04) = 0.4.
        // Middle three (W = 3, Σx = 1): (1 − 0.6) / (0.4·√((15 − 9)/4)) = 1/√1.5.
        // Ends (W = 2, Σx = 0):        (0 − 0.4) / (0.4·√((10 − 4)/4)) = −1/√1.5.
        double r = Math.sqrt(2.0 / 3.0);
        double[] z = GetisOrdGiStar.zScores(new double[] {0, 0, 1, 0, 0}, lineNeighbours(5, 1));
        assertArrayEquals(new double[] {-r, r, r, r, -r}, z, 1e-12);
    }

    @Test
    void loneHighCellAmongZerosMakesItsNeighbourhoodHotAsInArcGis() {
        // 101 cells, 100 cases in the middle one. x̄ = 100/101, S = 1000/101.
        // Any cell whose window holds the high cell (W = 3): (100 − 300/101) / ((1000/101)·√(294/100)) = 9.8/√2.94.
        // Other inner cells: (−300/101) / ((1000/101)·√2.94) = −0.3/√2.94; ends (W = 2): −0.2/√1.98.
        int n = 101;
        double[] x = new double[n];
        x[50] = 100;
        double[] z = GetisOrdGiStar.zScores(x, lineNeighbours(n, 1));
        double hot = 9.8 / Math.sqrt(2.94);
        for (int i = 0; i < n; i++) {
            double expected = i >= 49 && i <= 51 ? hot : i == 0 || i == n - 1 ? -0.2 / Math.sqrt(1.98) : -0.3 / Math.sqrt(2.94);
            assertEquals(expected, z[i], 1e-12, "cell " + i);
            HotClass c = HotClass.of(z[i], Significance.twoSidedP(z[i]));
            // the zero-count neighbours are hot too: Gi* judges the neighbourhood, not the cell
            assertEquals(i >= 49 && i <= 51 ? HotClass.HOT_99 : HotClass.NOT_SIGNIFICANT, c, "cell " + i);
        }
    }

    @Test
    void hexagonalDiskOfRadiusTwoWithALoneCaseInTheCentre() {
        // 19 hexagons (centre, ring 1 of 6, ring 2 of 12), k = 1 neighbourhoods clipped to the disk, x = 1 at the centre.
        // n = 19, x̄ = 1/19, S = √18/19. The centre and ring 1 have W = 7 and Σx = 1:
        //   (1 − 7/19) / ((√18/19)·√((133 − 49)/18)) = 12/√84.
        // Ring-2 corners have W = 4 (one ring-1 and two ring-2 neighbours), sides W = 5, Σx = 0:
        //   corner −4/√60, side −5/√70.
        long centre = H3.cell(120.3826, 36.0671, 9); // Qingdao, May Fourth Square
        long[] cells = H3.disk(centre, 2);
        long[] innerDisk = H3.disk(centre, 1);
        assertEquals(19, cells.length);
        double[] x = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            x[i] = cells[i] == centre ? 1 : 0;
        }
        int[][] nb = GetisOrdGiStar.h3Neighbours(cells, 1, c -> H3.disk(c, 1));
        double[] z = GetisOrdGiStar.zScores(x, nb);
        int corners = 0;
        int sides = 0;
        for (int i = 0; i < cells.length; i++) {
            if (Arrays.binarySearch(innerDisk, cells[i]) >= 0) {
                assertEquals(7, nb[i].length);
                assertEquals(12 / Math.sqrt(84), z[i], 1e-12);
            } else if (nb[i].length == 4) {
                corners++;
                assertEquals(-4 / Math.sqrt(60), z[i], 1e-12);
            } else {
                sides++;
                assertEquals(5, nb[i].length);
                assertEquals(-5 / Math.sqrt(70), z[i], 1e-12);
            }
        }
        assertEquals(6, corners);
        assertEquals(6, sides);
    }

    @Test
    void agreesWithDenseWeightMatrixFormOnRandomCounts() {
        // The textbook form with an explicit n×n weight matrix and S from Σx²/n − x̄², computed here.
        Random random = new Random(3);
        int n = 40;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextInt(12);
        }
        int[][] nb = lineNeighbours(n, 2);
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j : nb[i]) {
                w[i][j] = 1;
            }
        }
        double sum = 0;
        double sumSquares = 0;
        for (double v : x) {
            sum += v;
            sumSquares += v * v;
        }
        double mean = sum / n;
        double s = Math.sqrt(sumSquares / n - mean * mean);
        double[] z = GetisOrdGiStar.zScores(x, nb);
        for (int i = 0; i < n; i++) {
            double wx = 0;
            double sw = 0;
            double sw2 = 0;
            for (int j = 0; j < n; j++) {
                wx += w[i][j] * x[j];
                sw += w[i][j];
                sw2 += w[i][j] * w[i][j];
            }
            double expected = (wx - mean * sw) / (s * Math.sqrt((n * sw2 - sw * sw) / (n - 1)));
            assertEquals(expected, z[i], 1e-10, "cell " + i);
        }
    }

    @Test
    void outputBufferVariantFillsTheGivenArray() {
        double[] out = new double[5];
        GetisOrdGiStar.zScores(new double[] {0, 0, 1, 0, 0}, lineNeighbours(5, 1), out);
        assertArrayEquals(GetisOrdGiStar.zScores(new double[] {0, 0, 1, 0, 0}, lineNeighbours(5, 1)), out);
    }

    @Test
    void neighbourhoodCoveringTheWholeAreaGivesZero() {
        // 3 cells, k = 1: the middle cell's window is everything, so its denominator is 0
        double[] z = GetisOrdGiStar.zScores(new double[] {5, 1, 0}, lineNeighbours(3, 1));
        assertEquals(0.0, z[1]);
    }

    @Test
    void constantValuesGiveZeroEverywhere() {
        assertArrayEquals(new double[4], GetisOrdGiStar.zScores(new double[] {2, 2, 2, 2}, lineNeighbours(4, 1)));
    }

    @Test
    void fewerThanTwoCellsGiveZero() {
        assertArrayEquals(new double[] {0.0}, GetisOrdGiStar.zScores(new double[] {7}, new int[][] {{0}}));
        assertArrayEquals(new double[0], GetisOrdGiStar.zScores(new double[0], new int[0][]));
    }

    @Test
    void badArgumentsAreRejectedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GetisOrdGiStar.zScores(new double[] {1, 2}, new int[][] {{0, 2}, {1}}));
        assertEquals("neighbours[0] holds index 2, outside 0..1", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> GetisOrdGiStar.zScores(new double[] {1, Double.NaN}, new int[][] {{0}, {1}}));
        assertThrows(IllegalArgumentException.class,
                () -> GetisOrdGiStar.zScores(new double[] {1, 2}, new int[][] {{0}}));
    }

    @Test
    void h3NeighboursIgnoreCellsOutsideTheStudyAreaAndIncludeSelf() {
        long centre = H3.cell(120.3826, 36.0671, 9);
        long[] ring = Arrays.stream(H3.disk(centre, 1)).filter(c -> c != centre).toArray();
        long far = H3.cell(120.60, 36.30, 9);
        // study area: the centre, a far cell and one of the centre's six neighbours; the other five are outside
        long keptNeighbour = ring[2];
        long[] cells = {far, keptNeighbour, centre};
        int[][] nb = GetisOrdGiStar.h3Neighbours(cells, 1, c -> H3.disk(c, 1));
        assertArrayEquals(new int[] {0}, nb[0]);
        assertArrayEquals(new int[] {1, 2}, nb[1]);
        assertArrayEquals(new int[] {1, 2}, nb[2]);
    }

    @Test
    void h3NeighboursAddSelfWhenTheDiskOmitsItAndDropDuplicates() {
        long[] cells = {10L, 20L, 30L};
        int[][] nb = GetisOrdGiStar.h3Neighbours(cells, 1, c -> c == 20L ? new long[] {30L, 30L, 99L} : new long[0]);
        assertArrayEquals(new int[] {0}, nb[0]);
        assertArrayEquals(new int[] {1, 2}, nb[1]);
        assertArrayEquals(new int[] {2}, nb[2]);
    }

    @Test
    void h3NeighboursRejectRepeatedCellsAndOversizedDisks() {
        assertThrows(IllegalArgumentException.class,
                () -> GetisOrdGiStar.h3Neighbours(new long[] {5L, 5L}, 1, c -> new long[0]));
        assertThrows(IllegalArgumentException.class,
                () -> GetisOrdGiStar.h3Neighbours(new long[] {5L}, 0, c -> new long[] {5L, 6L}));
        assertThrows(IllegalArgumentException.class,
                () -> GetisOrdGiStar.h3Neighbours(new long[] {5L}, -1, c -> new long[0]));
    }
}
