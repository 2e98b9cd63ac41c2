package io.churnlens.cli;

import io.churnlens.testing.Processes;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Kill a run while it writes, then check the published snapshot and a re-run; two runs on one output root. */
class RecoveryIT extends SparkTestBase {
    @TempDir
    Path tmp;

    @Test
    void aRunKilledWhileWritingLeavesThePublishedSnapshotIntactAndTheRerunCompletes() throws Exception {
        Path out = tmp.resolve("out");
        try (Processes processes = new Processes(tmp.resolve("logs"))) {
            Processes.Result first = processes.run("first", pipeline(out), Map.of(), 600);
            assertThat(first.exitCode()).as(first.output()).isZero();
            List<Row> transactionsBefore = sorted(out.resolve("transactions"));
            List<Row> qualityBefore = sorted(out.resolve("reports/data_quality"));

            Process killed = processes.start("killed", pipeline(out), Map.of());
            awaitWriteInProgress(out, killed);
            killed.descendants().forEach(ProcessHandle::destroyForcibly);
            killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            // Readers see the last published data, untouched (hidden .tmp- folders and _staging are not part of any
            // table); data_quality keeps every earlier ingest run's partition (the killed run's is there only if its
            // ingest committed, and then it counts no new rows: the sample was ingested already).
            assertThat(sorted(out.resolve("transactions"))).isEqualTo(transactionsBefore);
            assertThat(sorted(out.resolve("reports/data_quality"))).containsAll(qualityBefore);

            Processes.Result rerun = processes.run("rerun", pipeline(out), Map.of(), 600);
            assertThat(rerun.exitCode()).as(rerun.output()).isZero();
            assertThat(sorted(out.resolve("transactions"))).isEqualTo(transactionsBefore);
            assertThat(sorted(out.resolve("reports/data_quality"))).containsAll(qualityBefore);
            try (Stream<Path> all = Files.walk(out)) {
                assertThat(all.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains(".tmp-")
                        || name.contains(".old-") || name.equals("_lock") || name.equals("_staging"));
            }
        }
    }

    @Test
    void aSecondRunOnTheSameOutputRootRefusesWhileTheFirstHoldsIt() throws Exception {
        Path out = tmp.resolve("out");
        try (Processes processes = new Processes(tmp.resolve("logs"))) {
            Process first = processes.start("first", pipeline(out), Map.of());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (!Files.exists(out.resolve("_lock")) && System.nanoTime() < deadline && first.isAlive()) {
                Thread.sleep(50);
            }
            assertThat(out.resolve("_lock")).exists();

            Processes.Result second = processes.run("second", pipeline(out), Map.of(), 300);
            assertThat(second.exitCode()).as(second.output()).isEqualTo(ExitCodes.LOCKED);
            assertThat(second.output()).contains("another churnlens run holds the output root");

            assertThat(first.waitFor(600, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).as(Files.readString(processes.log("first"))).isZero();
        }
    }

    private static List<String> pipeline(Path out) {
        return List.of("jobs/churnlens", "pipeline", "--output", out.toString());
    }

    /** Waits until some table is being written beside its published folder (.tmp-) or an ingest commits (_staging). */
    private static void awaitWriteInProgress(Path out, Process run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline && run.isAlive()) {
            try (Stream<Path> all = Files.walk(out)) {
                if (all.anyMatch(p -> p.getFileName().toString().contains(".tmp-")
                        || p.getFileName().toString().equals("_staging"))) {
                    return;
                }
            } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
                // a folder moved while we walked: look again
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the run never started writing (or ended first)");
    }

    private List<Row> sorted(Path table) {
        var rows = spark.read().parquet(table.toString());
        String[] columns = rows.columns();
        return rows.orderBy(columns[0], java.util.Arrays.copyOfRange(columns, 1, columns.length)).collectAsList();
    }
}
