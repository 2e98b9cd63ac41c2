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
 * found year-ago's champion better calibrated in the large (smaller |mean predicted − observed|) than recent's;
 * recent otherwise. The verdict and its figures go to stdout.
 */
final class WindowVerdict {
    private WindowVerdict() {}

    static TrainingWindows.Window auto(StageContext ctx, boolean twoYears) {
        if (!twoYears) {
            ctx.out("    model.training-window = auto: the transactions span less than two years; training on recent");
            return TrainingWindows.Window.RECENT;
        }
        Optional<LocalDate> previous = EarlierModels.before(ctx).stream()
                .filter(d -> ctx.store().report(Tables.MODEL_BACKTEST, d).isPresent()).findFirst();
        Map<String, Double> citl = previous.flatMap(d -> ctx.store().report(Tables.MODEL_BACKTEST, d))
                .map(WindowVerdict::championCalibration).orElse(Map.of());
        Double recent = citl.get(BacktestColumns.WINDOW_RECENT);
        Double yearAgo = citl.get(BacktestColumns.WINDOW_YEAR_AGO);
        if (recent == null || yearAgo == null) {
            ctx.out("    model.training-window = auto: no earlier back-test compared both windows; training on recent");
            return TrainingWindows.Window.RECENT;
        }
        TrainingWindows.Window w = pick(recent, yearAgo);
        ctx.out("    model.training-window = auto: the back-test of %s found calibration-in-the-large %+.4f (recent) "
                + "and %+.4f (year-ago); training on %s", previous.get(), recent, yearAgo, w.label);
        return w;
    }

    /** year-ago only when strictly better calibrated in the large. */
    static TrainingWindows.Window pick(double recent, double yearAgo) {
        return Math.abs(yearAgo) < Math.abs(recent) ? TrainingWindows.Window.YEAR_AGO : TrainingWindows.Window.RECENT;
    }

    /** calibration_in_the_large of each training window's champion in one model_backtest partition. */
    static Map<String, Double> championCalibration(Dataset<Row> backtest) {
        Map<String, Double> out = new HashMap<>();
        backtest.where(col(ModelColumns.CHAMPION).equalTo(true)
                        .and(col(ModelColumns.KIND).equalTo(ModelColumns.KIND_METRIC))
                        .and(col(ModelColumns.NAME).equalTo(BacktestColumns.CALIBRATION_IN_THE_LARGE))
                        .and(col(ModelColumns.VALUE).isNotNull()))
                .select(BacktestColumns.TRAINING_WINDOW, ModelColumns.VALUE).collectAsList()
                .forEach(r -> out.put(r.getString(0), r.getDouble(1)));
        return out;
    }
}
