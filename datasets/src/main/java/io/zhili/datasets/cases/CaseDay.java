package io.zhili.datasets.cases;

import java.util.List;

/** The generated rows of one day, in file order. Not thread-safe; handed from a worker to the writer. */
public final class CaseDay {
    private final int day;
    final List<CaseRow> rows;

    CaseDay(int day, List<CaseRow> rows) {
        this.day = day;
        this.rows = rows;
    }

    /** Day index, 0 = 1 January 2025. */
    public int day() {
        return day;
    }

    /** Number of rows. */
    public int size() {
        return rows.size();
    }
}
