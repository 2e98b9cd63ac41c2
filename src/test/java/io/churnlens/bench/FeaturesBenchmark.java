package io.churnlens.bench;

import io.churnlens.config.ChurnlensConfig.TimeUnit;
import io.churnlens.features.CustomerFeatures;
import io.churnlens.features.FeatureSpec;
import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import static org.apache.spark.sql.functions.*;

/**
 * Not a test: times the features stage against a plain scan + groupBy(customer_id).agg(count, sum) of the same
 * Parquet transactions, in the same JVM, both ending in a full action (the {@code noop} sink). Target: features at
 * most 2× the plain scan-and-group-by.
 *
 * <pre>
 * java -Xmx8g &lt;spark.jvm.flags&gt; -cp target/classes:target/test-classes:$(cat /tmp/cp-test.txt) \
 *      io.churnlens.bench.FeaturesBenchmark [customers=1000000] [transactions=10000000] [rounds=5] [dir]
 * </pre>
 * The data is generated with Spark (four years, ~5% returns, product/category/country/channel filled in) and
 * written once to Parquet (reused when {@code dir} already holds them); each round runs the baseline and then the
 * features stage; the result is the median over the rounds after the first (which warms the JIT and page cache).
 * The features stage is timed twice: with the descriptive columns (distinct products/categories, modal
 * country/channel) and without them.
 */
public final class FeaturesBenchmark {
    private static final LocalDate START = LocalDate.of(2021, 1, 1);
    private static final int DAYS = 4 * 365;

    public static void main(String[] args) throws Exception {
        long customers = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        long transactions = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path dir = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("churnlens-bench");

        SparkSession spark = BenchSession.local("features-benchmark");

        String path = dir.resolve("transactions").toString();
        if (Files.exists(dir.resolve("transactions").resolve("_SUCCESS"))) {
            System.out.println("reusing the transactions already generated in " + path);
        } else {
            long start = System.nanoTime();
            generate(spark, customers, transactions).write().mode(SaveMode.Overwrite).parquet(path);
            System.out.printf(Locale.ROOT, "generated %,d transactions of %,d customers in %.1f s -> %s%n",
                    transactions, customers, seconds(start), path);
        }

        LocalDate asOf = START.plusDays(DAYS - 1);
        List<Integer> windows = List.of(30, 90, 180, 365);
        CustomerFeatures all = new CustomerFeatures(new FeatureSpec(windows, 90, TimeUnit.WEEKS, true));
        CustomerFeatures core = new CustomerFeatures(new FeatureSpec(windows, 90, TimeUnit.WEEKS, false));
        double[] baseline = new double[rounds];
        double[] withDescriptive = new double[rounds];
        double[] withoutDescriptive = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            baseline[round] = time(() -> spark.read().parquet(path).groupBy(TransactionColumns.CUSTOMER_ID)
                    .agg(count(lit(1)), sum(TransactionColumns.AMOUNT)));
            withDescriptive[round] = time(() -> all.asOf(spark.read().parquet(path), asOf));
            withoutDescriptive[round] = time(() -> core.asOf(spark.read().parquet(path), asOf));
            System.out.printf(Locale.ROOT, "round %d: scan+groupBy %.1f s | features %.1f s (ratio %.2f) | "
                            + "features without descriptive columns %.1f s (ratio %.2f)%n",
                    round + 1, baseline[round], withDescriptive[round], withDescriptive[round] / baseline[round],
                    withoutDescriptive[round], withoutDescriptive[round] / baseline[round]);
        }
        // The first round warms the JIT and the page cache; the median of the others resists a noisy neighbour.
        int from = rounds > 1 ? 1 : 0;
        System.out.printf(Locale.ROOT, "RESULT customers=%d transactions=%d cores=%d (median of rounds %d..%d) "
                        + "scan+groupBy=%.1fs features=%.1fs (ratio %.2f) features-without-descriptive=%.1fs "
                        + "(ratio %.2f); target <= 2%n",
                customers, transactions, Runtime.getRuntime().availableProcessors(), from + 1, rounds,
                median(baseline, from), median(withDescriptive, from), medianRatio(withDescriptive, baseline, from),
                median(withoutDescriptive, from), medianRatio(withoutDescriptive, baseline, from));
        spark.stop();
    }

    /** Runs the plan to completion without writing anything (noop sink) and returns the wall time in seconds. */
    private static double time(Supplier<Dataset<Row>> plan) {
        long start = System.nanoTime();
        plan.get().write().format("noop").mode(SaveMode.Overwrite).save();
        return seconds(start);
    }

    private static double median(double[] values, int from) {
        double[] sorted = java.util.Arrays.copyOfRange(values, from, values.length);
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The median over rounds of the ratio within a round (both timed back to back, under the same load). */
    private static double medianRatio(double[] stage, double[] baseline, int from) {
        double[] ratios = new double[stage.length];
        for (int i = 0; i < stage.length; i++) ratios[i] = stage[i] / baseline[i];
        return median(ratios, from);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Canonical transactions: customer = hash of the row id, ~5% returns, amounts 1.00 .. 200.00. */
    static Dataset<Row> generate(SparkSession spark, long customers, long transactions) {
        Column id = col("id");
        Column h = xxhash64(id);
        Column customer = pmod(h, lit(customers));
        Column isReturn = pmod(xxhash64(id, lit(1)), lit(100)).lt(5);
        Column cents = pmod(xxhash64(id, lit(2)), lit(19_901)).plus(100);
        Column amount = when(isReturn, lit(0).minus(cents)).otherwise(cents).cast("decimal(18,2)").divide(100)
                .cast(TransactionColumns.MONEY);
        Column date = date_add(lit(java.sql.Date.valueOf(START)), pmod(xxhash64(id, lit(3)), lit(DAYS)).cast("int"));
        String[] countries = {"DE", "FR", "GB", "NL", "ES"};
        String[] channels = {"web", "store", "app"};
        return spark.range(transactions).select(
                concat(lit("t"), id.cast("string")).as(TransactionColumns.TRANSACTION_ID),
                concat(lit("c"), customer.cast("string")).as(TransactionColumns.CUSTOMER_ID),
                date.cast("timestamp").as(TransactionColumns.EVENT_TS),
                date.as(TransactionColumns.EVENT_DATE),
                amount.as(TransactionColumns.AMOUNT),
                lit(1L).as(TransactionColumns.QUANTITY),
                isReturn.as(TransactionColumns.IS_RETURN),
                concat(lit("p"), pmod(xxhash64(id, lit(4)), lit(5000)).cast("string")).as(TransactionColumns.PRODUCT_ID),
                concat(lit("cat"), pmod(xxhash64(id, lit(5)), lit(40)).cast("string")).as(TransactionColumns.CATEGORY),
                element_at(array(java.util.Arrays.stream(countries).map(c -> lit(c)).toArray(Column[]::new)),
                        pmod(customer, lit(countries.length)).cast("int").plus(1)).as(TransactionColumns.COUNTRY),
                element_at(array(java.util.Arrays.stream(channels).map(c -> lit(c)).toArray(Column[]::new)),
                        pmod(xxhash64(id, lit(6)), lit(channels.length)).cast("int").plus(1)).as(TransactionColumns.CHANNEL),
                lit("bench").as(TransactionColumns.SOURCE_FILE),
                lit("bench").as(TransactionColumns.INGEST_RUN),
                date_format(date, "yyyy-MM").as(TransactionColumns.EVENT_MONTH));
    }
}
