package io.zhili.geo.changes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The id of a new suspect: a name-based (version 3) UUID of the round it first appeared in and its
 * fragments' sorted change_ids, so a rerun of the same inputs gives the same ids at any parallelism;
 * a persisting suspect keeps the id of its first round. Stateless.
 */
public final class SuspectIds {
    private SuspectIds() {
    }

    public static String newId(String round, List<String> changeIds) {
        List<String> sorted = new ArrayList<>(changeIds);
        Collections.sort(sorted);
        String name = "zhili-suspect|" + round + "|" + String.join(",", sorted);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
