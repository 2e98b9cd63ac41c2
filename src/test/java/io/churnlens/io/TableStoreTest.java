package io.churnlens.io;

import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableStoreTest extends SparkTestBase {
    private static final LocalDate AS_OF = LocalDate.of(2026, 9, 30);

    @TempDir
    Path root;

    @Test
    void aRerunReplacesThePartitionInsteadOfAppending() {
        TableStore first = store("run1");
        first.publishReport("t", AS_OF, numbers(3));
        store("run2").publishReport("t", AS_OF, numbers(5));
        Dataset<Row> read = store("run3").requireReport("t", AS_OF, "x");
        assertThat(read.count()).isEqualTo(5);
        assertThat(read.columns()).contains("as_of");
    }

    @Test
    void otherSnapshotsAreUntouched() {
        store("run1").publishReport("t", AS_OF, numbers(3));
        store("run2").publishReport("t", AS_OF.minusMonths(3), numbers(2));
        store("run3").publishReport("t", AS_OF, numbers(4));
        assertThat(store("r").requireReport("t", AS_OF, "x").count()).isEqualTo(4);
        assertThat(store("r").requireReport("t", AS_OF.minusMonths(3), "x").count()).isEqualTo(2);
    }

    @Test
    void aRunKilledBetweenTheTwoRenamesIsRepairedOnTheNextRead() throws Exception {
        store("run1").publishReport("t", AS_OF, numbers(3));
        OutputLayout layout = new OutputLayout(root.toString());
        Path target = Path.of(layout.report("t", AS_OF));
        // What a kill right after "target -> .old" leaves behind, plus a half-written tmp folder of that run.
        Files.move(target, target.resolveSibling("." + target.getFileName() + ".old-run2"));
        Files.createDirectories(target.resolveSibling("." + target.getFileName() + ".tmp-run2"));

        assertThat(store("run3").requireReport("t", AS_OF, "x").count()).isEqualTo(3);
        try (var siblings = Files.list(target.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString()).toList()).containsExactly("as_of=2026-09-30");
        }
    }

    @Test
    void theSweepRemovesAbandonedTmpFoldersOfOtherRunsAnywhereInTheLayout() throws Exception {
        store("run1").publishReport("t", AS_OF, numbers(3));
        OutputLayout layout = new OutputLayout(root.toString());
        Path quarantineTmp = Files.createDirectories(Path.of(layout.quarantine("dead")).resolveSibling(".ingest_run=dead.tmp-dead"));
        Path reportTmp = Files.createDirectories(Path.of(layout.reportTable("t"), ".as_of=2026-06-30.tmp-dead"));
        store("run2").sweep();
        assertThat(quarantineTmp).doesNotExist();
        assertThat(reportTmp).doesNotExist();
        assertThat(store("run2").requireReport("t", AS_OF, "x").count()).isEqualTo(3);
    }

    @Test
    void aHalfWrittenTmpFolderIsInvisibleToReaders() throws Exception {
        store("run1").publishReport("t", AS_OF, numbers(3));
        Path target = Path.of(new OutputLayout(root.toString()).report("t", AS_OF));
        Path tmp = Files.createDirectories(target.resolveSibling("." + target.getFileName() + ".tmp-dead"));
        Files.writeString(tmp.resolve("part-0.parquet"), "not parquet");
        assertThat(spark.read().parquet(Path.of(new OutputLayout(root.toString()).reportTable("t")).toString()).count())
                .isEqualTo(3);
    }

    @Test
    void aSecondWriterIsRefusedAndADeadOnesLockIsTakenOver() throws Exception {
        OutputLayout layout = new OutputLayout(root.toString());
        var hadoop = spark.sparkContext().hadoopConfiguration();
        try (RunLock held = RunLock.acquire(hadoop, layout, "run1", Duration.ofHours(6))) {
            assertThatThrownBy(() -> RunLock.acquire(hadoop, layout, "run2", Duration.ofHours(6)))
                    .isInstanceOf(RunLock.LockHeldException.class)
                    .hasMessageContaining("another churnlens run holds the output root")
                    .hasMessageContaining("run run1");
        }
        // Released: the next run gets it.
        RunLock.acquire(hadoop, layout, "run3", Duration.ofHours(6)).close();

        // A lock left by a process that no longer exists on this host is stale at once.
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.writeString(Path.of(layout.lock()), "run old on " + dead.pid() + "@"
                + java.net.InetAddress.getLocalHost().getHostName() + " since 2026-01-01T00:00:00Z");
        RunLock.acquire(hadoop, layout, "run4", Duration.ofHours(6)).close();

        // A fresh lock from another host is respected; an old one is taken over.
        Files.writeString(Path.of(layout.lock()), "run far on 1@elsewhere since now");
        assertThatThrownBy(() -> RunLock.acquire(hadoop, layout, "run5", Duration.ofHours(6)))
                .isInstanceOf(RunLock.LockHeldException.class);
        RunLock.acquire(hadoop, layout, "run6", Duration.ZERO).close();
    }

    @Test
    void dataQualityOfTheEarlierLayoutMovesToOnePartitionPerIngestRunOnce() throws Exception {
        // As earlier versions wrote it: one run's rows straight under as_of=T, ingest_run a column.
        var legacy = spark.sql("SELECT 'old' AS ingest_run, 'in.csv' AS source, metric, CAST(n AS BIGINT) AS rows "
                + "FROM VALUES ('rows_read', 5), ('accepted', 5) AS t(metric, n)");
        store("old").publishReport("data_quality", AS_OF, legacy);
        OutputLayout layout = new OutputLayout(root.toString());
        Path asOf = Path.of(layout.report("data_quality", AS_OF));
        Path saved = Files.createDirectories(root.resolve("saved"));
        try (var files = Files.list(asOf)) {
            for (Path f : files.toList()) {
                Files.copy(f, saved.resolve(f.getFileName()));
            }
        }
        store("run1").sweep();
        // A migration stopped after publishing the new partition, before deleting the old files: done again.
        try (var files = Files.list(saved)) {
            for (Path f : files.toList()) {
                Files.copy(f, asOf.resolve(f.getFileName()));
            }
        }
        store("run2").sweep();

        try (var children = Files.list(Path.of(layout.report("data_quality", AS_OF)))) {
            assertThat(children.map(p -> p.getFileName().toString()).toList()).containsExactly("ingest_run=old");
        }
        var rows = spark.read().parquet(layout.reportTable("data_quality")).orderBy("metric").collectAsList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getAs("ingest_run").toString()).isEqualTo("old");
        assertThat(rows.get(0).<String>getAs("metric")).isEqualTo("accepted");
        assertThat(rows.get(0).<Long>getAs("rows")).isEqualTo(5L);
    }

    private TableStore store(String runId) {
        return new TableStore(spark, new OutputLayout(root.toString()), runId);
    }

    private static Dataset<Row> numbers(int n) {
        return spark.range(n).toDF("n");
    }
}
