package io.churnlens.io;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ConfigLoader;
import io.churnlens.ingest.IngestResult;
import io.churnlens.ingest.Ingestion;
import io.churnlens.schema.DataQualityColumns;
import io.churnlens.schema.QuarantineColumns;
import io.churnlens.schema.TransactionColumns;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reading layer against exports as they come: files of one folder with their columns in different orders, extra
 * or missing columns, bytes that are not valid in the configured charset, RFC 4180 quoting, byte order marks,
 * header-only and empty inputs, typed Parquet times. Each case asserts the exact rows, values and reasons.
 */
class RawSourceHostileInputTest extends SparkTestBase {
    private static final LocalDate AS_OF = LocalDate.of(2026, 9, 30);
    private static final String TX = "mapping.transaction-id=transaction_id";

    @TempDir
    Path dir;

    // ---- item 1: columns by header name in every file --------------------------------------------------------

    @Test
    void eachFileIsReadByItsOwnHeaderAndFilesSharingAHeaderAreReadTogether() throws Exception {
        Path folder = dir.resolve("exports");
        write(folder.resolve("a.csv"), "customer_id,order_ts,amount,transaction_id\nc1,2025-08-05 09:00:00,10.00,A1\n");
        write(folder.resolve("b.csv"), "transaction_id,amount,order_ts,customer_id\nF6,60.00,2025-08-06 10:00:00,906\n");
        write(folder.resolve("c [1].csv"), "customer_id,order_ts,amount,transaction_id\nc3,2025-08-07 09:00:00,7.25,C1\n");
        ChurnlensConfig c = config(folder, TX);

        HeaderGroups groups = HeaderGroups.of(FileHeaders.probe(spark, InputFiles.list(spark, folder.toString())), c.input());
        assertThat(groups.groups()).hasSize(2);

        IngestResult result = ingest(c);
        Map<String, Row> byTx = byTransaction(result);
        assertThat(byTx).containsOnlyKeys("A1", "F6", "C1");
        assertThat(byTx.get("F6").<String>getAs(TransactionColumns.CUSTOMER_ID)).isEqualTo("906");
        assertThat(byTx.get("F6").<BigDecimal>getAs(TransactionColumns.AMOUNT)).isEqualByComparingTo("60.00");
        assertThat(byTx.get("F6").<String>getAs(TransactionColumns.SOURCE_FILE)).endsWith("b.csv");
        assertThat(byTx.get("C1").<BigDecimal>getAs(TransactionColumns.AMOUNT)).isEqualByComparingTo("7.25");
        assertThat(result.counts()).containsEntry(DataQualityColumns.QUARANTINED, 0L);
    }

    @Test
    void aFileWithAnExtraUnmappedColumnReadsFine() throws Exception {
        Path folder = dir.resolve("exports");
        write(folder.resolve("a.csv"), "transaction_id,customer_id,order_ts,amount\nA1,c1,2025-08-05 09:00:00,10.00\n");
        write(folder.resolve("b.csv"), "transaction_id,customer_id,note,order_ts,amount\n"
                + "B1,c2,gift wrap,2025-08-06 10:00:00,20.50\nB2,c2,,2025-08-07 10:00:00,3.00\n");
        RawRows raw = RawSource.read(spark, config(folder, TX));
        assertThat(raw.columns()).containsExactly("transaction_id", "customer_id", "order_ts", "amount", "note");

        IngestResult result = new Ingestion(config(folder, TX), AS_OF, "t").apply(raw, null);
        Map<String, Row> byTx = byTransaction(result);
        assertThat(byTx).containsOnlyKeys("A1", "B1", "B2");
        assertThat(byTx.get("B1").<BigDecimal>getAs(TransactionColumns.AMOUNT)).isEqualByComparingTo("20.50");
        assertThat(result.counts()).containsEntry(DataQualityColumns.QUARANTINED, 0L);
    }

    @Test
    void aFileLackingAMappedColumnIsQuarantinedByNameAndTheOthersStillRead() throws Exception {
        Path folder = dir.resolve("exports");
        write(folder.resolve("good.csv"), "transaction_id,customer_id,order_ts,amount\nG1,c1,2025-08-05 09:00:00,10.00\n");
        write(folder.resolve("short.csv"), "transaction_id,customer_id,order_ts\nS1,c2,2025-08-06 10:00:00\n"
                + "S2,c3,2025-08-06 11:00:00\n");
        RawRows raw = RawSource.read(spark, config(folder, TX));
        IngestResult result = new Ingestion(config(folder, TX), AS_OF, "t").apply(raw, null);

        assertThat(byTransaction(result)).containsOnlyKeys("G1");
        List<Row> quarantined = result.quarantine().collectAsList();
        assertThat(quarantined).hasSize(2).allSatisfy(r -> {
            assertThat(r.<String>getAs(QuarantineColumns.REASON_CODE)).isEqualTo("MISSING_COLUMN");
            assertThat(r.<String>getAs(QuarantineColumns.DETAIL)).contains("lacks the mapped column(s) [amount]");
            assertThat(r.<String>getAs(QuarantineColumns.SOURCE_FILE)).endsWith("short.csv");
        });
        assertThat(result.counts()).containsEntry("quarantined:MISSING_COLUMN", 2L)
                .containsEntry(DataQualityColumns.ROWS_READ, 3L);
        assertThat(raw.refusedFiles()).singleElement().asString().contains("short.csv").contains("[amount]");
        assertThatThrownBy(raw::requireNoRefusedFiles).isInstanceOf(InputException.class)
                .hasMessageContaining("short.csv").hasMessageContaining("the other files were ingested");
    }

    @Test
    void aJsonFileLackingAMappedKeyIsRefusedByNameWhileANullValueIsNot() throws Exception {
        Path folder = dir.resolve("json");
        write(folder.resolve("good.json"), "{\"transaction_id\": \"G1\", \"customer_id\": \"c1\", "
                + "\"order_ts\": \"2025-08-05 09:00:00\", \"amount\": 10}\n");
        // The key is there, its value null: a row-level verdict, not a refused file.
        write(folder.resolve("null.json"), "{\"transaction_id\": \"N1\", \"customer_id\": \"c4\", "
                + "\"order_ts\": \"2025-08-05 09:00:00\", \"amount\": null}\n");
        write(folder.resolve("short.json"), "{\"transaction_id\": \"S1\", \"customer_id\": \"c2\", "
                + "\"order_ts\": \"2025-08-06 10:00:00\"}\n{\"transaction_id\": \"S2\", \"customer_id\": \"c3\", "
                + "\"order_ts\": \"2025-08-06 11:00:00\"}\n");
        ChurnlensConfig c = config(folder, TX, "input.format=json");
        RawRows raw = RawSource.read(spark, c);
        IngestResult result = new Ingestion(c, AS_OF, "t").apply(raw, null);

        assertThat(byTransaction(result)).containsOnlyKeys("G1");
        assertThat(result.counts()).containsEntry("quarantined:MISSING_COLUMN", 2L)
                .containsEntry(DataQualityColumns.ROWS_READ, 4L);
        assertThat(result.quarantine().filter(col(QuarantineColumns.REASON_CODE).equalTo("MISSING_COLUMN"))
                .select(QuarantineColumns.SOURCE_FILE).as(Encoders.STRING()).collectAsList())
                .hasSize(2).allSatisfy(f -> assertThat(f).endsWith("short.json"));
        assertThat(raw.refusedFiles()).singleElement().asString().contains("short.json").contains("[amount]");
        assertThatThrownBy(raw::requireNoRefusedFiles).isInstanceOf(InputException.class)
                .hasMessageContaining("short.json");
    }

    @Test
    void aColumnNoFileHasStillStopsBeforeReading() throws Exception {
        Path file = write(dir.resolve("tx.csv"), "cust,order_ts,amount\nc1,2026-01-01 00:00:00,1\n");
        assertThatThrownBy(() -> ingest(config(file))).isInstanceOf(InputException.class)
                .hasMessageContaining("mapping.customer-id = 'customer_id'");
    }

    @Test
    void readingLeavesTheSessionsCsvColumnPruningAloneAndJudgesRowsTheSameInEveryQuery() throws Exception {
        String before = spark.conf().get("spark.sql.csv.parser.columnPruning.enabled");
        Path file = write(dir.resolve("tx.csv"), "customer_id,order_ts,amount\nc1,2026-01-01 00:00:00,1\n"
                + "c2,2026-01-01 00:00:00,2,extra\nc3,2026-01-01 00:00:00\n");
        RawRows raw = RawSource.read(spark, config(file));
        assertThat(spark.conf().get("spark.sql.csv.parser.columnPruning.enabled")).isEqualTo(before);
        assertThat(raw.rows().filter(col(RawRows.READER_REASON).isNotNull()).count()).isEqualTo(2);
        assertThat(raw.rows().filter(col(RawRows.READER_REASON).isNotNull()).select("customer_id").count()).isEqualTo(2);
        assertThat(raw.rows().filter(col(RawRows.READER_REASON).isNull()).select("customer_id")
                .as(Encoders.STRING()).collectAsList()).containsExactly("c1");
    }

    @Test
    void headersThatSpellAColumnTwoWaysAreRefusedNamingBothFiles() throws Exception {
        Path folder = dir.resolve("exports");
        write(folder.resolve("a.csv"), "customer_id,order_ts,amount\nc1,2025-08-05 09:00:00,10.00\n");
        write(folder.resolve("b.csv"), "customer_id,order_ts,Amount\nc2,2025-08-05 09:00:00,11.00\n");
        assertThatThrownBy(() -> RawSource.read(spark, config(folder))).isInstanceOf(InputException.class)
                .hasMessageContaining("'amount' in").hasMessageContaining("a.csv")
                .hasMessageContaining("'Amount' in").hasMessageContaining("b.csv");
        write(folder.resolve("b.csv"), "customer_id,order_ts,amount,AMOUNT\nc2,2025-08-05 09:00:00,11.00,1\n");
        assertThatThrownBy(() -> RawSource.read(spark, config(folder))).isInstanceOf(InputException.class)
                .hasMessageContaining("names column 'AMOUNT' twice").hasMessageContaining("b.csv");
    }

    // ---- item 5: strict decoding -----------------------------------------------------------------------------

    @Test
    void bytesInvalidInUtf8AreQuarantinedAsEncodingNeverReplaced() throws Exception {
        Path file = writeBytes(dir.resolve("latin1.csv"), bytes("customer_id,order_ts,amount\n"),
                bytes("Jos"), new byte[]{(byte) 0xE9}, bytes(",2026-01-01 10:00:00,5.00\n"),
                bytes("Jos"), new byte[]{(byte) 0xE8}, bytes(",2026-01-02 10:00:00,6.00\n"),
                "Zoë,2026-01-03 10:00:00,7.00\n".getBytes(StandardCharsets.UTF_8));
        IngestResult result = ingest(config(file));
        assertThat(customers(result)).containsExactly("Zoë");
        assertThat(result.counts()).containsEntry("quarantined:ENCODING", 2L);
        assertThat(result.quarantine().select(QuarantineColumns.DETAIL).as(Encoders.STRING()).collectAsList())
                .containsExactlyInAnyOrder(
                        "column 'customer_id' holds bytes that are not valid UTF-8: 'Jos\\xE9'",
                        "column 'customer_id' holds bytes that are not valid UTF-8: 'Jos\\xE8'");
        assertThat(result.quarantine().select(QuarantineColumns.RAW).as(Encoders.STRING()).collectAsList())
                .allSatisfy(raw -> assertThat(raw).doesNotContain("\uFFFD").contains("Jos\\\\x"));
    }

    @Test
    void theSameBytesReadAsTwoCustomersInIso88591() throws Exception {
        Path file = writeBytes(dir.resolve("latin1.csv"), bytes("customer_id,order_ts,amount\n"),
                bytes("Jos"), new byte[]{(byte) 0xE9}, bytes(",2026-01-01 10:00:00,5.00\n"),
                bytes("Jos"), new byte[]{(byte) 0xE8}, bytes(",2026-01-02 10:00:00,6.00\n"));
        IngestResult result = ingest(config(file, "input.encoding=ISO-8859-1"));
        assertThat(customers(result)).containsExactlyInAnyOrder("José", "Josè");
        assertThat(result.counts()).containsEntry(DataQualityColumns.QUARANTINED, 0L);
    }

    @Test
    void windows1252MapsItsOwnBytesAndRefusesItsUndefinedOnes() throws Exception {
        // 0x80 is the euro sign in windows-1252; 0x81 is not defined there.
        Path file = writeBytes(dir.resolve("cp1252.csv"), bytes("customer_id,order_ts,amount,category\n"),
                bytes("c1,2026-01-01 10:00:00,5.00,"), new byte[]{(byte) 0x80}, bytes("uro\n"),
                bytes("c2,2026-01-01 10:00:00,5.00,"), new byte[]{(byte) 0x81}, bytes("\n"));
        IngestResult result = ingest(config(file, "input.encoding=windows-1252", "mapping.category=category"));
        assertThat(result.accepted().select(TransactionColumns.CATEGORY).as(Encoders.STRING()).collectAsList())
                .containsExactly("€uro");
        assertThat(result.quarantine().select(QuarantineColumns.DETAIL).as(Encoders.STRING()).collectAsList())
                .containsExactly("column 'category' holds bytes that are not valid windows-1252: '\\x81'");
    }

    @Test
    void aCharsetThatDoesNotWriteAsciiAsAsciiIsRefusedAtConfigTime() {
        assertThatThrownBy(() -> config(dir, "input.encoding=UTF-16"))
                .hasMessageContaining("input.encoding").hasMessageContaining("UTF-16");
        assertThatThrownBy(() -> config(dir, "input.encoding=no-such-charset"))
                .hasMessageContaining("input.encoding");
    }

    @Test
    void jsonValuesWithBytesInvalidInUtf8AreQuarantinedAsEncoding() throws Exception {
        Path file = writeBytes(dir.resolve("tx.json"),
                bytes("{\"customer_id\": \"Jos"), new byte[]{(byte) 0xE9},
                bytes("\", \"order_ts\": \"2026-01-01 10:00:00\", \"amount\": 5}\n"),
                "{\"customer_id\": \"Zoë\", \"order_ts\": \"2026-01-02 10:00:00\", \"amount\": 6}\n".getBytes(StandardCharsets.UTF_8),
                bytes("{\"customer_id\": \"Jos\\u00e9\", \"order_ts\": \"2026-01-03 10:00:00\", \"amount\": 7}\n"));
        IngestResult result = ingest(config(file, "input.format=json"));
        assertThat(customers(result)).containsExactlyInAnyOrder("Zoë", "José");
        assertThat(result.counts()).containsEntry("quarantined:ENCODING", 1L);
        assertThat(result.quarantine().select(QuarantineColumns.DETAIL).as(Encoders.STRING()).first())
                .startsWith("the line holds bytes that are not valid UTF-8: {\"customer_id\": \"Jos\\xE9\", ");
    }

    // ---- item 6: RFC 4180 quoting ----------------------------------------------------------------------------

    @Test
    void quotedLineBreaksAndDoubledQuotesReadAsOneField() throws Exception {
        String csv = "transaction_id,customer_id,order_ts,amount,category\r\n"
                + "T1,c1,2026-01-01 10:00:00,5.00,\"line one\r\nline two\"\r\n"
                + "T2,c2,2026-01-02 10:00:00,6.00,\"say \"\"hi\"\"\"\r\n"
                + "T3,c3,2026-01-03 10:00:00,7.00,\"a, b\"\r\n";
        Path plain = write(dir.resolve("plain/tx.csv"), csv);
        Path gzipped = writeBytes(dir.resolve("gz/tx.csv.gz"), gzip(csv.getBytes(StandardCharsets.UTF_8)));
        for (Path file : List.of(plain, gzipped)) {
            IngestResult result = ingest(config(file, TX, "mapping.category=category"));
            Map<String, Row> byTx = byTransaction(result);
            assertThat(byTx).containsOnlyKeys("T1", "T2", "T3");
            assertThat(byTx.get("T1").<String>getAs(TransactionColumns.CATEGORY)).isEqualTo("line one\nline two");
            assertThat(byTx.get("T2").<String>getAs(TransactionColumns.CATEGORY)).isEqualTo("say \"hi\"");
            assertThat(byTx.get("T3").<String>getAs(TransactionColumns.CATEGORY)).isEqualTo("a, b");
            assertThat(result.counts()).containsEntry(DataQualityColumns.ROWS_READ, 3L);
        }
    }

    @Test
    void backslashEscapesAndSingleLineModeAreOptions() throws Exception {
        Path file = write(dir.resolve("bs.csv"), "customer_id,order_ts,amount,category\n"
                + "c1,2026-01-01 10:00:00,5.00,\"say \\\"hi\\\"\"\nc2,2026-01-02 10:00:00,6.00,\"a, b\"\n");
        IngestResult result = ingest(config(file, "input.escape=\"\\\\\"", "input.multiline=false",
                "mapping.category=category"));
        assertThat(result.accepted().orderBy(TransactionColumns.CUSTOMER_ID).select(TransactionColumns.CATEGORY)
                .as(Encoders.STRING()).collectAsList()).containsExactly("say \"hi\"", "a, b");
    }

    @Test
    void aTenMegabyteFieldReadsWhole() throws Exception {
        String big = "x".repeat(10 * 1024 * 1024);
        Path file = write(dir.resolve("big.csv"), "customer_id,order_ts,amount,category\n"
                + "c1,2026-01-01 10:00:00,5.00,\"" + big + "\"\nc2,2026-01-02 10:00:00,6.00,small\n");
        IngestResult result = ingest(config(file, "mapping.category=category"));
        assertThat(result.accepted().select(org.apache.spark.sql.functions.length(col(TransactionColumns.CATEGORY)))
                .as(Encoders.INT()).collectAsList()).containsExactlyInAnyOrder(big.length(), 5);
    }

    // ---- byte order marks, header-less files, whitespace layout ----------------------------------------------

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnWithOrWithoutAHeader() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Path withHeader = writeBytes(dir.resolve("h.csv"), bom, bytes("customer_id,order_ts,amount\nc1,2026-01-01 10:00:00,5\n"));
        assertThat(customers(ingest(config(withHeader)))).containsExactly("c1");

        Path headerless = writeBytes(dir.resolve("n.csv"), bom, bytes("c2,2026-01-01 10:00:00,5\n"));
        assertThat(customers(ingest(config(headerless, "input.header=false",
                "input.columns=[customer_id, order_ts, amount]")))).containsExactly("c2");
    }

    @Test
    void whitespaceFilesAreAlsoMappedByTheirOwnHeader() throws Exception {
        Path folder = dir.resolve("ws");
        write(folder.resolve("a.txt"), "customer_id  order_ts   amount\r\nc1  20260101  5.00\r\n");
        write(folder.resolve("b.txt"), "amount customer_id order_ts\n6.00 c2 20260102\n\n7.00 c3\n");
        IngestResult result = ingest(config(folder, "input.delimiter=whitespace", "input.date-pattern=yyyyMMdd"));
        Map<String, BigDecimal> amounts = result.accepted().collectAsList().stream().collect(Collectors.toMap(
                r -> r.getAs(TransactionColumns.CUSTOMER_ID), r -> r.getAs(TransactionColumns.AMOUNT)));
        assertThat(amounts).containsOnlyKeys("c1", "c2");
        assertThat(amounts.get("c2")).isEqualByComparingTo("6.00");
        assertThat(result.counts()).containsEntry("quarantined:MALFORMED_ROW", 1L);
    }

    // ---- item 12b: header-only and empty inputs --------------------------------------------------------------

    @Test
    void headerOnlyInputGivesAnEmptyDatasetWithItsColumnsAndAWarningNamingTheFile() throws Exception {
        Path file = write(dir.resolve("empty.csv"), "customer_id,order_ts,amount\r\n\r\n");
        RawRows raw = RawSource.read(spark, config(file));
        assertThat(raw.columns()).containsExactly("customer_id", "order_ts", "amount");
        assertThat(raw.rows().count()).isZero();
        assertThat(raw.warnings()).singleElement().asString().contains("no data rows").contains("empty.csv");
        assertThat(new Ingestion(config(file), AS_OF, "t").apply(raw, null).counts())
                .containsEntry(DataQualityColumns.ROWS_READ, 0L);
    }

    @Test
    void anEmptyFolderIsAnInputErrorNotASparkAnalysisError() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("nothing"));
        assertThatThrownBy(() -> RawSource.read(spark, config(folder))).isInstanceOf(InputException.class)
                .hasMessageContaining("holds no data files");
        write(folder.resolve("_SUCCESS"), "");
        assertThatThrownBy(() -> RawSource.read(spark, config(folder, "input.format=parquet")))
                .isInstanceOf(InputException.class).hasMessageContaining("holds no data files");
        write(folder.resolve("zero.csv"), "");
        assertThatThrownBy(() -> RawSource.read(spark, config(folder))).isInstanceOf(InputException.class)
                .hasMessageContaining("every input file is empty").hasMessageContaining("zero.csv");
    }

    // ---- item 12a: typed Parquet times -----------------------------------------------------------------------

    @Test
    void typedParquetTimestampsAndDatesAreTakenAsTheyAre() {
        String folder = dir.resolve("pq").toString();
        spark.sql("SELECT 'c1' AS customer_id, TIMESTAMP '2026-01-05 10:00:00.123456' AS order_ts, "
                        + "CAST(12.50 AS DECIMAL(10,2)) AS amount, DATE '2026-02-01' AS order_day, "
                        + "TIMESTAMP_NTZ '2026-03-01 23:30:00.5' AS local_ts")
                .write().parquet(folder);
        Row row = ingest(config(Path.of(folder), "input.format=parquet")).accepted().first();
        assertThat(row.<java.sql.Timestamp>getAs(TransactionColumns.EVENT_TS).toInstant().toString())
                .isEqualTo("2026-01-05T10:00:00.123456Z");
        assertThat(row.<BigDecimal>getAs(TransactionColumns.AMOUNT)).isEqualByComparingTo("12.50");

        Row byDay = ingest(config(Path.of(folder), "input.format=parquet", "mapping.event-time=order_day"))
                .accepted().first();
        assertThat(byDay.<java.sql.Date>getAs(TransactionColumns.EVENT_DATE).toLocalDate()).isEqualTo(LocalDate.of(2026, 2, 1));

        Row local = ingest(config(Path.of(folder), "input.format=parquet", "mapping.event-time=local_ts",
                "input.timezone=America/New_York")).accepted().first();
        assertThat(local.<java.sql.Timestamp>getAs(TransactionColumns.EVENT_TS).toInstant().toString())
                .isEqualTo("2026-03-02T04:30:00.500Z");
    }

    @Test
    void parquetFilesAreAlignedByNameTypedOrNotAndAFileLackingAMappedColumnIsRefused() {
        Path folder = dir.resolve("pq");
        spark.sql("SELECT 'c1' AS customer_id, TIMESTAMP '2026-01-05 10:00:00.25' AS order_ts, CAST(12.50 AS DECIMAL(10,2)) AS amount")
                .write().parquet(folder.resolve("a").toString());
        spark.sql("SELECT '7.25' AS amount, 'c2' AS customer_id, '2026-01-06 11:00:00' AS order_ts")
                .write().parquet(folder.resolve("b").toString());
        spark.sql("SELECT 'c3' AS customer_id, '2026-01-07 12:00:00' AS order_ts")
                .write().parquet(folder.resolve("c").toString());
        RawRows raw = RawSource.read(spark, config(folder, "input.format=parquet"));
        IngestResult result = new Ingestion(config(folder, "input.format=parquet"), AS_OF, "t").apply(raw, null);

        Map<String, Row> byCustomer = result.accepted().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs(TransactionColumns.CUSTOMER_ID), r -> r));
        assertThat(byCustomer).containsOnlyKeys("c1", "c2");
        assertThat(byCustomer.get("c1").<java.sql.Timestamp>getAs(TransactionColumns.EVENT_TS).toInstant().toString())
                .isEqualTo("2026-01-05T10:00:00.250Z");
        assertThat(byCustomer.get("c2").<java.sql.Timestamp>getAs(TransactionColumns.EVENT_TS).toInstant().toString())
                .isEqualTo("2026-01-06T11:00:00Z");
        assertThat(byCustomer.get("c2").<BigDecimal>getAs(TransactionColumns.AMOUNT)).isEqualByComparingTo("7.25");
        assertThat(result.counts()).containsEntry("quarantined:MISSING_COLUMN", 1L);
        assertThat(raw.refusedFiles()).singleElement().asString().contains("/c/").contains("[amount]");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private ChurnlensConfig config(Path input, String... overrides) {
        List<String> settings = new ArrayList<>(List.of("input.path=" + input));
        settings.addAll(List.of(overrides));
        return ConfigLoader.load(null, settings);
    }

    private IngestResult ingest(ChurnlensConfig c) {
        return new Ingestion(c, AS_OF, "test-run").apply(RawSource.read(spark, c), null);
    }

    private static Map<String, Row> byTransaction(IngestResult result) {
        return result.accepted().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs(TransactionColumns.TRANSACTION_ID), r -> r));
    }

    private static List<String> customers(IngestResult result) {
        return result.accepted().select(TransactionColumns.CUSTOMER_ID).as(Encoders.STRING()).collectAsList();
    }

    private static Path write(Path file, String text) throws Exception {
        return writeBytes(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Path writeBytes(Path file, byte[]... parts) throws Exception {
        Files.createDirectories(file.getParent());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part);
        }
        return Files.write(file, out.toByteArray());
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
