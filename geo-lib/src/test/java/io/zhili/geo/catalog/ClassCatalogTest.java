package io.zhili.geo.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassCatalogTest {
    /** The catalog the datasets module ships (geo-lib cannot see it on its classpath). */
    static final Path SHIPPED = Path.of("../datasets/src/main/resources/zhili/classes.csv");
    static ClassCatalog shipped;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadShipped() {
        shipped = ClassCatalog.load(SHIPPED);
    }

    @Test
    void shippedCatalogIsTheNationalStandardPlusQingdaosLocalRows() {
        assertEquals(6, shipped.majors(ClassKind.COMPONENT).size());
        assertEquals(102, shipped.minors(ClassKind.COMPONENT).size());
        assertEquals(85, shipped.minors(ClassKind.COMPONENT).stream().filter(StandardClass::isNational).count());
        assertEquals(17, shipped.minors(ClassKind.COMPONENT).stream().filter(c -> !c.isNational()).count());
        assertEquals(5, shipped.majors(ClassKind.EVENT).size());
        assertEquals(30, shipped.minors(ClassKind.EVENT).stream().filter(StandardClass::isNational).count());
        assertTrue(shipped.majors(ClassKind.COMPONENT).stream().allMatch(StandardClass::isNational));
        assertEquals(38 + 2, shipped.minorsOf(ClassKind.COMPONENT, "01").size());
        assertEquals(shipped.national().size() + shipped.local().size(), shipped.all().size());
    }

    /**
     * The national rows of the shipped catalog are exactly the verified table kept in the test resources
     * (kind, code, Chinese name, in order); every other row is a local extension.
     */
    @Test
    void nationalRowsEqualTheVerifiedTable() throws IOException {
        List<String> verified = new ArrayList<>();
        try (InputStream in = ClassCatalogTest.class.getResourceAsStream("/catalog/classes-verified.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertEquals("kind,major,minor,code,name_zh,source", lines.get(0));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", 6);
                assertEquals(f[1] + f[2], f[3], line);
                verified.add(f[0] + " " + f[3] + " " + f[4]);
            }
        }
        assertEquals(6 + 85 + 5 + 30, verified.size());
        List<String> national = new ArrayList<>();
        for (StandardClass c : shipped.national()) {
            national.add(c.kind() + " " + c.code() + " " + c.nameZh());
        }
        assertEquals(verified, national);
        for (StandardClass c : shipped.all()) {
            String row = c.kind() + " " + c.code() + " " + c.nameZh();
            assertEquals(verified.contains(row) ? ClassSource.NATIONAL : ClassSource.LOCAL, c.source(), row);
        }
    }

    @Test
    void sameCodeMeansDifferentClassesPerKind() {
        StandardClass cover = shipped.find(ClassKind.COMPONENT, "0103").orElseThrow();
        assertEquals("雨水井盖", cover.nameZh());
        assertEquals("Storm-water manhole cover", cover.nameEn());
        assertEquals(ClassSource.NATIONAL, cover.source());
        assertEquals("消防设施", shipped.find(ClassKind.COMPONENT, "0113").orElseThrow().nameZh());
        StandardClass spillage = shipped.find(ClassKind.EVENT, "0190").orElseThrow();
        assertEquals("道路遗撒", spillage.nameZh());
        assertEquals(ClassSource.LOCAL, spillage.source());
        assertEquals("综合井盖", shipped.find(ClassKind.COMPONENT, "0190").orElseThrow().nameZh());
        assertEquals("私搭乱建", shipped.find(ClassKind.EVENT, "0101").orElseThrow().nameZh());
        assertEquals("积存垃圾渣土", shipped.find(ClassKind.EVENT, "0103").orElseThrow().nameZh());
        assertTrue(shipped.find(ClassKind.EVENT, "0113").isEmpty());
    }

    @Test
    void majorAndMinorRelations() {
        StandardClass cover = shipped.find(ClassKind.COMPONENT, "0103").orElseThrow();
        assertFalse(cover.isMajor());
        assertEquals("01", cover.majorCode());
        StandardClass utilities = shipped.find(ClassKind.COMPONENT, "01").orElseThrow();
        assertTrue(utilities.isMajor());
        assertEquals("01", utilities.majorCode());
        assertEquals("0101", shipped.minorsOf(ClassKind.COMPONENT, "01").get(0).code());
        assertEquals("0138", shipped.minorsOf(ClassKind.COMPONENT, "01").get(37).code());
        assertTrue(shipped.minorsOf(ClassKind.COMPONENT, "99").isEmpty());
        assertTrue(shipped.find(ClassKind.COMPONENT, "0199").isEmpty());
        assertTrue(shipped.hasMinor(ClassKind.COMPONENT, 103));
        assertFalse(shipped.hasMinor(ClassKind.EVENT, 130));
        assertTrue(shipped.hasMajor(ClassKind.EVENT, 5));
        assertFalse(shipped.hasMajor(ClassKind.EVENT, 6));
    }

    @Test
    void listsAreSortedByCode() {
        var minors = shipped.minors(ClassKind.EVENT);
        for (int i = 1; i < minors.size(); i++) {
            assertTrue(minors.get(i - 1).code().compareTo(minors.get(i).code()) < 0);
        }
        assertThrows(UnsupportedOperationException.class, () -> minors.add(minors.get(0)));
        assertEquals(ClassKind.COMPONENT, shipped.all().get(0).kind());
        assertEquals(ClassKind.EVENT, shipped.all().get(shipped.all().size() - 1).kind());
    }

    @Test
    void quotedFieldsAreRead() throws IOException {
        ClassCatalog c = ClassCatalog.load(new StringReader(
                "code,kind,name_zh,name_en,source\n09,COMPONENT,其他,Other,LOCAL\n"
                        + "0901,COMPONENT,\"杆,柱\",\"Pole, \"\"post\"\"\",LOCAL\n"), "city.csv");
        assertEquals("Pole, \"post\"", c.find(ClassKind.COMPONENT, "0901").orElseThrow().nameEn());
        assertEquals("杆,柱", c.find(ClassKind.COMPONENT, "0901").orElseThrow().nameZh());
        assertEquals(2, c.local().size());
        assertTrue(c.national().isEmpty());
    }

    @Test
    void theSameCodeInBothKindsIsAllowed() throws IOException {
        ClassCatalog c = ClassCatalog.load(new StringReader("code,kind,name_zh,name_en,source\n"
                + "01,COMPONENT,a,A,NATIONAL\n01,EVENT,b,B,NATIONAL\n0101,COMPONENT,c,C,NATIONAL\n0101,EVENT,d,D,LOCAL\n"), "x");
        assertEquals("c", c.find(ClassKind.COMPONENT, "0101").orElseThrow().nameZh());
        assertEquals("d", c.find(ClassKind.EVENT, "0101").orElseThrow().nameZh());
    }

    /** Each bad catalog gives one line naming the file and the line. */
    @Test
    void badCatalogsNameFileAndLine() throws IOException {
        String h = ClassCatalog.HEADER + "\n";
        assertBad(h + "01,EVENT,a,A,NATIONAL\n01,EVENT,c,C,LOCAL\n", 3, "EVENT 01 repeats line 2");
        assertBad(h + "01,EVENT,a,A,NATIONAL\n\n0201,EVENT,c,C,LOCAL\n", 4, "EVENT subclass 0201 has no major class 02");
        assertBad(h + "01,COMPONENT,a,A,NATIONAL\n0201,EVENT,c,C,LOCAL\n02,COMPONENT,b,B,NATIONAL\n", 3,
                "EVENT subclass 0201 has no major class 02");
        assertBad(h + "01,EVENT,a,A,NATIONAL\n011,EVENT,c,C,LOCAL\n", 3, "code '011' is not 2 or 4 digits");
        assertBad(h + "01,EVENT,a,A,NATIONAL\n01a1,EVENT,c,C,LOCAL\n", 3, "code '01a1' is not 2 or 4 digits");
        assertBad(h + "01,THING,a,A,NATIONAL\n", 2, "kind 'THING' is not COMPONENT or EVENT");
        assertBad(h + "01,EVENT,a,A,CITY\n", 2, "source 'CITY' is not NATIONAL or LOCAL");
        assertBad(h + "01,EVENT,a,A\n", 2, "expected 5 columns (code,kind,name_zh,name_en,source), got 4");
        assertBad(h + "01,EVENT,a,A,LOCAL,x\n", 2, "expected 5 columns (code,kind,name_zh,name_en,source), got 6");
        assertBad(h + "01,EVENT, ,A,LOCAL\n", 2, "empty name_zh for EVENT 01");
        assertBad(h + "01,EVENT,a,,LOCAL\n", 2, "empty name_en for EVENT 01");
        assertBad(h + "01,EVENT,\"a,A,LOCAL\n", 2, "unterminated quote");
        assertBad("code,kind,name_zh,name_en\n01,EVENT,a,A\n", 1,
                "expected the header 'code,kind,name_zh,name_en,source', got 'code,kind,name_zh,name_en'");
        assertBad("", 1, "empty file, expected the header 'code,kind,name_zh,name_en,source'");
    }

    private void assertBad(String text, int line, String reason) throws IOException {
        Path file = dir.resolve("city.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClassCatalog.load(file));
        assertEquals("catalog " + file + ":" + line + ": " + reason, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void missingFileIsOneLine() {
        Path file = dir.resolve("absent.csv");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClassCatalog.fileOrStandard(file));
        assertEquals("catalog " + file + ": does not exist", e.getMessage());
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class, () -> ClassCatalog.load(dir));
        assertEquals("catalog " + dir + ": not a regular file", d.getMessage());
    }

    @Test
    void byteOrderMarkIsSkipped() throws IOException {
        Path file = dir.resolve("bom.csv");
        Files.writeString(file, "\uFEFF" + ClassCatalog.HEADER + "\n01,EVENT,a,A,LOCAL\n", StandardCharsets.UTF_8);
        assertEquals(1, ClassCatalog.load(file).majors(ClassKind.EVENT).size());
    }

    @Test
    void serializesAsItsClasses() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(shipped);
        }
        ClassCatalog copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ClassCatalog) in.readObject();
        }
        assertNotSame(shipped, copy);
        assertEquals(shipped.all(), copy.all());
        assertTrue(copy.hasMinor(ClassKind.EVENT, 190));
        assertEquals(shipped.local(), copy.local());
        assertTrue(bytes.size() < 20_000, "serialized size " + bytes.size());
    }

    @Test
    void standardNeedsTheDatasetsResourceOnTheClasspath() throws IOException {
        // geo-lib's own test classpath lacks zhili-datasets: the error must say where the file comes from.
        if (ClassCatalog.class.getClassLoader().getResource(ClassCatalog.RESOURCE) == null) {
            IllegalStateException e = assertThrows(IllegalStateException.class, ClassCatalog::standard);
            assertEquals("classpath resource zhili/classes.csv not found (it ships in zhili-datasets)", e.getMessage());
        } else {
            assertEquals(102, ClassCatalog.standard().minors(ClassKind.COMPONENT).size());
        }
        try (Reader r = new InputStreamReader(Files.newInputStream(SHIPPED), StandardCharsets.UTF_8)) {
            assertEquals(shipped.all(), ClassCatalog.load(r, "shipped").all());
        }
    }
}
