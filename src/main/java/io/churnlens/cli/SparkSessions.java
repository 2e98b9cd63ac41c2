package io.churnlens.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the session for a CLI run. The master comes from spark-submit (or {@code -Dspark.master}); only when
 * none is given does the CLI choose an embedded {@code local[*]} bound to loopback. Jobs never set a master.
 */
final class SparkSessions {
    private SparkSessions() {}

    static SparkSession start(String appName) {
        SparkConf conf = new SparkConf(); // picks up spark.* system properties set by spark-submit
        SparkSession.Builder builder = SparkSession.builder().appName(appName)
                // Event times are parsed and stored as UTC instants; business dates use ingest.reporting-timezone.
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.sources.partitionOverwriteMode", "static")
                .config("spark.ui.showConsoleProgress", "true");
        if (!conf.contains("spark.master")) {
            builder.master("local[*]")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "8");
        }
        return builder.getOrCreate();
    }
}
