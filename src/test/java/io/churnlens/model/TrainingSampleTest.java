package io.churnlens.model;

import io.churnlens.schema.FeatureColumns;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** model.max-training-customers: the split as it is up to the maximum, above it a seeded sample of about that size. */
class TrainingSampleTest extends SparkTestBase {
    private static Dataset<Row> customers(long n) {
        // a churn rate of 30%, by customer number
        return spark.range(n).select(concat(lit("c"), col("id").cast("string")).as(FeatureColumns.CUSTOMER_ID),
                when(col("id").mod(10).lt(3), 1).otherwise(0).as(FeatureColumns.CHURNED));
    }

    @Test
    void atOrBelowTheMaximumEveryCustomerIsKept() {
        Dataset<Row> train = customers(2_000);
        assertThat(TrainingSample.needed(2_000, 2_000)).isFalse();
        assertThat(TrainingSample.of(train, 2_000, 2_000, 7)).isSameAs(train);
    }

    @Test
    void aboveItASeededSampleOfAboutTheMaximumKeepsTheChurnRate() {
        Dataset<Row> train = customers(40_000);
        Dataset<Row> sample = TrainingSample.of(train, 40_000, 10_000, 7).cache();
        long n = sample.count();
        assertThat((double) n).isCloseTo(10_000, within(400.0)); // 4 standard deviations of a binomial count
        double churnRate = sample.where(col(FeatureColumns.CHURNED).equalTo(1)).count() / (double) n;
        assertThat(churnRate).isCloseTo(0.3, within(0.02));
        // the same customers on a re-run, whatever the partitioning
        Dataset<Row> again = TrainingSample.of(train.repartition(5), 40_000, 10_000, 7);
        assertThat(again.exceptAll(sample).count() + sample.exceptAll(again).count()).isZero();
        // another seed, other customers
        assertThat(TrainingSample.of(train, 40_000, 10_000, 8).exceptAll(sample).count()).isGreaterThan(5_000);
        sample.unpersist();
    }
}
