package io.churnlens.io;

import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run stopped after any step of its commit leaves, once the next run has recovered, either everything it
 * published before (stopped before the commit marker) or everything of the new run (stopped after it), never a mix.
 */
class GroupCommitTest extends SparkTestBase {
    private static final LocalDate AS_OF = LocalDate.of(2026, 9, 30);
    private static final List<String> STEPS = List.of(
            "staged transactions",
            "staged quarantine/ingest_run=r1",
            "staged reports/data_quality/as_of=2026-09-30/ingest_run=r1",
            "committed",
            "retired transactions",
            "moved transactions",
            "moved quarantine/ingest_run=r1",
            "moved reports/data_quality/as_of=2026-09-30/ingest_run=r1");

    @TempDir
    Path dir;

    @Test
    void theStepsOfACommitAreTheDocumentedOnes() {
        OutputLayout layout = publishedFirstRun(dir.resolve("steps"));
        List<String> seen = new ArrayList<>();
        commitSecondRun(new TableStore(spark, layout, "r1", seen::add));
        assertThat(seen).isEqualTo(STEPS);
        assertSecondRunPublished(layout);
    }

    @Test
    void aRunStoppedAtAnyStepIsRolledBackOrForwardByTheNextRun() {
        for (int i = 0; i < STEPS.size(); i++) {
            String stop = STEPS.get(i);
            OutputLayout layout = publishedFirstRun(dir.resolve("stop-" + i));
            TableStore stopped = new TableStore(spark, layout, "r1", step -> {
                if (step.equals(stop)) {
                    throw new SimulatedKill(step);
                }
            });
            try {
                commitSecondRun(stopped);
                throw new AssertionError("not stopped at " + stop);
            } catch (SimulatedKill expected) {
                // the process is gone: nothing after this step ran
            }

            new TableStore(spark, layout, "r2").sweep();

            if (i < STEPS.indexOf("committed")) {
                assertOnlyFirstRunPublished(layout);
            } else {
                assertSecondRunPublished(layout);
            }
            assertThat(Path.of(layout.stagingRoot())).as("after stopping at " + stop).doesNotExist();
        }
    }

    @Test
    void aMoveLeftHalfDoneByAnObjectStoreRenameIsFinishedFileByFile() throws Exception {
        OutputLayout layout = publishedFirstRun(dir.resolve("half"));
        try {
            commitSecondRun(new TableStore(spark, layout, "r1", step -> {
                if (step.equals("committed")) {
                    throw new SimulatedKill(step);
                }
            }));
        } catch (SimulatedKill expected) {
            // stopped with the marker written and nothing moved
        }
        // What a copy-then-delete rename leaves when stopped half way: some files at the target, the rest staged.
        Path staged = Path.of(layout.staging("r1"), "quarantine/ingest_run=r1");
        Path target = Path.of(layout.quarantine("r1"));
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(staged)) {
            List<Path> parquet = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
            assertThat(parquet).hasSizeGreaterThan(1);
            Files.copy(parquet.get(0), target.resolve(parquet.get(0).getFileName())); // copied, not yet deleted
            Files.move(parquet.get(1), target.resolve(parquet.get(1).getFileName()));   // copied and deleted
        }

        new TableStore(spark, layout, "r2").sweep();

        assertSecondRunPublished(layout);
    }

    /** r0 published transactions {0,1,2,3}, its quarantine (2 rows) and data_quality (1 row). */
    private OutputLayout publishedFirstRun(Path root) {
        OutputLayout layout = new OutputLayout(root.toString());
        TableStore store = new TableStore(spark, layout, "r0");
        GroupCommit commit = store.beginCommit();
        store.stageQuarantine(commit, rows(0, 2));
        store.stageTransactions(commit, transactions(0, 4));
        store.stageDataQuality(commit, AS_OF, rows(0, 1));
        commit.commit();
        return layout;
    }

    /** r1 adds transactions {4,5}, quarantines 3 rows and counts 2 metrics. */
    private static void commitSecondRun(TableStore store) {
        GroupCommit commit = store.beginCommit();
        store.stageTransactions(commit, transactions(0, 6));
        store.stageQuarantine(commit, rows(10, 13));
        store.stageDataQuality(commit, AS_OF, rows(10, 12));
        commit.commit();
    }

    private void assertOnlyFirstRunPublished(OutputLayout layout) {
        assertThat(ids(layout.transactions())).containsExactly(0L, 1L, 2L, 3L);
        assertThat(ids(layout.quarantine("r0"))).containsExactly(0L, 1L);
        assertThat(ids(layout.dataQuality(AS_OF, "r0"))).containsExactly(0L);
        assertThat(Path.of(layout.quarantine("r1"))).doesNotExist();
        assertThat(Path.of(layout.dataQuality(AS_OF, "r1"))).doesNotExist();
    }

    private void assertSecondRunPublished(OutputLayout layout) {
        assertThat(ids(layout.transactions())).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(ids(layout.quarantine("r0"))).containsExactly(0L, 1L);
        assertThat(ids(layout.quarantine("r1"))).containsExactly(10L, 11L, 12L);
        assertThat(ids(layout.dataQuality(AS_OF, "r0"))).containsExactly(0L);
        assertThat(ids(layout.dataQuality(AS_OF, "r1"))).containsExactly(10L, 11L);
        assertThat(ids(layout.reportTable(io.churnlens.schema.Tables.DATA_QUALITY))).containsExactly(0L, 10L, 11L);
        assertThat(Path.of(layout.transactions(), "_SUCCESS")).exists();
    }

    private static List<Long> ids(String path) {
        return spark.read().parquet(path).select("id").orderBy("id").as(org.apache.spark.sql.Encoders.LONG())
                .collectAsList();
    }

    private static Dataset<Row> rows(int from, int to) {
        return spark.range(from, to, 1, 2).toDF("id");
    }

    private static Dataset<Row> transactions(int from, int to) {
        return spark.range(from, to, 1, 2).toDF("id").selectExpr("id", "concat('2026-0', id % 2 + 1) AS event_month");
    }

    private static final class SimulatedKill extends RuntimeException {
        SimulatedKill(String step) {
            super("killed after " + step);
        }
    }
}
