package io.zhili.geo.trucks;

/**
 * How urgent an alert is for the dispatch console. The grading is a fixed policy, graded on the
 * episode's own evidence (detection thresholds live in {@link RuleConfig}):
 * <table>
 *   <caption>Severity policy</caption>
 *   <tr><th>rule</th><th>LOW</th><th>MEDIUM</th><th>HIGH</th></tr>
 *   <tr><td>ROUTE_DEVIATION</td><td>max distance &lt; 2 × corridor</td><td>&lt; 5 × corridor</td><td>≥ 5 × corridor</td></tr>
 *   <tr><td>RESTRICTED_ZONE</td><td>—</td><td>empty truck</td><td>loaded at any point</td></tr>
 *   <tr><td>OFF_HOURS</td><td>—</td><td>&lt; 30 min</td><td>≥ 30 min</td></tr>
 *   <tr><td>UNCOVERED_LOAD</td><td>&lt; 2 min</td><td>&lt; 10 min</td><td>≥ 10 min</td></tr>
 *   <tr><td>SPILLAGE</td><td>lost &lt; 2 t</td><td>&lt; 5 t</td><td>≥ 5 t</td></tr>
 *   <tr><td>ILLEGAL_DUMPING</td><td>—</td><td>—</td><td>always</td></tr>
 *   <tr><td>SPEEDING</td><td>max &lt; limit + 10 km/h</td><td>&lt; limit + 20 km/h</td><td>≥ limit + 20 km/h</td></tr>
 *   <tr><td>SIGNAL_LOSS</td><td>gap &lt; 20 min</td><td>&lt; 60 min</td><td>≥ 60 min</td></tr>
 * </table>
 */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH;

    /** LOW below {@code medium}, MEDIUM below {@code high}, else HIGH. */
    static Severity grade(double value, double medium, double high) {
        return value >= high ? HIGH : value >= medium ? MEDIUM : LOW;
    }
}
