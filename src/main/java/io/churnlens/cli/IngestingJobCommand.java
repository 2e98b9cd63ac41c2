package io.churnlens.cli;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.report.Pseudonyms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;

/**
 * A job that starts with ingest and ends with the management report (pipeline, backfill): the {@link IngestChoice}
 * options and their config overrides, and the report's key checked before Spark starts.
 */
abstract class IngestingJobCommand extends JobCommand {
    @Mixin
    IngestChoice ingest = new IngestChoice();

    /** The subcommand's name (pipeline, backfill). */
    @Override
    protected String jobName() {
        return getClass().getAnnotation(Command.class).name();
    }

    @Override
    protected List<String> commandOverrides() {
        return ingest.overrides();
    }

    /** Both end with the management report: its pseudonymisation key must be there before anything runs. */
    @Override
    protected void beforeSpark(ChurnlensConfig config) {
        Pseudonyms.forManagement(config.pseudonymise());
    }
}
