package io.churnlens.model;

import io.churnlens.schema.BacktestColumns;
import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.ScoreColumns;
import io.churnlens.schema.Tables;
import io.churnlens.stage.StageContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Last quarter's model judged on this quarter's outcomes, into {@code model_backtest}. When the model store holds
 * a model published at an earlier snapshot T' (the latest with T' + H <= T), that model is loaded and scores the
 * features as of T' ({@link BacktestSets}); it is judged on what it predicted: no purchase in (T', T'+H]. That window
 * lies inside the quarter (T', T]; with quarter ends 91–92 days apart and H = 90 its last day or two fall outside,
 * because the model predicts H days, not a calendar quarter. Without an earlier model (a first run, the bundled
 * sample) a model is trained here for T' = T−H and judged on (T−H, T] (judged_model {@code retrained}). With
 * model.training-window year-ago or auto, the other window's model for T' is trained too, to compare calibration.
 */
public final class BacktestStage extends LabelledHistoryStage {
    private final boolean skipWhenTooLittleHistory;

    private BacktestStage(boolean skipWhenTooLittleHistory) {
        super("backtest", List.of(Tables.TRANSACTIONS, "models/" + Tables.CHURN_MODEL, Tables.CUSTOMER_FEATURES),
                List.of(Tables.MODEL_BACKTEST));
        this.skipWhenTooLittleHistory = skipWhenTooLittleHistory;
    }

    /** Too little history fails (for a caller that needs the back-test). */
    public static BacktestStage strict() {
        return new BacktestStage(false);
    }

    /**
     * The pipeline's and the {@code backtest} job's: too little history gives a warning and no rows, never a failed
     * run (so the DAG's later tasks still run).
     */
    public static BacktestStage whenPossible() {
        return new BacktestStage(true);
    }

    @Override
    public Map<String, Long> run(StageContext ctx) {
        BacktestTable table = new BacktestTable();
        Map<String, Long> counts = new LinkedHashMap<>();
        try {
            Optional<EarlierModels.Stored> earlier = EarlierModels.judgeable(ctx);
            if (earlier.isPresent()) judgeStored(ctx, earlier.get(), table, counts);
            else judgeRetrained(ctx, table, counts);
        } catch (NotEnoughTrainingData e) {
            if (!skipWhenTooLittleHistory) throw e;
            ctx.out("    WARNING: no back-test as of %s: %s", ctx.asOf(), e.getMessage());
            return Map.of("judged_models", 0L);
        }
        ctx.store().publishReport(Tables.MODEL_BACKTEST, ctx.asOf(), table.toDataset(ctx.spark()));
        return counts;
    }

    private static void judgeStored(StageContext ctx, EarlierModels.Stored stored, BacktestTable table,
                                    Map<String, Long> counts) {
        int h = ctx.config().churn().horizonDays();
        TrainingWindows.Window window = TrainingWindows.Window.of(stored.model().metadata());
        BacktestTable.Judged judged = new BacktestTable.Judged(stored.asOf(), BacktestColumns.JUDGED_STORED, window, h);
        Dataset<Row> judgedSet = BacktestSets.judgedSet(ctx, stored.asOf());
        try {
            ChurnModel m = stored.model();
            BinaryMetrics metrics = metrics(new EvaluatedScorer(m.scorer(), m.calibration(), null, null), judgedSet);
            ModelMetadata.Holdout holdout = m.metadata().holdoutMetrics();
            table.add(m.scorerName(), true, metrics, String.format(Locale.ROOT, "the model published as of %s "
                    + "(holdout ROC AUC %s when trained), scored as of %s against %s", stored.asOf(),
                    holdout == null ? "n/a" : String.format(Locale.ROOT, "%.4f", holdout.rocAuc()), stored.asOf(),
                    judged.judgedWindow()), judged);
            say(ctx, judged, m.scorerName(), metrics);
            counts.put("judged_customers", metrics.customers());
            counts.put("judged_models", 1L);
            compare(ctx, judged, judgedSet, table, counts);
        } finally {
            judgedSet.unpersist();
        }
    }

    private static void judgeRetrained(StageContext ctx, BacktestTable table, Map<String, Long> counts) {
        int h = ctx.config().churn().horizonDays();
        LocalDate trainedFor = ctx.asOf().minusDays(h);
        TrainingWindows.Window window = TrainingWindows.chosen(ctx);
        ctx.out("    no churn model published as of a T' with T' + %d days <= %s: retraining one for %s (%s window)",
                h, ctx.asOf(), trainedFor, window.label);
        BacktestTable.Judged judged = new BacktestTable.Judged(trainedFor, BacktestColumns.JUDGED_RETRAINED, window, h);
        Dataset<Row> judgedSet = labelledAsOf(ctx);
        try {
            counts.put("trained_on", trainAndJudge(ctx, judged, judgedSet, table));
            counts.put("judged_customers", judgedSet.count());
            counts.put("judged_models", 1L);
            compare(ctx, judged, judgedSet, table, counts);
        } finally {
            judgedSet.unpersist();
        }
    }

    /** The other window's model for the same T', for calibration-in-the-large side by side (not when recent). */
    private static void compare(StageContext ctx, BacktestTable.Judged primary, Dataset<Row> judgedSet,
                                BacktestTable table, Map<String, Long> counts) {
        if (!TrainingWindows.compareBoth(ctx)) return;
        TrainingWindows.Window other = primary.window().other();
        BacktestTable.Judged judged = new BacktestTable.Judged(primary.modelAsOf(), BacktestTable.JUDGED_COMPARISON,
                other, primary.horizonDays());
        if (!TrainingWindows.historyAllows(ctx, primary.modelAsOf(), other)) {
            ctx.out("    no %s comparison: no purchase before %s", other.label,
                    other.featuresAsOf(primary.modelAsOf(), primary.horizonDays()));
            return;
        }
        try {
            counts.put("comparison_trained_on", trainAndJudge(ctx, judged, judgedSet, table));
        } catch (NotEnoughTrainingData e) {
            ctx.out("    no %s comparison: %s", other.label, e.getMessage());
        }
    }

    /** Trains every scorer for T' under the judged window and judges each on the judged set; the training size. */
    private static long trainAndJudge(StageContext ctx, BacktestTable.Judged judged, Dataset<Row> judgedSet,
                                      BacktestTable table) {
        Dataset<Row> past = TrainingWindows.labelled(ctx, judged.modelAsOf(), judged.window());
        try {
            TrainingResult result = new ChurnTrainer(ctx.config()).train(past);
            int h = judged.horizonDays();
            for (EvaluatedScorer e : result.evaluated()) {
                BinaryMetrics m = metrics(e, judgedSet);
                boolean champion = e == result.champion();
                table.add(e.name(), champion, m, String.format(Locale.ROOT, "trained for %s on features as of %s "
                        + "(holdout ROC AUC %.4f), scored as of %s against %s%s", judged.modelAsOf(),
                        judged.window().featuresAsOf(judged.modelAsOf(), h), e.holdout().rocAuc(), judged.modelAsOf(),
                        judged.judgedWindow(), champion ? "; champion" : ""), judged);
                if (champion) say(ctx, judged, e.name(), m);
            }
            return past.count();
        } finally {
            past.unpersist();
        }
    }

    private static BinaryMetrics metrics(EvaluatedScorer e, Dataset<Row> judgedSet) {
        return BinaryMetrics.of(e.probabilities(judgedSet, ScoreColumns.CHURN_PROBABILITY),
                ScoreColumns.CHURN_PROBABILITY, FeatureColumns.CHURNED);
    }

    private static void say(StageContext ctx, BacktestTable.Judged j, String scorer, BinaryMetrics m) {
        ctx.out("    %s %s model of %s (%s window): ROC AUC %.4f on %s, calibration-in-the-large %+.4f "
                        + "(predicted %.4f, observed %.4f)", j.judgedModel(), scorer, j.modelAsOf(), j.window().label,
                m.rocAuc(), j.judgedWindow(), BacktestTable.calibrationInTheLarge(m),
                BacktestTable.calibrationInTheLarge(m) + m.churnRate(), m.churnRate());
    }
}
