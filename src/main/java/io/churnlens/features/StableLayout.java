package io.churnlens.features;

import io.churnlens.schema.FeatureColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;

/**
 * One row per customer laid out the same way on every run: hash-partitioned by customer_id into a fixed number of
 * partitions and sorted within each. MLlib fits draw their samples and add their sums partition by partition
 * (k-means|| initial centres, tree split candidates, gradient sums), so the same customers must arrive in the same
 * partitions and order for a laptop and a cluster (whatever spark.sql.shuffle.partitions) to fit the same model.
 */
public final class StableLayout {
    /** Enough for two to eight cores to share the work; the fits run on customer-level data, which is small. */
    public static final int PARTITIONS = 8;

    private StableLayout() {}

    public static Dataset<Row> byCustomer(Dataset<Row> customers) {
        return customers.repartition(PARTITIONS, col(FeatureColumns.CUSTOMER_ID))
                .sortWithinPartitions(FeatureColumns.CUSTOMER_ID);
    }
}
