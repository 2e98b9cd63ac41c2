package io.churnlens.cli;

import java.util.List;
import java.util.function.Consumer;

/**
 * The analysis stages after ingest, in the order the pipeline runs them for one snapshot. Each reads what the
 * previous ones published, so each can also run alone as its own subcommand.
 */
final class AnalysisStages {
    private AnalysisStages() {}

    static final List<Consumer<RunContext>> IN_ORDER = List.of(
            FeaturesCommand::features,
            SegmentCommand::segment,
            ClvCommand::clv,
            TrainCommand::trainWhenPossible,
            ScoreCommand::scoreWhenModelExists,
            ImpactCommand::impact,
            ReportCommand::report);

    static void runAll(RunContext ctx) {
        IN_ORDER.forEach(stage -> stage.accept(ctx));
        ctx.store.markSnapshotComplete(ctx.asOf);
    }
}
