package io.churnlens.model;

import io.churnlens.schema.FeatureColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * The training rows the fits use when the training split is large ({@code model.max-training-customers}): each
 * customer kept with probability max / n by a seeded hash of customer_id, independent of the split's hash, so the
 * same data and seed give the same sample on any cluster. Every class is sampled at the same rate (proportional
 * stratification: the churn rate of the sample is the split's up to sampling noise, about 0.2 points at 100,000),
 * and the class weights are recomputed on the sample. At or below the maximum the split is used as it is.
 */
final class TrainingSample {
    private static final long BUCKETS = 1_000_000L;
    private static final String SALT = "training-sample";

    private TrainingSample() {}

    static boolean needed(long trainCustomers, int maxCustomers) {
        return trainCustomers > maxCustomers;
    }

    /** The rows of {@code train} kept for fitting (all of them when {@code trainCustomers <= maxCustomers}). */
    static Dataset<Row> of(Dataset<Row> train, long trainCustomers, int maxCustomers, long seed) {
        if (!needed(trainCustomers, maxCustomers)) {
            return train;
        }
        long keep = Math.round((double) maxCustomers / trainCustomers * BUCKETS);
        return train.where(pmod(xxhash64(col(FeatureColumns.CUSTOMER_ID), lit(seed), lit(SALT)), lit(BUCKETS)).lt(keep));
    }
}
