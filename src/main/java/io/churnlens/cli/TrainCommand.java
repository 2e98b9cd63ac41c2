package io.churnlens.cli;

import io.churnlens.features.CustomerFeatures;
import io.churnlens.features.FeatureSpec;
import io.churnlens.features.TrainingSet;
import io.churnlens.io.ModelStore;
import io.churnlens.model.ChurnModel;
import io.churnlens.model.ChurnTrainer;
import io.churnlens.model.MetricsTable;
import io.churnlens.model.NotEnoughTrainingData;
import io.churnlens.model.TrainingResult;
import io.churnlens.schema.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;

import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains the churn scorers on features as of T-H with labels 'no purchase in (T-H, T]' (T = --as-of):",
                "logistic regression and GBT (MLlib pipelines, class weights, hyper-parameters chosen on a seeded",
                "validation split, Platt-calibrated) and the baselines recency, RFM segment and BG/NBD. The best on a",
                "seeded holdout is the champion. Writes model_metrics and the champion under models/churn/as_of=T."})
public final class TrainCommand extends JobCommand {
    @Override
    protected String jobName() {
        return "train";
    }

    @Override
    protected String resultHint(RunContext ctx) {
        return ctx.store.layout().model(Tables.CHURN_MODEL, ctx.asOf);
    }

    @Override
    protected void run(RunContext ctx) {
        train(ctx);
    }

    static void train(RunContext ctx) {
        train(ctx, false);
    }

    /**
     * The pipeline's train: a snapshot with too little labelled history (the first quarters of a backfill) is
     * skipped with a warning instead of failing the run; {@code score} then skips too, and the impact figures that
     * need scores are null with a note.
     */
    static void trainWhenPossible(RunContext ctx) {
        train(ctx, true);
    }

    private static void train(RunContext ctx, boolean skipWhenTooLittleHistory) {
        ctx.stage("train", () -> {
            int horizon = ctx.config.churn().horizonDays();
            Dataset<Row> labelled = new TrainingSet(new CustomerFeatures(FeatureSpec.from(ctx.config)))
                    .build(ctx.store.requireTransactions(), ctx.asOf, horizon).cache();
            try {
                TrainingResult result;
                try {
                    result = new ChurnTrainer(ctx.config).train(labelled);
                } catch (NotEnoughTrainingData e) {
                    if (!skipWhenTooLittleHistory) throw e;
                    Console.out("    WARNING: no churn model as of %s: %s", ctx.asOf, e.getMessage());
                    return Map.of("models_trained", 0L);
                }
                ctx.store.publishReport(Tables.MODEL_METRICS, ctx.asOf, MetricsTable.of(result).toDataset(ctx.spark));
                ChurnModel model = ChurnModel.of(result, ctx.asOf, horizon, ctx.config.model(), ctx.spark.version());
                ctx.store.publishModel(Tables.CHURN_MODEL, ctx.asOf, dir -> ModelStore.write(ctx.spark, dir, model.metadataJson(), model.pipeline()));
                Console.out("    champion %s: %s", model.scorerName(), result.championReason());
                Map<String, Long> counts = new LinkedHashMap<>();
                result.classBalance().forEach((split, c) -> counts.put(split + "_customers", c[0]));
                counts.put("scorers", (long) result.evaluated().size());
                counts.put("models_trained", 1L);
                return counts;
            } finally {
                labelled.unpersist();
            }
        });
    }
}
