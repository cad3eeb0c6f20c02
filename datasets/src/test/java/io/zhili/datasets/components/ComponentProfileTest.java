package io.zhili.datasets.components;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.datasets.Scale;
import io.zhili.datasets.city.CityLayout;
import io.zhili.datasets.truth.HotspotPlan;
import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.catalog.ClassKind;
import org.junit.jupiter.api.Test;

class ComponentProfileTest {
    private final ClassCatalog catalog = ClassCatalog.standard();
    private final ComponentProfile profile = ComponentProfile.forCatalog(catalog);

    @Test
    void everyCatalogSubclassHasAProfileInCatalogOrder() {
        assertEquals(102, profile.size());
        for (int i = 0; i < profile.size(); i++) {
            assertEquals(catalog.minors(ClassKind.COMPONENT).get(i).code(), profile.entry(i).code());
        }
    }

    @Test
    void unitCountsHitTheScaleExactlyWithEveryClassPresent() {
        CityLayout layout = CityLayout.standard();
        for (Scale scale : Scale.values()) {
            int[][] counts = new ComponentGenerator(scale, 1, layout, catalog, HotspotPlan.standard(scale, layout))
                    .unitCounts();
            long total = 0;
            int[] perClass = new int[profile.size()];
            for (int[] district : counts) {
                for (int k = 0; k < district.length; k++) {
                    total += district[k];
                    perClass[k] += district[k];
                }
            }
            assertEquals(scale.components(), total, scale.name());
            for (int k = 0; k < perClass.length; k++) {
                assertTrue(perClass[k] >= 1, scale + " has no " + profile.entry(k).code());
            }
            // Street trees are about 18 % of the registry at every scale.
            double trees = perClass[profile.indexOf("0402")] / (double) total;
            assertEquals(0.18, trees, 0.02, scale.name());
        }
    }
}
