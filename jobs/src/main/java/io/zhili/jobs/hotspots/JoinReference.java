package io.zhili.jobs.hotspots;

/**
 * One element of the case join's first input, read completely before any case (Flink POJO): a
 * registered component (broadcast to every join subtask), or, for a case id that occurs more than
 * once, the row that keeps it (sent to the subtask that joins that id).
 */
public class JoinReference {
    public ComponentRecord component;
    public CaseRowId keptCase;

    public JoinReference() {
    }

    static JoinReference of(ComponentRecord component) {
        JoinReference r = new JoinReference();
        r.component = component;
        return r;
    }

    static JoinReference of(CaseRowId keptCase) {
        JoinReference r = new JoinReference();
        r.keptCase = keptCase;
        return r;
    }
}
