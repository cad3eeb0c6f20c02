package io.zhili.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The cluster entry point turns a refused command line into an exception with the one-line reason. */
class ZhiliApplicationTest {
    @Test
    void badInputBecomesAnExceptionNotAnExit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ZhiliApplication.main(
                new String[] {"hotspots", "--components", "/nonexistent/components.csv", "--cases", "/nonexistent/cases.csv",
                    "--out", "/tmp/zhili-never-written"}));
        assertEquals("zhili hotspots: --components /nonexistent/components.csv does not exist", e.getMessage());
    }

    @Test
    void badArgumentBecomesAnException() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ZhiliApplication.main(new String[] {"hotspots", "--from", "2025-13-01"}));
        assertTrue(e.getMessage().startsWith("zhili hotspots: "), e.getMessage());
    }
}
