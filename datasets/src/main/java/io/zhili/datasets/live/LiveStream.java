package io.zhili.datasets.live;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.zhili.datasets.cases.CaseSource;
import io.zhili.datasets.cases.Lifecycle;
import io.zhili.datasets.cases.WrittenCase;
import io.zhili.geo.table.RejectReason;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Turns the live day's cases into the lines of {@code live/cases.jsonl}: one JSON object per lifecycle step
 * that happened before the day's end, carrying the case's state so far (the members of the cases table's 15
 * columns), in event-time order, with the feed's noise:
 *
 * <ul>
 *   <li>the events of dirty cases, which a correct job rejects ({@link LiveLine.Outcome#REJECTED});</li>
 *   <li>about 1 % of the accepted events written late, behind lines up to {@value #MAX_DELAY_MS} ms of event
 *       time newer (within the job's default 2-minute out-of-order allowance, never behind a later event of
 *       the same case);</li>
 *   <li>about 0.3 % extra undecodable lines: a record cut off mid-way (a resend after a dropped connection),
 *       a gateway's error page, an old gateway's key=value text.</li>
 * </ul>
 *
 * <p>Sources write empty members their own way (PATROL and HOTLINE {@code ""}, CAMERA and SATELLITE
 * {@code null}, the others leave them out) and epoch-ms sources (DRONE, SENSOR) write timestamps and
 * coordinates as JSON numbers, so a reader meets every form the contract allows.
 *
 * <p>Stateless; deterministic in its random stream.
 */
final class LiveStream {
    /** Largest lag of a delayed event behind the newest event written before it. */
    static final long MAX_DELAY_MS = 90_000;
    private static final JsonFactory JSON = new JsonFactory();
    private static final String[] STAMPS = {"reported_at", "verified_at", "dispatched_at", "disposed_at", "closed_at"};

    private LiveStream() {
    }

    /**
     * The lines of the day.
     *
     * @param cases  the day's cases, numbered, in report order
     * @param dayEnd epoch ms of the day's end: later steps are not in the file
     */
    static List<LiveLine> build(List<WrittenCase> cases, long dayEnd, SplittableRandom r) {
        List<LiveLine> lines = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            WrittenCase c = cases.get(i);
            for (int s = Lifecycle.REPORTED; s <= Lifecycle.CLOSED; s++) {
                long at = c.happenedAt()[s];
                if (at == Lifecycle.EMPTY || at >= dayEnd) {
                    break;
                }
                RejectReason reason = rejectReason(c, s);
                lines.add(new LiveLine(json(c, s), i, s, at,
                        reason == null ? LiveLine.Outcome.ACCEPTED : LiveLine.Outcome.REJECTED,
                        reason == null ? null : reason.name(), 0, reason == null ? null : c.note()));
            }
        }
        lines.sort(Comparator.comparingLong(LiveLine::at).thenComparingInt(LiveLine::caseIndex)
                .thenComparingInt(LiveLine::step));
        // The newest accepted event sets the job's last watermark; rejected events stay before it so that
        // no reading of their (possibly odd) timestamps can move it.
        long lastAccepted = Long.MIN_VALUE;
        for (LiveLine l : lines) {
            if (l.outcome() == LiveLine.Outcome.ACCEPTED) {
                lastAccepted = Math.max(lastAccepted, l.at());
            }
        }
        final long last = lastAccepted;
        lines.removeIf(l -> l.outcome() != LiveLine.Outcome.ACCEPTED && l.at() > last);
        delaySome(lines, r);
        return withUndecodable(lines, r);
    }

    /** The reason a correct job refuses the event of step {@code s} of {@code c}, or null. */
    static RejectReason rejectReason(WrittenCase c, int s) {
        RejectReason d = c.defect();
        if (d == null) {
            return null;
        }
        switch (d) {
            case BAD_TIMESTAMP:
                return c.badTimestampColumn() <= s ? d : null;
            case INCONSISTENT_TIMESTAMPS: {
                // As the validator: each step reached lies at or after every earlier one.
                long[] ts = c.ts();
                int previous = Lifecycle.REPORTED;
                for (int i = Lifecycle.REPORTED + 1; i <= s; i++) {
                    if (ts[i] == Lifecycle.EMPTY) {
                        continue;
                    }
                    if (ts[i] < ts[previous]) {
                        return d;
                    }
                    previous = i;
                }
                return null;
            }
            default:
                return d;
        }
    }

    /** The event of step {@code s} of {@code c}: the 15 members, steps after {@code s} empty. */
    static String json(WrittenCase c, int s) {
        CaseSource source = c.source();
        boolean numbers = source.timestampStyle().keepsMillis();
        StringWriter out = new StringWriter(400);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("case_id", c.caseId());
            g.writeStringField("source", source.name());
            g.writeStringField("kind", c.kind());
            g.writeStringField("major_class", c.major());
            g.writeStringField("minor_class", c.minor());
            text(g, source, "component_id", c.componentId());
            coordinate(g, numbers, "lon", c.lon());
            coordinate(g, numbers, "lat", c.lat());
            g.writeStringField("crs", c.gcj02() ? "GCJ02" : "WGS84");
            for (int i = Lifecycle.REPORTED; i <= Lifecycle.CLOSED; i++) {
                String t = i <= s ? c.timestampText(i) : null;
                if (t != null && numbers && i != c.badTimestampColumn()) {
                    g.writeNumberField(STAMPS[i], Long.parseLong(t));
                } else {
                    text(g, source, STAMPS[i], t);
                }
            }
            text(g, source, "district_code", c.districtCode());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void coordinate(JsonGenerator g, boolean number, String name, double v) throws IOException {
        if (number && Double.isFinite(v)) {
            g.writeNumberField(name, v);
        } else {
            g.writeStringField(name, Double.toString(v));
        }
    }

    /** A string member, or the source's way of writing an empty one. */
    private static void text(JsonGenerator g, CaseSource source, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
            return;
        }
        switch (source) {
            case PATROL, HOTLINE_12345 -> g.writeStringField(name, "");
            case CAMERA, SATELLITE -> g.writeNullField(name);
            default -> {
                // left out
            }
        }
    }

    /** Moves about 1 % of the accepted lines later, behind lines less than {@link #MAX_DELAY_MS} newer. */
    private static void delaySome(List<LiveLine> lines, SplittableRandom r) {
        int accepted = (int) lines.stream().filter(l -> l.outcome() == LiveLine.Outcome.ACCEPTED).count();
        int wanted = Math.max(5, Math.round(accepted * 0.01f));
        Set<LiveLine> moved = new HashSet<>();
        for (int attempt = 0; moved.size() < wanted && attempt < 100 * wanted; attempt++) {
            int i = r.nextInt(lines.size());
            LiveLine l = lines.get(i);
            if (l.outcome() != LiveLine.Outcome.ACCEPTED || moved.contains(l)) {
                continue;
            }
            int j = i;
            while (j + 1 < lines.size() && lines.get(j + 1).at() - l.at() < MAX_DELAY_MS
                    && lines.get(j + 1).caseIndex() != l.caseIndex()) {
                j++;
            }
            if (j == i) {
                continue;
            }
            int to = i + 1 + r.nextInt(j - i);
            long newest = Long.MIN_VALUE;
            for (int k = i + 1; k <= to; k++) {
                newest = Math.max(newest, lines.get(k).at());
            }
            long lag = Math.max(0, newest - l.at());
            LiveLine d = l.delayed(lag, "written behind " + (to - i) + " newer line(s), " + lag / 1000 + " s of event time");
            lines.remove(i);
            lines.add(to, d);
            moved.add(d);
        }
    }

    /** Inserts about 0.3 % undecodable lines (at least 3) at random places. */
    private static List<LiveLine> withUndecodable(List<LiveLine> lines, SplittableRandom r) {
        int wanted = Math.max(3, Math.round(lines.size() * 0.003f));
        boolean[] before = new boolean[lines.size() + 1];
        int placed = 0;
        while (placed < wanted) {
            int at = 1 + r.nextInt(lines.size());
            if (!before[at]) {
                before[at] = true;
                placed++;
            }
        }
        List<LiveLine> out = new ArrayList<>(lines.size() + wanted);
        int kind = 0;
        for (int i = 0; i < lines.size(); i++) {
            out.add(lines.get(i));
            if (before[i + 1]) {
                LiveLine prev = lines.get(i);
                String text;
                String note;
                switch (kind++ % 3) {
                    case 0 -> {
                        int cut = (int) (prev.text().length() * r.nextDouble(0.3, 0.9));
                        text = prev.text().substring(0, cut);
                        note = "the previous record cut off after " + cut + " characters (resend after a dropped connection)";
                    }
                    case 1 -> {
                        text = "<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>";
                        note = "a gateway's error page instead of a record";
                    }
                    default -> {
                        text = "case_id=" + caseIdOf(prev) + ";source=PATROL;kind=EVENT";
                        note = "an old gateway's key=value text";
                    }
                }
                out.add(new LiveLine(text, -1, -1, prev.at(), LiveLine.Outcome.UNDECODABLE, null, 0, note));
            }
        }
        return out;
    }

    private static String caseIdOf(LiveLine l) {
        int at = l.text().indexOf("\"case_id\":\"");
        if (at < 0) {
            return "";
        }
        int from = at + 11;
        return l.text().substring(from, l.text().indexOf('"', from));
    }
}
