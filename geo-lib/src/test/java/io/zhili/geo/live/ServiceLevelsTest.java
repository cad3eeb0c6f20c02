package io.zhili.geo.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceLevelsTest {
    private static final long MIN = 60_000L;

    @TempDir
    Path dir;

    private static ServiceLevels parse(String text) {
        return ServiceLevels.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String failure(String text) {
        return assertThrows(IllegalArgumentException.class, () -> parse(text)).getMessage();
    }

    @Test
    void defaultsFollowTheMostSpecificRow() {
        ServiceLevels s = ServiceLevels.defaults();
        // road spillage 0190 has its own row, other 01xx events fall to the EVENT,01 row, 0101 to its own
        assertEquals(15 * MIN, s.dispatchLimitMs("EVENT", "0190"));
        assertEquals(360 * MIN, s.closeLimitMs("EVENT", "0190"));
        assertEquals(120 * MIN, s.dispatchLimitMs("EVENT", "0103"));
        assertEquals(10080 * MIN, s.closeLimitMs("EVENT", "0103"));
        assertEquals(240 * MIN, s.dispatchLimitMs("EVENT", "0101"));
        assertEquals(43200 * MIN, s.closeLimitMs("EVENT", "0101"));
        assertEquals(15 * MIN, s.dispatchLimitMs("EVENT", "0402"));
        // the COMPONENT,01 row does not apply to the EVENT kind and vice versa
        assertEquals(30 * MIN, s.dispatchLimitMs("COMPONENT", "0101"));
        assertEquals(720 * MIN, s.closeLimitMs("COMPONENT", "0117"));
        assertEquals(60 * MIN, s.dispatchLimitMs("COMPONENT", "0201"));
        assertEquals(2880 * MIN, s.closeLimitMs("EVENT", "0501"));
        assertEquals(60 * MIN, s.dispatchLimitMs(null, null));
        assertEquals(120 * MIN, s.dispatchLimitMs("EVENT", "01"));
    }

    @Test
    void categoryIsMoreSpecificThanKind() {
        ServiceLevels s = parse("""
                kind,category,dispatch_minutes,close_minutes
                *,*,60,600
                EVENT,*,50,500
                *,02,40,400
                EVENT,02,30,300
                *,0203,20,200
                """);
        assertEquals(20 * MIN, s.dispatchLimitMs("EVENT", "0203")); // *,minor beats EVENT,major
        assertEquals(30 * MIN, s.dispatchLimitMs("EVENT", "0204")); // EVENT,major beats *,major
        assertEquals(40 * MIN, s.dispatchLimitMs("COMPONENT", "0204"));
        assertEquals(50 * MIN, s.dispatchLimitMs("EVENT", "0301")); // EVENT,* beats *,*
        assertEquals(600 * MIN, s.closeLimitMs("COMPONENT", "0301"));
    }

    @Test
    void fileReplacesTheDefaultsWholesale() throws Exception {
        Path f = dir.resolve("sla.csv");
        Files.writeString(f, "\uFEFFkind,category,dispatch_minutes,close_minutes\n\n*,*,5,10\n");
        ServiceLevels s = ServiceLevels.fileOrDefaults(f);
        assertEquals(5 * MIN, s.dispatchLimitMs("EVENT", "0190"));
        assertEquals(10 * MIN, s.closeLimitMs("EVENT", "0101"));
        assertEquals(ServiceLevels.defaults(), ServiceLevels.fileOrDefaults(null));
    }

    @Test
    void badFilesFailWithOneLineNamingTheLine() {
        String h = "kind,category,dispatch_minutes,close_minutes\n";
        assertEquals("sla <stream>:1: empty file, expected the header '" + ServiceLevels.HEADER + "'", failure(""));
        assertEquals("sla <stream>:1: expected the header '" + ServiceLevels.HEADER + "', got 'kind,cat'",
                failure("kind,cat\n*,*,1,2\n"));
        assertEquals("sla <stream>:3: expected 4 fields (" + ServiceLevels.HEADER + "), got 3",
                failure(h + "*,*,1,2\nEVENT,01,5\n"));
        assertEquals("sla <stream>:2: kind 'TRUCK' is not COMPONENT, EVENT or *", failure(h + "TRUCK,*,1,2\n"));
        assertEquals("sla <stream>:2: category '012' is not a 4-digit minor, a 2-digit major or *",
                failure(h + "EVENT,012,1,2\n"));
        assertEquals("sla <stream>:2: dispatch_minutes 'soon' is not an integer", failure(h + "*,*,soon,2\n"));
        assertEquals("sla <stream>:2: close_minutes 0 is not between 1 and 5256000 (10 years)", failure(h + "*,*,1,0\n"));
        assertEquals("sla <stream>:3: kind * and category * repeat an earlier row", failure(h + "*,*,1,2\n*,*,3,4\n"));
        assertEquals("sla <stream>:3: no catch-all row '*,*' (every case needs a limit)", failure(h + "EVENT,01,1,2\n"));
        for (String message : new String[] {failure(""), failure(h + "EVENT,01,1,2\n")}) {
            assertEquals(-1, message.indexOf('\n'));
        }
    }

    @Test
    void missingFileIsOneLine() {
        Path f = dir.resolve("absent.csv");
        assertEquals("sla " + f + ": does not exist",
                assertThrows(IllegalArgumentException.class, () -> ServiceLevels.load(f)).getMessage());
        assertEquals("sla " + dir + ": not a regular file",
                assertThrows(IllegalArgumentException.class, () -> ServiceLevels.load(dir)).getMessage());
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(ServiceLevels.defaults());
        }
        try (InputStream in = new ByteArrayInputStream(bytes.toByteArray());
                ObjectInputStream objects = new ObjectInputStream(in)) {
            ServiceLevels copy = (ServiceLevels) objects.readObject();
            assertEquals(15 * MIN, copy.dispatchLimitMs("EVENT", "0190"));
            assertEquals(ServiceLevels.defaults(), copy);
        }
    }
}
