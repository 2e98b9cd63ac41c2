package io.churnlens.report;

import org.apache.spark.sql.Row;

import java.util.List;

import static io.churnlens.report.ReportData.number;
import static io.churnlens.schema.BridgeColumns.*;

/**
 * The report's section on revenue_lost_bridge: one sentence with the total split into volume, mix and value, and the
 * rows of the first dimension (segments, then the total).
 */
final class BridgeSection {
    private BridgeSection() {}

    static void append(StringBuilder b, List<Row> rows) {
        b.append("<section id=\"bridge\"><h2>Why revenue lost changed since the previous quarter</h2>\n");
        Row total = rows.stream().filter(r -> ALL.equals(r.getAs(SEGMENT))).reduce((x, y) -> y).orElse(null);
        if (total == null || total.getAs(PREVIOUS_QUARTER) == null) {
            String why = total == null ? "the impact stage published no revenue_lost_bridge for this quarter"
                    : total.getAs(NOTE);
            b.append("<p class=\"na\">Not available: ").append(Html.esc(why)).append(".</p></section>\n");
            return;
        }
        b.append("<p>").append(Html.esc(sentence(total))).append("</p>\n");
        b.append("<table class=\"figures\">\n<thead><tr><th>").append(Html.esc(total.getAs(DIMENSION)))
                .append("</th><th>Departed</th><th>Revenue lost ").append(Html.esc(total.getAs(PREVIOUS_QUARTER)))
                .append("</th><th>Revenue lost ").append(Html.esc(total.getAs(QUARTER)))
                .append("</th><th>Volume effect</th><th>Mix effect</th><th>Value effect</th><th>Change</th></tr></thead>\n<tbody>\n");
        for (Row r : rows) {
            boolean isTotal = ALL.equals(r.getAs(SEGMENT));
            b.append(isTotal ? "<tr class=\"total\"><td><b>Total</b>" : "<tr><td>" + Html.esc(r.getAs(SEGMENT)))
                    .append("</td><td class=\"num\">").append(Html.count(number(r, DEPARTED_PREVIOUS))).append(" → ")
                    .append(Html.count(number(r, DEPARTED_CURRENT)));
            for (String c : List.of(REVENUE_LOST_PREVIOUS, REVENUE_LOST_CURRENT, VOLUME_EFFECT, MIX_EFFECT, VALUE_EFFECT,
                    REVENUE_LOST_CHANGE)) {
                b.append("</td><td class=\"num\">").append(Html.esc(Html.money2(number(r, c))));
            }
            b.append("</td></tr>\n");
        }
        b.append("</tbody></table>\n<p class=\"small\">Segments: ").append(Html.esc(total.getAs(SEGMENTATION)))
                .append(". Volume = more or fewer departures, mix = which segments they came from, value = what each "
                        + "departed customer was worth within their segment (Shapley split; the parts add up to the "
                        + "change to the cent). Every dimension: revenue_lost_bridge.</p></section>\n");
    }

    private static String sentence(Row t) {
        double change = number(t, REVENUE_LOST_CHANGE);
        return "Revenue lost to departures went from " + Html.money2(number(t, REVENUE_LOST_PREVIOUS)) + " in "
                + t.getAs(PREVIOUS_QUARTER) + " to " + Html.money2(number(t, REVENUE_LOST_CURRENT)) + " in " + t.getAs(QUARTER)
                + " (" + (change >= 0 ? "+" : "") + Html.money2(change) + "): " + part(number(t, VOLUME_EFFECT))
                + " from the number of departures (" + Html.count(number(t, DEPARTED_PREVIOUS)) + " → "
                + Html.count(number(t, DEPARTED_CURRENT)) + "), " + part(number(t, MIX_EFFECT)) + " from which "
                + t.getAs(DIMENSION) + " they came from, and " + part(number(t, VALUE_EFFECT))
                + " from the value per departed customer.";
    }

    private static String part(double v) {
        return (v >= 0 ? "+" : "") + Html.money2(v);
    }
}
