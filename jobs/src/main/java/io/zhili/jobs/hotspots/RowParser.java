package io.zhili.jobs.hotspots;

import java.util.List;
import java.util.Locale;

/**
 * Shared parsing of a contract table row given as text fields: column lookup by header name and the
 * reason of the last refusal. Parsers return {@code null} for a refused row and leave the reason in
 * {@link #reason()}/{@link #detail()} instead of throwing, because a bad row is data, not an error.
 * Not thread-safe: one instance per task.
 */
public abstract class RowParser<R> {
    /** The validated row, or null with the reason in {@link #reason()}. */
    public abstract R parse(String[] fields);

    private String reason;
    private String detail;

    /** Index of each required column in the file's header; a missing column is a clear input error. */
    static int[] columnIndexes(List<String> header, String[] required, String input) {
        int[] idx = new int[required.length];
        for (int i = 0; i < required.length; i++) {
            idx[i] = columnIndex(header, required[i]);
            if (idx[i] < 0) {
                throw new IllegalArgumentException(input + ": header has no column '" + required[i] + "' (has " + header + ")");
            }
        }
        return idx;
    }

    /** Index of a contract column in a header (trimmed, ignoring case), or -1. */
    static int columnIndex(List<String> header, String column) {
        for (int j = 0; j < header.size(); j++) {
            if (header.get(j).trim().toLowerCase(Locale.ROOT).equals(column)) {
                return j;
            }
        }
        return -1;
    }

    final <T> T refuse(String reason, String detail) {
        this.reason = reason;
        this.detail = detail;
        return null;
    }

    public String reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }

    static String field(String[] fields, int index) {
        String v = fields[index];
        return v == null ? "" : v.trim();
    }

    /** A coordinate or NaN when the text is not a finite number. */
    static double coordinate(String text) {
        if (text.isEmpty()) {
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(text);
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Why a lon/lat pair is unusable, or null when it is a plausible position on Earth. */
    static String coordinateProblem(double lon, double lat, String lonText, String latText) {
        if (Double.isNaN(lon) || Double.isNaN(lat)) {
            return "lon/lat '" + lonText + "','" + latText + "' are not numbers";
        }
        if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
            return "lon/lat " + lonText + "," + latText + " out of range";
        }
        if (lon == 0 && lat == 0) {
            return "lon/lat 0,0 (null island)";
        }
        return null;
    }

    /** A 4-digit class code as an int, or -1. */
    static int classCode(String text, int digits) {
        if (text.length() != digits) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < digits; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * Why {@code major} is not the major class of {@code minor}, or null: it must be exactly the first two
     * digits of the 4-digit minor class (an empty or one-digit major is a broken row, not a wildcard).
     */
    static String majorProblem(String major, String minor) {
        if (major.length() == 2 && minor.startsWith(major)) {
            return null;
        }
        return "major_class '" + major + "' is not the first two digits of minor_class " + minor;
    }

    static int districtCode(String text) {
        int code = classCode(text, 6);
        return Math.max(code, 0);
    }
}
