package io.churnlens.simulate;

import io.churnlens.config.ChurnlensConfig.Simulate;
import io.churnlens.config.ConfigLoader;
import io.churnlens.schema.SimulationColumns.Messy;
import io.churnlens.schema.SimulationColumns.Raw;
import io.churnlens.schema.SimulationColumns.Truth;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes the committed sample in {@code data-samples/} with the default {@code simulate} settings: the export, the
 * ground truth as of end-date − H (outcome visible in the export) and as of end-date (outcome simulated past the
 * export), and the list of spoiled rows. Single CSV files with a header. A stand-in until the CLI's {@code generate}
 * subcommand exists; see {@code data-samples/README.md}.
 *
 * <p>Usage: {@code WriteSample [output folder] [--set key=value ...]} (default folder {@code data-samples}).
 */
public final class WriteSample {
    private WriteSample() {}

    public static void main(String[] args) {
        Path folder = Path.of(args.length > 0 && !args[0].startsWith("--") ? args[0] : "data-samples");
        List<String> overrides = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--set") && i + 1 < args.length) overrides.add(args[++i]);
        }
        SparkSession spark = SparkSession.builder().appName("churnlens-write-sample").master("local[*]")
                .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC").getOrCreate();
        try {
            Simulate settings = ConfigLoader.load(null, overrides).simulate();
            SimulationResult result = Simulation.run(spark, settings);
            writeCsv(result.transactions(), folder.resolve("transactions.csv"), Raw.ORDER_TS, Raw.TRANSACTION_ID);
            writeCsv(result.groundTruth(), folder.resolve("ground_truth.csv"), Truth.CUSTOMER_ID);
            writeCsv(result.messyRows(), folder.resolve("messy_rows.csv"), Messy.TRANSACTION_ID, Messy.KIND);

            List<String> atEnd = new ArrayList<>(overrides);
            atEnd.add("simulate.truth-as-of=" + settings.endDate());
            Simulate endSettings = ConfigLoader.load(null, atEnd).simulate();
            writeCsv(Simulation.run(spark, endSettings).groundTruth(),
                    folder.resolve("ground_truth_asof_" + settings.endDate() + ".csv"), Truth.CUSTOMER_ID);

            Map<MessyKind, Long> counts = result.messyRowCounts();
            System.out.println("customers " + settings.customers() + ", rows " + result.transactions().count()
                    + ", messy rows " + counts + " -> " + folder.toAbsolutePath());
        } finally {
            spark.stop();
        }
    }

    /** One CSV file: Spark writes a folder with one part file, which is moved to {@code target}. */
    private static void writeCsv(Dataset<Row> rows, Path target, String firstSortColumn, String... sortColumns) {
        Path staging = target.resolveSibling(target.getFileName() + ".staging");
        rows.repartition(1).sortWithinPartitions(firstSortColumn, sortColumns)
                .write().mode("overwrite").option("header", "true").csv(staging.toString());
        try (Stream<Path> files = Files.list(staging)) {
            Path part = files.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Spark wrote no part file in " + staging));
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            try (Stream<Path> rest = Files.walk(staging)) {
                rest.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
