package io.churnlens.cli;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ConfigLoader;
import io.churnlens.io.GroupCommit;
import io.churnlens.io.OutputLayout;
import io.churnlens.io.OutputRoot;
import io.churnlens.io.RunLock;
import io.churnlens.io.RunRecord;
import io.churnlens.io.RunRecords;
import io.churnlens.io.TableStore;
import io.churnlens.stage.StageContext;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * A subcommand that runs one job: resolve the config, start Spark, take the output-root lock, run the stages,
 * write the run record, print a summary. Failures are reported here, once, with the stage and the reason; the exit
 * code says what kind of failure it was (see {@link ExitCodes}).
 */
public abstract class JobCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common = new CommonOptions();

    /** Where tests stop a run's commits as a kill would; none in production. */
    GroupCommit.Checkpoints checkpoints = GroupCommit.Checkpoints.NONE;

    /** The job's name in run records and messages. */
    protected abstract String jobName();

    /** The job's stages, each run through {@link RunContext#run} (or wrapped in {@link RunContext#stage}). */
    protected abstract void run(RunContext ctx);

    /** Config overrides from this command's own flags. */
    protected List<String> commandOverrides() {
        return List.of();
    }

    /** Where the job's results are, for the closing line. */
    protected String resultHint(RunContext ctx) {
        return ctx.store.layout().root() + "/reports";
    }

    /** Checks that need only the config, before Spark starts (a missing key fails in a second, not after a run). */
    protected void beforeSpark(ChurnlensConfig config) {}

    @Override
    public Integer call() {
        ChurnlensConfig config = ConfigLoader.load(common.config, common.overrides(commandOverrides()));
        LocalDate asOf = common.asOf(config.run().asOf(), LocalDate.now());
        beforeSpark(config);
        return execute(config, asOf);
    }

    Integer execute(ChurnlensConfig config, LocalDate asOf) {
        String runId = newRunId();
        SparkSession spark = SparkSessions.start("churnlens " + jobName() + " " + asOf);
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        OutputLayout layout = new OutputLayout(absolute(config.output().root()));
        RunRecord record = new RunRecord(runId, jobName(), asOf, config.hash(), version(), spark.sparkContext().master());
        RunContext ctx = new RunContext(new StageContext(spark, config, asOf, runId,
                new TableStore(spark, layout, runId, checkpoints)), record);
        Console.out("churnlens %s | as of %s | run %s | master %s", jobName(), asOf, runId, record.sparkMaster);
        Console.out("  output root: %s", layout.root());
        long start = System.nanoTime();
        OutputRoot.prepare(hadoop, layout, config.output().umask(), runId);
        try (RunLock lock = RunLock.acquire(hadoop, layout, runId, Duration.ofMinutes(config.run().lockStaleMinutes()))) {
            RunRecords.write(hadoop, layout, record); // visible even if killed
            try {
                ctx.quietly("recover", ctx.store::sweep);
                run(ctx);
                record.status = "succeeded";
            } catch (Throwable e) { // Spark throws checked exceptions (AnalysisException) without declaring them
                record.status = "failed";
                record.failedStage = ctx.failingStage();
                record.error = ExitCodes.reason(e);
                if (e instanceof Error error) {
                    throw error;
                }
                throw new StageFailedException(record.failedStage, e);
            } finally {
                ctx.context().releaseAll(); // what a single stage shared (a pipeline releases as it goes)
                record.endedAt = java.time.Instant.now().toString();
                RunRecords.write(hadoop, layout, record);
            }
        }
        Console.out("done: %s in %s | results: %s | run record: %s/%s.json", jobName(),
                RunContext.seconds((System.nanoTime() - start) / 1_000_000), resultHint(ctx), layout.runs(), runId);
        return ExitCodes.OK;
    }

    /**
     * Sortable and unique: time of start to the millisecond (two runs in one second, e.g. a quick re-ingest, still
     * sort in the order they ran) plus a short random suffix.
     */
    static String newRunId() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS", Locale.ROOT))
                + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private static String absolute(String root) {
        return root.contains("://") ? root : java.nio.file.Path.of(root).toAbsolutePath().normalize().toString();
    }

    static String version() {
        String v = JobCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** Carries the failing stage to the exit handler. */
    static final class StageFailedException extends RuntimeException {
        final String stage;

        StageFailedException(String stage, Throwable cause) {
            super(cause);
            this.stage = stage;
        }
    }
}
