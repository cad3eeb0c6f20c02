package io.zhili.geo.live;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The stable, name-based id of a live alert: the RFC 4122 version 3 UUID of {@code kind|key|started_at ms}
 * (key: {@code h3|category} for SURGE, the component id for RECURRENCE, the case id for OVERDUE_*), so a
 * replay of the same events names the same alerts and a SURGE's CLOSED record shares its OPEN record's id.
 */
public final class LiveAlertIds {
    private LiveAlertIds() {
    }

    public static String of(String kind, String key, long startedAtMs) {
        return UUID.nameUUIDFromBytes((kind + '|' + key + '|' + startedAtMs).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
