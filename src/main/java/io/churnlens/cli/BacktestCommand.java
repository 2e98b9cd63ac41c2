package io.churnlens.cli;

import io.churnlens.features.CustomerFeatures;
import io.churnlens.features.FeatureSpec;
import io.churnlens.features.TrainingSet;
import io.churnlens.model.BinaryMetrics;
import io.churnlens.model.ChurnTrainer;
import io.churnlens.model.EvaluatedScorer;
import io.churnlens.model.MetricsTable;
import io.churnlens.model.TrainingResult;
import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.ScoreColumns;
import io.churnlens.schema.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Checks that last quarter's model works this quarter: trains as of T-H (features as of T-2H, labels",
                "from (T-2H, T-H]), scores every customer as of T-H and compares with what happened in (T-H, T].",
                "Writes model_backtest (every scorer; the champion of the T-H training flagged)."})
public final class BacktestCommand extends JobCommand {
    @Override
    protected String jobName() {
        return "backtest";
    }

    @Override
    protected void run(RunContext ctx) {
        ctx.stage("backtest", () -> {
            int horizon = ctx.config.churn().horizonDays();
            LocalDate trainedFor = ctx.asOf.minusDays(horizon);
            TrainingSet sets = new TrainingSet(new CustomerFeatures(FeatureSpec.from(ctx.config)));
            Dataset<Row> transactions = ctx.store.requireTransactions();
            Dataset<Row> past = sets.build(transactions, trainedFor, horizon).cache();
            Dataset<Row> current = sets.build(transactions, ctx.asOf, horizon).cache();
            try {
                TrainingResult result = new ChurnTrainer(ctx.config).train(past);
                MetricsTable table = new MetricsTable();
                for (EvaluatedScorer e : result.evaluated()) {
                    BinaryMetrics m = BinaryMetrics.of(e.probabilities(current, ScoreColumns.CHURN_PROBABILITY),
                            ScoreColumns.CHURN_PROBABILITY, FeatureColumns.CHURNED);
                    boolean champion = e == result.champion();
                    table.add(e.name(), champion, "backtest", m, String.format(Locale.ROOT,
                            "trained for %s (holdout ROC AUC %.4f), scored as of %s against (%s, %s]%s", trainedFor,
                            e.holdout().rocAuc(), trainedFor, trainedFor, ctx.asOf, champion ? "; champion" : ""));
                    if (champion) {
                        Console.out("    champion %s: holdout ROC AUC %.4f when trained, %.4f one horizon later",
                                e.name(), e.holdout().rocAuc(), m.rocAuc());
                    }
                }
                ctx.store.publishReport(Tables.MODEL_BACKTEST, ctx.asOf, table.toDataset(ctx.spark));
                Map<String, Long> counts = new LinkedHashMap<>();
                counts.put("trained_on", past.count());
                counts.put("scored", current.count());
                return counts;
            } finally {
                past.unpersist();
                current.unpersist();
            }
        });
    }
}
