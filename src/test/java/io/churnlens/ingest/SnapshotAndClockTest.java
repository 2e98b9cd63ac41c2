package io.churnlens.ingest;

import io.churnlens.cli.Main;
import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ChurnlensConfig.TimeUnit;
import io.churnlens.features.ChurnLabels;
import io.churnlens.features.CustomerFeatures;
import io.churnlens.features.FeatureSpec;
import io.churnlens.features.Purchases;
import io.churnlens.features.TrainingSet;
import io.churnlens.schema.DataQualityColumns;
import io.churnlens.schema.QuarantineColumns;
import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 11 item 2: every valid row is kept whatever its date; only rows after the run's own clock are suspect. */
class SnapshotAndClockTest extends IngestTestBase {
    @Test
    void rowsAfterTheSnapshotAreKeptAndRowsAfterTheClockAreFutureDated() throws Exception {
        // Clock 2026-10-03T12:00Z, tolerance 2 days: up to 2026-10-05T12:00Z is accepted.
        Path a = fx.csv("a.csv",
                "t1,c1,2026-09-30 10:00:00,10,p1,GB",
                "t2,c1,2026-10-01 10:00:00,11,p1,GB",          // after T: kept
                "t3,c2,2026-10-05 11:59:59,12,p1,GB",          // within the tolerance: kept
                "t4,c2,2026-10-05 12:00:01,13,p1,GB",          // FUTURE_DATED
                "t5,c2,2062-10-01 10:00:00,14,p1,GB");         // FUTURE_DATED (a typo in the year)
        IngestResult result = fx.ingest(IngestFixture.config(), a, null);
        assertThat(IngestFixture.reasonsByTransaction(result)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "t4", "FUTURE_DATED", "t5", "FUTURE_DATED"));
        assertThat(IngestFixture.acceptedByTransaction(result)).containsOnlyKeys("t1", "t2", "t3");
        Map<String, Long> counts = result.counts();
        assertThat(counts).containsEntry(DataQualityColumns.ACCEPTED_AFTER_SNAPSHOT, 2L)
                .containsEntry("quarantined:FUTURE_DATED", 2L);
        assertThat(result.quarantine().first().<String>getAs(QuarantineColumns.DETAIL))
                .contains("after this run's clock (2026-10-03T12:00:00Z) + ingest.future-tolerance-days 2");

        ChurnlensConfig noTolerance = IngestFixture.config("ingest.future-tolerance-days=0");
        assertThat(fx.ingest(noTolerance, a, null).counts()).containsEntry("quarantined:FUTURE_DATED", 3L);
    }

    @Test
    void anIncrementalExportLosesNothing() throws Exception {
        // Export A: up to T plus October 1-2; export B (next quarter) starts on October 3. Before the fix the
        // October 1-2 rows of A were quarantined as AFTER_SNAPSHOT and never seen again.
        Path a = fx.csv("a.csv", "t1,c1,2026-09-29 10:00:00,10,p1,GB", "t2,c1,2026-10-01 10:00:00,20,p1,GB",
                "t3,c2,2026-10-02 10:00:00,30,p1,GB");
        Path b = fx.csv("b.csv", "t4,c2,2026-10-03 10:00:00,40,p1,GB");
        Dataset<Row> afterA = fx.stored(fx.ingest(IngestFixture.config(), a, null));
        Dataset<Row> afterB = fx.stored(fx.ingest(IngestFixture.config(), b, afterA));
        assertThat(afterB.select(TransactionColumns.TRANSACTION_ID).as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList()).containsExactlyInAnyOrder("t1", "t2", "t3", "t4");
        assertThat(afterB.agg(org.apache.spark.sql.functions.sum(TransactionColumns.AMOUNT)).first().getDecimal(0))
                .isEqualByComparingTo("100.00");
    }

    @Test
    void rowsAfterTChangeNoFeatureLabelOrHoldoutAsOfT() throws Exception {
        // The same history with and without rows after T, through ingest: features, training set, labels and the
        // CLV holdout as of T must be identical (the filters of every consumer, end to end).
        String upToT = String.join("\n", "t1,c1,2026-03-01 10:00:00,10,p1,GB", "t2,c1,2026-06-01 10:00:00,20,p2,GB",
                "t3,c2,2026-07-15 10:00:00,30,p1,DE", "t4,c2,2026-09-30 23:59:59,-5,p1,DE",
                "t5,c3,2026-01-10 10:00:00,7,p3,FR");
        String afterT = String.join("\n", "t6,c1,2026-10-01 00:00:00,999,p9,US", "t7,c3,2026-10-02 10:00:00,-7,p3,FR",
                "t8,c4,2026-10-03 09:00:00,50,p1,US");
        Dataset<Row> without = fx.ingest(IngestFixture.config(), fx.csv("without.csv", upToT), null).accepted();
        Dataset<Row> with = fx.ingest(IngestFixture.config(), fx.csv("with.csv", upToT, afterT), null).accepted();
        assertThat(with.count()).isEqualTo(8);

        LocalDate t = IngestFixture.AS_OF;
        CustomerFeatures features = new CustomerFeatures(new FeatureSpec(List.of(30, 90), 90, TimeUnit.WEEKS));
        assertSame(features.asOf(with, t), features.asOf(without, t));
        TrainingSet sets = new TrainingSet(features);
        assertSame(sets.build(with, t, 60), sets.build(without, t, 60));
        assertSame(ChurnLabels.label(with, t.minusDays(60), 60), ChurnLabels.label(without, t.minusDays(60), 60));
        assertSame(Purchases.purchaseDaysBetween(with, t.minusDays(90), t, "x"),
                Purchases.purchaseDaysBetween(without, t.minusDays(90), t, "x"));
        // Impact and cohorts start from the per-customer days up to T.
        var calendar = new io.churnlens.impact.QuarterCalendar(LocalDate.of(2026, 1, 10), t);
        assertSame(io.churnlens.impact.CustomerQuarters.days(with, calendar),
                io.churnlens.impact.CustomerQuarters.days(without, calendar));
        assertThat(features.asOf(with, t).count()).isEqualTo(3);
    }

    @Test
    void aSnapshotAfterTodayIsRefusedWithExitTwo() {
        String tomorrow = LocalDate.now().plusDays(1).toString();
        assertThat(Main.run("ingest", "--as-of", tomorrow, "--output", dir.resolve("out").toString())).isEqualTo(2);
        assertThat(dir.resolve("out")).doesNotExist();
    }

    private static void assertSame(Dataset<Row> actual, Dataset<Row> expected) {
        List<Row> e = expected.collectAsList();
        assertThat(e).isNotEmpty();
        assertThat(actual.collectAsList()).containsExactlyInAnyOrderElementsOf(e);
    }
}
