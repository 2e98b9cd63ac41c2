package io.churnlens.cli;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.io.RunRecord;
import io.churnlens.io.TableStore;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything a job needs for one run: the session, the typed config, the snapshot date and the table store; and
 * the stage timer that prints progress lines and fills the run record.
 */
public final class RunContext {
    public final SparkSession spark;
    public final ChurnlensConfig config;
    public final LocalDate asOf;
    public final String runId;
    public final TableStore store;
    final RunRecord record;
    private String currentStage;
    private final java.util.List<String> pendingNotes = new java.util.ArrayList<>();

    RunContext(SparkSession spark, ChurnlensConfig config, LocalDate asOf, String runId, TableStore store, RunRecord record) {
        this.spark = spark;
        this.config = config;
        this.asOf = asOf;
        this.runId = runId;
        this.store = store;
        this.record = record;
    }

    /** Runs one stage: prints its start and, when done, its duration and the counts it returns. */
    public void stage(String name, Supplier<Map<String, Long>> body) {
        currentStage = name;
        spark.sparkContext().setJobGroup(name, "churnlens " + name + " as of " + asOf, false);
        Console.out("  > %s ...", name);
        long start = System.nanoTime();
        Map<String, Long> counts = body.get();
        long ms = (System.nanoTime() - start) / 1_000_000;
        RunRecord.StageRecord stage = new RunRecord.StageRecord(name);
        stage.durationMs = ms;
        stage.counts.putAll(counts);
        stage.notes.addAll(pendingNotes);
        record.stages.add(stage);
        StringBuilder line = new StringBuilder();
        counts.forEach((k, v) -> line.append(line.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        Console.out("  ok %-10s %6.1f s  %s", name, ms / 1000.0, line);
        pendingNotes.forEach(n -> Console.out("     %s", n));
        pendingNotes.clear();
        currentStage = null;
    }

    /** Runs a step that is not a stage of its own (no progress lines), so a failure in it still names a stage. */
    void quietly(String name, Runnable body) {
        currentStage = name;
        body.run();
        currentStage = null;
    }

    /** A sentence for the current stage's run record and summary line (e.g. a fit's verdict). */
    public void note(String sentence) {
        pendingNotes.add(sentence);
    }

    /** The same run (session, store, lock, record) for another snapshot date: used by backfills. */
    RunContext forAsOf(LocalDate otherAsOf) {
        return new RunContext(spark, config, otherAsOf, runId, store, record);
    }

    /** The stage a failure happened in: the one running, or the gap between two stages. */
    String failingStage() {
        if (currentStage != null) {
            return currentStage;
        }
        return record.stages.isEmpty() ? "(before the first stage)"
                : "(after " + record.stages.get(record.stages.size() - 1).stage + ")";
    }

    static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
