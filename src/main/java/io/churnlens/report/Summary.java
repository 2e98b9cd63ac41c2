package io.churnlens.report;

import io.churnlens.schema.ImpactColumns;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.churnlens.report.ReportData.number;

/** The plain-language summary at the top of the report: a few sentences built from the figures, none invented. */
final class Summary {
    private Summary() {}

    static List<String> sentences(ReportData d) {
        Row now = d.current();
        List<String> out = new ArrayList<>();
        double departed = number(now, ImpactColumns.CUSTOMERS_DEPARTED);
        double start = number(now, ImpactColumns.CUSTOMERS_START);
        Double churn = number(now, ImpactColumns.CHURN_RATE);
        Double lostShare = number(now, ImpactColumns.REVENUE_LOST_SHARE);
        out.add("In " + d.quarter() + ", " + Html.count(departed) + " customers left (no purchase for " + d.inactivityDays()
                + " days)" + (churn == null ? "." : ", " + Html.share(churn) + " of the " + Html.count(start)
                + " who were active at the start of the quarter.")
                + " They took " + Html.money(number(now, ImpactColumns.REVENUE_LOST)) + " of annual revenue with them"
                + (lostShare == null ? "." : ", " + Html.share(lostShare) + " of the last four quarters' revenue."));
        d.earlier(4).map(r -> number(r, ImpactColumns.CHURN_RATE)).ifPresent(before -> {
            if (churn != null && before != null) {
                out.add("A year earlier the churn rate was " + Html.share(before) + " (" + (churn > before ? "up " : "down ")
                        + String.format(java.util.Locale.ROOT, "%.1f", Math.abs(churn - before) * 100) + " percentage points since).");
            }
        });
        Double dropouts = number(now, ImpactColumns.MODEL_EXPECTED_DROPOUTS);
        d.fitNotes().stream().filter(FitNotes::limitsFigures).findFirst().ifPresent(note ->
                out.add("The purchase model's figures are limited this quarter (see the data notes): " + note));
        if (dropouts != null) {
            out.add("The purchase model, which does not wait for " + d.inactivityDays() + " days of silence, estimates that "
                    + Html.count(dropouts) + " customers stopped buying during the quarter, taking "
                    + Html.money(number(now, ImpactColumns.MODEL_DROPOUT_REVENUE)) + " of annual revenue (an estimate).");
        }
        Double nrr = number(now, ImpactColumns.NET_REVENUE_RETENTION);
        if (nrr != null) {
            out.add("Customers active a year ago brought in " + Html.share(nrr) + " of the revenue this year that they brought "
                    + "the year before (net revenue retention).");
        }
        Double risk = number(now, ImpactColumns.REVENUE_AT_RISK);
        if (risk != null) {
            String top = now.getAs(ImpactColumns.REVENUE_AT_RISK_TOP_SEGMENT);
            Double topShare = number(now, ImpactColumns.REVENUE_AT_RISK_TOP_SEGMENT_SHARE);
            Double decile = number(now, ImpactColumns.REVENUE_AT_RISK_TOP_DECILE_SHARE);
            out.add("Revenue at risk over the next 12 months: " + Html.money(risk)
                    + (top == null || topShare == null ? "" : "; the largest part (" + Html.share(topShare) + ") in the segment " + top)
                    + (decile == null ? "." : "; the 10% most exposed customers carry " + Html.share(decile) + " of it."));
        } else {
            out.add("Revenue at risk is not available for this quarter: the churn score stage has not run.");
        }
        d.scenarios().stream().filter(r -> Math.abs(number(r, ImpactColumns.CHURN_REDUCTION_PP) - 2) < 1e-9).findFirst()
                .or(() -> d.scenarios().stream().findFirst())
                .ifPresent(r -> out.add("Reducing churn by " + Html.ratio(number(r, ImpactColumns.CHURN_REDUCTION_PP)).replace(".0", "")
                        + " percentage points would keep about " + Html.count(number(r, ImpactColumns.CUSTOMERS_KEPT))
                        + " customers a quarter and " + Html.money(number(r, ImpactColumns.REVENUE_KEPT_THIS_YEAR))
                        + " of revenue this year."));
        return out;
    }

    /** Annual value lost over the last four quarters / revenue of the last four quarters; empty with less history. */
    static Optional<Double> revenueLostLastYearShare(ReportData d) {
        List<Row> rows = d.impact();
        if (rows.size() < 4) return Optional.empty();
        double lost = 0;
        for (Row r : rows.subList(rows.size() - 4, rows.size())) lost += number(r, ImpactColumns.REVENUE_LOST);
        Double revenue = number(d.current(), ImpactColumns.ANNUAL_REVENUE);
        return revenue == null || revenue <= 0 ? Optional.empty() : Optional.of(lost / revenue);
    }
}
