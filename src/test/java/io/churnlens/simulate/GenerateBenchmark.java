package io.churnlens.simulate;

import io.churnlens.config.ChurnlensConfig.Simulate;
import io.churnlens.config.ConfigLoader;
import org.apache.spark.sql.SparkSession;

import java.util.List;

/**
 * Times the generator: simulates the given number of customers with the default settings and counts the export rows
 * (then writes them to Spark's noop sink, which serialises every column) and the ground truth, keeping nothing.
 * Prints customers, rows and seconds.
 *
 * <p>Usage: {@code GenerateBenchmark [customers]} (default 1,850,000, about 10 million rows with the defaults).
 */
public final class GenerateBenchmark {
    private GenerateBenchmark() {}

    public static void main(String[] args) {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 1_850_000;
        SparkSession spark = SparkSession.builder().appName("churnlens-generate-benchmark").master("local[*]")
                .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC").getOrCreate();
        try {
            Simulate settings = ConfigLoader.load(null, List.of("simulate.customers=" + customers)).simulate();
            SimulationResult result = Simulation.run(spark, settings);
            long start = System.nanoTime();
            long rows = result.transactions().count();
            double rowSeconds = (System.nanoTime() - start) / 1e9;
            // The noop sink serialises every column of every row, which a count may skip.
            start = System.nanoTime();
            result.transactions().write().format("noop").mode("overwrite").save();
            double writeSeconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            long truthRows = result.groundTruth().count();
            double truthSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("customers %d, export rows %d: counted in %.1f s (%.0f rows/s), fully serialised (noop sink) "
                            + "in %.1f s; ground truth %d rows in %.1f s; %d cores%n",
                    customers, rows, rowSeconds, rows / rowSeconds, writeSeconds, truthRows, truthSeconds,
                    Runtime.getRuntime().availableProcessors());
        } finally {
            spark.stop();
        }
    }
}
