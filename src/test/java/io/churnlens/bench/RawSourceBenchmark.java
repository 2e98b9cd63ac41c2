package io.churnlens.bench;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ConfigLoader;
import io.churnlens.io.RawRows;
import io.churnlens.io.RawSource;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.apache.spark.sql.functions.*;

/**
 * Not a test: what the reading layer costs. Writes {@code rows} CSV rows (default 2,000,000, ~110 MB) into 4 files
 * with two column orders and some non-ASCII text (or {@code files} files), then times, per round, a full scan that touches every column:
 * (a) Spark's plain CSV reader with one string schema (the old reader, minus its per-file mistakes), (b) RawSource
 * with RFC 4180 multi-line quoting (the default: one task per file), (c) RawSource with input.multiline = false.
 * Prints each round and the medians of rounds 2..n. Args: [rows] [rounds (4)] [files (4)].
 */
public final class RawSourceBenchmark {
    private static final String[] HEADER_A = {"transaction_id", "customer_id", "order_ts", "amount", "category"};
    private static final String[] HEADER_B = {"amount", "order_ts", "category", "customer_id", "transaction_id"};

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int files = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        SparkSession spark = SparkSession.builder().appName("raw-source-benchmark").master("local[*]")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        Path dir = Files.createTempDirectory("raw-source-bench");
        try {
            long bytes = write(dir, rows, files);
            System.out.printf(Locale.ROOT, "%,d rows in %d files, %.1f MB, %d cores%n", rows, files, bytes / 1e6,
                    Runtime.getRuntime().availableProcessors());
            double[][] t = new double[3][rounds];
            for (int r = 0; r < rounds; r++) {
                t[0][r] = time(() -> plain(spark, dir));
                t[1][r] = time(() -> viaRawSource(spark, dir, true));
                t[2][r] = time(() -> viaRawSource(spark, dir, false));
                System.out.printf(Locale.ROOT, "round %d: plain %.1f s, RawSource multiline %.1f s, RawSource single-line %.1f s%n",
                        r + 1, t[0][r], t[1][r], t[2][r]);
            }
            double plain = median(t[0]);
            System.out.printf(Locale.ROOT, "median of rounds 2..%d: plain %.1f s, multiline %.1f s (%.2fx), single-line %.1f s (%.2fx)%n",
                    rounds, plain, median(t[1]), median(t[1]) / plain, median(t[2]), median(t[2]) / plain);
        } finally {
            spark.stop();
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Spark's CSV reader over all files with the first header's schema, every column touched. */
    private static long plain(SparkSession spark, Path dir) {
        StructType schema = new StructType();
        for (String c : HEADER_A) {
            schema = schema.add(c, DataTypes.StringType);
        }
        Dataset<Row> rows = spark.read().schema(schema).option("header", "true").csv(dir.toString());
        return touchAll(rows, Arrays.asList(HEADER_A));
    }

    private static long viaRawSource(SparkSession spark, Path dir, boolean multiline) {
        ChurnlensConfig c = ConfigLoader.load(null, List.of("input.path=" + dir, "input.multiline=" + multiline,
                "mapping.transaction-id=transaction_id", "mapping.category=category"));
        RawRows raw = RawSource.read(spark, c);
        List<String> columns = new ArrayList<>(raw.columns());
        columns.add(RawRows.READER_REASON);
        return touchAll(raw.rows(), columns);
    }

    private static long touchAll(Dataset<Row> rows, List<String> columns) {
        Column total = lit(0L);
        for (String c : columns) {
            total = total.plus(coalesce(length(col(c)), lit(0)));
        }
        return rows.agg(sum(total)).first().getLong(0);
    }

    private static long write(Path dir, int rows, int files) throws Exception {
        Random random = new Random(7);
        String[] categories = {"books", "music", "café", "Zoë's picks", "garden, tools", "toys"};
        for (int f = 0; f < files; f++) {
            String[] header = f % 2 == 0 ? HEADER_A : HEADER_B;
            try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("part-" + f + ".csv"), StandardCharsets.UTF_8)) {
                out.write(String.join(",", header) + "\n");
                for (int i = f; i < rows; i += files) {
                    String category = categories[random.nextInt(categories.length)];
                    String[] v = {"T" + i, "c" + random.nextInt(100_000),
                            String.format(Locale.ROOT, "2025-%02d-%02d 10:%02d:00", 1 + random.nextInt(12),
                                    1 + random.nextInt(28), random.nextInt(60)),
                            String.format(Locale.ROOT, "%.2f", 1 + random.nextDouble() * 200),
                            category.contains(",") ? "\"" + category + "\"" : category};
                    List<String> line = new ArrayList<>();
                    for (String c : header) {
                        line.add(v[Arrays.asList(HEADER_A).indexOf(c)]);
                    }
                    out.write(String.join(",", line) + "\n");
                }
            }
        }
        long total = 0;
        try (var paths = Files.list(dir)) {
            for (Path p : paths.toList()) {
                total += Files.size(p);
            }
        }
        return total;
    }

    private static double time(java.util.function.LongSupplier job) {
        long t0 = System.nanoTime();
        job.getAsLong();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(double[] rounds) {
        double[] rest = Arrays.copyOfRange(rounds, 1, rounds.length);
        Arrays.sort(rest);
        return rest.length % 2 == 1 ? rest[rest.length / 2] : (rest[rest.length / 2 - 1] + rest[rest.length / 2]) / 2;
    }
}
