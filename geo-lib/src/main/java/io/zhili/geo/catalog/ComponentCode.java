package io.zhili.geo.catalog;

import java.util.Optional;

/**
 * A city component's 16-digit code under GB/T 30428.2: 6-digit administrative division (GB/T 2260,
 * e.g. 370202 Qingdao Shinan district) + 2-digit major class + 2-digit subclass + 6-digit serial.
 * Example: {@code 3702020103000042} is storm-water manhole cover (0103) number 42 in Shinan.
 *
 * <p>{@link #parse} checks the code against the standard and a {@link ClassCatalog} (component
 * classes): exactly 16 ASCII digits, a province prefix that GB/T 2260 assigns (11–15, 21–23, 31–37,
 * 41–46, 50–54, 61–65, 71, 81, 82), a well-formed division (a county part only under a city part:
 * {@code 37 00 12} is malformed), a known major, a subclass of that major, and a serial from 000001.
 * A failure is an {@link InvalidComponentCodeException} with a reason in words; {@link #explainInvalid}
 * gives the same reason without throwing.
 *
 * <p>Immutable and thread-safe. Parsing allocates nothing beyond the result on the valid path.
 */
public final class ComponentCode {
    private static final boolean[] PROVINCES = new boolean[100];

    static {
        int[] codes = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
            50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82};
        for (int c : codes) {
            PROVINCES[c] = true;
        }
    }

    private final int division;
    private final int minor;
    private final int serial;

    private ComponentCode(int division, int minor, int serial) {
        this.division = division;
        this.minor = minor;
        this.serial = serial;
    }

    /**
     * Parses and checks a 16-digit component code.
     *
     * @throws InvalidComponentCodeException with the reason when the code breaks the standard
     */
    public static ComponentCode parse(String code, ClassCatalog catalog) {
        String reason = check(code, catalog);
        if (reason != null) {
            throw new InvalidComponentCodeException(reason);
        }
        return new ComponentCode(digits(code, 0, 6), digits(code, 6, 10), digits(code, 10, 16));
    }

    /** Why {@code code} is not a valid component code, or empty when it is. */
    public static Optional<String> explainInvalid(String code, ClassCatalog catalog) {
        return Optional.ofNullable(check(code, catalog));
    }

    /**
     * Builds the 16-digit code text from its parts, without a catalog check.
     *
     * @param division 6-digit administrative division, e.g. "370202"
     * @param minor4 4-digit subclass (major + sub), e.g. "0103"
     * @param serial 1..999999
     * @throws IllegalArgumentException when a part has the wrong shape
     */
    public static String of(String division, String minor4, int serial) {
        if (division == null || division.length() != 6 || !allDigits(division)) {
            throw new IllegalArgumentException("division must be 6 digits, got '" + division + "'");
        }
        if (minor4 == null || minor4.length() != 4 || !allDigits(minor4)) {
            throw new IllegalArgumentException("subclass must be 4 digits, got '" + minor4 + "'");
        }
        if (serial < 1 || serial > 999_999) {
            throw new IllegalArgumentException("serial must be 1..999999, got " + serial);
        }
        StringBuilder sb = new StringBuilder(16).append(division).append(minor4);
        String s = Integer.toString(serial);
        for (int i = s.length(); i < 6; i++) {
            sb.append('0');
        }
        return sb.append(s).toString();
    }

    /** The 6-digit administrative division code, e.g. "370202". */
    public String divisionCode() {
        return pad(division, 6);
    }

    /** The 2-digit major class, e.g. "01". */
    public String majorClass() {
        return pad(minor / 100, 2);
    }

    /** The 4-digit subclass (major + sub), e.g. "0103". */
    public String minorClass() {
        return pad(minor, 4);
    }

    /** The 4-digit subclass as a number (0103 -> 103), for primitive indexes. */
    public int minorClassCode() {
        return minor;
    }

    /** The serial, 1..999999. */
    public int serial() {
        return serial;
    }

    /** The code as a number, e.g. 3702020103000042L; its 16-digit text is {@link #toString()}. */
    public long asLong() {
        return division * 10_000_000_000L + minor * 1_000_000L + serial;
    }

    /** The 16-digit code. */
    @Override
    public String toString() {
        return pad(division, 6) + pad(minor, 4) + pad(serial, 6);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComponentCode c && c.division == division && c.minor == minor && c.serial == serial;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(asLong());
    }

    /** The reason the code is invalid, or null. */
    private static String check(String code, ClassCatalog catalog) {
        if (code == null || code.isEmpty()) {
            return "component code is empty";
        }
        if (code.length() != 16) {
            return "component code '" + code + "' has " + code.length() + " characters, expected 16 digits";
        }
        for (int i = 0; i < 16; i++) {
            char ch = code.charAt(i);
            if (ch < '0' || ch > '9') {
                return "component code '" + code + "' has a non-digit '" + ch + "' at position " + (i + 1);
            }
        }
        int province = digits(code, 0, 2);
        int city = digits(code, 2, 4);
        int county = digits(code, 4, 6);
        String division = code.substring(0, 6);
        if (!PROVINCES[province]) {
            return "component code '" + code + "': division " + division + " has unknown province code "
                    + pad(province, 2) + " (GB/T 2260 assigns 11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81, 82)";
        }
        if (city == 0 && county != 0) {
            return "component code '" + code + "': division " + division + " is malformed (county part "
                    + pad(county, 2) + " under city part 00)";
        }
        int major = digits(code, 6, 8);
        if (!catalog.hasMajor(ClassKind.COMPONENT, major)) {
            return "component code '" + code + "': unknown major class " + pad(major, 2);
        }
        int minor = digits(code, 6, 10);
        if (!catalog.hasMinor(ClassKind.COMPONENT, minor)) {
            return "component code '" + code + "': subclass " + pad(minor % 100, 2) + " is not in major class "
                    + pad(major, 2) + " (no component class " + pad(minor, 4) + ")";
        }
        if (digits(code, 10, 16) == 0) {
            return "component code '" + code + "': serial 000000 is not allowed (serials start at 000001)";
        }
        return null;
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String pad(int v, int width) {
        String s = Integer.toString(v);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }
}
