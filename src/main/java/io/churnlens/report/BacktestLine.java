package io.churnlens.report;

import io.churnlens.schema.BacktestColumns;
import io.churnlens.schema.ModelColumns;
import io.churnlens.schema.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;

/**
 * The report's sentence on the back-test ({@code model_backtest} as of T): how well the model of the previous
 * snapshot ranked the customers who then stopped buying, and the churn rate it expected against the observed one.
 */
final class BacktestLine {
    private BacktestLine() {}

    /** The sentence, or none when the back-test did not run or found too little history. */
    static Optional<String> of(Optional<Dataset<Row>> backtest) {
        if (backtest.isEmpty()) return Optional.empty();
        List<Row> rows = backtest.get().where(col(ModelColumns.CHAMPION).equalTo(true)
                        .and(col(ModelColumns.KIND).equalTo(ModelColumns.KIND_METRIC))
                        .and(col(BacktestColumns.JUDGED_MODEL).isin(BacktestColumns.JUDGED_STORED,
                                BacktestColumns.JUDGED_RETRAINED)))
                .collectAsList();
        return sentence(rows);
    }

    /** From the judged champion's metric rows (scorer, name, value, model_as_of, judged_model, judged_window). */
    static Optional<String> sentence(List<Row> championMetrics) {
        Double auc = value(championMetrics, "roc_auc");
        Double citl = value(championMetrics, BacktestColumns.CALIBRATION_IN_THE_LARGE);
        Double customers = value(championMetrics, "customers");
        Double churners = value(championMetrics, "churners");
        if (auc == null || customers == null || churners == null || customers == 0) return Optional.empty();
        Row any = championMetrics.get(0);
        LocalDate modelAsOf = date(any, BacktestColumns.MODEL_AS_OF).orElseThrow();
        boolean stored = BacktestColumns.JUDGED_STORED.equals(any.getAs(BacktestColumns.JUDGED_MODEL));
        double observed = churners / customers;
        boolean quarterAgo = date(any, Tables.AS_OF).map(t -> ChronoUnit.DAYS.between(modelAsOf, t) <= 92).orElse(false);
        String who = stored ? "The churn model trained " + (quarterAgo ? "a quarter ago " : "") + "(as of " + modelAsOf + ", "
                : "No churn model was published a quarter ago; one retrained as of " + modelAsOf + " (";
        return Optional.of(who + any.getAs(ModelColumns.SCORER) + ") ranked this quarter's departures with ROC AUC "
                + String.format(Locale.ROOT, "%.2f", auc) + " (0.5 is chance, 1 a perfect ranking)"
                + (citl == null ? "." : ": of the " + Html.count(customers) + " customers who had bought by "
                + modelAsOf + " it expected " + Html.share(observed + citl) + " to make no purchase in "
                + any.getAs(BacktestColumns.JUDGED_WINDOW) + ", and " + Html.share(observed) + " made none."));
    }

    /** A date column (a date, or the partition folder's text), when the row has it. */
    private static Optional<LocalDate> date(Row row, String column) {
        if (!List.of(row.schema().fieldNames()).contains(column) || row.getAs(column) == null) return Optional.empty();
        Object v = row.getAs(column);
        return Optional.of(v instanceof java.sql.Date d ? d.toLocalDate() : LocalDate.parse(v.toString()));
    }

    private static Double value(List<Row> rows, String name) {
        return rows.stream().filter(r -> name.equals(r.getAs(ModelColumns.NAME)) && r.getAs(ModelColumns.VALUE) != null)
                .map(r -> r.<Double>getAs(ModelColumns.VALUE)).findFirst().orElse(null);
    }
}
