package io.zhili.geo.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvWriterTest {
    @TempDir
    Path dir;

    @Test
    void quotesOnlyFieldsWithCommaQuoteOrLineBreak() {
        assertEquals("plain,,\"a,b\",\"say \"\"hi\"\"\",\"x\ny\",\"r\rs\", lead space,42,1.5",
                CsvWriter.line("plain", null, "a,b", "say \"hi\"", "x\ny", "r\rs", " lead space", 42, 1.5));
    }

    @Test
    void fileHasHeaderCrlfRecordsAndNoBom() throws Exception {
        Path f = dir.resolve("sub/out.csv");
        try (CsvWriter w = CsvWriter.open(f, List.of("id", "note"))) {
            w.write("1", "青岛, 市南");
            w.write(List.of("2", ""));
            assertEquals(3, w.rowCount());
        }
        assertEquals("id,note\r\n1,\"青岛, 市南\"\r\n2,\r\n", Files.readString(f, StandardCharsets.UTF_8));
    }

    @Test
    void duckDbAndOurReaderReadBackWhatWasWritten() throws Exception {
        Path f = dir.resolve("round.csv");
        List<String> tricky = List.of("a,b", "q\"uote", "multi\r\nline", "", "末尾");
        try (CsvWriter w = CsvWriter.open(f, List.of("i", "v"))) {
            for (int i = 0; i < tricky.size(); i++) {
                w.write(i, tricky.get(i));
            }
        }
        try (TableReader r = TableReader.open(f)) {
            for (String expected : tricky) {
                assertTrue(r.next());
                assertTrue(r.wellFormed(), r.malformedReason());
                assertEquals(expected, r.get(1));
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT v FROM read_csv('" + f.toAbsolutePath()
                     + "', header = true, quote = '\"', escape = '\"', all_varchar = true) ORDER BY i::INT")) {
            for (String expected : tricky) {
                assertTrue(rs.next());
                assertEquals(expected, rs.getString(1) == null ? "" : rs.getString(1));
            }
        }
    }
}
