package io.churnlens.model;

import io.churnlens.schema.BacktestColumns;
import io.churnlens.schema.ModelColumns;
import io.churnlens.schema.Tables;
import io.churnlens.stage.StageContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;

/**
 * model.training-window = auto: year-ago only when the transactions span two years and the latest earlier back-test
 * found year-ago's champion better calibrated in the large (smaller |mean predicted − observed|) than recent's,
 * without ranking much worse; recent otherwise. The verdict and its figures go to stdout.
 */
final class WindowVerdict {
    /** How much lower year-ago's back-test ROC AUC may be for auto to still choose it. */
    static final double AUC_TOLERANCE = 0.02;

    private WindowVerdict() {}

    static TrainingWindows.Window auto(StageContext ctx, boolean twoYears) {
        if (!twoYears) {
            ctx.out("    model.training-window = auto: the transactions span less than two years; training on recent");
            return TrainingWindows.Window.RECENT;
        }
        Optional<LocalDate> previous = EarlierModels.before(ctx).stream()
                .filter(d -> ctx.store().report(Tables.MODEL_BACKTEST, d).isPresent()).findFirst();
        Map<String, Double> citl = previous.flatMap(d -> ctx.store().report(Tables.MODEL_BACKTEST, d))
                .map(b -> championMetric(b, BacktestColumns.CALIBRATION_IN_THE_LARGE)).orElse(Map.of());
        Map<String, Double> auc = previous.flatMap(d -> ctx.store().report(Tables.MODEL_BACKTEST, d))
                .map(b -> championMetric(b, "roc_auc")).orElse(Map.of());
        String r = BacktestColumns.WINDOW_RECENT;
        String y = BacktestColumns.WINDOW_YEAR_AGO;
        if (!citl.containsKey(r) || !citl.containsKey(y) || !auc.containsKey(r) || !auc.containsKey(y)) {
            ctx.out("    model.training-window = auto: no earlier back-test compared both windows; training on recent");
            return TrainingWindows.Window.RECENT;
        }
        TrainingWindows.Window w = pick(citl.get(r), citl.get(y), auc.get(r), auc.get(y));
        ctx.out("    model.training-window = auto: the back-test of %s found calibration-in-the-large %+.4f (recent) "
                + "and %+.4f (year-ago), ROC AUC %.4f and %.4f; training on %s", previous.get(), citl.get(r),
                citl.get(y), auc.get(r), auc.get(y), w.label);
        return w;
    }

    /**
     * year-ago only when strictly better calibrated in the large and ranking at most {@link #AUC_TOLERANCE} worse: on
     * CDNOW (one cohort) the year-ago champion was better calibrated but ranked at ROC AUC 0.59 against 0.82.
     */
    static TrainingWindows.Window pick(double recentCitl, double yearAgoCitl, double recentAuc, double yearAgoAuc) {
        return Math.abs(yearAgoCitl) < Math.abs(recentCitl) && yearAgoAuc >= recentAuc - AUC_TOLERANCE
                ? TrainingWindows.Window.YEAR_AGO : TrainingWindows.Window.RECENT;
    }

    /** One metric of each training window's champion in one model_backtest partition. */
    static Map<String, Double> championMetric(Dataset<Row> backtest, String metric) {
        Map<String, Double> out = new HashMap<>();
        backtest.where(col(ModelColumns.CHAMPION).equalTo(true)
                        .and(col(ModelColumns.KIND).equalTo(ModelColumns.KIND_METRIC))
                        .and(col(ModelColumns.NAME).equalTo(metric))
                        .and(col(ModelColumns.VALUE).isNotNull()))
                .select(BacktestColumns.TRAINING_WINDOW, ModelColumns.VALUE).collectAsList()
                .forEach(r -> out.put(r.getString(0), r.getDouble(1)));
        return out;
    }
}
