package io.churnlens.ingest;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.schema.DataQualityColumns;
import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 11 item 3: identity on parsed, normalised values; conflicting lines resolved by ingest.conflict-rule. */
class RowIdentityTest extends IngestTestBase {
    @Test
    void aReExportWithOtherFormattingAddsNothing() throws Exception {
        ChurnlensConfig first = IngestFixture.config("mapping.transaction-id=");
        Path a = fx.csv("a.csv", "t1,704,2025-01-02 10:00:00,15.80,p1,GB", "t2,705,2025-01-03 11:30:00,-3,p2,GB");
        Dataset<Row> stored = fx.stored(fx.ingest(first, a, null));
        assertThat(stored.count()).isEqualTo(2);

        // The same two rows as another system writes them: another date pattern, 704.0, $15.8, -3.00, padded id.
        ChurnlensConfig second = IngestFixture.config("mapping.transaction-id=", "input.date-pattern=dd/MM/yyyy HH:mm");
        Path b = fx.csv("b.csv", "x1,704.0,02/01/2025 10:00,$15.8,p1,GB", "x2,\u00A0705 ,03/01/2025 11:30,-3.00,p2,GB");
        IngestResult again = fx.ingest(second, b, stored);
        Map<String, Long> counts = again.counts();
        assertThat(counts).containsEntry(DataQualityColumns.ACCEPTED, 0L)
                .containsEntry(DataQualityColumns.DUPLICATES_ALREADY_INGESTED, 2L);
        assertThat(fx.stored(again).agg(sum(TransactionColumns.AMOUNT)).first().getDecimal(0))
                .isEqualByComparingTo("12.80");
    }

    @Test
    void formattingVariantsWithinOneInputAreOneRow() throws Exception {
        Path a = fx.csv("a.csv", "t1,704,2025-01-02 10:00:00,15.8,p1,GB", "t1,704.0,2025-01-02 10:00:00,15.80,p1,GB",
                "t1, 704,2025-01-02 10:00:00,$15.80,p1,GB");
        IngestResult result = fx.ingest(IngestFixture.config(), a, null);
        assertThat(result.counts()).containsEntry(DataQualityColumns.ACCEPTED, 1L)
                .containsEntry(DataQualityColumns.DUPLICATES_IN_INPUT, 2L);
        Row row = result.accepted().first();
        assertThat(row.<String>getAs(TransactionColumns.CUSTOMER_ID)).isEqualTo("704");
        assertThat(row.<BigDecimal>getAs(TransactionColumns.AMOUNT)).isEqualByComparingTo("15.80");
    }

    @Test
    void aConflictingLineIsReplacedByTheLatestRunAndCounted() throws Exception {
        Path a = fx.csv("a.csv", "t1,c1,2025-01-02 10:00:00,10.00,p1,GB", "t1,c1,2025-01-02 10:00:00,5.00,p2,GB",
                "t2,c2,2025-01-03 10:00:00,7.00,p1,GB");
        Dataset<Row> stored = fx.stored(fx.ingest(IngestFixture.config(), a, null));
        // The re-export corrects line t1/p1 (12.00), repeats t1/p2 and t2 unchanged.
        Path b = fx.csv("b.csv", "t1,c1,2025-01-02 10:00:00,12.00,p1,GB", "t1,c1,2025-01-02 10:00:00,5,p2,GB",
                "t2,c2,2025-01-03 10:00:00,7,p1,GB");
        IngestResult latest = fx.ingest(IngestFixture.config(), b, stored);
        Map<String, Long> counts = latest.counts();
        assertThat(counts).containsEntry(DataQualityColumns.ACCEPTED, 1L)
                .containsEntry(DataQualityColumns.DUPLICATES_ALREADY_INGESTED, 2L)
                .containsEntry(DataQualityColumns.CONFLICTS_WITH_INGESTED, 1L)
                .containsEntry(DataQualityColumns.ROWS_REPLACED, 1L)
                .containsEntry(DataQualityColumns.CONFLICTS_NOT_ADDED, 0L);
        assertThat(DataQualityReport.reconciles(counts)).isTrue();
        assertThat(amounts(fx.stored(latest))).containsExactlyInAnyOrder("t1/p1=12.00", "t1/p2=5.00", "t2/p1=7.00");
        assertThat(latest.conflictSample(5)).containsExactly("1 stored by run run-1");
        // Logs print no row contents: no id, no amount, only counts and runs.
        assertThat(IngestVerdict.check(IngestFixture.config().ingest(), counts, latest, "q")).singleElement().asString()
                .isEqualTo("1 new row(s) conflict with lines stored by earlier runs (ingest.conflict-rule = latest): "
                        + "a transaction id + product id stored with other values; 1 stored by run run-1")
                .doesNotContain("t1").doesNotContain("c1").doesNotContain("12.00");

        // Deterministic: the same run again changes nothing more.
        IngestResult repeat = fx.ingest(IngestFixture.config(), b, fx.stored(latest));
        assertThat(repeat.counts()).containsEntry(DataQualityColumns.ACCEPTED, 0L)
                .containsEntry(DataQualityColumns.CONFLICTS_WITH_INGESTED, 0L);
    }

    @Test
    void underTheEarliestRuleTheStoredLineStaysAndTheConflictIsCountedAsNotAdded() throws Exception {
        ChurnlensConfig earliest = IngestFixture.config("ingest.conflict-rule=earliest");
        Path a = fx.csv("a.csv", "t1,c1,2025-01-02 10:00:00,10.00,p1,GB");
        Dataset<Row> stored = fx.stored(fx.ingest(earliest, a, null));
        Path b = fx.csv("b.csv", "t1,c1,2025-01-02 10:00:00,12.00,p1,GB", "t3,c1,2025-01-04 10:00:00,1,p1,GB");
        IngestResult result = fx.ingest(earliest, b, stored);
        Map<String, Long> counts = result.counts();
        assertThat(counts).containsEntry(DataQualityColumns.ACCEPTED, 1L)
                .containsEntry(DataQualityColumns.CONFLICTS_NOT_ADDED, 1L)
                .containsEntry(DataQualityColumns.CONFLICTS_WITH_INGESTED, 1L)
                .containsEntry(DataQualityColumns.ROWS_REPLACED, 0L);
        assertThat(DataQualityReport.reconciles(counts)).isTrue();
        assertThat(amounts(fx.stored(result))).containsExactlyInAnyOrder("t1/p1=10.00", "t3/p1=1.00");
    }

    @Test
    void aTableKeyedTheOldWayIsMatchedOnItsCanonicalColumns() throws Exception {
        Path a = fx.csv("a.csv", "t1,c1,2025-01-02 10:00:00,10.00,p1,GB", "t2,c2,2025-01-03 10:00:00,7,p1,GB");
        // As an older version stored it: the same canonical values under another row_key (the raw-text hash).
        Dataset<Row> oldKeyed = fx.stored(fx.ingest(IngestFixture.config(), a, null))
                .withColumn(TransactionColumns.ROW_KEY, lit("raw-text-sha"));
        IngestResult again = fx.ingest(IngestFixture.config(), a, oldKeyed);
        assertThat(again.counts()).containsEntry(DataQualityColumns.ACCEPTED, 0L)
                .containsEntry(DataQualityColumns.DUPLICATES_ALREADY_INGESTED, 2L)
                .containsEntry(DataQualityColumns.CONFLICTS_WITH_INGESTED, 0L);
        assertThat(fx.stored(again).count()).isEqualTo(2);
    }

    @Test
    void reIngestingTheBundledSampleOverATableKeyedTheOldWayAddsNothing() {
        ChurnlensConfig c = IngestFixture.config("mapping.channel=channel", "mapping.category=category");
        Path sample = Path.of("data-samples", "transactions.csv").toAbsolutePath();
        IngestResult first = fx.ingest(c, sample, null).persist();
        try {
            Map<String, Long> counts = first.counts();
            System.out.println("bundled sample ingest: " + counts);
            assertThat(DataQualityReport.reconciles(counts)).isTrue();
            Dataset<Row> oldKeyed = first.table().withColumn(TransactionColumns.ROW_KEY, lit("old")).cache();
            IngestResult again = fx.ingest(c, sample, oldKeyed);
            Map<String, Long> second = again.counts();
            assertThat(second).containsEntry(DataQualityColumns.ACCEPTED, 0L)
                    .containsEntry(DataQualityColumns.CONFLICTS_WITH_INGESTED, 0L)
                    .containsEntry(DataQualityColumns.DUPLICATES_ALREADY_INGESTED, counts.get(DataQualityColumns.ACCEPTED));
            oldKeyed.unpersist();
        } finally {
            first.release();
        }
    }

    private static List<String> amounts(Dataset<Row> table) {
        return table.collectAsList().stream().map(r -> r.getAs(TransactionColumns.TRANSACTION_ID) + "/"
                + r.getAs(TransactionColumns.PRODUCT_ID) + "=" + r.<BigDecimal>getAs(TransactionColumns.AMOUNT)).toList();
    }
}
