package io.churnlens.cli;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.io.RunRecord;
import io.churnlens.io.TableStore;
import io.churnlens.pipeline.Pipeline;
import io.churnlens.stage.Stage;
import io.churnlens.stage.StageContext;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The CLI's stage runner around one {@link StageContext}: it times each stage, prints its progress lines and fills
 * the run record, and knows which stage a failure happened in.
 */
public final class RunContext implements Pipeline.Runner {
    public final SparkSession spark;
    public final ChurnlensConfig config;
    public final LocalDate asOf;
    public final String runId;
    public final TableStore store;
    final RunRecord record;
    private final StageContext stages;
    private String currentStage;

    RunContext(StageContext stages, RunRecord record) {
        this.spark = stages.spark();
        this.config = stages.config();
        this.asOf = stages.asOf();
        this.runId = stages.runId();
        this.store = stages.store();
        this.stages = stages;
        this.record = record;
    }

    @Override
    public StageContext context() {
        return stages;
    }

    /** Runs a {@link Stage}, or prints why it does not run for this snapshot. */
    @Override
    public void run(Stage stage) {
        Optional<String> skip = stage.skipReason(stages);
        if (skip.isPresent()) {
            Console.out("    WARNING: %s", skip.get());
            return;
        }
        stage(stage.name(), () -> stage.run(stages));
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
        java.util.List<String> notes = stages.drainNotes();
        stage.notes.addAll(notes);
        record.stages.add(stage);
        StringBuilder line = new StringBuilder();
        counts.forEach((k, v) -> line.append(line.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        Console.out("  ok %-10s %6.1f s  %s", name, ms / 1000.0, line);
        notes.forEach(n -> Console.out("     %s", n));
        currentStage = null;
    }

    /** Runs a step that is not a stage of its own (no progress lines), so a failure in it still names a stage. */
    void quietly(String name, Runnable body) {
        currentStage = name;
        body.run();
        currentStage = null;
    }

    /** The same run (session, store, lock, record, shared intermediates) for another snapshot date: backfills. */
    RunContext forAsOf(LocalDate otherAsOf) {
        return new RunContext(stages.forAsOf(otherAsOf), record);
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
