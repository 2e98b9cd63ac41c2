package io.churnlens.ingest;

import io.churnlens.io.RawRows;
import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ConfigLoader;
import io.churnlens.io.RawSource;
import io.churnlens.schema.QuarantineColumns;
import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Small helpers of the ingest tests: files in a temp folder, configs from overrides, a fixed clock. */
final class IngestFixture {
    static final LocalDate AS_OF = LocalDate.of(2026, 9, 30);
    /** The run's own clock in these tests: three days after the snapshot. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-10-03T12:00:00Z"), ZoneOffset.UTC);

    private final SparkSession spark;
    private final Path dir;
    private int runs;

    IngestFixture(SparkSession spark, Path dir) {
        this.spark = spark;
        this.dir = dir;
    }

    static ChurnlensConfig config(String... overrides) {
        List<String> all = new ArrayList<>(List.of("mapping.transaction-id=transaction_id",
                "mapping.product-id=product_id", "mapping.country=country"));
        all.addAll(Arrays.asList(overrides));
        return ConfigLoader.load(null, all);
    }

    Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /** A CSV with the default mapping's header plus transaction_id, product_id and country (all mapped by {@link #config}). */
    Path csv(String name, String... lines) throws Exception {
        return write(name, "transaction_id,customer_id,order_ts,amount,product_id,country\n"
                + String.join("\n", lines) + "\n");
    }

    IngestResult ingest(ChurnlensConfig c, Path file, Dataset<Row> existing) {
        ChurnlensConfig.Input in = c.input();
        ChurnlensConfig.Input input = new ChurnlensConfig.Input(file.toString(), in.format(), in.header(), in.delimiter(),
                in.columns(), in.datePattern(), in.timezone());
        RawRows raw = RawSource.read(spark, input, c.mapping().inputColumns());
        return new Ingestion(c, AS_OF, "run-" + (++runs), CLOCK).apply(raw, existing);
    }

    /** The table after the run, collected back into a fresh Dataset (as a later run would read it). */
    Dataset<Row> stored(IngestResult result) {
        return spark.createDataFrame(result.table().collectAsList(), TransactionColumns.SCHEMA);
    }

    static Map<String, String> reasonsByTransaction(IngestResult result) {
        return result.quarantine().collectAsList().stream().collect(Collectors.toMap(
                r -> r.<String>getAs(QuarantineColumns.RAW).replaceAll(".*\"transaction_id\":\"([^\"]*)\".*", "$1"),
                r -> r.<String>getAs(QuarantineColumns.REASON_CODE)));
    }

    static Map<String, Row> acceptedByTransaction(IngestResult result) {
        return result.accepted().collectAsList().stream().collect(Collectors.toMap(
                r -> r.getAs(TransactionColumns.TRANSACTION_ID), r -> r));
    }
}
