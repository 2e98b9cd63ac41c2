package io.churnlens.pipeline;

import io.churnlens.stage.Stage;
import io.churnlens.stage.StageContext;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs stages in order through a {@link Runner} (which adds progress lines, timings and the run record), and
 * releases each shared intermediate as soon as no stage left in the list {@link Stage#uses() uses} it: the features
 * as of T−H stay cached from clv to train and are unpersisted after train.
 */
public final class Pipeline {
    private Pipeline() {}

    /** Runs one stage of a job: times it, prints its lines and files it in the run record. */
    public interface Runner {
        void run(Stage stage);

        StageContext context();
    }

    /** The analysis stages for the runner's snapshot, then the marker that says the snapshot is whole. */
    public static void analyse(Runner runner) {
        run(runner, StageCatalogue.analysis());
        runner.context().store().markSnapshotComplete(runner.context().asOf());
    }

    public static void run(Runner runner, List<Stage> stages) {
        try {
            for (int i = 0; i < stages.size(); i++) {
                runner.run(stages.get(i));
                runner.context().release(usedFrom(stages, i + 1));
            }
        } finally {
            runner.context().releaseAll();
        }
    }

    private static Set<String> usedFrom(List<Stage> stages, int first) {
        Set<String> keys = new HashSet<>();
        stages.subList(first, stages.size()).forEach(s -> keys.addAll(s.uses()));
        return keys;
    }
}
