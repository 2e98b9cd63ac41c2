package io.churnlens.report;

import io.churnlens.schema.ImpactColumns;
import io.churnlens.schema.ScoreColumns;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.churnlens.report.ReportData.number;

/** The charts section of the management report: the churn history, cohort curves and segment bars, as inline SVG. */
final class ReportCharts {
    static final List<String> IDS = List.of("chart-churn-rate", "chart-revenue-lost", "chart-cohort-retention",
            "chart-revenue-at-risk", "chart-revenue-lost-by-segment");
    private static final int MAX_COHORT_LINES = 6;

    private ReportCharts() {}

    static void append(StringBuilder b, ReportData d) {
        List<String> quarters = d.impact().stream().map(r -> r.<String>getAs(ImpactColumns.QUARTER)).toList();
        List<Double> churn = column(d.impact(), ImpactColumns.CHURN_RATE);
        List<Double> modelChurn = new ArrayList<>();
        for (Row r : d.impact()) {
            Row own = d.ownPartitions().getOrDefault(r.<String>getAs(ImpactColumns.QUARTER), r);
            Double drop = number(own, ImpactColumns.MODEL_EXPECTED_DROPOUTS);
            Double start = number(r, ImpactColumns.CUSTOMERS_START);
            modelChurn.add(drop == null || start == null || start == 0 ? null : drop / start);
        }
        b.append("<section id=\"charts\"><h2>Churn over the quarters</h2>\n<figure><figcaption>Customer churn rate per quarter: "
                + "observed (left after ").append(d.inactivityDays()).append(" days without a purchase) and, where computed, "
                + "the purchase model's expected drop-outs</figcaption>\n");
        // Error bars (as-of quarter): observed churn, customer bootstrap; model drop-out rate, prediction interval.
        List<Svg.ErrorBar> churnBars = new ArrayList<>(Intervals.bar(d, ImpactColumns.CHURN_RATE, 1, Svg.COLORS[0], Html::share));
        churnBars.addAll(Intervals.bar(d, ImpactColumns.MODEL_EXPECTED_DROPOUTS + "_pred",
                number(d.current(), ImpactColumns.CUSTOMERS_START), Svg.COLORS[1], Html::share));
        b.append(Svg.line("chart-churn-rate", "Churn rate per quarter", quarters,
                List.of(new Svg.Series("observed", churn, Svg.COLORS[0], false),
                        new Svg.Series("model", modelChurn, Svg.COLORS[1], false)), Html::share, true, churnBars));
        b.append(legend(List.of("Observed churn rate", "Model-based drop-out rate"), List.of(Svg.COLORS[0], Svg.COLORS[1]), List.of(false, false)));
        if (!churnBars.isEmpty()) {
            b.append("<p class=\"small\">Error bars, this quarter: 90% intervals (observed: customers resampled; model: "
                    + "the realised drop-outs given each buyer's P(alive) and the model's parameter uncertainty).</p>\n");
        }
        b.append("</figure>\n<figure><figcaption>Annual revenue lost with the customers who left, per quarter</figcaption>\n");
        b.append(Svg.bars("chart-revenue-lost", "Revenue lost per quarter", quarters, column(d.impact(), ImpactColumns.REVENUE_LOST),
                Html::money, Svg.COLORS[3], Intervals.bar(d, ImpactColumns.REVENUE_LOST, 1, "#1d232a", Html::money)));
        b.append("</figure>\n");
        cohortChart(b, d);
        segmentCharts(b, d);
        b.append("</section>\n");
    }

    private static void cohortChart(StringBuilder b, ReportData d) {
        Map<String, List<Row>> cohorts = new LinkedHashMap<>();
        for (Row r : d.cohorts()) cohorts.computeIfAbsent(r.getAs(ImpactColumns.COHORT), k -> new ArrayList<>()).add(r);
        // The most recent cohorts that have a projection, oldest first: enough lines to compare, few enough to read.
        List<String> shown = cohorts.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(r -> r.getAs(ImpactColumns.PROJECTED_RETENTION) != null))
                .map(Map.Entry::getKey).toList();
        shown = shown.subList(Math.max(0, shown.size() - MAX_COHORT_LINES), shown.size());
        int width = shown.stream().mapToInt(c -> cohorts.get(c).size()).max().orElse(1);
        List<String> x = new ArrayList<>();
        for (int k = 0; k < width; k++) x.add(String.valueOf(k));
        List<Svg.Series> series = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> colors = new ArrayList<>();
        List<Boolean> dashed = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            String color = Svg.COLORS[i % Svg.COLORS.length];
            List<Row> rows = cohorts.get(shown.get(i));
            List<Double> observed = new ArrayList<>();
            List<Double> projected = new ArrayList<>();
            for (Row r : rows) {
                boolean isObserved = r.getAs(ImpactColumns.OBSERVED);
                Double surviving = number(r, ImpactColumns.CUSTOMERS_SURVIVING);
                observed.add(isObserved && surviving != null ? surviving / number(r, ImpactColumns.COHORT_CUSTOMERS) : null);
                projected.add(number(r, ImpactColumns.PROJECTED_RETENTION));
            }
            series.add(new Svg.Series(shown.get(i) + " observed", observed, color, false));
            series.add(new Svg.Series(shown.get(i) + " projected", projected, color, true));
            names.add(shown.get(i));
            colors.add(color);
            dashed.add(false);
        }
        b.append("<figure><figcaption>Cohort retention: share of each acquisition quarter's customers not yet lost, by quarters "
                + "since acquisition (solid: observed; dashed: sBG projection)</figcaption>\n");
        b.append(Svg.line("chart-cohort-retention", "Cohort retention curves with projections", x, series, Html::share, true));
        b.append(legend(names, colors, dashed));
        if (shown.isEmpty()) b.append("<p class=\"na\">No cohort has enough customers and departures for a projection yet.</p>\n");
        b.append("<p class=\"small\">x axis: quarters since acquisition.</p></figure>\n");
    }

    private static void segmentCharts(StringBuilder b, ReportData d) {
        List<Row> rfm = d.segments().stream().filter(r -> ScoreColumns.RFM_SEGMENT.equals(r.getAs(ImpactColumns.DIMENSION))).toList();
        List<Row> atRisk = rfm.stream().filter(r -> r.getAs(ImpactColumns.REVENUE_AT_RISK) != null)
                .sorted((a, c) -> Double.compare(number(c, ImpactColumns.REVENUE_AT_RISK), number(a, ImpactColumns.REVENUE_AT_RISK)))
                .toList();
        b.append("<figure><figcaption>Revenue at risk over the next 12 months by RFM segment (churn probability × expected revenue)</figcaption>\n");
        b.append(Svg.horizontalBars("chart-revenue-at-risk", "Revenue at risk by segment",
                atRisk.stream().map(r -> r.<String>getAs(ImpactColumns.SEGMENT)).toList(),
                column(atRisk, ImpactColumns.REVENUE_AT_RISK), Html::money, Svg.COLORS[1]));
        if (atRisk.isEmpty()) {
            b.append("<p class=\"na\">Not available: the churn score stage has not run for this quarter, so no revenue "
                    + "at risk is shown (nothing is estimated in its place).</p>\n");
        }
        b.append("</figure>\n");
        List<Row> lost = rfm.stream().sorted((a, c) -> Double.compare(number(c, ImpactColumns.REVENUE_LOST),
                number(a, ImpactColumns.REVENUE_LOST))).toList();
        Object segmentsAsOf = rfm.isEmpty() ? null : rfm.get(0).getAs(ImpactColumns.SEGMENTS_AS_OF);
        b.append("<figure><figcaption>Annual revenue lost this quarter by RFM segment")
                .append(segmentsAsOf == null ? "" : " (segments as of " + segmentsAsOf + ")")
                .append(", with each segment's churn rate</figcaption>\n");
        if (segmentsAsOf != null && d.asOf().toString().equals(segmentsAsOf.toString())) {
            b.append("<p class=\"small\">No segments were published for the start of the quarter, so customers are grouped "
                    + "by their segment at its end, after they left (run the pipeline for the previous quarter end to fix this).</p>\n");
        }
        b.append(Svg.horizontalBars("chart-revenue-lost-by-segment", "Revenue lost by segment",
                lost.stream().map(r -> r.<String>getAs(ImpactColumns.SEGMENT) + churnSuffix(r)).toList(),
                column(lost, ImpactColumns.REVENUE_LOST), Html::money, Svg.COLORS[3]));
        b.append("</figure>\n");
    }

    private static String churnSuffix(Row r) {
        Double c = number(r, ImpactColumns.CHURN_RATE);
        return c == null ? "" : " (" + Html.share(c) + ")";
    }

    private static String legend(List<String> names, List<String> colors, List<Boolean> dashed) {
        StringBuilder b = new StringBuilder("<div class=\"legend\">");
        for (int i = 0; i < names.size(); i++) {
            b.append("<span><i style=\"background:").append(colors.get(i)).append("\"></i>").append(Html.esc(names.get(i))).append("</span>");
        }
        return b.append("</div>\n").toString();
    }

    static List<Double> column(List<Row> rows, String column) {
        List<Double> out = new ArrayList<>();
        for (Row r : rows) out.add(number(r, column));
        return out;
    }

}
