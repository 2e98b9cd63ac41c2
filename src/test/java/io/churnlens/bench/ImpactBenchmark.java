package io.churnlens.bench;

import io.churnlens.impact.GeneratedHistory;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;

/**
 * Not a test: the model-based revenue lost to drop-outs in the quarter ending 2026-09-30 against the generator's
 * ground truth (target: within 5% on 100,000 customers), with the drop-out count beside it. Prints the figures.
 * Args: [customers (100000)] [seed (7)] [one-group: a single BG/NBD population instead of the default mix of
 * countries and channels with different rates and loyalty].
 */
public final class ImpactBenchmark {
    public static void main(String[] args) {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 7L;
        boolean oneGroup = args.length > 2 && args[2].equals("one-group");
        SparkSession spark = SparkSession.builder().appName("impact-benchmark").master("local[*]")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            long t0 = System.nanoTime();
            GeneratedHistory.Comparison c = GeneratedHistory.compare(spark, customers, seed, LocalDate.parse("2026-09-30"),
                    oneGroup ? GeneratedHistory.oneGroup() : new String[0]);
            System.out.printf("customers %,d (seed %d, %s), quarter 2026-Q3, %.1f s%n", customers, seed,
                    oneGroup ? "one BG/NBD population" : "default mix of groups", (System.nanoTime() - t0) / 1e9);
            System.out.printf("impact stage (ImpactAnalysis.run, with customer_value and features): %.1f s%n",
                    c.impactSeconds());
            System.out.printf("drop-outs:        model %.1f vs true %d  -> relative error %+.2f%%%n",
                    c.expectedDropouts(), c.trueDropouts(), 100 * c.countRelativeError());
            System.out.printf("drop-out revenue: model %.2f vs true %.2f -> relative error %+.2f%%%n",
                    c.modelRevenue(), c.trueRevenue(), 100 * c.revenueRelativeError());
        } finally {
            spark.stop();
        }
    }
}
