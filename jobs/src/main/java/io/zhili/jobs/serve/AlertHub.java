package io.zhili.jobs.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live truck alerts of the console: accepts alert JSON from a source (file poller or Kafka),
 * normalises it, keeps the most recent {@value #BACKLOG} and pushes each new one to every connected
 * Server-Sent Events client as {@code event: alert} with an increasing {@code id}.
 *
 * <p>Two feeds share the hub. A <b>truck alert</b> (the truck job's {@code alerts}) has a {@code rule};
 * it needs {@code truck_id} and numeric {@code lon}/{@code lat} within range, and its {@code start_ts}
 * may be epoch milliseconds or ISO-8601. A <b>live alert</b> ({@code zhili live}'s {@code alerts}, see
 * {@link #LIVE_KINDS}) has a {@code kind} instead; it needs {@code alert_id}, a {@code status} of
 * {@code OPEN} or {@code CLOSED} (missing: {@code OPEN}) and {@code lon}/{@code lat}; its
 * {@code started_at}, {@code decided_at} and {@code ended_at} may be epoch milliseconds or ISO-8601.
 * Timestamps are normalised to epoch milliseconds; every other member is passed through. Anything else
 * is counted by reason in {@link #rejected()} and not shown. A repeated {@code alert_id} (with the same
 * {@code status}) is shown once, since sources re-read files; a SURGE's {@code CLOSED} record shares the
 * {@code OPEN} record's id and is shown, and the console updates the open alert with it.
 *
 * <p>Thread-safe: sources publish from their own threads while HTTP threads subscribe.
 */
public final class AlertHub {
    /** Alerts kept for clients that connect later. */
    public static final int BACKLOG = 200;
    /** Most simultaneous stream clients; more get 503. */
    public static final int MAX_CLIENTS = 64;
    /** The alert kinds of {@code zhili live} (the live alerts contract). */
    public static final java.util.Set<String> LIVE_KINDS = java.util.Set.of("SURGE", "RECURRENCE", "OVERDUE_DISPATCH",
            "OVERDUE_CLOSE");
    /** The timestamps of a live alert, normalised to epoch milliseconds. */
    private static final String[] LIVE_TIMES = {"started_at", "decided_at", "ended_at"};

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deque<Event> recent = new ArrayDeque<>();
    private final java.util.Set<String> recentIds = new java.util.HashSet<>();
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final Map<String, Long> rejected = new TreeMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicLong accepted = new AtomicLong();

    /** One alert as sent: its stream id and normalised JSON. */
    public record Event(long id, String json) {
    }

    /**
     * Accepts one alert as JSON text.
     *
     * @return true when the alert was shown, false when it was rejected or a repeat
     */
    public boolean publish(String jsonText) {
        JsonNode node;
        try {
            node = JSON.readTree(jsonText);
        } catch (IOException e) {
            reject("not JSON");
            return false;
        }
        if (!(node instanceof ObjectNode alert)) {
            reject("not a JSON object");
            return false;
        }
        return publish(alert);
    }

    /** Accepts one alert as a JSON object (which is normalised in place); see {@link #publish(String)}. */
    public boolean publish(ObjectNode alert) {
        String reason = normalise(alert);
        if (reason != null) {
            reject(reason);
            return false;
        }
        String key = repeatKey(alert);
        Event event;
        synchronized (this) {
            if (!key.isEmpty() && !recentIds.add(key)) {
                return false;
            }
            event = new Event(nextId.getAndIncrement(), alert.toString());
            recent.addLast(event);
            if (recent.size() > BACKLOG) {
                Event dropped = recent.removeFirst();
                try {
                    recentIds.remove(repeatKey(JSON.readTree(dropped.json())));
                } catch (IOException impossible) {
                    // our own JSON always parses
                }
            }
        }
        accepted.incrementAndGet();
        for (Client c : clients) {
            c.send(event);
        }
        return true;
    }

    /**
     * What makes two records the same alert: {@code alert_id}, and for a live alert its {@code status}
     * too (a SURGE's CLOSED record has the OPEN record's id); empty when the alert has no id.
     */
    private static String repeatKey(JsonNode alert) {
        String id = alert.path("alert_id").asText("");
        if (id.isEmpty() || alert.hasNonNull("rule")) {
            return id;
        }
        return id + "|" + alert.path("status").asText("");
    }

    /** Null when the alert is usable (after normalising its timestamps), else the reason. */
    static String normalise(ObjectNode a) {
        if (!a.hasNonNull("rule") && a.hasNonNull("kind")) {
            return normaliseLive(a);
        }
        if (!a.hasNonNull("rule") || a.get("rule").asText().isBlank()) {
            return "rule missing";
        }
        if (!a.hasNonNull("truck_id") || a.get("truck_id").asText().isBlank()) {
            return "truck_id missing";
        }
        String position = checkPosition(a);
        if (position != null) {
            return position;
        }
        return normaliseTime(a, "start_ts");
    }

    /** A live alert of {@code zhili live}: kind, id, status, position and its three timestamps. */
    private static String normaliseLive(ObjectNode a) {
        if (!LIVE_KINDS.contains(a.get("kind").asText())) {
            return "kind is not one of SURGE, RECURRENCE, OVERDUE_DISPATCH, OVERDUE_CLOSE";
        }
        if (!a.hasNonNull("alert_id") || a.get("alert_id").asText().isBlank()) {
            return "alert_id missing";
        }
        JsonNode status = a.get("status");
        if (status == null || status.isNull() || status.asText().isEmpty()) {
            a.put("status", "OPEN");
        } else if (!status.asText().equals("OPEN") && !status.asText().equals("CLOSED")) {
            return "status is neither OPEN nor CLOSED";
        }
        String position = checkPosition(a);
        if (position != null) {
            return position;
        }
        for (String member : LIVE_TIMES) {
            String reason = normaliseTime(a, member);
            if (reason != null) {
                return reason;
            }
        }
        return null;
    }

    private static String checkPosition(ObjectNode a) {
        JsonNode lon = a.get("lon");
        JsonNode lat = a.get("lat");
        if (lon == null || lat == null || !lon.isNumber() || !lat.isNumber()) {
            return "lon/lat missing or not numbers";
        }
        if (Math.abs(lon.asDouble()) > 180 || Math.abs(lat.asDouble()) > 90) {
            return "lon/lat out of range";
        }
        return null;
    }

    /** Normalises the timestamp {@code member} (absent or null is fine) to epoch milliseconds. */
    private static String normaliseTime(ObjectNode a, String member) {
        JsonNode ts = a.get(member);
        String reason = member + " is neither epoch milliseconds nor ISO-8601";
        if (ts != null && ts.isTextual()) {
            String text = ts.asText();
            try {
                a.put(member, !text.isEmpty() && text.chars().allMatch(Character::isDigit) ? Long.parseLong(text)
                        : Instant.parse(text).toEpochMilli());
            } catch (DateTimeParseException | NumberFormatException e) {
                try {
                    a.put(member, java.time.OffsetDateTime.parse(text).toInstant().toEpochMilli());
                } catch (DateTimeParseException e2) {
                    return reason;
                }
            }
        } else if (ts != null && !ts.isNull() && !ts.isNumber()) {
            return reason;
        }
        return null;
    }

    private synchronized void reject(String reason) {
        rejected.merge(reason, 1L, Long::sum);
    }

    /** Alerts rejected so far, by reason. */
    public synchronized Map<String, Long> rejected() {
        return new TreeMap<>(rejected);
    }

    /** Alerts shown so far. */
    public long accepted() {
        return accepted.get();
    }

    /** The kept alerts, oldest first. */
    public synchronized List<Event> recent() {
        return new ArrayList<>(recent);
    }

    /** Connected stream clients. */
    public int clientCount() {
        return clients.size();
    }

    /**
     * Serves one SSE client until it disconnects: first the kept alerts newer than {@code lastEventId}
     * (0 for all), then every new one, with a comment line every {@code heartbeatMs} so that dead
     * connections are noticed. Blocks the calling thread.
     *
     * @return false at once when {@link #MAX_CLIENTS} are connected already
     */
    public boolean stream(OutputStream out, long lastEventId, long heartbeatMs) {
        if (clients.size() >= MAX_CLIENTS) {
            return false;
        }
        Client client = new Client(out);
        clients.add(client);
        try {
            client.write(": zhili alerts\nretry: 3000\n\n");
            for (Event e : recent()) {
                if (e.id() > lastEventId) {
                    client.send(e);
                }
            }
            while (client.open) {
                synchronized (client) {
                    client.wait(heartbeatMs);
                }
                client.write(": keep-alive\n\n");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            clients.remove(client);
        }
        return true;
    }

    /** Disconnects every client (server shutdown). */
    public void closeAll() {
        for (Client c : clients) {
            c.close();
        }
    }

    private static final class Client {
        private final OutputStream out;
        private volatile boolean open = true;

        Client(OutputStream out) {
            this.out = out;
        }

        void send(Event e) {
            write("id: " + e.id() + "\nevent: alert\ndata: " + e.json() + "\n\n");
        }

        synchronized void write(String text) {
            if (!open) {
                return;
            }
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                close();
            }
        }

        synchronized void close() {
            open = false;
            try {
                out.close();
            } catch (IOException ignored) {
                // the client is gone either way
            }
            notifyAll();
        }
    }
}
