package io.zhili.jobs.trucks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link ReferenceNight} for tests outside this package (the console's reference layers, the cluster
 * profile's replay with a TaskManager killed).
 */
public final class ReferenceNightAccess {
    private ReferenceNightAccess() {
    }

    public static List<String> updates() {
        return ReferenceNight.updates();
    }

    public static Path routes(Path dir) throws IOException {
        return ReferenceNight.routes(dir);
    }

    public static Path sites(Path dir) throws IOException {
        return ReferenceNight.sites(dir);
    }

    public static Path zones(Path dir) throws IOException {
        return ReferenceNight.zones(dir);
    }

    /** All GPS reports of the night, in event-time order. */
    public static List<String> gps() {
        return ReferenceNight.gps();
    }

    /** The hand-worked alerts of the night, one text per episode, in start order. */
    public static List<String> expectedAlerts() {
        return ReferenceNight.expected().stream().map(ReferenceNight.Episode::toString).toList();
    }

    /** The alerts of a truck job's output directory {@code out}, in the form of {@link #expectedAlerts()}. */
    public static List<String> alertsIn(Path out) throws Exception {
        return ReferenceUpdatesJobTest.alerts(out).stream().map(ReferenceNight.Episode::toString).toList();
    }

    /** The dead-letter reasons of {@link #updates()}' invalid records, in record order. */
    public static List<String> expectedUpdateReasons() {
        return ReferenceNight.expectedUpdateReasons();
    }

    /** Epoch ms of hour:minute of the test night (Beijing time). */
    public static long at(int hour, int minute) {
        return ReferenceNight.at(hour, minute, 0);
    }
}
