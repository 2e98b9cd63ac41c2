package io.churnlens.cli;

import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An ingest killed between publishing its outputs leaves, after the next run, a consistent root: every ingest
 * run's data_quality counts match its quarantine partition and its rows in transactions, and no row is there
 * twice. A re-ingest for the same as_of keeps the earlier run's counts. Outputs are not readable by other users.
 */
class IngestCommitTest extends SparkTestBase {
    private static final String AS_OF = "2026-09-30";
    /** The tiny exports carry one bad row in five on purpose: far above the default reject limit. */
    private static final String ACCEPT_BAD_ROWS = "ingest.max-reject-share=0.5";

    @TempDir
    Path dir;

    @Test
    void aRunKilledAfterPublishingTransactionsIsCompletedByTheNextRun() throws Exception {
        Path out = dir.resolve("out");
        // Killed with transactions in place but neither its quarantine nor its counts: the old failure mode.
        Map<String, Map<String, Long>> quality = killedThenRerun(out, "moved transactions");
        assertThat(quality).hasSize(3); // A, the killed B (rolled forward), B again
        List<Map<String, Long>> runs = quality.values().stream().toList();
        // All 4 valid rows of B are there already: 3 came with the killed run, 1 with A.
        assertThat(runs.get(2).get("duplicates_already_ingested")).isEqualTo(4);
        assertThat(runs.get(1).get("accepted")).isEqualTo(3);
    }

    @Test
    void aRunKilledBeforeItsCommitPointLeavesNothingOfItself() throws Exception {
        Path out = dir.resolve("out");
        Map<String, Map<String, Long>> quality = killedThenRerun(out, "staged quarantine/");
        assertThat(quality).hasSize(2); // the killed run was rolled back: no trace of it
        assertThat(quality.values().stream().toList().get(1).get("accepted")).isEqualTo(3);
        try (Stream<Path> all = Files.walk(out)) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.equals("_staging"));
        }
    }

    @Test
    void aReingestForTheSameSnapshotKeepsTheEarlierRunsCounts() throws Exception {
        Path out = dir.resolve("out");
        assertThat(ingest(out, exportA(), null)).isZero();
        assertThat(ingest(out, exportA(), null)).isZero();

        Map<String, Map<String, Long>> quality = qualityByRun(out);
        assertThat(quality).hasSize(2);
        List<Map<String, Long>> runs = quality.values().stream().toList();
        assertThat(runs.get(0).get("accepted")).isEqualTo(4);
        assertThat(runs.get(1).get("accepted")).isZero();
        assertThat(runs.get(1).get("duplicates_already_ingested")).isEqualTo(4);
        assertConsistent(out, quality);
    }

    @Test
    void theQuarantineAndTheOtherOutputsGiveNoAccessToOtherUsers() throws Exception {
        Path out = dir.resolve("out");
        assertThat(ingest(out, exportA(), null)).isZero();

        try (Stream<Path> quarantine = Files.walk(out.resolve("quarantine"));
             Stream<Path> transactions = Files.walk(out.resolve("transactions"))) {
            List<Path> paths = Stream.concat(quarantine, transactions).toList();
            assertThat(paths).anyMatch(p -> p.toString().endsWith(".parquet"));
            for (Path p : paths) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(p);
                assertThat(permissions).as(p.toString()).doesNotContain(PosixFilePermission.OTHERS_READ,
                        PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
            }
        }
        assertThat(Files.getPosixFilePermissions(out)).doesNotContain(PosixFilePermission.OTHERS_READ,
                PosixFilePermission.OTHERS_EXECUTE);

        // Control: the permissions come from output.umask, not from this machine's defaults.
        Path open = dir.resolve("open");
        assertThat(Main.run("ingest", "--input", exportA().toString(), "--output", open.toString(), "--as-of", AS_OF,
                "--set", "output.umask=022", "--set", ACCEPT_BAD_ROWS)).isZero();
        try (Stream<Path> quarantine = Files.walk(open.resolve("quarantine"))) {
            Path file = quarantine.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
            assertThat(Files.getPosixFilePermissions(file)).contains(PosixFilePermission.OTHERS_READ);
        }
    }

    /**
     * Ingests A, then B killed at {@code killAt}, then B again; checks the root is consistent and holds A's 4 and B's
     * 3 new rows once; returns the data_quality counts by run.
     */
    private Map<String, Map<String, Long>> killedThenRerun(Path out, String killAt) throws Exception {
        assertThat(ingest(out, exportA(), null)).isZero();
        assertThat(ingest(out, exportB(), killAt)).isEqualTo(ExitCodes.STAGE_FAILED);
        assertThat(ingest(out, exportB(), null)).isZero();
        Map<String, Map<String, Long>> quality = qualityByRun(out);
        assertConsistent(out, quality);
        assertThat(transactionCount(out)).isEqualTo(4 + 3);
        return quality;
    }

    /** Runs ingest in this JVM, stopped like a kill right after the first commit step starting with {@code killAt}. */
    private static int ingest(Path out, Path input, String killAt) {
        IngestCommand command = new IngestCommand();
        if (killAt != null) {
            command.checkpoints = step -> {
                if (step.startsWith(killAt)) {
                    throw new IllegalStateException("simulated kill after " + step);
                }
            };
        }
        return new CommandLine(command).execute("--input", input.toString(), "--output", out.toString(), "--as-of", AS_OF,
                "--set", ACCEPT_BAD_ROWS);
    }

    /** Each data_quality partition reconciles and matches its run's quarantine partition and transactions rows. */
    private static void assertConsistent(Path out, Map<String, Map<String, Long>> quality) {
        Map<String, Long> quarantined = countsByRun(out.resolve("quarantine"));
        Map<String, Long> accepted = countsByRun(out.resolve("transactions"));
        assertThat(quarantined.keySet()).isSubsetOf(quality.keySet());
        quality.forEach((run, m) -> {
            assertThat(m.get("rows_read")).as(run).isEqualTo(m.get("accepted") + m.get("quarantined")
                    + m.get("duplicates_in_input") + m.get("duplicates_already_ingested"));
            assertThat(quarantined.getOrDefault(run, 0L)).as("quarantine of " + run).isEqualTo(m.get("quarantined"));
            assertThat(accepted.getOrDefault(run, 0L)).as("transactions of " + run).isEqualTo(m.get("accepted"));
        });
        var transactions = spark.read().parquet(out.resolve("transactions").toString());
        assertThat(transactions.select("row_key").distinct().count()).isEqualTo(transactions.count());
    }

    /** run id → metric → rows, in the order of the run ids (they sort by start time). */
    private static Map<String, Map<String, Long>> qualityByRun(Path out) {
        Map<String, Map<String, Long>> byRun = new java.util.TreeMap<>();
        for (Row r : spark.read().parquet(out.resolve("reports/data_quality").toString())
                .select("ingest_run", "metric", "rows").collectAsList()) {
            byRun.computeIfAbsent(r.getAs("ingest_run"), k -> new HashMap<>()).put(r.getAs("metric"), r.<Long>getAs("rows"));
        }
        return byRun;
    }

    private static Map<String, Long> countsByRun(Path table) {
        return spark.read().parquet(table.toString()).groupBy(col("ingest_run").cast("string").as("ingest_run")).count()
                .collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("ingest_run"), r -> r.<Long>getAs("count")));
    }

    private static long transactionCount(Path out) {
        return spark.read().parquet(out.resolve("transactions").toString()).count();
    }

    /** 4 valid rows, one with an amount that is not a number. */
    private Path exportA() throws Exception {
        return Files.writeString(dir.resolve("a.csv"), """
                customer_id,order_ts,amount
                c1,2026-07-01 10:00:00,10.00
                c2,2026-07-02 10:00:00,20.00
                c3,2026-07-03 10:00:00,30.00
                c1,2026-08-01 10:00:00,15.00
                c4,2026-08-02 10:00:00,lots
                """);
    }

    /** 3 new valid rows, one row of A again, two bad amounts. */
    private Path exportB() throws Exception {
        return Files.writeString(dir.resolve("b.csv"), """
                customer_id,order_ts,amount
                c5,2026-09-01 10:00:00,50.00
                c6,2026-09-02 10:00:00,60.00
                c2,2026-09-03 10:00:00,25.00
                c1,2026-07-01 10:00:00,10.00
                c7,2026-09-04 10:00:00,n/a
                c8,2026-09-05 10:00:00,?
                """);
    }
}
