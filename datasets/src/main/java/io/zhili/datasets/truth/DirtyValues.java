package io.zhili.datasets.truth;

import io.zhili.geo.catalog.ClassCatalog;
import io.zhili.geo.catalog.ClassKind;
import io.zhili.geo.catalog.ComponentCode;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The defects planted in dirty rows, each the kind of damage real feeds show: NaN or swapped coordinates,
 * a phone reporting from another city, a class code from a local catalog extension, a date written the
 * wrong way, a mistyped component code.
 *
 * <p>Every value is checked to be wrong for exactly one reason (for example an "unknown" class code is
 * verified against the catalog). Stateless and thread-safe.
 */
public final class DirtyValues {
    private DirtyValues() {
    }

    /** Far-away places where mislocated reports land: Beijing, Shanghai, Jinan, Yantai, Guangzhou, the Yellow Sea. */
    private static final double[][] ELSEWHERE = {
        {116.40, 39.90}, {121.47, 31.23}, {117.00, 36.65}, {121.39, 37.52}, {113.26, 23.13}, {122.60, 35.00}};

    /** Codes of other cities' extensions, older catalogs and typos; those in the run's catalog are skipped. */
    private static final List<String> UNKNOWN_COMPONENT_CLASSES = List.of("0139", "0150", "0218", "0312", "0411",
            "0504", "0607", "0701", "9901");
    private static final List<String> UNKNOWN_EVENT_CLASSES = List.of("0113", "0114", "0110", "0205", "0303",
            "0405", "0511", "0601", "0701");

    /**
     * Replaces a valid location by one that no reader may accept: NaN, latitude or longitude out of range,
     * 0/0, or latitude and longitude swapped (latitude 120). Writes lon/lat to {@code out}; returns a note.
     */
    public static String badCoordinates(SplittableRandom r, double lon, double lat, double[] out) {
        switch (r.nextInt(6)) {
            case 0:
                out[0] = Double.NaN;
                out[1] = lat;
                return "lon is NaN";
            case 1:
                out[0] = lon;
                out[1] = Double.NaN;
                return "lat is NaN";
            case 2:
                out[0] = lon;
                out[1] = round(90.5 + r.nextDouble(30));
                return "lat out of range";
            case 3:
                out[0] = round(180.5 + r.nextDouble(150));
                out[1] = lat;
                return "lon out of range";
            case 4:
                out[0] = 0;
                out[1] = 0;
                return "0/0 (no fix)";
            default:
                out[0] = lat;
                out[1] = lon;
                return "lon and lat swapped (lat out of range)";
        }
    }

    /** A valid WGS-84 location far outside Qingdao; writes lon/lat to {@code out}; returns a note. */
    public static String outOfArea(SplittableRandom r, double[] out) {
        double[] p = ELSEWHERE[r.nextInt(ELSEWHERE.length)];
        out[0] = round(p[0] + r.nextDouble(-0.05, 0.05));
        out[1] = round(p[1] + r.nextDouble(-0.05, 0.05));
        return "location outside Qingdao";
    }

    /**
     * A 4-digit class code that is not a class of {@code kind} in the catalog (a local extension, a retired
     * code, or a class of the other kind).
     */
    public static String unknownClass(SplittableRandom r, ClassKind kind, ClassCatalog catalog) {
        List<String> pool = kind == ClassKind.COMPONENT ? UNKNOWN_COMPONENT_CLASSES : UNKNOWN_EVENT_CLASSES;
        int first = r.nextInt(pool.size());
        for (int i = 0; i < pool.size(); i++) {
            String code = pool.get((first + i) % pool.size());
            if (catalog.find(kind, code).isEmpty()) {
                return code;
            }
        }
        throw new IllegalStateException("every code of " + pool + " is a " + kind + " class of the catalog");
    }

    /**
     * Damages a valid 16-digit component code so that it fails GB/T 30428.2: a digit dropped or added, a
     * letter O for a zero, serial 000000, a subclass or major class that does not exist, an unknown
     * province. Returns {bad code, note}.
     */
    public static String[] badComponentCode(SplittableRandom r, String valid, ClassCatalog catalog) {
        String bad;
        String note;
        switch (r.nextInt(6)) {
            case 0:
                bad = valid.substring(0, 15);
                note = "15 digits";
                break;
            case 1:
                bad = valid + r.nextInt(10);
                note = "17 digits";
                break;
            case 2: {
                int zero = valid.indexOf('0', 6);
                bad = valid.substring(0, zero) + 'O' + valid.substring(zero + 1);
                note = "letter O for a zero";
                break;
            }
            case 3:
                bad = valid.substring(0, 10) + "000000";
                note = "serial 000000";
                break;
            case 4:
                bad = valid.substring(0, 8) + "99" + valid.substring(10);
                note = "subclass 99 does not exist";
                break;
            default:
                bad = "99" + valid.substring(2);
                note = "unknown province 99";
                break;
        }
        if (ComponentCode.explainInvalid(bad, catalog).isEmpty()) {
            throw new IllegalStateException("damaged component code " + bad + " is still valid");
        }
        return new String[] {bad, note};
    }

    /**
     * A timestamp text no reader of the contract may accept (neither ISO-8601 with an offset or Z nor epoch
     * milliseconds), made from the real instant {@code localText} (ISO local date-time {@code 2025-03-14T09:21:05}).
     * Returns {text, note}.
     */
    public static String[] badTimestamp(SplittableRandom r, String localText) {
        String date = localText.substring(0, 10);
        String time = localText.substring(11, 19);
        switch (r.nextInt(5)) {
            case 0:
                return new String[] {date.replace('-', '/') + " " + time, "slashes and a blank, no offset"};
            case 1:
                return new String[] {date.substring(8, 10) + "." + date.substring(5, 7) + "." + date.substring(0, 4)
                        + " " + time.substring(0, 5), "day.month.year"};
            case 2:
                return new String[] {date.substring(0, 8) + "32T" + time + "+08:00", "day 32"};
            case 3:
                return new String[] {date + "T25" + time.substring(2) + "+08:00", "hour 25"};
            default:
                return new String[] {"N/A", "placeholder text"};
        }
    }

    /** Rounds to 7 decimals (about 1 cm), the precision coordinates are written with. */
    public static double round(double v) {
        return Math.round(v * 1e7) / 1e7;
    }
}
