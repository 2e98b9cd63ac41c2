package io.churnlens.stage;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step of the pipeline, in its own package beside its computation: what it reads, what it publishes, and
 * {@link #run} which reads its inputs through {@link StageContext#store()}, hands them to the stage's core (pure
 * Dataset → Dataset code without I/O) and publishes the result. The pipeline is the ordered catalogue of stages;
 * each picocli subcommand is a thin adapter over one of them.
 */
public interface Stage {
    /** The name in progress lines, run records and failure messages. */
    String name();

    /** The tables it reads ({@code schema.Tables} names), for the catalogue and the README. */
    List<String> reads();

    /** The tables (or model) it publishes. */
    List<String> publishes();

    /**
     * The keys of the {@link StageContext#shared} intermediates it uses: the runner releases an intermediate once no
     * stage left in the run names it.
     */
    default List<String> uses() {
        return List.of();
    }

    /**
     * Why the stage does not run for this snapshot (a warning for the user), or empty when it runs. A skipped stage
     * prints the warning instead of its progress lines and leaves no entry in the run record.
     */
    default Optional<String> skipReason(StageContext ctx) {
        return Optional.empty();
    }

    /** Runs the stage for {@code ctx.asOf()}; returns the counts for its progress line and the run record. */
    Map<String, Long> run(StageContext ctx);
}
