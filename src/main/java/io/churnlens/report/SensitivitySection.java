package io.churnlens.report;

import org.apache.spark.sql.Row;

import java.util.List;
import java.util.Locale;

import static io.churnlens.report.ReportData.number;
import static io.churnlens.schema.SensitivityColumns.*;

/**
 * The report's section on churn_sensitivity: the quarter's churn under each definition beside the headline one, and
 * one sentence when the ranking of segments by churn rate changes between definitions ({@link RankingChange}).
 */
final class SensitivitySection {
    private SensitivitySection() {}

    static void append(StringBuilder b, List<Row> sensitivity) {
        b.append("<section id=\"sensitivity\"><h2>How much the figures depend on the definition of churn</h2>\n");
        List<Row> totals = sensitivity.stream().filter(r -> ALL.equals(r.getAs(DIMENSION))).toList();
        if (totals.isEmpty()) {
            b.append("<p class=\"na\">Not available: the impact stage published no churn_sensitivity for this quarter.</p></section>\n");
            return;
        }
        Row headline = totals.stream().filter(r -> Boolean.TRUE.equals(r.getAs(HEADLINE))).findFirst().orElse(null);
        Double headRate = number(headline, CHURN_RATE);
        b.append("<table class=\"figures\">\n<thead><tr><th>Customers count as departed when</th><th>Active at the start</th>"
                + "<th>Departed</th><th>Churn rate</th><th>vs headline</th><th>Revenue lost</th></tr></thead>\n<tbody>\n");
        for (Row r : totals) {
            boolean isHeadline = Boolean.TRUE.equals(r.getAs(HEADLINE));
            Double rate = number(r, CHURN_RATE);
            b.append(isHeadline ? "<tr class=\"headline-definition\"><td><b>" : "<tr><td>")
                    .append(Html.esc(r.getAs(DEFINITION))).append(isHeadline ? " (headline)</b>" : "")
                    .append("</td><td class=\"num\">").append(Html.count(number(r, CUSTOMERS_START)))
                    .append("</td><td class=\"num\">").append(na(number(r, CUSTOMERS_DEPARTED), Html::count))
                    .append("</td><td class=\"num\">").append(na(rate, Html::share))
                    .append("</td><td class=\"num\">").append(isHeadline || rate == null || headRate == null ? ""
                            : String.format(Locale.ROOT, "%+.1f pp", (rate - headRate) * 100))
                    .append("</td><td class=\"num\">").append(na(number(r, REVENUE_LOST), Html::money)).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
        RankingChange.sentence(sensitivity).ifPresentOrElse(
                s -> b.append("<p id=\"ranking-change\">").append(Html.esc(s)).append("</p>\n"),
                () -> b.append("<p>The ranking of segments by churn rate is the same under every definition.</p>\n"));
        b.append("<p class=\"small\">Inactivity: a customer has left when their last purchase is older than the threshold "
                + "at the quarter end but was not at its start. P(alive): a customer active at the start (headline "
                + "threshold) has left when the purchase model's probability that they are still a customer is below the "
                + "cut-off (an estimate). Per segment: churn_sensitivity.</p></section>\n");
    }

    private static String na(Double v, java.util.function.DoubleFunction<String> format) {
        return v == null ? "<span class=\"na\">n/a</span>" : Html.esc(format.apply(v));
    }
}
