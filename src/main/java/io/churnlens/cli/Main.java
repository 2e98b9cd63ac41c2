package io.churnlens.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point, for {@code jobs/churnlens} and {@code spark-submit --class io.churnlens.cli.Main}.
 * Thin: picocli parses, a {@link JobCommand} runs; the process exits with the code the command returned.
 */
@Command(name = "churnlens", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {
                "Batch churn analysis on Apache Spark: ingest transactions, build customer features as of a",
                "snapshot date, segment, model churn and customer value, and report the revenue churn costs.",
                "",
                "Exit codes: 0 ok, 1 a stage failed, 2 bad command line or config, 3 input unreadable as configured,",
                "4 another run holds the output root."},
        subcommands = {GenerateCommand.class, IngestCommand.class, FeaturesCommand.class, SegmentCommand.class,
                ClvCommand.class, TrainCommand.class, BacktestCommand.class, ScoreCommand.class,
                ImpactCommand.class, DriftCommand.class, ReportCommand.class, PipelineCommand.class, BackfillCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** No subcommand: show the usage and fail, so a mistyped schedule entry is noticed. */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return ExitCodes.USAGE;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Parses and runs; returns the exit code instead of exiting, so tests can call it. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            Throwable root = ExitCodes.unwrap(e);
            String stage = e instanceof JobCommand.StageFailedException s && s.stage != null ? " in stage " + s.stage : "";
            Console.err("churnlens %s failed%s: %s", commandLine.getCommandName(), stage, ExitCodes.reason(root));
            if (ExitCodes.of(root) == ExitCodes.STAGE_FAILED) {
                Console.err("(stack trace in the log above; run records are under <output>/_runs)");
                org.slf4j.LoggerFactory.getLogger(Main.class).error("run failed", root);
            }
            return ExitCodes.of(root);
        });
        cli.setParameterExceptionHandler((e, a) -> {
            Console.err("%s", e.getMessage());
            Console.err("Try '%s --help'.", e.getCommandLine().getCommandSpec().qualifiedName());
            return ExitCodes.USAGE;
        });
        return cli.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"churnlens " + JobCommand.version()};
        }
    }
}
