package io.churnlens.model;

import io.churnlens.io.ModelStore;
import io.churnlens.schema.Tables;
import io.churnlens.stage.StageContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the churn scorers ({@link ChurnTrainer}) on the run's shared features as of T−H labelled with
 * (T−H, T] (or, with model.training-window year-ago, the same season a year earlier: {@link TrainingWindows}), and
 * publishes model_metrics and the champion model.
 */
public final class TrainStage extends LabelledHistoryStage {
    private final boolean skipWhenTooLittleHistory;

    private TrainStage(boolean skipWhenTooLittleHistory) {
        super("train", List.of(Tables.MODEL_METRICS, Tables.MODEL_CURVES, Tables.MODEL_LIFT,
                "models/" + Tables.CHURN_MODEL));
        this.skipWhenTooLittleHistory = skipWhenTooLittleHistory;
    }

    /** The {@code train} job: a snapshot with too little labelled history fails. */
    public static TrainStage strict() {
        return new TrainStage(false);
    }

    /**
     * The pipeline's train: a snapshot with too little labelled history (the first quarters of a backfill) is
     * skipped with a warning instead of failing the run; {@code score} then skips too, and the impact figures that
     * need scores are null with a note.
     */
    public static TrainStage whenPossible() {
        return new TrainStage(true);
    }

    @Override
    public Map<String, Long> run(StageContext ctx) {
        int horizon = ctx.config().churn().horizonDays();
        TrainingWindows.Window window = TrainingWindows.chosen(ctx);
        Dataset<Row> labelled = TrainingWindows.labelled(ctx, ctx.asOf(), window);
        try {
            TrainingResult result;
            try {
                result = new ChurnTrainer(ctx.config()).train(labelled);
            } catch (NotEnoughTrainingData e) {
                if (!skipWhenTooLittleHistory) throw e;
                ctx.out("    WARNING: no churn model as of %s: %s", ctx.asOf(), e.getMessage());
                return Map.of("models_trained", 0L);
            }
            publishCurves(ctx, result, labelled);
            return publish(ctx, result, horizon, window);
        } finally {
            labelled.unpersist();
        }
    }

    /** ROC / PR points and lift by decile on the holdout, for the notebooks ({@link CurveTables}). */
    private static void publishCurves(StageContext ctx, TrainingResult result, Dataset<Row> labelled) {
        CurveTables curves = CurveTables.of(result, new ChurnTrainer(ctx.config()).split(labelled));
        ctx.store().publishReport(Tables.MODEL_CURVES, ctx.asOf(), curves.points(ctx.spark()));
        ctx.store().publishReport(Tables.MODEL_LIFT, ctx.asOf(), curves.lift(ctx.spark()));
    }

    private static Map<String, Long> publish(StageContext ctx, TrainingResult result, int horizon,
                                             TrainingWindows.Window window) {
        ctx.store().publishReport(Tables.MODEL_METRICS, ctx.asOf(), MetricsTable.of(result).toDataset(ctx.spark()));
        ChurnModel model = ChurnModel.of(result, ctx.asOf(), horizon, ctx.config().model(), ctx.spark().version());
        ctx.store().publishModel(Tables.CHURN_MODEL, ctx.asOf(),
                dir -> ModelStore.write(ctx.spark(), dir,
                        TrainingWindows.metadataJson(model, window, ctx.asOf(), horizon), model.pipeline()));
        ctx.out("    champion %s: %s", model.scorerName(), result.championReason());
        Map<String, Long> counts = new LinkedHashMap<>();
        result.classBalance().forEach((split, c) -> counts.put(split + "_customers", c[0]));
        counts.put("scorers", (long) result.evaluated().size());
        counts.put("models_trained", 1L);
        return counts;
    }
}
