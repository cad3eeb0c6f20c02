package io.zhili.jobs.trucks;

/**
 * What the truck job's broadcast stream carries to every rules subtask: either the reference data
 * read at start ({@link #snapshot}) or one validated reference update ({@link #update}, its raw JSON
 * record, in force from {@link #effectiveAt}).
 *
 * <p>A Flink POJO (public fields, no-argument constructor). Not thread-safe.
 */
public class ReferenceChange {
    /** The base layers, or null for an update. */
    public ReferenceSnapshot snapshot;
    /** The update record as received (one JSON object), or null for a snapshot. */
    public String update;
    /** Epoch milliseconds from which {@link #update} applies; 0 for a snapshot. */
    public long effectiveAt;

    public ReferenceChange() {
    }

    static ReferenceChange of(ReferenceSnapshot snapshot) {
        ReferenceChange c = new ReferenceChange();
        c.snapshot = snapshot;
        return c;
    }

    static ReferenceChange of(String update, long effectiveAt) {
        ReferenceChange c = new ReferenceChange();
        c.update = update;
        c.effectiveAt = effectiveAt;
        return c;
    }
}
