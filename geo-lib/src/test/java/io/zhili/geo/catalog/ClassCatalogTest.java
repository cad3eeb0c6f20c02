package io.zhili.geo.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClassCatalogTest {
    /** The catalog the datasets module ships (geo-lib cannot see it on its classpath). */
    static ClassCatalog shipped;

    @BeforeAll
    static void loadShipped() throws IOException {
        try (Reader r = Files.newBufferedReader(Path.of("../datasets/src/main/resources/zhili/classes.csv"), StandardCharsets.UTF_8)) {
            shipped = ClassCatalog.load(r);
        }
    }

    @Test
    void shippedCatalogHas102ComponentSubclassesUnderSixMajors() {
        assertEquals(6, shipped.majors(ClassKind.COMPONENT).size());
        assertEquals(102, shipped.minors(ClassKind.COMPONENT).size());
        assertEquals(6, shipped.majors(ClassKind.EVENT).size());
        assertEquals(50, shipped.minors(ClassKind.EVENT).size());
        assertEquals(30, shipped.minorsOf(ClassKind.COMPONENT, "01").size());
    }

    @Test
    void sameCodeMeansDifferentClassesPerKind() {
        StandardClass cover = shipped.find(ClassKind.COMPONENT, "0103").orElseThrow();
        StandardClass muck = shipped.find(ClassKind.EVENT, "0113").orElseThrow();
        assertEquals("雨水井盖", cover.nameZh());
        assertEquals("Storm-water manhole cover", cover.nameEn());
        assertEquals("渣土撒漏", muck.nameZh());
        assertEquals("Muck spillage", muck.nameEn());
        assertEquals("积存垃圾渣土", shipped.find(ClassKind.EVENT, "0103").orElseThrow().nameZh());
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
        assertEquals("0130", shipped.minorsOf(ClassKind.COMPONENT, "01").get(29).code());
        assertTrue(shipped.minorsOf(ClassKind.COMPONENT, "99").isEmpty());
        assertTrue(shipped.find(ClassKind.COMPONENT, "0199").isEmpty());
        assertTrue(shipped.hasMinor(ClassKind.COMPONENT, 103));
        assertFalse(shipped.hasMinor(ClassKind.EVENT, 130));
        assertTrue(shipped.hasMajor(ClassKind.EVENT, 6));
    }

    @Test
    void listsAreSortedByCode() {
        var minors = shipped.minors(ClassKind.EVENT);
        for (int i = 1; i < minors.size(); i++) {
            assertTrue(minors.get(i - 1).code().compareTo(minors.get(i).code()) < 0);
        }
        assertThrows(UnsupportedOperationException.class, () -> minors.add(minors.get(0)));
    }

    @Test
    void quotedFieldsAreRead() throws IOException {
        ClassCatalog c = ClassCatalog.load(new StringReader(
                "code,kind,name_zh,name_en\n09,COMPONENT,其他,Other\n0901,COMPONENT,\"杆,柱\",\"Pole, \"\"post\"\"\"\n"));
        assertEquals("Pole, \"post\"", c.find(ClassKind.COMPONENT, "0901").orElseThrow().nameEn());
        assertEquals("杆,柱", c.find(ClassKind.COMPONENT, "0901").orElseThrow().nameZh());
    }

    @Test
    void malformedCatalogNamesTheLine() {
        IllegalArgumentException orphan = assertThrows(IllegalArgumentException.class, () -> ClassCatalog.load(new StringReader(
                "code,kind,name_zh,name_en\n01,EVENT,a,b\n0201,EVENT,c,d\n")));
        assertEquals("class catalog line 3: EVENT subclass 0201 has no major class 02", orphan.getMessage());
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> ClassCatalog.load(new StringReader(
                "code,kind,name_zh,name_en\n01,EVENT,a,b\n01,EVENT,c,d\n")));
        assertEquals("class catalog line 3: EVENT 01 repeats line 2", dup.getMessage());
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class, () -> ClassCatalog.load(new StringReader(
                "code,kind,name_zh,name_en\n01,THING,a,b\n")));
        assertTrue(kind.getMessage().startsWith("class catalog line 2: kind 'THING'"));
        assertThrows(IllegalArgumentException.class, () -> ClassCatalog.load(new StringReader("id,name\n")));
    }

    @Test
    void standardNeedsTheDatasetsResourceOnTheClasspath() {
        // geo-lib's own test classpath lacks zhili-datasets: the error must say where the file comes from.
        if (ClassCatalog.class.getClassLoader().getResource(ClassCatalog.RESOURCE) == null) {
            IllegalStateException e = assertThrows(IllegalStateException.class, ClassCatalog::standard);
            assertEquals("classpath resource zhili/classes.csv not found (it ships in zhili-datasets)", e.getMessage());
        } else {
            assertEquals(102, ClassCatalog.standard().minors(ClassKind.COMPONENT).size());
        }
    }
}
