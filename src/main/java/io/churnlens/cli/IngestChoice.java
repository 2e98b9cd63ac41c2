package io.churnlens.cli;

import io.churnlens.pipeline.StageCatalogue;
import picocli.CommandLine.Option;

import java.util.List;

/** The options of the jobs that start with ingest (pipeline, backfill): where the raw input is, or no ingest at all. */
final class IngestChoice {
    @Option(names = "--input", paramLabel = "PATH", description = "Raw input file, folder or glob (overrides input.path).")
    String input;

    @Option(names = "--skip-ingest", description = "Start from the canonical transactions already under the output root.")
    boolean skipIngest;

    List<String> overrides() {
        return input == null ? List.of() : List.of("input.path=" + input);
    }

    void ingestUnlessSkipped(RunContext ctx) {
        if (!skipIngest) {
            ctx.run(StageCatalogue.ingest());
        }
    }
}
