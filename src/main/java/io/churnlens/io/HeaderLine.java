package io.churnlens.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Column names from a header line, split the way the reader splits the data rows under it. */
final class HeaderLine {
    private static final char QUOTE = '"';

    private HeaderLine() {}

    /** RFC 4180 fields: {@code sep} between fields, a field may be quoted, {@code escape} escapes a quote in one. */
    static List<String> csv(String line, char sep, char escape, String file) {
        List<String> names = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == escape && i + 1 < line.length() && line.charAt(i + 1) == QUOTE) {
                    field.append(QUOTE);
                    i++;
                } else if (c == QUOTE) {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == sep) {
                names.add(field.toString());
                field.setLength(0);
            } else if (c == QUOTE && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
            } else {
                field.append(c);
            }
        }
        names.add(field.toString());
        return normalised(names, file);
    }

    static List<String> whitespace(String line, String file) {
        return normalised(List.of(line.trim().split("\\s+")), file);
    }

    /** Trimmed names; an empty name becomes {@code _c<i>} (Spark's name for it); a repeated name refuses the file. */
    private static List<String> normalised(List<String> raw, String file) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String name = raw.get(i).strip();
            name = name.isEmpty() ? "_c" + i : name;
            // Spark resolves column names case-insensitively: "Amount" and "amount" would be one ambiguous column.
            if (!seen.add(name.toLowerCase(java.util.Locale.ROOT))) {
                throw new InputException("input file " + file + " names column '" + name + "' twice in its header "
                        + raw + "; rename one of them in the export");
            }
            names.add(name);
        }
        return names;
    }
}
