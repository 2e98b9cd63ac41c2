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
                // Timestamps as Parquet TIMESTAMP(MICROS, adjusted to UTC), not Spark's default INT96: every reader
                // (DuckDB, pyarrow) then sees an instant, not a wall-clock time of unknown zone.
                .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
                .config("spark.sql.sources.partitionOverwriteMode", "static")
                .config("spark.ui.showConsoleProgress", conf.get("spark.ui.showConsoleProgress",
                        Boolean.toString(stdoutIsATerminal())));
        if (!conf.contains("spark.master")) {
            builder.master("local[*]")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "8");
        }
        return builder.getOrCreate();
    }

    /**
     * Spark's progress bar redraws one line with carriage returns: readable in a terminal, hundreds of lines in a
     * log file or a scheduler's captured output, where the stage lines ({@code > stage ...}, {@code ok stage})
     * already say how far the run is. An explicit {@code spark.ui.showConsoleProgress} wins. Java 17 has no console
     * when stdin or stdout is redirected; from Java 22 a console always exists and {@code isTerminal()} says.
     */
    static boolean stdoutIsATerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException beforeJava22) {
            return true;
        }
    }
}
