package io.churnlens.model;

import io.churnlens.features.StableLayout;
import io.churnlens.schema.FeatureColumns;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

/** A small training set is one partition sorted by customer, whatever the input's partitioning; a large one keeps StableLayout's. */
class TrainingLayoutTest extends SparkTestBase {
    @Test
    void aSmallSetIsOneSortedPartitionTheSameFromAnyInputLayout() {
        Dataset<Row> customers = spark.range(500).select(concat(lit("c"), col("id").cast("string")).as(FeatureColumns.CUSTOMER_ID));
        Dataset<Row> laid = TrainingLayout.of(customers.repartition(7), 500);
        assertThat(laid.rdd().getNumPartitions()).isEqualTo(1);
        List<String> ids = laid.collectAsList().stream().map(r -> r.getString(0)).toList();
        assertThat(ids).isSorted().hasSize(500);
        assertThat(TrainingLayout.of(customers.repartition(3), 500).collectAsList().stream().map(r -> r.getString(0)).toList())
                .isEqualTo(ids);
        assertThat(TrainingLayout.of(customers, TrainingLayout.ONE_PARTITION_MAX + 1).rdd().getNumPartitions())
                .isEqualTo(StableLayout.PARTITIONS);
    }
}
