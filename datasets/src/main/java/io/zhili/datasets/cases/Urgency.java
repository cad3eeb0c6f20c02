package io.zhili.datasets.cases;

import java.util.Set;

/**
 * How urgently a city-management centre handles a class of case, which sets the typical time from
 * dispatch to disposal: urgent hazards (open manholes, burst mains, waterlogging) within about 1.5 h,
 * ordinary cases within hours, slow ones (illegal construction, building issues) over days.
 */
public enum Urgency {
    URGENT(90),
    NORMAL(360),
    SLOW(7200);

    private final double medianDisposeMinutes;

    Urgency(double medianDisposeMinutes) {
        this.medianDisposeMinutes = medianDisposeMinutes;
    }

    /** Median minutes from dispatch to disposal. */
    public double medianDisposeMinutes() {
        return medianDisposeMinutes;
    }

    /** Emergencies, and muck spilled on the road (a hazard to traffic). */
    private static final Set<String> URGENT_EVENTS = Set.of("0401", "0402", "0403", "0404", "0190");
    /** Unauthorised construction, abandoned vehicles, dirty water, ad boards, begging: weeks, not hours. */
    private static final Set<String> SLOW_EVENTS = Set.of("0101", "0105", "0107", "0203", "0502");
    /** Car parks, bridges and tunnels, toilets, septic tanks, refuse rooms, heritage trees: works, not repairs. */
    private static final Set<String> SLOW_COMPONENTS = Set.of("0201", "0205", "0206", "0207", "0208", "0301",
            "0302", "0304", "0401", "0133", "0135");

    /** Urgency of an EVENT class (4-digit code). */
    public static Urgency ofEvent(String code) {
        if (URGENT_EVENTS.contains(code)) {
            return URGENT;
        }
        return SLOW_EVENTS.contains(code) ? SLOW : NORMAL;
    }

    /** Urgency of a fault of a COMPONENT class: manhole covers, fire-fighting facilities and signals are hazards. */
    public static Urgency ofComponent(String code) {
        int minor = Integer.parseInt(code);
        if (minor >= 101 && minor <= 114 || minor >= 127 && minor <= 130 || minor == 210 || minor == 214) {
            return URGENT;
        }
        if (code.startsWith("05") || code.startsWith("06") || SLOW_COMPONENTS.contains(code)) {
            return SLOW;
        }
        return NORMAL;
    }
}
