package io.churnlens.bench;

import org.apache.spark.sql.SparkSession;

/** The session a benchmark main measures in: the pipeline's local settings, no UI, UTC, quiet logs. */
final class BenchSession {
    private BenchSession() {}

    /** master from -Dspark.master (default local[*]), bound to 127.0.0.1. */
    static SparkSession local(String appName) {
        SparkSession spark = SparkSession.builder().appName(appName)
                .master(System.getProperty("spark.master", "local[*]"))
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
