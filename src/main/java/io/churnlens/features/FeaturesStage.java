package io.churnlens.features;

import io.churnlens.schema.Tables;
import io.churnlens.stage.DeclaredStage;
import io.churnlens.stage.StageContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;
import java.util.Map;

/**
 * Builds {@code customer_features} as of T from the canonical transactions. Also the owner of the run's shared
 * intermediate "features as of T−H" ({@link #beforeHorizon}), which the CLV holdout and the churn model's training
 * set both start from.
 */
public final class FeaturesStage extends DeclaredStage {
    /** The {@link StageContext#shared} key of the features as of T−H. */
    public static final String BEFORE_HORIZON = "customer features as of T-H";

    public FeaturesStage() {
        super("features", List.of(Tables.TRANSACTIONS), List.of(Tables.CUSTOMER_FEATURES));
    }

    @Override
    public Map<String, Long> run(StageContext ctx) {
        Dataset<Row> features = new CustomerFeatures(FeatureSpec.from(ctx.config()))
                .asOf(ctx.store().requireTransactions(), ctx.asOf());
        ctx.store().publishReport(Tables.CUSTOMER_FEATURES, ctx.asOf(), features);
        return Map.of("customers",
                ctx.store().requireReport(Tables.CUSTOMER_FEATURES, ctx.asOf(), name()).count());
    }

    /**
     * The features as of T−H (H = churn.horizon-days) from every canonical transaction, built once per run and
     * snapshot and cached while a stage that {@link Stage#uses()} {@link #BEFORE_HORIZON} is still to run. Only
     * rows up to T−H enter them, so they are the same whether built from all transactions or from those up to T.
     */
    public static Dataset<Row> beforeHorizon(StageContext ctx) {
        return ctx.sharedDataset(BEFORE_HORIZON, () -> new CustomerFeatures(FeatureSpec.from(ctx.config()))
                .asOf(ctx.store().requireTransactions(), ctx.asOf().minusDays(ctx.config().churn().horizonDays())));
    }
}
