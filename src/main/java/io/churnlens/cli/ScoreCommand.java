package io.churnlens.cli;

import io.churnlens.io.InputException;
import io.churnlens.io.ModelStore;
import io.churnlens.model.ChurnModel;
import io.churnlens.model.CustomerScoring;
import io.churnlens.schema.ScoreColumns;
import io.churnlens.schema.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Scores every customer of customer_features as of --as-of with the stored churn model: calibrated",
                "churn probability, risk tier (model.risk-medium / risk-high), top three reasons, plus segment, P(alive),",
                "expected value and CLV when those stages ran. Writes customer_scores."})
public final class ScoreCommand extends JobCommand {
    @Option(names = "--model-as-of", paramLabel = "YYYY-MM-DD",
            description = "Use the model trained for this snapshot (e.g. last quarter's). Default: the model of --as-of.")
    LocalDate modelAsOf;

    @Override
    protected String jobName() {
        return "score";
    }

    @Override
    protected void run(RunContext ctx) {
        score(ctx, modelAsOf == null ? ctx.asOf : modelAsOf);
    }

    static void score(RunContext ctx) {
        score(ctx, ctx.asOf);
    }

    /** The pipeline's score: skipped with a warning when train found too little history for this snapshot. */
    static void scoreWhenModelExists(RunContext ctx) {
        if (ctx.store.model(Tables.CHURN_MODEL, ctx.asOf).isPresent()) {
            score(ctx);
        } else {
            Console.out("    WARNING: no churn model as of %s: customer_scores not written; revenue at risk will be "
                    + "empty (train with more history, or `churnlens score --model-as-of` an earlier model)", ctx.asOf);
        }
    }

    static void score(RunContext ctx, LocalDate modelAsOf) {
        ctx.stage("score", () -> {
            String dir = ctx.store.model(Tables.CHURN_MODEL, modelAsOf).orElseThrow(() -> new InputException(
                    "no churn model for as_of " + modelAsOf + " under " + ctx.store.layout().model(Tables.CHURN_MODEL, modelAsOf)
                            + "; run `churnlens train --as-of " + modelAsOf + "` first, or pass --model-as-of with a trained date"));
            ModelStore.Stored stored = ModelStore.read(ctx.spark, dir);
            ChurnModel model = ChurnModel.fromStored(dir, stored.metadataJson(), stored.pipeline());
            Integer h = model.metadata().horizonDays();
            if (h != null && h != ctx.config.churn().horizonDays()) {
                throw new IllegalArgumentException("the model in " + dir + " predicts churn over " + h + " days but "
                        + "churn.horizon-days is " + ctx.config.churn().horizonDays() + "; train a model with this horizon");
            }
            Dataset<Row> features = ctx.store.requireReport(Tables.CUSTOMER_FEATURES, ctx.asOf, "features");
            Dataset<Row> scores = CustomerScoring.score(model, features,
                    ctx.store.report(Tables.CUSTOMER_SEGMENTS, ctx.asOf), ctx.store.report(Tables.CUSTOMER_VALUE, ctx.asOf),
                    ctx.config.model(), ctx.config.clv().horizonMonths());
            ctx.store.publishReport(Tables.CUSTOMER_SCORES, ctx.asOf, scores);
            Map<String, Long> counts = new LinkedHashMap<>();
            Dataset<Row> published = ctx.store.requireReport(Tables.CUSTOMER_SCORES, ctx.asOf, "score");
            counts.put("customers", published.count());
            for (String tier : new String[]{"high", "medium", "low"}) {
                counts.put(tier, published.where(published.col(ScoreColumns.RISK_TIER).equalTo(tier)).count());
            }
            return counts;
        });
    }
}
