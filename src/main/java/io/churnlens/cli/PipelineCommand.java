package io.churnlens.cli;

import io.churnlens.pipeline.Pipeline;
import picocli.CommandLine.Command;

@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {
                "Runs every stage in order for one snapshot date: ingest, then the analysis stages.",
                "With no options it runs on the bundled sample (data-samples/) and prints where the reports went."})
public final class PipelineCommand extends IngestingJobCommand {
    @Override
    protected void run(RunContext ctx) {
        ingest.ingestUnlessSkipped(ctx);
        Pipeline.analyse(ctx);
    }

    @Override
    protected String resultHint(RunContext ctx) {
        return ctx.store.layout().root() + "/reports and " + ctx.store.layout().management(ctx.asOf) + "/report.html";
    }
}
