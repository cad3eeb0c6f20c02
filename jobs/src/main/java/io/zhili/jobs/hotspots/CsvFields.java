package io.zhili.jobs.hotspots;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 field splitting of one CSV row (quotes, doubled quotes, separators inside quotes). */
final class CsvFields {
    private CsvFields() {
    }

    static List<String> split(String row) {
        List<String> fields = new ArrayList<>(16);
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < row.length() && row.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        fields.add(cur.toString());
        return fields;
    }
}
