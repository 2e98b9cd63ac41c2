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
    void otherSnapshotsAreUntouchedAndHistoryReadsAll() {
        store("run1").publishReport("t", AS_OF, numbers(3));
        store("run2").publishReport("t", AS_OF.minusMonths(3), numbers(2));
        store("run3").publishReport("t", AS_OF, numbers(4));
        assertThat(store("r").reportHistory("t").orElseThrow().groupBy("as_of").count().collectAsList()).hasSize(2);
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
        Path quarantineTmp = Files.createDirectories(Path.of(layout.quarantineTable(), ".ingest_run=dead.tmp-dead"));
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

    private TableStore store(String runId) {
        return new TableStore(spark, new OutputLayout(root.toString()), runId);
    }

    private static Dataset<Row> numbers(int n) {
        return spark.range(n).toDF("n");
    }
}
