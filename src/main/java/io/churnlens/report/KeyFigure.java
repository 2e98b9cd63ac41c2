package io.churnlens.report;

import java.util.Locale;

/**
 * One headline figure of the quarter with the same figure a quarter and a year earlier (null = not available).
 * Shares change in percentage points, everything else in percent.
 *
 * @param basis observed (inactivity rule, transactions) | model (purchase or churn model) | config (an input)
 */
record KeyFigure(String key, String label, Unit unit, Double value, Double previous, Double yearAgo, String basis) {
    enum Unit { CUSTOMERS, MONEY, SHARE, RATIO }

    String format(Double v) {
        if (v == null) return "n/a";
        return switch (unit) {
            case CUSTOMERS -> Html.count(v);
            case MONEY -> Html.money(v);
            case SHARE -> Html.share(v);
            case RATIO -> Html.ratio(v);
        };
    }

    /** "+1.2 pp", "-5.0%", or null when either side is missing. */
    String change(Double before) {
        if (value == null || before == null) return null;
        if (unit == Unit.SHARE) return String.format(Locale.ROOT, "%+.1f pp", (value - before) * 100);
        if (before == 0) return null;
        return String.format(Locale.ROOT, "%+.1f%%", (value - before) / Math.abs(before) * 100);
    }

    Double relativeChange(Double before) {
        if (value == null || before == null) return null;
        if (unit == Unit.SHARE) return value - before;
        return before == 0 ? null : (value - before) / Math.abs(before);
    }
}
