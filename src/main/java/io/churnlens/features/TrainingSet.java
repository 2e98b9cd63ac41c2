package io.churnlens.features;

import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.sql.Date;
import java.time.LocalDate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The churn model's training set for a snapshot T: features as of T - H joined with the labels of (T - H, T].
 * Every feature sees only rows up to T - H; the label sees (T - H, T]; nothing after T is read, so the model trained
 * here can then score the features as of T.
 */
public final class TrainingSet {
    private final CustomerFeatures features;

    public TrainingSet(CustomerFeatures features) {
        this.features = features;
    }

    /** customer_features columns as of T - H plus label_cutoff, horizon_days and churned. */
    public Dataset<Row> build(Dataset<Row> transactions, LocalDate asOf, int horizonDays) {
        return withFeatures(features.asOf(upToT(transactions, asOf), asOf.minusDays(horizonDays)), transactions, asOf,
                horizonDays);
    }

    /**
     * The same set from features as of T - H built already (the run's shared intermediate, see
     * {@code FeaturesStage.beforeHorizon}): only the labels are computed here. {@code featuresBeforeHorizon} must be
     * {@link CustomerFeatures#asOf} the same transactions as of T - H.
     */
    public static Dataset<Row> withFeatures(Dataset<Row> featuresBeforeHorizon, Dataset<Row> transactions,
                                            LocalDate asOf, int horizonDays) {
        LocalDate cutoff = asOf.minusDays(horizonDays);
        return featuresBeforeHorizon
                .join(ChurnLabels.label(upToT(transactions, asOf), cutoff, horizonDays), TransactionColumns.CUSTOMER_ID);
    }

    private static Dataset<Row> upToT(Dataset<Row> transactions, LocalDate asOf) {
        return transactions.where(col(TransactionColumns.EVENT_DATE).leq(lit(Date.valueOf(asOf))));
    }
}
