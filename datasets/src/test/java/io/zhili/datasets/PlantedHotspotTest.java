package io.zhili.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planted hotspots of the small data set as a correct hotspot job sees them. */
class PlantedHotspotTest {
    @TempDir
    static Path tmp;
    static List<HotspotCheck.Result> results;

    @BeforeAll
    static void generate() throws Exception {
        GeneratedData.small(tmp, 2);
        results = HotspotCheck.run(tmp);
    }

    @Test
    void everyPlantedMonthIsHotAtNinetyFivePercentWithOneRing() {
        assertEquals(16, results.stream().map(HotspotCheck.Result::h3).distinct().count());
        for (HotspotCheck.Result r : results) {
            assertTrue(r.z() >= 1.96, r.h3() + " " + r.category() + " month " + r.month() + " z " + r.z());
        }
    }

    @Test
    void plantedCellsHaveManyMoreCasesThanTheMedianCell() {
        for (HotspotCheck.Result r : results) {
            assertTrue(r.cellCount() >= 40, r.h3() + " month " + r.month() + " has " + r.cellCount());
            assertTrue(r.cellYear() >= 20 * r.medianActiveCellYear(),
                    r.h3() + " year " + r.cellYear() + " vs median " + r.medianActiveCellYear());
        }
    }

    @Test
    void gcj02HotspotsVanishForAJobThatForgetsTheConversion() {
        long gcj = results.stream().filter(HotspotCheck.Result::gcj02).map(HotspotCheck.Result::h3).distinct().count();
        assertTrue(gcj >= 5, "GCJ-02 hotspots " + gcj);
        for (HotspotCheck.Result r : results) {
            if (r.gcj02()) {
                assertTrue(r.flowerCountUnconverted() * 4 < r.flowerCount(), r.h3() + " month " + r.month()
                        + ": unconverted ring sum " + r.flowerCountUnconverted() + " vs " + r.flowerCount());
            }
        }
    }
}
