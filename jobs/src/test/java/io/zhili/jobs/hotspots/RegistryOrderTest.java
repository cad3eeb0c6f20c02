package io.zhili.jobs.hotspots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The join's registry order: by id, and stable (first arrival first) should an id ever repeat. */
class RegistryOrderTest {
    private static ComponentRecord component(long id, long row) {
        ComponentRecord r = new ComponentRecord();
        r.id = id;
        r.row = row;
        return r;
    }

    @Test
    void ordersUniqueIdsLikeTheComparatorSort() {
        Random random = new Random(7);
        List<ComponentRecord> records = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            records.add(component(random.nextLong() >>> 11, i));
        }
        List<ComponentRecord> expected = new ArrayList<>(records);
        expected.sort((a, b) -> Long.compare(a.id, b.id));
        List<ComponentRecord> sorted = CaseJoinOperator.sortedById(records);
        assertEquals(expected.size(), sorted.size());
        for (int i = 0; i < expected.size(); i++) {
            assertSame(expected.get(i), sorted.get(i), "position " + i);
        }
    }

    @Test
    void repeatedIdsKeepTheirArrivalOrder() {
        List<ComponentRecord> records = List.of(component(5, 0), component(3, 1), component(5, 2), component(1, 3));
        List<ComponentRecord> sorted = CaseJoinOperator.sortedById(records);
        assertEquals(List.of(3L, 1L, 0L, 2L), sorted.stream().map(r -> r.row).toList());
    }
}
