package io.zhili.datasets.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.catalog.ClassKind;
import io.zhili.geo.catalog.StandardClass;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventProfileTest {
    private final ClassCatalog catalog = ClassCatalog.standard();
    private final EventProfile profile = EventProfile.forCatalog(catalog);

    @Test
    void drawsTheNationalEventsAndTheLocalOnesScenariosNeed() {
        List<String> codes = profile.classes().stream().map(StandardClass::code).toList();
        assertEquals(32, codes.size());
        for (StandardClass c : catalog.minors(ClassKind.EVENT)) {
            assertEquals(c.isNational() || c.code().equals("0190") || c.code().equals("0590"), codes.contains(c.code()),
                    c.code());
        }
    }

    @Test
    void camerasSeeSpillageAndSatellitesUnauthorisedConstruction() {
        double[] camera = profile.weights(CaseSource.CAMERA, 6);
        assertTrue(camera[profile.indexOf("0190")] > 0);
        assertEquals(0, camera[profile.indexOf("0101")]);
        double[] satellite = profile.weights(CaseSource.SATELLITE, 6);
        int max = 0;
        for (int i = 1; i < satellite.length; i++) {
            max = satellite[i] > satellite[max] ? i : max;
        }
        assertEquals("0101", profile.classes().get(max).code());
        // Barbecues are a summer affair.
        double[] patrolJuly = profile.weights(CaseSource.PATROL, 7);
        double[] patrolJanuary = profile.weights(CaseSource.PATROL, 1);
        assertTrue(patrolJuly[profile.indexOf("0510")] > 10 * patrolJanuary[profile.indexOf("0510")]);
    }

    @Test
    void aSourceWithoutAnyOfItsClassesReportsLikeAPatrol() throws IOException {
        ClassCatalog city = ClassCatalog.load(new StringReader(ClassCatalog.HEADER + "\n"
                + "05,EVENT,街面秩序,Street order,NATIONAL\n0502,EVENT,流浪乞讨,Begging,NATIONAL\n"
                + "0599,EVENT,新事项,A class of a successor standard,NATIONAL\n"), "city.csv");
        EventProfile p = EventProfile.forCatalog(city);
        assertEquals(2, p.classes().size());
        double[] satellite = p.weights(CaseSource.SATELLITE, 3);
        assertEquals(0.5, satellite[0]);
        assertEquals(EventProfile.DEFAULT_WEIGHT, satellite[1]);
    }
}
