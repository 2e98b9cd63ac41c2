package io.churnlens.model;

import io.churnlens.schema.BacktestColumns;
import io.churnlens.schema.ModelColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of {@code model_backtest}: each judged scorer's {@link MetricsTable} rows (evaluation {@code backtest})
 * plus its calibration-in-the-large, each followed by the {@link BacktestColumns} saying what was judged on what.
 */
final class BacktestTable {
    static final String EVALUATION = "backtest";
    static final String JUDGED_COMPARISON = BacktestColumns.JUDGED_COMPARISON;

    private final List<Row> rows = new ArrayList<>();

    /** What was judged: the model of T' trained on {@code window}, against no purchase in (T', T'+H]. */
    record Judged(LocalDate modelAsOf, String judgedModel, TrainingWindows.Window window, int horizonDays) {
        String judgedWindow() {
            return "(" + modelAsOf + ", " + modelAsOf.plusDays(horizonDays) + "]";
        }
    }

    /** Mean predicted probability minus observed churn rate, from the calibration deciles (each holds its mean). */
    static double calibrationInTheLarge(BinaryMetrics m) {
        if (m.customers() == 0) return Double.NaN;
        double predicted = m.calibration().stream().mapToDouble(b -> b.predictedMean() * b.customers()).sum();
        return predicted / m.customers() - m.churnRate();
    }

    BacktestTable add(String scorer, boolean champion, BinaryMetrics m, String note, Judged judged) {
        for (Row r : new MetricsTable().add(scorer, champion, EVALUATION, m, note).rows()) rows.add(extend(r, judged));
        double citl = calibrationInTheLarge(m);
        rows.add(extend(metricRow(scorer, champion, BacktestColumns.CALIBRATION_IN_THE_LARGE,
                Double.isNaN(citl) ? null : citl, "mean churn_probability - observed churn rate"), judged));
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    Dataset<Row> toDataset(SparkSession spark) {
        return spark.createDataFrame(rows, BacktestColumns.schema());
    }

    /** A metric row of model_metrics' columns, by name, so a column added there stays null here. */
    private static Row metricRow(String scorer, boolean champion, String name, Double value, String note) {
        Object[] v = new Object[ModelColumns.SCHEMA.size()];
        v[ModelColumns.SCHEMA.fieldIndex(ModelColumns.SCORER)] = scorer;
        v[ModelColumns.SCHEMA.fieldIndex(ModelColumns.CHAMPION)] = champion;
        v[ModelColumns.SCHEMA.fieldIndex(ModelColumns.EVALUATION)] = EVALUATION;
        v[ModelColumns.SCHEMA.fieldIndex(ModelColumns.KIND)] = ModelColumns.KIND_METRIC;
        v[ModelColumns.SCHEMA.fieldIndex(ModelColumns.NAME)] = name;
        v[ModelColumns.SCHEMA.fieldIndex(ModelColumns.VALUE)] = value;
        v[ModelColumns.SCHEMA.fieldIndex(ModelColumns.NOTE)] = note;
        return RowFactory.create(v);
    }

    private static Row extend(Row metrics, Judged j) {
        Object[] v = new Object[metrics.size() + 4];
        for (int i = 0; i < metrics.size(); i++) v[i] = metrics.get(i);
        v[metrics.size()] = Date.valueOf(j.modelAsOf());
        v[metrics.size() + 1] = j.judgedModel();
        v[metrics.size() + 2] = j.window().label;
        v[metrics.size() + 3] = j.judgedWindow();
        return RowFactory.create(v);
    }
}
