package io.zhili.datasets.trucks;

import io.zhili.geo.jt808.Jt808Encoder;
import io.zhili.geo.table.CsvWriter;
import io.zhili.geo.trucks.GpsJsonWriter;
import io.zhili.geo.trucks.GpsPoint;
import io.zhili.geo.trucks.GpsRejectReason;
import io.zhili.geo.trucks.LidState;
import io.zhili.geo.util.Progress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Writes the fleet's reports as they would arrive at the platform, with realistic noise, to
 * {@code gps.jsonl} and {@code gps.jt808} (line N of both is the same record) and lists every noisy
 * line in {@code truth/noise.csv}.
 *
 * <p>Arrival order: lines are ordered by arrival time (event time plus delay), ties by truck. Noise
 * per clean report: 1 % arrive 2–15 s late ({@code DISORDERED}, so a report may come after the
 * next one), 0.3 % are sent twice 1–5 s apart ({@code DUPLICATE}, identical line), 0.1 % are
 * followed by an extra report 3–25 km away 2–7 s later ({@code JUMP}), 0.1 % by a junk line
 * ({@code JUNK}: malformed, incomplete or out-of-range JSON; a corrupt JT/T 808 frame) with the
 * reject reason each reader must give.
 */
final class TraceWriter {
    static final List<String> NOISE_COLUMNS = List.of("line", "kind", "truck_id", "ts", "json_reason", "jt808_reason");
    private static final double DISORDER = 0.01;
    private static final double DUPLICATE = 0.003;
    private static final double JUMP = 0.001;
    private static final double JUNK = 0.001;
    private static final int JUNK_KINDS = 7;

    private static final byte REPORT = 0;
    private static final byte DISORDERED = 1;
    private static final byte DUPLICATED = 2;
    private static final byte JUMPED = 3;
    private static final byte JUNKED = 4;

    /** What was written. */
    record Counts(long lines, long reports, long disordered, long duplicates, long jumps, long junk) {
    }

    /** One truck's lines in arrival order. */
    private static final class Plan {
        final SimulatedTrace trace;
        long[] arrival;
        /** Clean report index, or for extras the index of the report they derive from. */
        int[] ref;
        byte[] kind;
        /** Junk kind or jump bearing seed. */
        int[] aux;
        int size;
        int next;

        Plan(SimulatedTrace trace) {
            this.trace = trace;
            int cap = trace.size + trace.size / 50 + 16;
            arrival = new long[cap];
            ref = new int[cap];
            kind = new byte[cap];
            aux = new int[cap];
        }

        void add(long at, int reference, byte k, int extra) {
            if (size == arrival.length) {
                int n = size * 2;
                arrival = Arrays.copyOf(arrival, n);
                ref = Arrays.copyOf(ref, n);
                kind = Arrays.copyOf(kind, n);
                aux = Arrays.copyOf(aux, n);
            }
            arrival[size] = at;
            ref[size] = reference;
            kind[size] = k;
            aux[size] = extra;
            size++;
        }

        void sortByArrival() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> a.equals(b) ? 0 : arrival[a] != arrival[b] ? Long.compare(arrival[a], arrival[b])
                    : Integer.compare(a, b));
            long[] ar = new long[size];
            int[] rf = new int[size];
            byte[] kd = new byte[size];
            int[] ax = new int[size];
            for (int i = 0; i < size; i++) {
                ar[i] = arrival[order[i]];
                rf[i] = ref[order[i]];
                kd[i] = kind[order[i]];
                ax[i] = aux[order[i]];
            }
            arrival = ar;
            ref = rf;
            kind = kd;
            aux = ax;
        }
    }

    private final long seed;
    private final Jt808Encoder encoder = new Jt808Encoder();

    TraceWriter(long seed) {
        this.seed = seed;
    }

    Counts write(Path outDir, List<SimulatedTrace> traces, Progress progress) throws IOException {
        List<Plan> plans = new ArrayList<>(traces.size());
        for (SimulatedTrace t : traces) {
            plans.add(plan(t));
        }
        PriorityQueue<Plan> queue = new PriorityQueue<>((a, b) -> {
            int c = Long.compare(a.arrival[a.next], b.arrival[b.next]);
            return c != 0 ? c : Integer.compare(a.trace.truck.index(), b.trace.truck.index());
        });
        for (Plan p : plans) {
            if (p.size > 0) {
                queue.add(p);
            }
        }
        long lines = 0;
        long reports = 0;
        long disordered = 0;
        long duplicates = 0;
        long jumps = 0;
        long junk = 0;
        StringBuilder sb = new StringBuilder(256);
        Files.createDirectories(outDir.resolve("truth"));
        try (Writer json = writer(outDir.resolve("gps.jsonl"));
             Writer jt808 = writer(outDir.resolve("gps.jt808"));
             CsvWriter noise = CsvWriter.open(outDir.resolve("truth").resolve("noise.csv"), NOISE_COLUMNS)) {
            while (!queue.isEmpty()) {
                Plan p = queue.poll();
                int k = p.next;
                SimulatedTrace trace = p.trace;
                TruckSpec truck = trace.truck;
                int i = p.ref[k];
                lines++;
                sb.setLength(0);
                String hex;
                switch (p.kind[k]) {
                    case REPORT, DISORDERED, DUPLICATED -> {
                        GpsPoint point = trace.point(i);
                        GpsJsonWriter.append(sb, point);
                        hex = encoder.encodeLocationHex(point, truck.phone(), i, truck.version());
                        if (p.kind[k] == REPORT) {
                            reports++;
                        } else if (p.kind[k] == DISORDERED) {
                            reports++;
                            disordered++;
                            noise.write(lines, "DISORDERED", truck.plate(), point.ts(), "", "");
                        } else {
                            duplicates++;
                            noise.write(lines, "DUPLICATE", truck.plate(), point.ts(), "", "");
                        }
                    }
                    case JUMPED -> {
                        GpsPoint point = jump(trace, i, p.aux[k]);
                        GpsJsonWriter.append(sb, point);
                        hex = encoder.encodeLocationHex(point, truck.phone(), trace.size + i, truck.version());
                        jumps++;
                        noise.write(lines, "JUMP", truck.plate(), point.ts(), "", "");
                    }
                    default -> {
                        GpsPoint base = trace.point(i);
                        GpsPoint shifted = new GpsPoint(base.truckId(), base.ts() + 1000 + (p.aux[k] / JUNK_KINDS) * 1000L,
                                base.lon(), base.lat(), base.speedKmh(), base.heading(), base.lid(), base.loadT());
                        int junkKind = p.aux[k] % JUNK_KINDS;
                        String[] reasons = new String[2];
                        sb.append(junkJson(shifted, junkKind, reasons));
                        hex = junkJt808(shifted, truck, trace.size * 2 + i, junkKind, reasons);
                        junk++;
                        noise.write(lines, "JUNK", truck.plate(), shifted.ts(), reasons[0], reasons[1]);
                    }
                }
                sb.append('\n');
                json.append(sb);
                jt808.append(hex).append('\n');
                progress.add(1);
                if (++p.next < p.size) {
                    queue.add(p);
                }
            }
        }
        return new Counts(lines, reports, disordered, duplicates, jumps, junk);
    }

    private static Writer writer(Path file) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 20);
    }

    /** The noisy arrival plan of one truck, from its own random stream. */
    private Plan plan(SimulatedTrace t) {
        SplittableRandom rng = new SplittableRandom(seed * 0xD1B5_4A32_D192_ED03L + t.truck.index() * 0x94D0_49BB_1331_11EBL + 7);
        Plan p = new Plan(t);
        for (int i = 0; i < t.size; i++) {
            long ts = t.ts[i];
            if (rng.nextDouble() < DISORDER) {
                p.add(ts + (2 + rng.nextInt(14)) * 1000L, i, DISORDERED, 0);
            } else {
                p.add(ts, i, REPORT, 0);
            }
            if (rng.nextDouble() < DUPLICATE) {
                p.add(ts + (1 + rng.nextInt(5)) * 1000L, i, DUPLICATED, 0);
            }
            if (i >= 1 && i + 1 < t.size && rng.nextDouble() < JUMP) {
                int bearing = rng.nextInt(1 << 20);
                p.add(ts + jumpDelayMs(bearing), i, JUMPED, bearing);
            }
            if (rng.nextDouble() < JUNK) {
                int aux = rng.nextInt(JUNK_KINDS) + JUNK_KINDS * rng.nextInt(9);
                p.add(ts + 1000 + (aux / JUNK_KINDS) * 1000L, i, JUNKED, aux);
            }
        }
        p.sortByArrival();
        return p;
    }

    private static long jumpDelayMs(int aux) {
        return (2 + aux % 6) * 1000L;
    }

    /** A report 3–25 km from report {@code i}, 2–7 s after it: an implied speed above 1 000 km/h. */
    private static GpsPoint jump(SimulatedTrace t, int i, int aux) {
        double bearing = (aux >>> 3) % 360 * Math.PI / 180;
        double km = 3 + (aux >>> 12) % 23;
        LocalFrame f = LocalFrame.at(t.lon(i), t.lat(i));
        double lon = Math.round(f.lon(Math.sin(bearing) * km * 1000) * 1e6) / 1e6;
        double lat = Math.round(f.lat(Math.cos(bearing) * km * 1000) * 1e6) / 1e6;
        return new GpsPoint(t.truck.plate(), t.ts[i] + jumpDelayMs(aux), lon, lat, t.speed(i), t.heading[i],
                LidState.values()[t.lid[i]], t.load(i));
    }

    /** A junk JSON line of kind {@code k}; sets reasons[0] to the reason a parser must give. */
    private static String junkJson(GpsPoint p, int k, String[] reasons) {
        String full = GpsJsonWriter.toJson(p);
        switch (k) {
            case 0 -> {
                reasons[0] = GpsRejectReason.MALFORMED_JSON.name();
                return full.substring(0, full.length() / 2);
            }
            case 1 -> {
                reasons[0] = GpsRejectReason.MISSING_FIELD.name();
                return full.replaceFirst(",\"lat\":[^,]*", "");
            }
            case 2 -> {
                reasons[0] = GpsRejectReason.OUT_OF_RANGE.name();
                return full.replaceFirst("\"lat\":[^,]*", "\"lat\":95.5");
            }
            case 3 -> {
                reasons[0] = GpsRejectReason.BAD_VALUE.name();
                return full.replaceFirst("\"lid\":\"[A-Z]*\"", "\"lid\":\"HALF\"");
            }
            case 4 -> {
                reasons[0] = GpsRejectReason.BAD_TIMESTAMP.name();
                return full.replaceFirst("\"ts\":[0-9]*", "\"ts\":\"yesterday\"");
            }
            case 5 -> {
                reasons[0] = GpsRejectReason.OUT_OF_RANGE.name();
                return full.replaceFirst("\"lon\":[^,]*", "\"lon\":NaN");
            }
            default -> {
                reasons[0] = GpsRejectReason.MALFORMED_JSON.name();
                return "";
            }
        }
    }

    /** A corrupt JT/T 808 line of kind {@code k}; sets reasons[1] to the reason a decoder must give. */
    private String junkJt808(GpsPoint p, TruckSpec truck, int serial, int k, String[] reasons) {
        byte[] frame = encoder.encodeLocation(p, truck.phone(), serial, truck.version());
        switch (k) {
            case 0 -> {
                // Flip a bit of a latitude byte (never part of an escape: 0x7d/0x7e are not produced or consumed).
                int at = frame.length / 2;
                while ((frame[at] & 0xff) >= 0x7c && (frame[at] & 0xff) <= 0x7f || (frame[at - 1] & 0xff) == 0x7d) {
                    at++;
                }
                frame[at] ^= 0x01;
                reasons[1] = GpsRejectReason.BAD_CHECKSUM.name();
                return Jt808Encoder.hex(frame);
            }
            case 1 -> {
                int len = 21;
                while ((frame[len - 2] & 0xff) == 0x7d) {
                    len--; // never end on a dangling escape byte
                }
                byte[] cut = Arrays.copyOf(frame, len);
                cut[len - 1] = 0x7e;
                reasons[1] = GpsRejectReason.TRUNCATED.name();
                return Jt808Encoder.hex(cut);
            }
            case 2 -> {
                byte[] bad = new byte[frame.length + 2];
                System.arraycopy(frame, 0, bad, 0, 5);
                bad[5] = 0x7d;
                bad[6] = 0x03;
                System.arraycopy(frame, 5, bad, 7, frame.length - 5);
                reasons[1] = GpsRejectReason.BAD_ESCAPE.name();
                return Jt808Encoder.hex(bad);
            }
            case 3 -> {
                String hex = Jt808Encoder.hex(frame);
                reasons[1] = GpsRejectReason.BAD_HEX.name();
                return hex.substring(0, 10) + "G" + hex.substring(11);
            }
            case 4 -> {
                reasons[1] = GpsRejectReason.UNSUPPORTED_MESSAGE.name();
                return Jt808Encoder.hex(encoder.encodeHeartbeat(truck.phone(), serial, truck.version()));
            }
            case 5 -> {
                reasons[1] = GpsRejectReason.BAD_FRAME.name();
                return Jt808Encoder.hex(Arrays.copyOf(frame, frame.length - 1));
            }
            default -> {
                reasons[1] = GpsRejectReason.BAD_HEX.name();
                return "";
            }
        }
    }
}
