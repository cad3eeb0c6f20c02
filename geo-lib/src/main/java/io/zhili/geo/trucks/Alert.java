package io.zhili.geo.trucks;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One rule episode of one truck, as written to the {@code alerts/} output of {@code zhili trucks}.
 *
 * <p>{@code alertId} is a name-based UUID (RFC 4122 version 3) of {@code truck_id|rule|start_ts}, so
 * a replay of the same input produces the same id and a sink can de-duplicate.
 *
 * <p>Immutable and thread-safe.
 *
 * @param alertId      deterministic id, see {@link #idOf}
 * @param rule         the rule that fired
 * @param truckId      the truck's plate
 * @param permitId     the permit in force (for ROUTE_DEVIATION the nearest valid one), or null when none
 * @param startTs      event time of the first point of the episode, epoch ms
 * @param endTs        event time of the last point of the episode, epoch ms (≥ startTs)
 * @param lon          where it happened (rule-specific point: see each rule), degrees
 * @param lat          where it happened, degrees
 * @param maxDistanceM ROUTE_DEVIATION: the largest distance from the route, metres; NaN for other rules
 * @param points       number of accepted reports in the episode
 * @param severity     graded per {@link Severity}
 * @param detail       one line of evidence in words (zone id, speeds, loads), never null
 */
public record Alert(String alertId, RuleType rule, String truckId, String permitId, long startTs, long endTs,
                    double lon, double lat, double maxDistanceM, int points, Severity severity, String detail) {

    /** The deterministic alert id of an episode. */
    public static String idOf(String truckId, RuleType rule, long startTs) {
        return UUID.nameUUIDFromBytes((truckId + '|' + rule.name() + '|' + startTs).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
