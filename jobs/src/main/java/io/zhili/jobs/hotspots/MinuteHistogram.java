package io.zhili.jobs.hotspots;

import java.util.Arrays;

/**
 * The text form of a minute histogram in {@code cube/areas}: {@code minute:count} pairs in ascending
 * minute order, separated by commas ({@code "3:2,15:1"}); empty when no case has the time. A few bytes
 * per distinct minute, and readable with DuckDB's {@code string_split}.
 */
final class MinuteHistogram {
    private MinuteHistogram() {
    }

    /** The histogram of the first {@code n} minutes of {@code values}. */
    static String format(int[] values, int n) {
        int[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && sorted[j] == sorted[i]) {
                j++;
            }
            if (s.length() > 0) {
                s.append(',');
            }
            s.append(sorted[i]).append(':').append(j - i);
            i = j;
        }
        return s.toString();
    }

    /**
     * The minutes of a histogram, each repeated by its count (the form {@link AreaPartial} merges).
     *
     * @throws IllegalArgumentException on text that {@link #format} did not write
     */
    static int[] expand(String text) {
        if (text == null || text.isEmpty()) {
            return new int[0];
        }
        String[] pairs = text.split(",");
        int[] minutes = new int[pairs.length];
        int[] counts = new int[pairs.length];
        long total = 0;
        for (int i = 0; i < pairs.length; i++) {
            int colon = pairs[i].indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("minute histogram entry '" + pairs[i] + "' is not minute:count");
            }
            minutes[i] = Integer.parseInt(pairs[i], 0, colon, 10);
            counts[i] = Integer.parseInt(pairs[i], colon + 1, pairs[i].length(), 10);
            if (counts[i] < 1) {
                throw new IllegalArgumentException("minute histogram entry '" + pairs[i] + "' has no count");
            }
            total += counts[i];
        }
        int[] out = new int[Math.toIntExact(total)];
        int k = 0;
        for (int i = 0; i < pairs.length; i++) {
            Arrays.fill(out, k, k + counts[i], minutes[i]);
            k += counts[i];
        }
        return out;
    }
}
