package io.churnlens.impact;

import io.churnlens.config.ImpactSettings;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;

/** {@link HandExample} for the report tests in another package. */
public final class HandExampleAccess {
    public static final LocalDate T = HandExample.T;

    private HandExampleAccess() {}

    public static ImpactAnalysis.Result run(SparkSession spark, ImpactSettings settings, boolean withModels) {
        return HandExample.run(spark, settings, withModels);
    }

    public static Dataset<Row> scores(SparkSession spark) {
        return HandExample.scores(spark);
    }
}
