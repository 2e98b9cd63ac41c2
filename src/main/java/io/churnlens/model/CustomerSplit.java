package io.churnlens.model;

import io.churnlens.schema.FeatureColumns;
import org.apache.spark.sql.Column;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * The seeded train / validation / holdout split. A customer's split depends on a hash of their id and the seed
 * only, not on partitioning or row order, so the same data and seed give the same split on any cluster (a
 * {@code randomSplit} is only reproducible for the same partitioning).
 */
public final class CustomerSplit {
    private static final long BUCKETS = 1_000_000L;

    private CustomerSplit() {}

    /** "train", "validation" or "holdout" for the row's customer_id. */
    public static Column of(long seed, double trainFraction, double validationFraction) {
        Column u = pmod(xxhash64(col(FeatureColumns.CUSTOMER_ID), lit(seed)), lit(BUCKETS)).divide((double) BUCKETS);
        return when(u.lt(trainFraction), ModelFrame.TRAIN)
                .when(u.lt(trainFraction + validationFraction), ModelFrame.VALIDATION)
                .otherwise(ModelFrame.HOLDOUT);
    }
}
