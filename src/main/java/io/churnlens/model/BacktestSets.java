package io.churnlens.model;

import io.churnlens.features.CustomerFeatures;
import io.churnlens.features.FeatureSpec;
import io.churnlens.features.FeaturesStage;
import io.churnlens.features.TrainingSet;
import io.churnlens.schema.Tables;
import io.churnlens.schema.TransactionColumns;
import io.churnlens.stage.StageContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.sql.Date;
import java.time.LocalDate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/** The customers a stored model of T' is judged on: its features as of T' labelled with (T', T'+H]. */
final class BacktestSets {
    private BacktestSets() {}

    /**
     * Features as of T' (the run's shared features as of T−H when T' = T−H; else customer_features as published at
     * T'; else rebuilt from the transactions up to T'), joined with the labels of (T', T'+H]; cached.
     */
    static Dataset<Row> judgedSet(StageContext ctx, LocalDate modelAsOf) {
        int h = ctx.config().churn().horizonDays();
        return TrainingSet.withFeatures(featuresAsOf(ctx, modelAsOf), ctx.store().requireTransactions(),
                modelAsOf.plusDays(h), h).cache();
    }

    private static Dataset<Row> featuresAsOf(StageContext ctx, LocalDate modelAsOf) {
        if (modelAsOf.equals(ctx.asOf().minusDays(ctx.config().churn().horizonDays()))) {
            return FeaturesStage.beforeHorizon(ctx);
        }
        return ctx.store().report(Tables.CUSTOMER_FEATURES, modelAsOf).map(f -> f.drop(Tables.AS_OF))
                .orElseGet(() -> {
                    ctx.out("    no customer_features published as of %s: rebuilding them", modelAsOf);
                    Dataset<Row> upTo = ctx.store().requireTransactions()
                            .where(col(TransactionColumns.EVENT_DATE).leq(lit(Date.valueOf(modelAsOf))));
                    return new CustomerFeatures(FeatureSpec.from(ctx.config())).asOf(upTo, modelAsOf);
                });
    }
}
