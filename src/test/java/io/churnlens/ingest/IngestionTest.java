package io.churnlens.ingest;

import io.churnlens.io.RawRows;
import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ConfigLoader;
import io.churnlens.io.InputException;
import io.churnlens.io.RawSource;
import io.churnlens.schema.DataQualityColumns;
import io.churnlens.schema.QuarantineColumns;
import io.churnlens.schema.TransactionColumns;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestionTest extends SparkTestBase {
    private static final LocalDate AS_OF = LocalDate.of(2026, 9, 30);

    @TempDir
    Path dir;

    @Test
    void eachBadRowIsQuarantinedWithItsReasonAndCountsReconcile() throws Exception {
        Path file = write("tx.csv", String.join("\n",
                "transaction_id,customer_id,order_ts,amount",
                "t1,c1,2026-01-05 10:00:00,10.50",                 // accepted
                "t2,c1,2026-02-05 10:00:00,-3.00",                 // accepted (a return)
                "t3,,2026-02-05 10:00:00,5",                       // MISSING_CUSTOMER
                "t4,c2,,5",                                        // MISSING_DATE
                "t5,c2,05/02/2026,5",                              // UNPARSABLE_DATE
                "t6,c2,2026-03-01 09:00:00,12,5",                  // MALFORMED_ROW (one column too many)
                "t7,c2,2026-03-01 09:00:00,abc",                   // UNPARSABLE_AMOUNT
                "t8,c3,2026-01-01 00:00:00,99999999",              // IMPLAUSIBLE_AMOUNT (above max)
                "t9,c3,2026-01-01 00:00:00,0.00",                  // IMPLAUSIBLE_AMOUNT (zero)
                "t10,c3,1970-01-01 00:00:00,5",                    // DATE_OUT_OF_RANGE
                "t11,c3,2026-10-01 00:00:00,5",                    // accepted: after the snapshot, kept for later ones
                "t12,c4,2026-03-01 09:00:00,20",                   // accepted
                "t12,c4,2026-03-01 09:00:00,20") + "\n");          // exact duplicate
        IngestResult result = ingest(config(), file, null);

        Map<String, String> reasons = result.quarantine().collectAsList().stream().collect(Collectors.toMap(
                r -> r.<String>getAs(QuarantineColumns.RAW).replaceAll(".*\"transaction_id\":\"(t\\d+)\".*", "$1"),
                r -> r.<String>getAs(QuarantineColumns.REASON_CODE)));
        assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of(
                "t3", "MISSING_CUSTOMER", "t4", "MISSING_DATE", "t5", "UNPARSABLE_DATE", "t6", "MALFORMED_ROW",
                "t7", "UNPARSABLE_AMOUNT", "t8", "IMPLAUSIBLE_AMOUNT", "t9", "IMPLAUSIBLE_AMOUNT",
                "t10", "DATE_OUT_OF_RANGE"));
        assertThat(result.quarantine().select("detail").as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
                .allMatch(d -> !d.isBlank())
                .anyMatch(d -> d.contains("'05/02/2026' does not match input.date-pattern"));

        Map<String, Long> counts = result.counts();
        assertThat(counts).containsEntry(DataQualityColumns.ROWS_READ, 13L)
                .containsEntry(DataQualityColumns.ACCEPTED, 4L)
                .containsEntry(DataQualityColumns.QUARANTINED, 8L)
                .containsEntry(DataQualityColumns.DUPLICATES_IN_INPUT, 1L)
                .containsEntry(DataQualityColumns.DUPLICATES_ALREADY_INGESTED, 0L)
                .containsEntry("quarantined:IMPLAUSIBLE_AMOUNT", 2L);
        assertThat(DataQualityReport.reconciles(counts)).isTrue();

        Row ret = result.accepted().filter(col(TransactionColumns.TRANSACTION_ID).equalTo("t2")).first();
        assertThat(ret.<BigDecimal>getAs(TransactionColumns.AMOUNT)).isEqualByComparingTo("-3.00");
        assertThat(ret.<Boolean>getAs(TransactionColumns.IS_RETURN)).isTrue();
        assertThat(ret.<String>getAs(TransactionColumns.EVENT_MONTH)).isEqualTo("2026-02");
    }

    @Test
    void reIngestingTheSameFileAddsNothing() throws Exception {
        Path file = write("tx.csv", "transaction_id,customer_id,order_ts,amount\n"
                + "a,c1,2026-01-05 10:00:00,10\nb,c2,2026-01-06 10:00:00,11\nbad,c3,never,1\n");
        IngestResult first = ingest(config(), file, null);
        List<Row> stored = first.accepted().collectAsList();
        assertThat(stored).hasSize(2);

        IngestResult second = ingest(config(), file, spark.createDataFrame(stored, TransactionColumns.SCHEMA));
        Map<String, Long> counts = second.counts();
        assertThat(counts).containsEntry(DataQualityColumns.ACCEPTED, 0L)
                .containsEntry(DataQualityColumns.DUPLICATES_ALREADY_INGESTED, 2L)
                .containsEntry(DataQualityColumns.QUARANTINED, 1L);
        assertThat(DataQualityReport.reconciles(counts)).isTrue();
    }

    @Test
    void headerlessWhitespaceFileWithCrlfEndings() throws Exception {
        // CDNOW layout: master id, sample id, yyyyMMdd, number of CDs, dollars; runs of spaces, CRLF, no header.
        Path file = write("cdnow.txt", "00001     1 19970101  1   11.77\r\n"
                + "00002     2 19970112  1   12.00\r\n"
                + "00002     2 19970112  5   77.00\r\n"
                + "\r\n"
                + "00003  3 1997010x 2 20.00\r\n");
        ChurnlensConfig c = ConfigLoader.load(null, List.of(
                "input.header=false", "input.delimiter=whitespace",
                "input.columns=[customer, sample_id, date, cds, dollars]", "input.date-pattern=yyyyMMdd",
                "mapping.customer-id=customer", "mapping.event-time=date", "mapping.amount=dollars",
                "mapping.quantity=cds"));
        IngestResult result = ingest(c, file, null);
        Map<String, Long> counts = result.counts();
        assertThat(counts).containsEntry(DataQualityColumns.ROWS_READ, 4L)
                .containsEntry(DataQualityColumns.ACCEPTED, 3L)
                .containsEntry("quarantined:UNPARSABLE_DATE", 1L);
        List<Row> rows = result.accepted().orderBy(TransactionColumns.CUSTOMER_ID, TransactionColumns.AMOUNT).collectAsList();
        assertThat(rows.get(0).<String>getAs(TransactionColumns.CUSTOMER_ID)).isEqualTo("00001");
        assertThat(rows.get(0).<java.sql.Date>getAs(TransactionColumns.EVENT_DATE).toLocalDate()).isEqualTo(LocalDate.of(1997, 1, 1));
        assertThat(rows.get(2).<BigDecimal>getAs(TransactionColumns.AMOUNT)).isEqualByComparingTo("77.00");
        assertThat(rows.get(2).<Long>getAs(TransactionColumns.QUANTITY)).isEqualTo(5L);
    }

    @Test
    void quantityTimesPriceWithCancelledInvoicesAndFloatIds() throws Exception {
        // Online-retail layout: invoices starting with C are cancellations; ids exported as floats.
        Path file = write("retail.csv", "Invoice;StockCode;Quantity;InvoiceDate;Price;Customer ID;Country\r\n"
                + "489434;85048;12;12/1/2009 7:45;6.95;13085.0;United Kingdom\r\n"
                + "C489449;22087;-12;12/1/2009 10:33;2.95;16321.0;Australia\r\n"
                + "C489450;22088;3;12/1/2009 10:35;1.00;16321;Australia\r\n"
                + "489451;22089;2;12/1/2009 10:40;x1.5;16321.0;Australia\r\n");
        ChurnlensConfig c = ConfigLoader.load(null, List.of(
                "input.delimiter=;", "input.date-pattern=M/d/yyyy H:mm", "mapping.customer-id=Customer ID",
                "mapping.event-time=InvoiceDate", "mapping.amount=", "mapping.quantity=Quantity",
                "mapping.unit-price=Price", "mapping.transaction-id=Invoice", "mapping.product-id=StockCode",
                "mapping.country=Country", "mapping.return-flag-column=Invoice", "mapping.return-flag-pattern=^C"));
        IngestResult result = ingest(c, file, null);
        Map<String, Row> byInvoice = result.accepted().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs(TransactionColumns.TRANSACTION_ID), r -> r));
        assertThat(byInvoice).containsOnlyKeys("489434", "C489449", "C489450");
        assertThat(byInvoice.get("489434").<BigDecimal>getAs(TransactionColumns.AMOUNT)).isEqualByComparingTo("83.40");
        assertThat(byInvoice.get("489434").<String>getAs(TransactionColumns.CUSTOMER_ID)).isEqualTo("13085");
        assertThat(byInvoice.get("C489449").<BigDecimal>getAs(TransactionColumns.AMOUNT)).isEqualByComparingTo("-35.40");
        // The C prefix marks a cancellation even when the export forgot the minus sign.
        assertThat(byInvoice.get("C489450").<BigDecimal>getAs(TransactionColumns.AMOUNT)).isEqualByComparingTo("-3.00");
        assertThat(byInvoice.get("C489450").<Boolean>getAs(TransactionColumns.IS_RETURN)).isTrue();
        assertThat(byInvoice.get("C489450").<String>getAs(TransactionColumns.CUSTOMER_ID)).isEqualTo("16321");
        assertThat(byInvoice.get("C489449").<String>getAs(TransactionColumns.COUNTRY)).isEqualTo("Australia");
        assertThat(result.counts()).containsEntry("quarantined:UNPARSABLE_AMOUNT", 1L);
    }

    @Test
    void localTimesAreConvertedToTheReportingTimeZone() throws Exception {
        Path file = write("tz.csv", "customer_id,order_ts,amount\nc1,2026-03-01 23:30:00,5\n");
        ChurnlensConfig c = ConfigLoader.load(null, List.of("input.timezone=America/New_York"));
        Row row = ingest(c, file, null).accepted().first();
        assertThat(row.<java.sql.Date>getAs(TransactionColumns.EVENT_DATE).toLocalDate()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(row.<java.sql.Timestamp>getAs(TransactionColumns.EVENT_TS).toInstant().toString())
                .isEqualTo("2026-03-02T04:30:00Z");
    }

    @Test
    void jsonLinesWithNumbersAndAMalformedLine() throws Exception {
        Path file = write("tx.json", "{\"customer_id\": 17850.0, \"order_ts\": \"2026-01-01 10:00:00\", \"amount\": 12.5}\n"
                + "{\"customer_id\": \"c2\", \"order_ts\": \"2026-01-02 10:00:00\", \"amount\": \"7\"}\n"
                + "{not json\n");
        ChurnlensConfig c = ConfigLoader.load(null, List.of("input.format=json"));
        IngestResult result = ingest(c, file, null);
        assertThat(result.counts()).containsEntry(DataQualityColumns.ACCEPTED, 2L)
                .containsEntry("quarantined:MALFORMED_ROW", 1L);
        assertThat(result.accepted().select(TransactionColumns.CUSTOMER_ID).as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList()).containsExactlyInAnyOrder("17850", "c2");
    }

    @Test
    void aMappedColumnMissingFromTheInputStopsWithTheKeyAndTheColumns() throws Exception {
        Path file = write("tx.csv", "cust,order_ts,amount\nc1,2026-01-01 00:00:00,1\n");
        assertThatThrownBy(() -> ingest(config(), file, null))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("mapping.customer-id = 'customer_id'")
                .hasMessageContaining("[cust, order_ts, amount]");
    }

    private static ChurnlensConfig config() {
        return ConfigLoader.load(null, List.of("mapping.transaction-id=transaction_id"));
    }

    private IngestResult ingest(ChurnlensConfig c, Path file, org.apache.spark.sql.Dataset<Row> existingKeys) {
        ChurnlensConfig.Input in = c.input();
        ChurnlensConfig.Input input = new ChurnlensConfig.Input(file.toString(), in.format(), in.header(), in.delimiter(),
                in.columns(), in.datePattern(), in.timezone());
        RawRows raw = RawSource.read(spark, input, c.mapping().inputColumns());
        return new Ingestion(c, AS_OF, "test-run").apply(raw, existingKeys);
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    @SuppressWarnings("unused")
    private static List<String> list(String... s) {
        return Arrays.asList(s);
    }
}
