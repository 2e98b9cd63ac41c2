package io.churnlens.cli;

import picocli.CommandLine.Mixin;

import java.util.List;

/** A job that starts with ingest (pipeline, backfill): the {@link IngestChoice} options and their config overrides. */
abstract class IngestingJobCommand extends JobCommand {
    @Mixin
    IngestChoice ingest = new IngestChoice();

    @Override
    protected List<String> commandOverrides() {
        return ingest.overrides();
    }
}
