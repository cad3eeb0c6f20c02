package io.zhili.geo.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableReaderTest {
    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        return csvBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private Path csvBytes(byte[] bytes) throws IOException {
        Path f = dir.resolve("t" + System.nanoTime() + ".csv");
        Files.write(f, bytes);
        return f;
    }

    /** Each row as "line:field|field|..." or "line:!reason". */
    private static List<String> rows(Path f) {
        List<String> out = new ArrayList<>();
        try (TableReader r = TableReader.open(f)) {
            while (r.next()) {
                if (!r.wellFormed()) {
                    out.add(r.rowNumber() + ":!" + r.malformedReason());
                    continue;
                }
                StringBuilder sb = new StringBuilder().append(r.rowNumber()).append(':');
                for (int i = 0; i < r.columns().size(); i++) {
                    sb.append(i == 0 ? "" : "|").append(r.get(i));
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    @Test
    void plainRowsAreNumberedByPhysicalLineWithHeaderAsLineOne() throws IOException {
        Path f = csv("case_id,lon,lat\nC1,120.38,36.07\nC2,120.1,36.2\n");
        try (TableReader r = TableReader.open(f)) {
            assertEquals(List.of("case_id", "lon", "lat"), r.columns());
            assertEquals(1, r.columnIndex("lon"));
            assertEquals(-1, r.columnIndex("missing"));
        }
        assertEquals(List.of("2:C1|120.38|36.07", "3:C2|120.1|36.2"), rows(f));
    }

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() throws IOException {
        Path f = csv("id,text,n\n1,\"a, b\",2\n2,\"say \"\"hi\"\"\",3\n3,\"two\nlines\",4\n4,\"\",5\n");
        assertEquals(List.of("2:1|a, b|2", "3:2|say \"hi\"|3", "4:3|two\nlines|4", "6:4||5"), rows(f));
    }

    @Test
    void crlfAndLoneCrLineEndsAreOneLineEach() throws IOException {
        Path f = csv("a,b\r\n1,2\r\n3,\"x\r\ny\"\r\n5,6\r7,8");
        assertEquals(List.of("2:1|2", "3:3|x\r\ny", "5:5|6", "6:7|8"), rows(f));
    }

    @Test
    void utf8ByteOrderMarkIsNotPartOfTheFirstColumnName() throws IOException {
        byte[] body = "case_id,区\nC1,市南\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Path f = csvBytes(withBom);
        try (TableReader r = TableReader.open(f)) {
            assertEquals(List.of("case_id", "区"), r.columns());
            assertTrue(r.next());
            assertEquals("市南", r.get(1));
        }
    }

    @Test
    void wrongFieldCountIsAMalformedRowWithRawLine() throws IOException {
        Path f = csv("a,b,c\n1,2\n1,2,3,4\n5,6,7\n");
        try (TableReader r = TableReader.open(f)) {
            assertTrue(r.next());
            assertFalse(r.wellFormed());
            assertEquals("expected 3 fields, found 2", r.malformedReason());
            assertEquals(2, r.rowNumber());
            assertEquals("1,2", r.raw());
            assertEquals("", r.get(2), "missing fields read as empty");
            assertTrue(r.next());
            assertEquals("expected 3 fields, found 4", r.malformedReason());
            assertEquals("1,2,3,4", r.raw());
            assertTrue(r.next());
            assertTrue(r.wellFormed());
            assertNull(r.malformedReason());
            assertEquals(4, r.rowNumber());
            assertFalse(r.next());
        }
    }

    @Test
    void rawIsTheRecordAsWrittenWithoutTerminator() throws IOException {
        Path f = csv("a,b\r\n\"x,\"\"y\"\"\",2\r\n");
        try (TableReader r = TableReader.open(f)) {
            assertTrue(r.next());
            assertEquals("\"x,\"\"y\"\"\",2", r.raw());
            assertEquals("x,\"y\"", r.get(0));
        }
    }

    @Test
    void blankLinesAreSkippedButCounted() throws IOException {
        Path f = csv("a,b\n\n1,2\n\r\n\n3,4\n\n");
        assertEquals(List.of("3:1|2", "6:3|4"), rows(f));
    }

    @Test
    void trailingCommaIsAnEmptyLastField() throws IOException {
        assertEquals(List.of("2:1|", "3:|"), rows(csv("a,b\n1,\n,\n")));
    }

    @Test
    void lastLineWithoutTerminatorIsRead() throws IOException {
        assertEquals(List.of("2:1|2"), rows(csv("a,b\n1,2")));
    }

    @Test
    void unterminatedQuoteAtEndOfFileIsMalformed() throws IOException {
        assertEquals(List.of("2:1|2", "3:!quoted field 2 is not closed before the end of the file"),
                rows(csv("a,b\n1,2\n3,\"open\n")));
    }

    @Test
    void textAfterClosingQuoteIsMalformed() throws IOException {
        assertEquals(List.of("2:!unexpected text after the closing quote of field 1", "3:ok|1"),
                rows(csv("a,b\n\"x\"y,1\nok,1\n")));
    }

    @Test
    void emptyFileHasNoHeaderAndIsRefused() throws IOException {
        Path f = csv("");
        TableInputException e = assertThrows(TableInputException.class, () -> TableReader.open(f));
        assertEquals(f + ": empty file, a header row is required", e.getMessage());
    }

    @Test
    void headerOnlyFileHasNoRows() throws IOException {
        assertEquals(List.of(), rows(csv("a,b\r\n")));
    }

    @Test
    void missingFileIsAOneLineInputError() {
        Path f = dir.resolve("nope.csv");
        assertEquals(f + ": no such file",
                assertThrows(TableInputException.class, () -> TableReader.open(f)).getMessage());
    }

    @Test
    void recordsAcrossBufferBoundariesAndLongerThanTheBufferAreParsed() throws IOException {
        StringBuilder text = new StringBuilder("id,text,n\r\n");
        List<String> expected = new ArrayList<>();
        int line = 2;
        for (int i = 0; i < 20_000; i++) {
            String value = i % 7 == 0 ? "q\"" + i + "\",\r\nz" : "v" + i;
            String field = i % 7 == 0 ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
            text.append(i).append(',').append(field).append(',').append(i * 3).append("\r\n");
            expected.add(line + ":" + i + "|" + value + "|" + (i * 3));
            line += i % 7 == 0 ? 2 : 1;
        }
        String huge = "x".repeat(300_000);
        text.append("big,\"").append(huge).append("\",1\r\n");
        expected.add(line + ":big|" + huge + "|1");
        assertEquals(expected, rows(csv(text.toString())));
    }
}
