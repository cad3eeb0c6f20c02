package io.zhili.geo.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ComponentCodeTest {
    static ClassCatalog catalog;

    @BeforeAll
    static void load() throws IOException {
        ClassCatalogTest.loadShipped();
        catalog = ClassCatalogTest.shipped;
    }

    private static String reason(String code) {
        return ComponentCode.explainInvalid(code, catalog).orElseThrow();
    }

    @Test
    void parsesShinanStormWaterCover() {
        ComponentCode c = ComponentCode.parse("3702020103000042", catalog);
        assertEquals("370202", c.divisionCode());
        assertEquals("01", c.majorClass());
        assertEquals("0103", c.minorClass());
        assertEquals(103, c.minorClassCode());
        assertEquals(42, c.serial());
        assertEquals(3702020103000042L, c.asLong());
        assertEquals("3702020103000042", c.toString());
        assertEquals(Optional.empty(), ComponentCode.explainInvalid("3702020103000042", catalog));
    }

    @Test
    void ofBuildsSixteenDigitsWithZeroPaddedSerial() {
        assertEquals("3702120609000001", ComponentCode.of("370212", "0609", 1));
        assertEquals("1101010101999999", ComponentCode.of("110101", "0101", 999_999));
        assertThrows(IllegalArgumentException.class, () -> ComponentCode.of("37020", "0101", 1));
        assertThrows(IllegalArgumentException.class, () -> ComponentCode.of("370202", "0101", 0));
        assertEquals(ComponentCode.parse(ComponentCode.of("370202", "0304", 17), catalog).serial(), 17);
    }

    @Test
    void wrongLengthIsExplained() {
        assertEquals("component code '370202010300004' has 15 characters, expected 16 digits", reason("370202010300004"));
        assertEquals("component code is empty", reason(""));
        assertEquals("component code is empty", reason(null));
    }

    @Test
    void nonDigitIsExplainedWithItsPosition() {
        assertEquals("component code '37020201O3000042' has a non-digit 'O' at position 9", reason("37020201O3000042"));
    }

    @Test
    void unknownProvinceIsExplained() {
        assertTrue(reason("9902020103000042").startsWith("component code '9902020103000042': division 990202 has unknown province code 99"));
        assertTrue(reason("1002020103000042").contains("unknown province code 10"));
    }

    @Test
    void countyWithoutCityIsMalformed() {
        assertEquals("component code '3700120103000042': division 370012 is malformed (county part 12 under city part 00)",
                reason("3700120103000042"));
    }

    @Test
    void unknownMajorIsExplained() {
        assertEquals("component code '3702020903000042': unknown major class 09", reason("3702020903000042"));
    }

    @Test
    void subclassOutsideMajorIsExplained() {
        assertEquals("component code '3702020139000042': subclass 39 is not in major class 01 (no component class 0139)",
                reason("3702020139000042"));
    }

    @Test
    void zeroSerialIsExplained() {
        assertEquals("component code '3702020103000000': serial 000000 is not allowed (serials start at 000001)",
                reason("3702020103000000"));
    }

    @Test
    void parseThrowsTheSameReason() {
        InvalidComponentCodeException e = assertThrows(InvalidComponentCodeException.class,
                () -> ComponentCode.parse("3702020903000042", catalog));
        assertEquals(reason("3702020903000042"), e.getMessage());
    }
}
