package io.zhili.jobs.hotspots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.crs.Gcj02;
import io.zhili.geo.util.Timestamps;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CaseParserTest {
    private static final String HEADER = "case_id,source,kind,major_class,minor_class,component_id,lon,lat,crs,"
            + "reported_at,verified_at,dispatched_at,disposed_at,closed_at,district_code";
    private final CaseParser parser = new CaseParser(Arrays.asList(HEADER.split(",")), ClassCatalog.standard(),
            new HotspotOptions(), null);

    private CaseRecord parse(String row) {
        return parser.parse(row.split(",", -1));
    }

    @Test
    void cleanEventCaseInWgs84() {
        CaseRecord r = parse("C1,PATROL,EVENT,01,0102,,120.38,36.07,WGS84,2025-03-05T08:00:00+08:00,,"
                + "2025-03-05T08:30:00+08:00,,2025-03-05T10:00:00+08:00,370202");
        assertNotNull(r);
        assertEquals(120.38, r.lon, 0);
        assertEquals(102, r.minorClass);
        assertEquals(Timestamps.EMPTY, r.verifiedAt);
        assertEquals(370202, r.district);
    }

    @Test
    void citizenReportIsConvertedFromGcj02() {
        double[] gcj = Gcj02.fromWgs84(120.38, 36.07);
        CaseRecord r = parse("C2,CITIZEN_APP,EVENT,01,0102,," + gcj[0] + "," + gcj[1] + ",GCJ02,2025-03-05T08:00:00+08:00,,,,,");
        assertNotNull(r);
        assertEquals(120.38, r.lon, 1e-6);
        assertEquals(36.07, r.lat, 1e-6);
    }

    @Test
    void componentCaseMayOmitLocation() {
        CaseRecord r = parse("C3,CAMERA,COMPONENT,01,0101,3702020101000001,,,WGS84,1741132800000,,,,,");
        assertNotNull(r);
        assertEquals(3702020101000001L, r.componentId);
        assertTrue(Double.isNaN(r.lon));
    }

    @Test
    void refusalsCarryTheContractReasons() {
        assertNull(parse("C4,PATROL,EVENT,01,0199,,120.38,36.07,WGS84,2025-03-05T08:00:00+08:00,,,,,"));
        assertEquals("UNKNOWN_CLASS", parser.reason());
        assertNull(parse("C5,PATROL,EVENT,01,0102,,NaN,36.07,WGS84,2025-03-05T08:00:00+08:00,,,,,"));
        assertEquals("BAD_COORDINATES", parser.reason());
        assertNull(parse("C6,PATROL,EVENT,01,0102,,116.40,39.90,WGS84,2025-03-05T08:00:00+08:00,,,,,"));
        assertEquals("OUT_OF_AREA", parser.reason());
        assertNull(parse("C7,PATROL,EVENT,01,0102,,120.38,36.07,WGS84,last tuesday,,,,,"));
        assertEquals("BAD_TIMESTAMP", parser.reason());
        assertNull(parse("C8,PATROL,EVENT,01,0102,,120.38,36.07,WGS84,2025-03-05T08:00:00+08:00,,,,2025-03-04T08:00:00+08:00,"));
        assertEquals("INCONSISTENT_TIMESTAMPS", parser.reason());
        assertNull(parse("C9,PATROL,COMPONENT,01,0101,12345,120.38,36.07,WGS84,2025-03-05T08:00:00+08:00,,,,,"));
        assertEquals("UNKNOWN_COMPONENT", parser.reason());
        assertNull(parse("C10,FAX,EVENT,01,0102,,120.38,36.07,WGS84,2025-03-05T08:00:00+08:00,,,,,"));
        assertEquals("MALFORMED_ROW", parser.reason());
    }

    @Test
    void majorClassMustBeExactlyTheFirstTwoDigitsOfMinorClass() {
        for (String major : new String[] {"", "0", "010", "02"}) {
            assertNull(parse("C11,PATROL,EVENT," + major + ",0102,,120.38,36.07,WGS84,2025-03-05T08:00:00+08:00,,,,,"), major);
            assertEquals("UNKNOWN_CLASS", parser.reason());
            assertTrue(parser.detail().contains("major_class"), parser.detail());
        }
        ComponentParser components = new ComponentParser(Arrays.asList(ComponentParser.COLUMNS), ClassCatalog.standard(),
                new HotspotOptions(), null);
        for (String major : new String[] {"", "0"}) {
            assertNull(components.parse(("3702020101000001," + major + ",0101,120.38,36.07,370202").split(",", -1)), major);
            assertEquals("UNKNOWN_CLASS", components.reason());
        }
        assertNotNull(components.parse("3702020101000001,01,0101,120.38,36.07,370202".split(",", -1)));
    }

    @Test
    void datesBefore2000OrFrom2100AreRefusedAsTheGpsParserDoes() {
        // 1999-12-31T23:59:59.999Z as epoch milliseconds, and as ISO text: a zeroed or mis-scaled clock.
        assertNull(parse("C12,PATROL,EVENT,01,0102,,120.38,36.07,WGS84,946684799999,,,,,"));
        assertEquals("BAD_TIMESTAMP", parser.reason());
        assertTrue(parser.detail().contains("reported_at"), parser.detail());
        assertNull(parse("C13,PATROL,EVENT,01,0102,,120.38,36.07,WGS84,1970-01-01T08:00:00+08:00,,,,,"));
        assertEquals("BAD_TIMESTAMP", parser.reason());
        assertNull(parse("C14,PATROL,EVENT,01,0102,,120.38,36.07,WGS84,2025-03-05T08:00:00+08:00,,,,2100-01-01T08:00:00+08:00,"));
        assertEquals("BAD_TIMESTAMP", parser.reason());
        assertTrue(parser.detail().contains("closed_at"), parser.detail());
        assertNotNull(parse("C15,PATROL,EVENT,01,0102,,120.38,36.07,WGS84,946684800000,,,,,"));
    }

    @Test
    void aRegisteredComponentsPositionComesBeforeTheAreaTest() {
        // The reported position lies outside the city (a noisy fix offshore), but the case names its component:
        // the component's position counts, so the row is not refused as OUT_OF_AREA here.
        CaseRecord r = parse("C16,CAMERA,COMPONENT,01,0101,3702020101000001,121.90,35.20,WGS84,2025-03-05T08:00:00+08:00,,,,,");
        assertNotNull(r, parser.reason() + ": " + parser.detail());
        assertEquals(3702020101000001L, r.componentId);
        // Without a component the same position is still out of the area.
        assertNull(parse("C17,CAMERA,COMPONENT,01,0101,,121.90,35.20,WGS84,2025-03-05T08:00:00+08:00,,,,,"));
        assertEquals("OUT_OF_AREA", parser.reason());
    }
}
