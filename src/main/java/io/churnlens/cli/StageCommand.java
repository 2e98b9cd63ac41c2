package io.churnlens.cli;

import io.churnlens.stage.Stage;

/**
 * A subcommand that runs one {@link Stage} alone, reading what earlier stages published: the picocli annotations
 * and flags are the subclass's, the work is the stage's.
 */
abstract class StageCommand extends JobCommand {
    /** The stage this command runs, built from the command's flags. */
    protected abstract Stage stage();

    @Override
    protected String jobName() {
        return stage().name();
    }

    @Override
    protected void run(RunContext ctx) {
        ctx.run(stage());
    }
}
