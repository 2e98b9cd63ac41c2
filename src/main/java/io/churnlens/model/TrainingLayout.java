package io.churnlens.model;

import io.churnlens.features.StableLayout;
import io.churnlens.schema.FeatureColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;

/**
 * The labelled customers laid out for the fits, the same way on every run and cluster: {@link StableLayout}'s
 * partitions, or, for a small set, one partition sorted by customer_id. An MLlib fit is a chain of Spark jobs (one per
 * optimiser step or tree level); on a few thousand customers each of {@link StableLayout#PARTITIONS} tasks a job costs
 * more in scheduling than it shares in work, while one task a job leaves the other cores to the fits that run beside
 * it ({@link ParallelFits}).
 */
final class TrainingLayout {
    /** Up to this many labelled customers, one partition. */
    static final long ONE_PARTITION_MAX = 20_000L;

    private TrainingLayout() {}

    static Dataset<Row> of(Dataset<Row> customers, long rows) {
        if (rows > ONE_PARTITION_MAX) {
            return StableLayout.byCustomer(customers);
        }
        return customers.repartition(1, col(FeatureColumns.CUSTOMER_ID)).sortWithinPartitions(FeatureColumns.CUSTOMER_ID);
    }
}
