package io.churnlens.report;

import io.churnlens.config.ImpactSettings;
import io.churnlens.schema.ImpactColumns;
import io.churnlens.schema.ScoreColumns;
import org.apache.spark.sql.Row;

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
    public static final List<String> CHART_IDS = ReportCharts.IDS;

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
        for (String p : d.sections().modelChecks()) b.append("<p class=\"model-check\">").append(Html.esc(p)).append("</p>\n");
        b.append("</section>\n");

        headline(b, figures);
        Intervals.append(b, d);
        ReportCharts.append(b, d);
        scenarios(b, d);
        DefinitionSections.append(b, d.definitions());
        if (d.campaignLine() != null) b.append("<p id=\"campaign\">").append(Html.esc(d.campaignLine())).append("</p>\n");
        topCustomers(b, d);
        DriftSection.append(b, d);
        references(b, d);
        assumptions(b, d);
        String note = now.getAs(ImpactColumns.NOTE);
        b.append("<section id=\"notes\"><h2>Data notes</h2>\n<ul>\n");
        if (note != null) for (String n : note.split("; ")) b.append("<li>").append(Html.esc(n)).append("</li>\n");
        for (String n : d.fitNotes()) b.append("<li class=\"fit-note\">").append(Html.esc(n)).append("</li>\n");
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
        b.append("<section id=\"top-customers\"><h2>Customers carrying the most revenue at risk</h2>\n");
        if (d.pseudonymised()) {
            b.append("<p class=\"small\">Customers are shown by pseudonym (a keyed hash of the id); the data team "
                    + "can tell who they are.</p>\n");
        }
        b.append("<table class=\"figures\">\n"
                + "<thead><tr><th>" + (d.pseudonymised() ? "Customer (pseudonym)" : "Customer") + "</th><th>Segment</th><th>Churn probability</th><th>Expected revenue, 12 months</th>"
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
