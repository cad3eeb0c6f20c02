package io.zhili.jobs.trucks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@link ReferenceNight} for tests outside this package (the console's reference layers). */
public final class ReferenceNightAccess {
    private ReferenceNightAccess() {
    }

    public static List<String> updates() {
        return ReferenceNight.updates();
    }

    public static Path sites(Path dir) throws IOException {
        return ReferenceNight.sites(dir);
    }

    public static Path zones(Path dir) throws IOException {
        return ReferenceNight.zones(dir);
    }

    /** Epoch ms of hour:minute of the test night (Beijing time). */
    public static long at(int hour, int minute) {
        return ReferenceNight.at(hour, minute, 0);
    }
}
