package io.churnlens.model;

import io.churnlens.io.InputException;
import io.churnlens.io.ModelStore;
import io.churnlens.schema.ScoreColumns;
import io.churnlens.schema.Tables;
import io.churnlens.stage.DeclaredStage;
import io.churnlens.stage.StageContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores every customer of {@code customer_features} as of T with a stored churn model ({@link CustomerScoring}),
 * adding segment and customer value when those stages ran.
 */
public final class ScoreStage extends DeclaredStage {
    private final LocalDate modelAsOf;
    private final boolean skipWithoutModel;

    private ScoreStage(LocalDate modelAsOf, boolean skipWithoutModel) {
        super("score",
                List.of("models/" + Tables.CHURN_MODEL, Tables.CUSTOMER_FEATURES, Tables.CUSTOMER_SEGMENTS,
                        Tables.CUSTOMER_VALUE),
                List.of(Tables.CUSTOMER_SCORES));
        this.modelAsOf = modelAsOf;
        this.skipWithoutModel = skipWithoutModel;
    }

    /** The {@code score} job: with the model of {@code modelAsOf} (null: the snapshot's own), which must exist. */
    public static ScoreStage withModelOf(LocalDate modelAsOf) {
        return new ScoreStage(modelAsOf, false);
    }

    /** The pipeline's score: skipped with a warning when train found too little history for this snapshot. */
    public static ScoreStage whenModelExists() {
        return new ScoreStage(null, true);
    }

    @Override
    public Optional<String> skipReason(StageContext ctx) {
        if (!skipWithoutModel || ctx.store().model(Tables.CHURN_MODEL, ctx.asOf()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("no churn model as of " + ctx.asOf() + ": customer_scores not written; revenue at risk will "
                + "be empty (train with more history, or `churnlens score --model-as-of` an earlier model)");
    }

    @Override
    public Map<String, Long> run(StageContext ctx) {
        ChurnModel model = load(ctx, modelAsOf == null ? ctx.asOf() : modelAsOf);
        Dataset<Row> features = ctx.store().requireReport(Tables.CUSTOMER_FEATURES, ctx.asOf(), "features");
        Dataset<Row> scores = CustomerScoring.score(model, features,
                ctx.store().report(Tables.CUSTOMER_SEGMENTS, ctx.asOf()),
                ctx.store().report(Tables.CUSTOMER_VALUE, ctx.asOf()),
                ctx.config().model(), ctx.config().clv().horizonMonths());
        ctx.store().publishReport(Tables.CUSTOMER_SCORES, ctx.asOf(), scores);
        Map<String, Long> counts = new LinkedHashMap<>();
        Dataset<Row> published = ctx.store().requireReport(Tables.CUSTOMER_SCORES, ctx.asOf(), name());
        counts.put("customers", published.count());
        for (String tier : new String[]{"high", "medium", "low"}) {
            counts.put(tier, published.where(published.col(ScoreColumns.RISK_TIER).equalTo(tier)).count());
        }
        return counts;
    }

    /** The model trained for {@code modelAsOf}, refused when its horizon is not the configured one. */
    private static ChurnModel load(StageContext ctx, LocalDate modelAsOf) {
        String dir = ctx.store().model(Tables.CHURN_MODEL, modelAsOf).orElseThrow(() -> new InputException(
                "no churn model for as_of " + modelAsOf + " under "
                        + ctx.store().layout().model(Tables.CHURN_MODEL, modelAsOf) + "; run `churnlens train --as-of "
                        + modelAsOf + "` first, or pass --model-as-of with a trained date"));
        ModelStore.Stored stored = ModelStore.read(ctx.spark(), dir);
        ChurnModel model = ChurnModel.fromStored(dir, stored.metadataJson(), stored.pipeline());
        Integer h = model.metadata().horizonDays();
        int configured = ctx.config().churn().horizonDays();
        if (h != null && h != configured) {
            throw new IllegalArgumentException("the model in " + dir + " predicts churn over " + h + " days but "
                    + "churn.horizon-days is " + configured + "; train a model with this horizon");
        }
        return model;
    }
}
