package io.churnlens.report;

import io.churnlens.config.ImpactSettings;
import io.churnlens.schema.ImpactColumns;
import io.churnlens.schema.ScoreColumns;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static io.churnlens.report.ReportData.number;

/**
 * The quarter's management report: one self-contained HTML page (inline CSS and SVG; no script, no external file
 * or font), written as well-formed XHTML so a test can parse it. Sections: summary, headline figures with changes,
 * charts, scenarios, customers at risk, economics and external reference points, assumptions, data notes.
 */
public final class ManagementReport {
    /** Ids of the charts every report carries (the test checks each is present). */
    public static final List<String> CHART_IDS = List.of("chart-churn-rate", "chart-revenue-lost",
            "chart-cohort-retention", "chart-revenue-at-risk", "chart-revenue-lost-by-segment");
    private static final int MAX_COHORT_LINES = 6;

    private ManagementReport() {}

    /** The files of {@code management/YYYY-Qn/}: report.html and key_figures.csv. */
    public static Map<String, byte[]> files(ReportData data) {
        List<KeyFigure> figures = KeyFigures.of(data);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("report.html", html(data, figures).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        files.put("key_figures.csv", KeyFigures.csv(data.quarter(), figures).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return files;
    }

    static String html(ReportData d, List<KeyFigure> figures) {
        Row now = d.current();
        StringBuilder b = new StringBuilder(16_384);
        b.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<title>Churn impact ").append(d.quarter()).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        b.append("<header><h1>What churn cost us in ").append(d.quarter()).append("</h1>\n<p class=\"sub\">Quarter ")
                .append(now.getAs(ImpactColumns.QUARTER_START).toString()).append(" to ").append(d.asOf())
                .append(". Money in the reporting currency, net of returns.</p></header>\n");

        b.append("<section id=\"summary\"><h2>Summary</h2>\n");
        for (String p : Summary.sentences(d)) b.append("<p>").append(Html.esc(p)).append("</p>\n");
        b.append("</section>\n");

        headline(b, figures);
        charts(b, d);
        scenarios(b, d);
        topCustomers(b, d);
        references(b, d);
        assumptions(b, d);
        String note = now.getAs(ImpactColumns.NOTE);
        b.append("<section id=\"notes\"><h2>Data notes</h2>\n<ul>\n");
        if (note != null) for (String n : note.split("; ")) b.append("<li>").append(Html.esc(n)).append("</li>\n");
        b.append("<li>Tables behind this page: churn_impact, scenarios, cohort_retention, segment_risk (as_of=")
                .append(d.asOf()).append(").</li>\n</ul></section>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void headline(StringBuilder b, List<KeyFigure> figures) {
        b.append("<section id=\"headline\"><h2>Headline figures</h2>\n<table class=\"figures\">\n<thead><tr><th>Figure</th>"
                + "<th>This quarter</th><th>vs previous quarter</th><th>vs same quarter last year</th><th>Basis</th></tr></thead>\n<tbody>\n");
        for (KeyFigure f : figures) {
            b.append("<tr id=\"figure-").append(f.key()).append("\"><td>").append(Html.esc(f.label())).append("</td><td class=\"num\">")
                    .append(f.format(f.value())).append("</td><td class=\"num\">").append(change(f, f.previous()))
                    .append("</td><td class=\"num\">").append(change(f, f.yearAgo())).append("</td><td class=\"basis\">")
                    .append(f.basis()).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n<p class=\"small\">Basis: <b>observed</b> = from transactions by the inactivity rule "
                + "(late by up to the threshold); <b>model</b> = estimated by the purchase or churn model; <b>config</b> = "
                + "uses an input from the configuration.</p></section>\n");
    }

    private static String change(KeyFigure f, Double before) {
        String c = f.change(before);
        return c == null ? "<span class=\"na\">n/a</span>" : Html.esc(c + " (" + f.format(before) + ")");
    }

    private static void charts(StringBuilder b, ReportData d) {
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
        b.append(Svg.line("chart-churn-rate", "Churn rate per quarter", quarters,
                List.of(new Svg.Series("observed", churn, Svg.COLORS[0], false),
                        new Svg.Series("model", modelChurn, Svg.COLORS[1], false)), Html::share, true));
        b.append(legend(List.of("Observed churn rate", "Model-based drop-out rate"), List.of(Svg.COLORS[0], Svg.COLORS[1]), List.of(false, false)));
        b.append("</figure>\n<figure><figcaption>Annual revenue lost with the customers who left, per quarter</figcaption>\n");
        b.append(Svg.bars("chart-revenue-lost", "Revenue lost per quarter", quarters, column(d.impact(), ImpactColumns.REVENUE_LOST),
                Html::money, Svg.COLORS[3]));
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

    private static void scenarios(StringBuilder b, ReportData d) {
        b.append("<section id=\"scenarios\"><h2>What reducing churn is worth</h2>\n<table class=\"figures\">\n<thead><tr>"
                + "<th>Scenario</th><th>Churn rate</th><th>Customers kept</th><th>Revenue kept this year</th>"
                + "<th>Value of the customer base over the horizon</th></tr></thead>\n<tbody>\n");
        String assumptions = null;
        int horizon = d.settings().scenarioHorizonQuarters();
        for (Row r : d.scenarios()) {
            assumptions = r.getAs(ImpactColumns.ASSUMPTIONS);
            b.append("<tr><td>").append(Html.esc(r.getAs(ImpactColumns.SCENARIO))).append("</td><td class=\"num\">")
                    .append(Html.share(number(r, ImpactColumns.BASELINE_CHURN_RATE))).append(" → ")
                    .append(Html.share(number(r, ImpactColumns.SCENARIO_CHURN_RATE))).append("</td><td class=\"num\">")
                    .append(Html.count(number(r, ImpactColumns.CUSTOMERS_KEPT))).append("</td><td class=\"num\">")
                    .append(Html.money(number(r, ImpactColumns.REVENUE_KEPT_THIS_YEAR))).append("</td><td class=\"num\">+")
                    .append(Html.money(number(r, ImpactColumns.BASE_VALUE_EFFECT))).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
        if (d.scenarios().isEmpty()) b.append("<p class=\"na\">No scenarios: nobody was active at the start of the quarter.</p>\n");
        b.append("<p class=\"small\">Customers kept = customers at the start × churn reduction; revenue kept = customers kept × "
                + "the annual value a departed customer takes; base value = revenue of today's customers over the next ")
                .append(horizon).append(" quarters, discounted. Assumptions: ").append(Html.esc(assumptions == null ? "" : assumptions))
                .append(".</p></section>\n");
    }

    private static void topCustomers(StringBuilder b, ReportData d) {
        if (d.topCustomers().isEmpty()) return;
        b.append("<section id=\"top-customers\"><h2>Customers carrying the most revenue at risk</h2>\n<table class=\"figures\">\n"
                + "<thead><tr><th>Customer</th><th>Segment</th><th>Churn probability</th><th>Expected revenue, 12 months</th>"
                + "<th>Revenue at risk</th></tr></thead>\n<tbody>\n");
        for (Row r : d.topCustomers()) {
            b.append("<tr><td>").append(Html.esc(r.getAs(ScoreColumns.CUSTOMER_ID))).append("</td><td>")
                    .append(Html.esc(r.getAs(ScoreColumns.RFM_SEGMENT))).append("</td><td class=\"num\">")
                    .append(Html.share(number(r, ScoreColumns.CHURN_PROBABILITY))).append("</td><td class=\"num\">")
                    .append(Html.money(number(r, ScoreColumns.EXPECTED_REVENUE_12M))).append("</td><td class=\"num\">")
                    .append(Html.money(number(r, "revenue_at_risk"))).append("</td></tr>\n");
        }
        b.append("</tbody></table></section>\n");
    }

    private static void references(StringBuilder b, ReportData d) {
        ImpactSettings.Reference ref = d.settings().reference();
        b.append("<section id=\"references\"><h2>Economics and external reference points</h2>\n<ul>\n");
        Optional<Double> yearShare = Summary.revenueLostLastYearShare(d);
        b.append("<li><span class=\"tag\">External reference point</span> ").append(Html.share(ref.revenueLostShare()))
                .append(" of annual revenue lost to churn (").append(Html.esc(ref.revenueLostShareSource())).append("). Ours: ")
                .append(yearShare.map(s -> Html.share(s) + " over the last four quarters (annual value of the customers who left, "
                        + "against revenue of the last four quarters).").orElse("not available (less than four quarters of history)."))
                .append("</li>\n");
        Double acquisition = number(d.current(), ImpactColumns.ACQUISITION_COST);
        b.append("<li><span class=\"tag\">External reference point</span> A new customer costs at least ")
                .append(Html.ratio(ref.acquisitionToRetentionCost())).append(" times as much as keeping one (")
                .append(Html.esc(ref.acquisitionToRetentionCostSource())).append("). ");
        if (acquisition == null) {
            b.append("Ours: not available — no marketing spend is configured for ").append(d.quarter())
                    .append(" (impact.marketing-spend), so the acquisition cost is unknown, not zero.");
        } else {
            b.append("Ours: acquisition cost ").append(Html.money2(acquisition)).append(" per new customer");
            if (d.settings().retentionCostPerCustomer() != null && d.settings().retentionCostPerCustomer().signum() > 0) {
                double ratio = acquisition / d.settings().retentionCostPerCustomer().doubleValue();
                b.append(" against a retention cost of ").append(Html.money2(d.settings().retentionCostPerCustomer().doubleValue()))
                        .append(": ").append(Html.ratio(ratio)).append(" times.");
            } else {
                b.append("; by the rule of thumb, keeping a customer is worth up to ")
                        .append(Html.money2(acquisition / ref.acquisitionToRetentionCost()))
                        .append(" (retention cost per customer not configured).");
            }
            Double replace = number(d.current(), ImpactColumns.COST_TO_REPLACE_DEPARTED);
            if (replace != null) b.append(" Replacing this quarter's departed customers would cost about ").append(Html.money(replace)).append('.');
        }
        b.append("</li>\n</ul></section>\n");
    }

    private static void assumptions(StringBuilder b, ReportData d) {
        ImpactSettings s = d.settings();
        b.append("<section id=\"assumptions\"><h2>Assumptions</h2>\n<ul>\n");
        List<String> items = List.of(
                "A customer is active while their last purchase is at most " + d.inactivityDays() + " days old; a customer "
                        + "active at the start of the quarter and not at its end has left (churn.inactivity-days).",
                "A departed customer's annual value is their net revenue in the 365 days up to their last purchase.",
                "Model-based drop-outs use the purchase model's probability that a customer is still active (P(alive)); "
                        + "they are timely but estimated.",
                "Revenue at risk = churn probability × expected revenue over the next 12 months, summed over customers.",
                "Scenarios change only the churn rate; revenue per customer stays as in the last four quarters; money over the "
                        + "horizon is discounted at " + String.format(Locale.ROOT, "%.2f%%", d.monthlyDiscountRate() * 100) + " a month.",
                "Word of mouth (" + (s.wordOfMouth().enabled() ? "ON: " + s.wordOfMouth().value() + " customers deterred per departure" : "off")
                        + ") and referrals (" + (s.referral().enabled() ? "ON: " + s.referral().value() + " customers referred per customer kept" : "off")
                        + ") are assumptions, not measurements.",
                "Marketing spend: " + (s.marketingSpend().isEmpty() ? "none configured" : s.marketingSpend().size() + " quarter(s) configured")
                        + "; a quarter without spend has no acquisition cost.",
                "Cohort projections: shifted-beta-geometric model (Fader and Hardie 2007) fitted per cohort on customers not yet lost.");
        for (String item : items) b.append("<li>").append(Html.esc(item)).append("</li>\n");
        b.append("</ul></section>\n");
    }

    private static String legend(List<String> names, List<String> colors, List<Boolean> dashed) {
        StringBuilder b = new StringBuilder("<div class=\"legend\">");
        for (int i = 0; i < names.size(); i++) {
            b.append("<span><i style=\"background:").append(colors.get(i)).append("\"></i>").append(Html.esc(names.get(i))).append("</span>");
        }
        return b.append("</div>\n").toString();
    }

    private static List<Double> column(List<Row> rows, String column) {
        List<Double> out = new ArrayList<>();
        for (Row r : rows) out.add(number(r, column));
        return out;
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1d232a;max-width:1080px;margin:0 auto;padding:24px 32px;line-height:1.45}
            h1{font-size:28px;margin:0 0 4px}h2{font-size:20px;margin:28px 0 10px;border-bottom:2px solid #e3e7ec;padding-bottom:4px}
            .sub,.small{color:#5b6673;font-size:13px}.na{color:#8a6d3b}
            #summary p{font-size:16px;margin:6px 0}
            table.figures{border-collapse:collapse;width:100%;font-size:14px}
            table.figures th{text-align:left;background:#f3f5f8;padding:6px 8px;border-bottom:1px solid #d5dbe2}
            table.figures td{padding:5px 8px;border-bottom:1px solid #eceff3}
            td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.basis{color:#5b6673}
            figure{margin:18px 0}figcaption{font-weight:600;margin-bottom:6px}
            svg.chart{width:100%;height:auto;display:block}
            svg .grid{stroke:#e3e7ec;stroke-width:1}svg .tick{font-size:13px;fill:#5b6673}
            svg .label{font-size:14px;fill:#1d232a}svg .value{font-size:14px;fill:#1d232a}
            .legend{font-size:13px;color:#333}.legend span{margin-right:18px;white-space:nowrap}
            .legend i{display:inline-block;width:14px;height:4px;margin-right:6px;vertical-align:middle}
            .tag{background:#fff3cd;border:1px solid #e0c36a;border-radius:3px;padding:0 5px;font-size:12px;margin-right:4px}
            ul li{margin:4px 0}
            """;
}
