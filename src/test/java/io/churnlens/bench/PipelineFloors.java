package io.churnlens.bench;

import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

/**
 * Not a test: the floors that bench/run-benchmark.sh sets the pipeline's stages against, each timed in this JVM
 * (local[*], the same machine and data as the pipeline run):
 * <ul>
 *   <li>{@code ingest}: a plain Spark CSV to Parquet copy of the raw export with an explicit schema (typed from the
 *       header: order_ts timestamp, amount double, everything else string), no validation;</li>
 *   <li>{@code features}: the ingested Parquet transactions grouped by customer_id with count, min / max of the
 *       event time and sum of the amount, written to the {@code noop} sink.</li>
 * </ul>
 *
 * <pre>
 * java &lt;spark.jvm.flags&gt; -cp target/classes:target/test-classes:$(cat target/runtime-classpath.txt) \
 *      io.churnlens.bench.PipelineFloors RAW_CSV_DIR TRANSACTIONS_PARQUET_DIR SCRATCH_DIR [rounds=3]
 * </pre>
 * Prints one line per floor, {@code floor <name> <median seconds> <rounds>}: each floor is run {@code rounds} times
 * while a run takes under a minute (once otherwise) and the median is printed.
 */
public final class PipelineFloors {
    private static final double REPEAT_BELOW_SECONDS = 60;

    public static void main(String[] args) throws IOException {
        Path raw = Path.of(args[0]);
        String transactions = args[1];
        Path scratch = Path.of(args[2]);
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        SparkSession spark = BenchSession.local("pipeline-floors");
        StructType schema = schemaFromHeader(raw);
        String copy = scratch.resolve("floor-ingest-copy").toString();
        report("ingest", rounds, () -> spark.read().schema(schema).option("header", "true")
                .option("timestampFormat", "yyyy-MM-dd HH:mm:ss").csv(raw.toString())
                .write().mode(SaveMode.Overwrite).parquet(copy));
        report("features", rounds, () -> spark.read().parquet(transactions)
                .groupBy(TransactionColumns.CUSTOMER_ID)
                .agg(count(lit(1)), min(TransactionColumns.EVENT_TS), max(TransactionColumns.EVENT_TS),
                        sum(TransactionColumns.AMOUNT))
                .write().format("noop").mode(SaveMode.Overwrite).save());
        spark.stop();
    }

    private static void report(String floor, int rounds, Runnable body) {
        double[] seconds = new double[rounds];
        int done = 0;
        while (done < rounds) {
            long start = System.nanoTime();
            body.run();
            seconds[done++] = (System.nanoTime() - start) / 1e9;
            if (seconds[done - 1] >= REPEAT_BELOW_SECONDS) break;
        }
        double[] ran = Arrays.copyOf(seconds, done);
        Arrays.sort(ran);
        System.out.printf(Locale.ROOT, "floor %s %.2f %d%n", floor, ran[done / 2], done);
    }

    /** The export's columns in header order: the event time and amount typed, the rest text. */
    private static StructType schemaFromHeader(Path raw) throws IOException {
        Path first;
        try (Stream<Path> files = Files.list(raw)) {
            first = files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().findFirst()
                    .orElseThrow(() -> new IOException("no .csv file in " + raw));
        }
        String header;
        try (BufferedReader reader = Files.newBufferedReader(first, StandardCharsets.UTF_8)) {
            header = reader.readLine();
        }
        StructType schema = new StructType();
        for (String name : header.split(",")) {
            DataType type = switch (name) {
                case "order_ts" -> DataTypes.TimestampType;
                case "amount" -> DataTypes.DoubleType;
                default -> DataTypes.StringType;
            };
            schema = schema.add(name, type, true);
        }
        return schema;
    }
}
