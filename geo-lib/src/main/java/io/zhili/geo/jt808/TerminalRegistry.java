package io.zhili.geo.jt808;

import io.zhili.geo.fence.Route;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps JT/T 808 terminal phone numbers (SIM numbers) to truck plates such as {@code 鲁B12345}.
 *
 * <p>The registry comes from the fleet file ({@code terminal_phones[]} parallel to
 * {@code truck_ids[]} in {@code routes.geojson}, see {@link Jt808Protocol}). Phone numbers are
 * digit strings of up to 18 significant digits; leading zeros do not matter. A lookup is a binary
 * search over a sorted {@code long[]}: no boxing on the decode path.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class TerminalRegistry {
    /** The registry without entries: every frame is keyed by its phone number. */
    public static final TerminalRegistry EMPTY = new TerminalRegistry(new long[0], new String[0]);

    private final long[] phones;
    private final String[] plates;

    private TerminalRegistry(long[] phones, String[] plates) {
        this.phones = phones;
        this.plates = plates;
    }

    /**
     * Builds a registry from phone → plate.
     *
     * @throws IllegalArgumentException naming the entry when a phone is not 1–18 significant digits
     *                                  or two different phones normalise to the same number
     */
    public static TerminalRegistry of(Map<String, String> phoneToPlate) {
        TreeMap<Long, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : phoneToPlate.entrySet()) {
            long phone = parsePhone(e.getKey());
            String previous = sorted.put(phone, e.getValue());
            if (previous != null && !previous.equals(e.getValue())) {
                throw new IllegalArgumentException("terminal phone " + e.getKey() + " registered for both "
                        + previous + " and " + e.getValue());
            }
        }
        long[] phones = new long[sorted.size()];
        String[] plates = new String[sorted.size()];
        int i = 0;
        for (Map.Entry<Long, String> e : sorted.entrySet()) {
            phones[i] = e.getKey();
            plates[i++] = e.getValue();
        }
        return new TerminalRegistry(phones, plates);
    }

    /**
     * The registry of a fleet file: every permit's {@code terminal_phones[i]} → {@code truck_ids[i]}.
     *
     * @throws IllegalArgumentException when a phone is malformed or registered for two plates
     */
    public static TerminalRegistry fromRoutes(List<Route> routes) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Route r : routes) {
            for (int i = 0; i < r.terminalPhones().size(); i++) {
                String phone = r.terminalPhones().get(i);
                String plate = r.truckIds().get(i);
                String previous = map.put(phone, plate);
                if (previous != null && !previous.equals(plate)) {
                    throw new IllegalArgumentException("terminal phone " + phone + " registered for both " + previous
                            + " and " + plate + " (permit " + r.permitId() + ")");
                }
            }
        }
        return of(map);
    }

    /** The plate registered for {@code phone}, or null. */
    public String plate(long phone) {
        int i = Arrays.binarySearch(phones, phone);
        return i < 0 ? null : plates[i];
    }

    /** The plate for {@code phone}, or the phone number's digits when it is not registered. */
    public String truckId(long phone) {
        String plate = plate(phone);
        return plate != null ? plate : Long.toString(phone);
    }

    public int size() {
        return phones.length;
    }

    /**
     * Parses a phone number written as digits (leading zeros allowed).
     *
     * @throws IllegalArgumentException when it is empty, has a non-digit or over 18 significant digits
     */
    public static long parsePhone(String digits) {
        if (digits == null || digits.isEmpty()) {
            throw new IllegalArgumentException("terminal phone number is empty");
        }
        long v = 0;
        int significant = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("terminal phone number '" + digits + "' has a non-digit at position " + (i + 1));
            }
            if (v != 0 || c != '0') {
                significant++;
            }
            if (significant > 18) {
                throw new IllegalArgumentException("terminal phone number '" + digits + "' has over 18 significant digits");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
