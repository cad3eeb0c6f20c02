package io.zhili.datasets.live;

import java.util.List;

/**
 * One alert of the live day: a row of {@code truth/live_alerts.csv}, or an OPEN alert of a live run to be
 * scored against it ({@link LiveAlertScore}). Empty columns are {@code null}.
 *
 * @param kind        {@code SURGE}, {@code RECURRENCE}, {@code OVERDUE_DISPATCH} or {@code OVERDUE_CLOSE}
 * @param h3          the base cell
 * @param category    SURGE: {@code ALL} or a 2-digit major; others: the case's or component's 4-digit class
 * @param componentId RECURRENCE (and an OVERDUE case joined to a component): the component
 * @param caseId      OVERDUE: the case; RECURRENCE: the case that made the N-th
 * @param dueAt       when the rule says it (ISO-8601, +08:00): SURGE the last planted case, RECURRENCE the
 *                    N-th case's report, OVERDUE the deadline
 * @param note        why, in words
 */
public record LiveAlert(String kind, String h3, String category, String componentId, String caseId, String dueAt,
                        String note) {
    public static final String SURGE = "SURGE";
    public static final String RECURRENCE = "RECURRENCE";
    public static final String OVERDUE_DISPATCH = "OVERDUE_DISPATCH";
    public static final String OVERDUE_CLOSE = "OVERDUE_CLOSE";
    /** The alert kinds, in the order of the truth file. */
    public static final List<String> KINDS = List.of(SURGE, RECURRENCE, OVERDUE_DISPATCH, OVERDUE_CLOSE);
    /** Header of {@code truth/live_alerts.csv}. */
    public static final List<String> HEADER = List.of("kind", "h3", "category", "component_id", "case_id", "due_at",
            "note");

    /**
     * What two alerts of the kind must share to match: {@code h3|category} for SURGE, the component for
     * RECURRENCE, the case for OVERDUE_*.
     *
     * @throws IllegalArgumentException for an unknown kind
     */
    public String key() {
        return switch (kind) {
            case SURGE -> h3 + "|" + category;
            case RECURRENCE -> componentId;
            case OVERDUE_DISPATCH, OVERDUE_CLOSE -> caseId;
            default -> throw new IllegalArgumentException("unknown alert kind '" + kind + "', expected one of " + KINDS);
        };
    }
}
