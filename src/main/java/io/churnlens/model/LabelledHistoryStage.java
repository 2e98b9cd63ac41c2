package io.churnlens.model;

import io.churnlens.features.FeaturesStage;
import io.churnlens.features.TrainingSet;
import io.churnlens.schema.Tables;
import io.churnlens.stage.DeclaredStage;
import io.churnlens.stage.StageContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

/**
 * What the stages that train on labelled history ({@link TrainStage}, {@link BacktestStage}) share: they read the
 * canonical transactions, use the run's features as of T−H (labelled with "no purchase in (T−H, T]"), and the run's
 * resolved model.training-window ({@link TrainingWindows}).
 */
abstract class LabelledHistoryStage extends DeclaredStage {
    LabelledHistoryStage(String name, List<String> reads, List<String> publishes) {
        super(name, reads, publishes,
                List.of(FeaturesStage.BEFORE_HORIZON, TrainingWindows.CHOICE, TrainingWindows.FIRST_EVENT));
    }

    LabelledHistoryStage(String name, List<String> publishes) {
        this(name, List.of(Tables.TRANSACTIONS), publishes);
    }

    /** The shared features as of T−H with the churned label of (T−H, T], cached: the caller unpersists it. */
    static Dataset<Row> labelledAsOf(StageContext ctx) {
        return TrainingSet.withFeatures(FeaturesStage.beforeHorizon(ctx), ctx.store().requireTransactions(), ctx.asOf(),
                ctx.config().churn().horizonDays()).cache();
    }
}
