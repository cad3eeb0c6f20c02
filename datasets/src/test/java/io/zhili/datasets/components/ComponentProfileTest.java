package io.zhili.datasets.components;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.datasets.Scale;
import io.zhili.datasets.city.CityLayout;
import io.zhili.datasets.truth.HotspotPlan;
import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.catalog.ClassKind;
import io.zhili.geo.catalog.StandardClass;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComponentProfileTest {
    private final ClassCatalog catalog = ClassCatalog.standard();
    private final ComponentProfile profile = ComponentProfile.forCatalog(catalog);

    @Test
    void theNationalSubclassesAreDrawnInCatalogOrder() {
        assertEquals(85, profile.size());
        List<String> national = catalog.minors(ClassKind.COMPONENT).stream().filter(StandardClass::isNational)
                .map(StandardClass::code).toList();
        for (int i = 0; i < profile.size(); i++) {
            assertEquals(national.get(i), profile.entry(i).code());
        }
        assertEquals(-1, profile.indexOf("0190"), "local multi-utility covers are not drawn");
    }

    @Test
    void aCitysCatalogGivesUnknownNationalClassesARareShareAndSkipsItsLocalOnes() throws IOException {
        ClassCatalog city = ClassCatalog.load(new StringReader(ClassCatalog.HEADER + "\n"
                + "01,COMPONENT,公用设施,Public utilities,NATIONAL\n"
                + "0103,COMPONENT,雨水井盖,Storm-water manhole cover,NATIONAL\n"
                + "0118,COMPONENT,路灯,Street light,NATIONAL\n"
                + "0139,COMPONENT,新设施,A class of a successor standard,NATIONAL\n"
                + "0195,COMPONENT,城市家具,City furniture,LOCAL\n"), "city.csv");
        ComponentProfile p = ComponentProfile.forCatalog(city);
        assertEquals(List.of("0103", "0118", "0139"), p.entries().stream().map(ComponentProfile.Entry::code).toList());
        assertEquals(ComponentProfile.DEFAULT_SHARE, p.entry(2).share());
        assertEquals(7.0, p.entry(0).share());
        ClassCatalog onlyLocal = ClassCatalog.load(new StringReader(ClassCatalog.HEADER + "\n"
                + "01,COMPONENT,公用设施,Public utilities,LOCAL\n0195,COMPONENT,城市家具,City furniture,LOCAL\n"), "x.csv");
        assertThrows(IllegalArgumentException.class, () -> ComponentProfile.forCatalog(onlyLocal));
    }

    @Test
    void aCatalogWithoutAPlantedHotspotsClassIsRefusedByName() throws IOException {
        String shipped = new String(ClassCatalog.class.getClassLoader().getResourceAsStream(ClassCatalog.RESOURCE)
                .readAllBytes(), StandardCharsets.UTF_8);
        ClassCatalog withoutNightMarket = ClassCatalog.load(new StringReader(shipped.replaceAll("(?m)^0590,EVENT.*\n", "")),
                "city.csv");
        HotspotPlan plan = HotspotPlan.standard(Scale.SMALL, CityLayout.standard());
        plan.requireClasses(catalog, "shipped");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> plan.requireClasses(withoutNightMarket, "city.csv"));
        assertTrue(e.getMessage().startsWith("catalog city.csv: no EVENT class 0590 for the planted hotspot '城阳 night market"),
                e.getMessage());
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
