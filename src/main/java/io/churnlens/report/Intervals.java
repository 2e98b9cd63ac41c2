package io.churnlens.report;

import io.churnlens.schema.ImpactColumns;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The 90% intervals of the as-of quarter as the report shows them: error bars on the charts and one paragraph
 * under the headline figures. Reads churn_impact's interval columns by name; a row written before they existed (or
 * an interval that was not computed) shows nothing, never a made-up range.
 */
final class Intervals {
    private Intervals() {}

    /** The interval of {@code prefix} (columns prefix_lo90, prefix_hi90) on the row, or null. */
    static double[] of(Row row, String prefix) {
        Double lo = optional(row, prefix + "_lo90");
        Double hi = optional(row, prefix + "_hi90");
        return lo == null || hi == null ? null : new double[] {lo, hi};
    }

    static Double optional(Row row, String column) {
        if (row == null || row.schema() == null || !Arrays.asList(row.schema().fieldNames()).contains(column)) return null;
        return ReportData.number(row, column);
    }

    /** One error bar at the as-of quarter (the last x position), scaled by {@code divisor}; empty without interval. */
    static List<Svg.ErrorBar> bar(ReportData d, String prefix, double divisor, String color, java.util.function.DoubleFunction<String> fmt) {
        List<Svg.ErrorBar> out = new ArrayList<>();
        double[] i = of(d.current(), prefix);
        if (i == null || !(divisor > 0)) return out;
        out.add(new Svg.ErrorBar(d.impact().size() - 1, i[0] / divisor, i[1] / divisor, color,
                "90% interval " + d.quarter() + ": " + fmt.apply(i[0] / divisor) + " to " + fmt.apply(i[1] / divisor)));
        return out;
    }

    /** The paragraph under the headline figures: each interval in words, and what it covers. */
    static void append(StringBuilder b, ReportData d) {
        Row now = d.current();
        List<String> parts = new ArrayList<>();
        add(parts, now, ImpactColumns.CHURN_RATE, "churn rate", Html::share);
        add(parts, now, ImpactColumns.REVENUE_LOST, "revenue lost", Html::money);
        add(parts, now, ImpactColumns.REVENUE_AT_RISK, "revenue at risk", Html::money);
        double[] pred = of(now, ImpactColumns.MODEL_DROPOUT_REVENUE + "_pred");
        double[] param = of(now, ImpactColumns.MODEL_DROPOUT_REVENUE + "_param");
        if (parts.isEmpty() && pred == null) return;
        b.append("<section id=\"intervals\"><p>");
        if (!parts.isEmpty()) {
            b.append(Html.esc("90% intervals for " + d.quarter() + ": " + String.join("; ", parts)
                    + ". These show how much the figures would move with another customer base like ours "
                    + "(customers resampled), not a forecast."));
        }
        if (pred != null) {
            b.append(parts.isEmpty() ? "" : " ").append(Html.esc("The annual value taken by the customers who truly "
                    + "stopped buying this quarter lies between " + Html.money(pred[0]) + " and " + Html.money(pred[1])
                    + " with 90% probability under the purchase model (estimate "
                    + Html.money(number(now, ImpactColumns.MODEL_DROPOUT_REVENUE)) + "; each buyer's drop-out and the "
                    + "model's parameters uncertain" + (param == null ? "" : "; the parameters alone: "
                    + Html.money(param[0]) + " to " + Html.money(param[1])) + ")."));
        }
        b.append("</p></section>\n");
    }

    private static void add(List<String> parts, Row now, String figure, String name, java.util.function.DoubleFunction<String> fmt) {
        double[] i = of(now, figure);
        Double v = optional(now, figure);
        if (i != null && v != null) parts.add(name + " " + fmt.apply(v) + " (" + fmt.apply(i[0]) + " to " + fmt.apply(i[1]) + ")");
    }

    private static double number(Row row, String column) {
        Double v = optional(row, column);
        return v == null ? Double.NaN : v;
    }
}
