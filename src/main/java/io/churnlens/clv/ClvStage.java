package io.churnlens.clv;

import io.churnlens.btyd.fit.FitState;
import io.churnlens.features.FeaturesStage;
import io.churnlens.features.Purchases;
import io.churnlens.schema.ClvColumns;
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
 * Fits the purchase and spend models on {@code customer_features} as of T ({@link ClvAnalysis}), values every
 * customer, and checks a fit as of T−H against the purchases of (T−H, T] on the run's shared features as of T−H.
 */
public final class ClvStage extends DeclaredStage {
    public ClvStage() {
        super("clv",
                List.of(Tables.CUSTOMER_FEATURES, Tables.TRANSACTIONS),
                List.of(Tables.CLV_PARAMS, Tables.CUSTOMER_VALUE, Tables.CLV_HOLDOUT),
                List.of(FeaturesStage.BEFORE_HORIZON));
    }

    @Override
    public Map<String, Long> run(StageContext ctx) {
        ClvAnalysis analysis = new ClvAnalysis(ctx.config());
        Dataset<Row> features = ctx.store().requireReport(Tables.CUSTOMER_FEATURES, ctx.asOf(), "features");
        ClvAnalysis.Result result = analysis.run(features);
        ctx.store().publishReport(Tables.CLV_PARAMS, ctx.asOf(), result.params());
        Map<String, Long> counts = new LinkedHashMap<>();
        for (FitState state : FitState.values()) {
            counts.put("models_" + state.label(), result.fits().stream().filter(f -> f.state() == state).count());
        }
        counts.put("models_fitted", (long) result.fits().size());
        result.verdicts().forEach(ctx::note);
        result.customerValue().ifPresent(values -> {
            ctx.store().publishReport(Tables.CUSTOMER_VALUE, ctx.asOf(), values);
            counts.put("customers_valued", ctx.store().requireReport(Tables.CUSTOMER_VALUE, ctx.asOf(), name()).count());
        });
        counts.put("holdout_checked", holdout(ctx, analysis) ? 1L : 0L);
        return counts;
    }

    /** Publishes clv_holdout when the fit as of T−H can be checked; says whether it could. */
    private static boolean holdout(StageContext ctx, ClvAnalysis analysis) {
        int horizon = ctx.config().churn().horizonDays();
        LocalDate cutoff = ctx.asOf().minusDays(horizon);
        Dataset<Row> holdout = Purchases.purchaseDaysBetween(ctx.store().requireTransactions(), cutoff, ctx.asOf(),
                ClvColumns.X_HOLDOUT);
        Optional<Dataset<Row>> check = analysis.holdout(FeaturesStage.beforeHorizon(ctx), holdout, horizon);
        check.ifPresent(table -> ctx.store().publishReport(Tables.CLV_HOLDOUT, ctx.asOf(), table));
        return check.isPresent();
    }
}
