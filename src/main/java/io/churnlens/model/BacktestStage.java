package io.churnlens.model;

import io.churnlens.features.CustomerFeatures;
import io.churnlens.features.FeatureSpec;
import io.churnlens.features.TrainingSet;
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

/**
 * Checks that last quarter's model works this quarter: trains as of T−H (features as of T−2H, labels from
 * (T−2H, T−H]), scores the features as of T−H (the run's shared intermediate) and compares with (T−H, T].
 * Not in the pipeline: it runs as its own job.
 */
public final class BacktestStage extends LabelledHistoryStage {
    public BacktestStage() {
        super("backtest", List.of(Tables.MODEL_BACKTEST));
    }

    @Override
    public Map<String, Long> run(StageContext ctx) {
        int horizon = ctx.config().churn().horizonDays();
        LocalDate trainedFor = ctx.asOf().minusDays(horizon);
        Dataset<Row> transactions = ctx.store().requireTransactions();
        Dataset<Row> past = new TrainingSet(new CustomerFeatures(FeatureSpec.from(ctx.config())))
                .build(transactions, trainedFor, horizon).cache();
        Dataset<Row> current = labelledAsOf(ctx);
        try {
            TrainingResult result = new ChurnTrainer(ctx.config()).train(past);
            ctx.store().publishReport(Tables.MODEL_BACKTEST, ctx.asOf(),
                    judge(ctx, result, current, trainedFor).toDataset(ctx.spark()));
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("trained_on", past.count());
            counts.put("scored", current.count());
            return counts;
        } finally {
            past.unpersist();
            current.unpersist();
        }
    }

    /** Every scorer trained for T−H, measured on what happened in (T−H, T]. */
    private static MetricsTable judge(StageContext ctx, TrainingResult result, Dataset<Row> current,
                                      LocalDate trainedFor) {
        MetricsTable table = new MetricsTable();
        for (EvaluatedScorer e : result.evaluated()) {
            BinaryMetrics m = BinaryMetrics.of(e.probabilities(current, ScoreColumns.CHURN_PROBABILITY),
                    ScoreColumns.CHURN_PROBABILITY, FeatureColumns.CHURNED);
            boolean champion = e == result.champion();
            table.add(e.name(), champion, "backtest", m, String.format(Locale.ROOT,
                    "trained for %s (holdout ROC AUC %.4f), scored as of %s against (%s, %s]%s", trainedFor,
                    e.holdout().rocAuc(), trainedFor, trainedFor, ctx.asOf(), champion ? "; champion" : ""));
            if (champion) {
                ctx.out("    champion %s: holdout ROC AUC %.4f when trained, %.4f one horizon later",
                        e.name(), e.holdout().rocAuc(), m.rocAuc());
            }
        }
        return table;
    }
}
