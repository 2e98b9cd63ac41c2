package io.churnlens.report;

import io.churnlens.schema.ImpactColumns;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.churnlens.report.KeyFigure.Unit.CUSTOMERS;
import static io.churnlens.report.KeyFigure.Unit.MONEY;
import static io.churnlens.report.KeyFigure.Unit.RATIO;
import static io.churnlens.report.KeyFigure.Unit.SHARE;

/** The headline figures of the quarter, and the same as CSV ({@code key_figures.csv}). */
public final class KeyFigures {
    private KeyFigures() {}

    static List<KeyFigure> of(ReportData data) {
        Row now = data.current();
        Row prev = data.earlier(1).orElse(null);
        Row year = data.earlier(4).orElse(null);
        List<KeyFigure> out = new ArrayList<>();
        add(out, ImpactColumns.CUSTOMERS_END, "Active customers at quarter end", CUSTOMERS, "observed", now, prev, year);
        add(out, ImpactColumns.CUSTOMERS_NEW, "New customers", CUSTOMERS, "observed", now, prev, year);
        add(out, ImpactColumns.CUSTOMERS_DEPARTED, "Customers who left (no purchase for " + data.inactivityDays() + " days)",
                CUSTOMERS, "observed", now, prev, year);
        add(out, ImpactColumns.CHURN_RATE, "Customer churn rate (of customers active at the start)", SHARE, "observed", now, prev, year);
        add(out, ImpactColumns.REVENUE_LOST, "Annual revenue lost with them", MONEY, "observed", now, prev, year);
        add(out, ImpactColumns.REVENUE_LOST_SHARE, "Revenue lost, share of annual revenue", SHARE, "observed", now, prev, year);
        add(out, ImpactColumns.NET_REVENUE_RETENTION, "Net revenue retention (customers of a year ago)", SHARE, "observed", now, prev, year);
        add(out, ImpactColumns.MODEL_EXPECTED_DROPOUTS, "Expected drop-outs this quarter (purchase model)", CUSTOMERS, "model", now, prev, year);
        add(out, ImpactColumns.MODEL_DROPOUT_REVENUE, "Annual revenue of expected drop-outs (purchase model)", MONEY, "model", now, prev, year);
        add(out, ImpactColumns.CLV_LOST, "Customer lifetime value lost with the departed", MONEY, "model", now, prev, year);
        add(out, ImpactColumns.REVENUE_AT_RISK, "Revenue at risk, next 12 months (churn model)", MONEY, "model", now, prev, year);
        add(out, ImpactColumns.ACQUISITION_COST, "Acquisition cost per new customer", MONEY, "config", now, prev, year);
        add(out, ImpactColumns.VALUE_TO_ACQUISITION_COST, "Customer value / acquisition cost", RATIO, "model", now, prev, year);
        return out;
    }

    private static void add(List<KeyFigure> out, String key, String label, KeyFigure.Unit unit, String basis,
                            Row now, Row prev, Row year) {
        out.add(new KeyFigure(key, label, unit, ReportData.number(now, key), ReportData.number(prev, key),
                ReportData.number(year, key), basis));
    }

    /** key_figures.csv: one line per figure, empty cells where a value is not available. */
    static String csv(String quarter, List<KeyFigure> figures) {
        StringBuilder b = new StringBuilder("quarter,metric,label,unit,basis,value,previous_quarter,change_vs_previous_quarter,"
                + "same_quarter_last_year,change_vs_same_quarter_last_year\n");
        for (KeyFigure f : figures) {
            b.append(quarter).append(',').append(f.key()).append(',').append(quote(f.label())).append(',')
                    .append(f.unit().name().toLowerCase(Locale.ROOT)).append(',').append(f.basis()).append(',')
                    .append(num(f.value())).append(',').append(num(f.previous())).append(',')
                    .append(num(f.relativeChange(f.previous()))).append(',').append(num(f.yearAgo())).append(',')
                    .append(num(f.relativeChange(f.yearAgo()))).append('\n');
        }
        return b.toString();
    }

    private static String num(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
