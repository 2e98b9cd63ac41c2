package io.churnlens.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {
                "Runs every stage in order for one snapshot date: ingest, then the analysis stages.",
                "With no options it runs on the bundled sample (data-samples/) and prints where the reports went."})
public final class PipelineCommand extends JobCommand {
    @Option(names = "--input", paramLabel = "PATH", description = "Raw input file, folder or glob (overrides input.path).")
    String input;

    @Option(names = "--skip-ingest", description = "Start from the canonical transactions already under the output root.")
    boolean skipIngest;

    @Override
    protected String jobName() {
        return "pipeline";
    }

    @Override
    protected List<String> commandOverrides() {
        return input == null ? List.of() : List.of("input.path=" + input);
    }

    @Override
    protected void run(RunContext ctx) {
        if (!skipIngest) {
            IngestCommand.ingest(ctx);
        }
        AnalysisStages.runAll(ctx);
    }

    @Override
    protected String resultHint(RunContext ctx) {
        return ctx.store.layout().root() + "/reports and " + ctx.store.layout().management(ctx.asOf) + "/report.html";
    }
}
