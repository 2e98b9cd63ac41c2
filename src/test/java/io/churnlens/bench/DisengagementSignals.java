package io.churnlens.bench;

import io.churnlens.model.GeneratedChurnData;
import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.SimulationColumns.Truth;
import io.churnlens.simulate.Simulation;
import io.churnlens.simulate.World;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.when;

/**
 * Is the disengaging world's hidden state visible in the model's inputs? The labelled customers' features (as of the
 * truth snapshot) averaged by their hidden state then: fully engaged, disengaging (engagement between 0 and 1), or
 * already dropped out, with the share that churned. A feature whose means barely differ between the first two
 * cannot tell a disengaging customer from an engaged one.
 */
final class DisengagementSignals {
    private static final List<String> FEATURES = List.of(FeatureColumns.RECENCY_DAYS, FeatureColumns.PURCHASE_DAYS_TREND,
            FeatureColumns.SPEND_TREND, FeatureColumns.DAYS_OVERDUE, FeatureColumns.MONETARY_MEAN,
            FeatureColumns.RETURN_ROW_SHARE, FeatureColumns.purchaseDaysInLast(90));

    private DisengagementSignals() {}

    static void print(SparkSession spark, GeneratedChurnData data) {
        Dataset<Row> truth = Simulation.run(spark, data.config().simulate(), World.DISENGAGING).groundTruth()
                .where(col(Truth.ENGAGEMENT_AT_AS_OF).isNotNull())
                .select(col(Truth.CUSTOMER_ID), when(col(Truth.ENGAGEMENT_AT_AS_OF).equalTo(1.0), "engaged")
                        .when(col(Truth.ENGAGEMENT_AT_AS_OF).equalTo(0.0), "dropped out")
                        .otherwise("disengaging").as("hidden_state"));
        Column[] means = new Column[FEATURES.size() + 2];
        means[0] = count("*").as("customers");
        means[1] = avg(col(FeatureColumns.CHURNED).cast("double")).as("churned");
        for (int i = 0; i < FEATURES.size(); i++) {
            means[i + 2] = avg(col(FEATURES.get(i)).cast("double")).as(FEATURES.get(i));
        }
        List<Row> rows = data.labelled().join(truth, FeatureColumns.CUSTOMER_ID).groupBy("hidden_state")
                .agg(means[0], java.util.Arrays.copyOfRange(means, 1, means.length)).orderBy("hidden_state").collectAsList();
        System.out.println("hidden state at the feature cutoff vs the model's inputs (means):");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-12s %9s %8s", "state", "customers", "churned"));
        FEATURES.forEach(f -> header.append(String.format(Locale.ROOT, " %20s", f)));
        System.out.println(header);
        for (Row r : rows) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-12s %9d %8.3f", r.getString(0),
                    r.getLong(1), r.getDouble(2)));
            for (int i = 0; i < FEATURES.size(); i++) {
                line.append(r.isNullAt(i + 3) ? String.format(Locale.ROOT, " %20s", "null")
                        : String.format(Locale.ROOT, " %20.3f", r.getDouble(i + 3)));
            }
            System.out.println(line);
        }
    }
}
