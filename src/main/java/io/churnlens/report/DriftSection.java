package io.churnlens.report;

import io.churnlens.schema.DriftColumns;
import io.churnlens.schema.SegmentColumns;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static io.churnlens.report.ReportData.number;

/**
 * The report's "What moved since the previous snapshot" section, from model_drift: every row flagged beyond its
 * drift.* threshold, one sentence when nothing moved, the parts that had nothing to compare with, and the largest
 * flow between RFM segments.
 */
final class DriftSection {
    private DriftSection() {}

    static void append(StringBuilder b, ReportData d) {
        List<Row> rows = d.drift();
        b.append("<section id=\"drift\"><h2>What moved since the previous snapshot</h2>\n");
        if (rows.isEmpty()) {
            b.append("<p class=\"na\">Not compared: model_drift is not published for ").append(d.asOf())
                    .append(" (run <code>drift</code>).</p>\n</section>\n");
            return;
        }
        List<Row> flagged = rows.stream().filter(r -> Boolean.TRUE.equals(r.getAs(DriftColumns.FLAGGED))).toList();
        if (flagged.isEmpty()) {
            b.append("<p>Nothing moved beyond a threshold: ").append(Html.esc(compared(rows))).append(".</p>\n");
        } else {
            flaggedTable(b, flagged);
            b.append("<p class=\"small\">").append(Html.esc(capitalised(compared(rows)))).append(".</p>\n");
        }
        transitionSentence(rows).ifPresent(s -> b.append("<p>").append(Html.esc(s)).append("</p>\n"));
        List<String> notes = rows.stream().filter(r -> DriftColumns.KIND_NOTE.equals(r.getAs(DriftColumns.KIND))
                && r.getAs(DriftColumns.NAME) == null).map(r -> part(r) + ": " + r.getAs(DriftColumns.NOTE)).toList();
        if (!notes.isEmpty()) {
            b.append("<ul class=\"small\">\n");
            for (String n : notes) b.append("<li>").append(Html.esc(n)).append("</li>\n");
            b.append("</ul>\n");
        }
        b.append("<p class=\"small\">Listed: BTYD parameters that moved beyond drift.se-multiple combined standard errors, "
                + "features whose population stability index is above drift.psi-major, holdout metrics that changed by "
                + "more than drift.metric-change, segment shares that moved by more than drift.segment-share-change. "
                + "Each part is compared with the latest earlier snapshot of its table. Table: model_drift.</p>\n</section>\n");
    }

    private static void flaggedTable(StringBuilder b, List<Row> flagged) {
        b.append("<table class=\"figures\">\n<thead><tr><th>What</th><th>Compared with</th><th>Then</th><th>Now</th>"
                + "<th>Why it is listed</th></tr></thead>\n<tbody>\n");
        for (Row r : flagged) {
            boolean labels = r.getAs(DriftColumns.FROM_LABEL) != null;
            b.append("<tr><td>").append(Html.esc(what(r))).append("</td><td>").append(Html.esc(String.valueOf(r.<Object>getAs(DriftColumns.PREVIOUS_AS_OF))))
                    .append("</td><td class=\"num\">").append(Html.esc(labels ? r.getAs(DriftColumns.FROM_LABEL) : value(r, DriftColumns.VALUE_THEN)))
                    .append("</td><td class=\"num\">").append(Html.esc(labels ? r.getAs(DriftColumns.TO_LABEL) : value(r, DriftColumns.VALUE_NOW)))
                    .append("</td><td>").append(Html.esc(why(r))).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    private static String what(Row r) {
        String grouping = r.getAs(DriftColumns.GROUPING);
        String name = r.getAs(DriftColumns.NAME);
        return switch (r.<String>getAs(DriftColumns.PART)) {
            case DriftColumns.PART_BTYD -> "BTYD " + grouping + " parameter " + name;
            case DriftColumns.PART_FEATURES -> "model feature " + name + " (mean then / now)";
            case DriftColumns.PART_MODEL -> DriftColumns.KIND_CHAMPION.equals(name) ? "churn model champion"
                    : "churn model " + grouping + " holdout " + name;
            default -> (SegmentColumns.GROUPING_RFM.equals(grouping) ? "RFM segment " : "cluster ") + name + " (share of customers)";
        };
    }

    private static String why(Row r) {
        String kind = r.getAs(DriftColumns.KIND);
        if (DriftColumns.KIND_PARAMETER.equals(kind)) {
            return String.format(Locale.ROOT, "moved %.1f combined standard errors", Math.abs(number(r, DriftColumns.Z_SCORE)));
        }
        if (DriftColumns.KIND_PSI.equals(kind)) {
            return String.format(Locale.ROOT, "population stability index %.3f (major shift)", number(r, DriftColumns.PSI));
        }
        if (DriftColumns.KIND_CHAMPION.equals(kind)) return "another scorer now ranks best on the holdout";
        if (DriftColumns.KIND_SHARE.equals(kind)) {
            return String.format(Locale.ROOT, "share changed by %+.1f points", number(r, DriftColumns.CHANGE) * 100);
        }
        return String.format(Locale.ROOT, "changed by %+.3f", number(r, DriftColumns.CHANGE));
    }

    private static String value(Row r, String column) {
        Double v = number(r, column);
        if (v == null) return "n/a";
        return DriftColumns.KIND_SHARE.equals(r.getAs(DriftColumns.KIND)) ? Html.share(v)
                : String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.1f" : "%.4g", v);
    }

    /** "12 items compared (4 btyd, 9 features ...)" from the rows that are comparisons. */
    private static String compared(List<Row> rows) {
        Map<String, Integer> byPart = new TreeMap<>();
        for (Row r : rows) {
            String kind = r.getAs(DriftColumns.KIND);
            if (!DriftColumns.KIND_NOTE.equals(kind) && !DriftColumns.KIND_TRANSITION.equals(kind)) {
                byPart.merge(part(r), 1, Integer::sum);
            }
        }
        if (byPart.isEmpty()) return "no part had a previous snapshot to compare with";
        List<String> parts = new ArrayList<>();
        byPart.forEach((p, n) -> parts.add(n + " " + p));
        return "compared " + String.join(", ", parts);
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String part(Row r) {
        return switch (r.<String>getAs(DriftColumns.PART)) {
            case DriftColumns.PART_BTYD -> "BTYD parameters";
            case DriftColumns.PART_FEATURES -> "model features";
            case DriftColumns.PART_MODEL -> "churn model metrics";
            default -> "segments";
        };
    }

    /** The share of customers in both snapshots whose RFM segment changed, and the largest flow between two segments. */
    private static java.util.Optional<String> transitionSentence(List<Row> rows) {
        long both = 0, moved = 0;
        Row largest = null;
        for (Row r : rows) {
            if (!DriftColumns.KIND_TRANSITION.equals(r.getAs(DriftColumns.KIND)) || !SegmentColumns.GROUPING_RFM.equals(r.getAs(DriftColumns.GROUPING))) continue;
            String from = r.getAs(DriftColumns.FROM_LABEL);
            String to = r.getAs(DriftColumns.TO_LABEL);
            if (DriftColumns.NEW.equals(from) || DriftColumns.GONE.equals(to)) continue;
            long n = r.getAs(DriftColumns.CUSTOMERS);
            both += n;
            if (from.equals(to)) continue;
            moved += n;
            if (largest == null || n > largest.<Long>getAs(DriftColumns.CUSTOMERS)) largest = r;
        }
        if (both == 0) return java.util.Optional.empty();
        String s = String.format(Locale.ROOT, "%s of the %,d customers in both snapshots changed RFM segment",
                Html.share((double) moved / both), both);
        if (largest != null) {
            s += String.format(Locale.ROOT, "; the largest flow was %s → %s (%,d customers)", largest.getAs(DriftColumns.FROM_LABEL),
                    largest.getAs(DriftColumns.TO_LABEL), largest.<Long>getAs(DriftColumns.CUSTOMERS));
        }
        return java.util.Optional.of(s + ".");
    }
}
