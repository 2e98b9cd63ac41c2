package io.churnlens.io;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ConfigLoader;
import io.churnlens.ingest.DataQualityReport;
import io.churnlens.ingest.IngestResult;
import io.churnlens.ingest.Ingestion;
import io.churnlens.schema.DataQualityColumns;
import io.churnlens.schema.QuarantineColumns;
import io.churnlens.schema.TransactionColumns;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.get_json_object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random folders of exports, each file with its own column order, optional extra column, line endings, byte order
 * mark and compression, holding values that need RFC 4180 quoting and a planted share of rows with bytes invalid in
 * UTF-8 or one field too many. Every row must end accepted with exactly the values written, or quarantined with the
 * reason it was planted with; the counts reconcile. Seeded, so a failure reproduces.
 */
class RawSourcePropertyTest extends SparkTestBase {
    private static final List<String> COLUMNS = List.of("transaction_id", "customer_id", "order_ts", "amount", "category");
    private static final String[] CUSTOMERS = {"c1", "c2", "Zoë", "José", "Jos\u00e8", "株式会社", "O'Brien"};
    private static final String[] CATEGORIES = {"books", "garden, tools", "say \"hi\"", "two\nlines", "", "café ☕"};

    private static final java.time.format.DateTimeFormatter TS =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir
    Path dir;

    private record Expected(String customer, java.time.Instant ts, BigDecimal amount, String category, String reason) {}

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void everyRowEndsAcceptedWithItsValuesOrQuarantinedWithItsPlantedReason(long seed) throws Exception {
        Random random = new Random(seed);
        Path folder = Files.createDirectories(dir.resolve("exports-" + seed));
        Map<String, Expected> expected = new HashMap<>();
        int files = 3 + random.nextInt(4);
        for (int f = 0; f < files; f++) {
            writeFile(folder, f, random, expected);
        }
        ChurnlensConfig c = ConfigLoader.load(null, List.of("input.path=" + folder,
                "mapping.transaction-id=transaction_id", "mapping.category=category"));
        IngestResult result = new Ingestion(c, LocalDate.of(2026, 9, 30), "prop").apply(RawSource.read(spark, c), null)
                .persist();

        Map<String, Long> counts = result.counts();

        Map<String, Expected> accepted = new HashMap<>();
        for (Row r : result.accepted().collectAsList()) {
            String category = r.getAs(TransactionColumns.CATEGORY);
            accepted.put(r.getAs(TransactionColumns.TRANSACTION_ID), new Expected(r.getAs(TransactionColumns.CUSTOMER_ID),
                    r.<java.sql.Timestamp>getAs(TransactionColumns.EVENT_TS).toInstant(),
                    r.getAs(TransactionColumns.AMOUNT), category == null ? "" : category, null));
        }
        Map<String, String> quarantined = new HashMap<>();
        for (Row r : result.quarantine().select(get_json_object(col(QuarantineColumns.RAW), "$.transaction_id")
                .as("transaction_id"), col(QuarantineColumns.REASON_CODE)).collectAsList()) {
            quarantined.put(r.getAs("transaction_id"), r.getAs(QuarantineColumns.REASON_CODE));
        }

        result.release();

        Map<String, Expected> wantAccepted = new HashMap<>();
        Map<String, String> wantQuarantined = new HashMap<>();
        expected.forEach((tx, e) -> {
            if (e.reason() == null) {
                wantAccepted.put(tx, e);
            } else {
                wantQuarantined.put(tx, e.reason());
            }
        });
        assertThat(DataQualityReport.reconciles(counts)).isTrue();
        assertThat(counts).containsEntry(DataQualityColumns.ROWS_READ, (long) expected.size())
                .containsEntry(DataQualityColumns.DUPLICATES_IN_INPUT, 0L);
        assertThat(quarantined).containsExactlyInAnyOrderEntriesOf(wantQuarantined);
        assertThat(accepted.keySet()).containsExactlyInAnyOrderElementsOf(wantAccepted.keySet());
        wantAccepted.forEach((tx, e) -> {
            Expected got = accepted.get(tx);
            assertThat(got.customer()).as(tx).isEqualTo(e.customer());
            assertThat(got.ts()).as(tx).isEqualTo(e.ts());
            assertThat(got.amount()).as(tx).isEqualByComparingTo(e.amount());
            assertThat(got.category()).as(tx).isEqualTo(e.category());
        });
    }

    private static void writeFile(Path folder, int f, Random random, Map<String, Expected> expected) throws Exception {
        List<String> header = new ArrayList<>(COLUMNS);
        Collections.shuffle(header, random);
        if (random.nextBoolean()) {
            header.add(random.nextInt(header.size() + 1), "note");
        }
        String eol = random.nextBoolean() ? "\r\n" : "\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (random.nextInt(3) == 0) {
            bytes.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        bytes.write((String.join(",", header) + eol).getBytes(StandardCharsets.UTF_8));
        int rows = 5 + random.nextInt(20);
        for (int i = 0; i < rows; i++) {
            String tx = "T" + f + "-" + i;
            String customer = CUSTOMERS[random.nextInt(CUSTOMERS.length)];
            LocalDateTime ts = LocalDateTime.of(2025, 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60));
            BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(50_000), 2);
            String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
            int kind = random.nextInt(10);
            String reason = kind == 0 ? "ENCODING" : kind == 1 ? "MALFORMED_ROW" : null;
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int k = 0; k < header.size(); k++) {
                if (k > 0) {
                    line.write(',');
                }
                switch (header.get(k)) {
                    case "transaction_id" -> line.write(tx.getBytes(StandardCharsets.US_ASCII));
                    case "customer_id" -> {
                        line.write(customer.getBytes(StandardCharsets.UTF_8));
                        if (reason != null && reason.equals("ENCODING")) {
                            line.write(0xE9);   // a Latin-1 byte, invalid alone in UTF-8
                        }
                    }
                    case "order_ts" -> line.write(TS.format(ts).getBytes(StandardCharsets.US_ASCII));
                    case "amount" -> line.write(amount.toPlainString().getBytes(StandardCharsets.US_ASCII));
                    case "category" -> line.write(quoted(category).getBytes(StandardCharsets.UTF_8));
                    default -> line.write(quoted("n" + random.nextInt(9)).getBytes(StandardCharsets.UTF_8));
                }
            }
            if ("MALFORMED_ROW".equals(reason)) {
                line.write(",surplus".getBytes(StandardCharsets.US_ASCII));
            }
            line.write(eol.getBytes(StandardCharsets.US_ASCII));
            bytes.write(line.toByteArray());
            expected.put(tx, new Expected(customer, ts.toInstant(java.time.ZoneOffset.UTC), amount, category, reason));
        }
        boolean gzip = random.nextInt(3) == 0;
        Path file = folder.resolve(String.format(Locale.ROOT, "part-%02d.csv%s", f, gzip ? ".gz" : ""));
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(bytes.toByteArray());
        }
    }

    /** RFC 4180: quote when needed, double the quotes inside. */
    private static String quoted(String value) {
        return value.matches(".*[\",\\n\\r].*|(?s).*\\n.*") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
