package io.zhili.datasets.changes;

import java.util.List;

/**
 * One line of {@code truth/changes.csv}: what a correct screening makes of one planted change row.
 *
 * @param round       1 or 2
 * @param changeId    the row's change_id
 * @param structureId the planted structure the row belongs to (fragments and both rounds of a
 *                    persisting structure share it)
 * @param kind        what was planted ({@link #KINDS})
 * @param expected    the expected outcome (SUSPECT, REGISTERED_BUILDING, …) or {@code REJECTED:REASON}
 * @param persists    for illegal structures of round 1: whether round 2 sees it again
 * @param note        a short explanation
 */
public record ChangeTruth(int round, String changeId, String structureId, String kind, String expected,
                          boolean persists, String note) {
    /** Header of {@code truth/changes.csv}. */
    public static final List<String> HEADER = List.of("round", "change_id", "structure_id", "kind", "expected",
            "persists", "note");
    /** The planted kinds. */
    public static final List<String> KINDS = List.of("ILLEGAL", "REGISTERED", "PERMITTED", "NATURAL", "SLIVER",
            "NOISE", "TINY", "UNUSABLE");
}
