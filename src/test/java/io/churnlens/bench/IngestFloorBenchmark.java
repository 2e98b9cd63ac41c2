package io.churnlens.bench;

import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.Locale;

/**
 * Not a test: the floor that ingest is measured against (issue 13). A plain Spark copy of a transactions CSV
 * export to Parquet with an explicit, typed schema: no cleaning, no validation, no de-duplication, no quarantine.
 * Run it on the same input as {@code jobs/churnlens ingest} (e.g. the CSV {@code jobs/churnlens generate} writes),
 * in a session set up like the CLI's (local[*], 8 shuffle partitions, UTC).
 *
 * <p>Args: INPUT (file or folder of CSV with the generator's header) OUTPUT_DIR [rounds (3)]. Prints every round
 * and the median.
 */
public final class IngestFloorBenchmark {
    /** The generator's export header, typed as a copy with an explicit schema would type it. */
    static final StructType SCHEMA = new StructType()
            .add("transaction_id", DataTypes.StringType)
            .add("customer_id", DataTypes.StringType)
            .add("order_ts", DataTypes.TimestampType)
            .add("amount", DataTypes.createDecimalType(18, 2))
            .add("country", DataTypes.StringType)
            .add("channel", DataTypes.StringType)
            .add("product_id", DataTypes.StringType)
            .add("category", DataTypes.StringType);

    private IngestFloorBenchmark() {}

    public static void main(String[] args) {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: IngestFloorBenchmark INPUT OUTPUT_DIR [rounds]");
        }
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        SparkSession spark = SparkSession.builder().appName("ingest-floor").master("local[*]")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        try {
            double[] seconds = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                copy(spark, args[0], args[1]);
                seconds[r] = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "round %d: CSV -> Parquet copy %.1f s%n", r + 1, seconds[r]);
            }
            long rows = spark.read().parquet(args[1]).count();
            Arrays.sort(seconds);
            System.out.printf(Locale.ROOT, "floor: %,d rows, median %.1f s over %d rounds, %d cores%n", rows,
                    seconds[rounds / 2], rounds, Runtime.getRuntime().availableProcessors());
        } finally {
            spark.stop();
        }
    }

    private static void copy(SparkSession spark, String input, String output) {
        spark.read().schema(SCHEMA).option("header", "true").option("timestampFormat", "yyyy-MM-dd HH:mm:ss")
                .option("mode", "PERMISSIVE").csv(input)
                .write().mode(SaveMode.Overwrite).parquet(output);
    }
}
