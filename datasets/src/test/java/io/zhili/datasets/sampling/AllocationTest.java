package io.zhili.datasets.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AllocationTest {
    @Test
    void largestRemainderGivesTheLeftoverToTheLargestRemainders() {
        // Quotas 3.33.., 3.33.., 3.33.. -> the first gets the extra unit (ties to the lower index).
        assertArrayEquals(new int[] {4, 3, 3}, Allocation.largestRemainder(10, new double[] {1, 1, 1}));
        // Quotas 1.5, 2.5, 6.0 -> remainders .5/.5/0: the lower index wins the tie.
        assertArrayEquals(new int[] {2, 2, 6}, Allocation.largestRemainder(10, new double[] {1.5, 2.5, 6}));
    }

    @Test
    void minimumKeepsRareCategoriesPresent() {
        // 10 units, weights 1000:1:1 -> without a minimum the rare ones get nothing.
        assertArrayEquals(new int[] {10, 0, 0}, Allocation.largestRemainder(10, new double[] {1000, 1, 1}));
        assertArrayEquals(new int[] {8, 1, 1}, Allocation.largestRemainder(10, new double[] {1000, 1, 1}, 1));
        assertArrayEquals(new int[] {5, 0, 5}, Allocation.largestRemainder(10, new double[] {1, 0, 1}, 1));
        assertThrows(IllegalArgumentException.class, () -> Allocation.largestRemainder(2, new double[] {1, 1, 1}, 1));
    }

    @Test
    void cumulativeSpreadsExactlyAlongTheUnits() {
        // 3 over 7 equal units: floor(3*i/7) steps at units 3, 5 and 7.
        assertArrayEquals(new int[] {0, 0, 1, 0, 1, 0, 1}, Allocation.cumulative(3, new long[] {1, 1, 1, 1, 1, 1, 1}));
        // Sizes 10, 0, 30 and 8 in total: 2 then 0 then 6.
        assertArrayEquals(new int[] {2, 0, 6}, Allocation.cumulative(8, new long[] {10, 0, 30}));
    }
}
