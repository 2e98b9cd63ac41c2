package io.churnlens.pipeline;

import io.churnlens.stage.Stage;
import io.churnlens.stage.StageContext;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A shared intermediate is built once for the stages that use it and dropped after the last of them. */
class PipelineTest {
    private static final String KEY = "features as of T-H";
    private final AtomicInteger builds = new AtomicInteger();
    private final List<String> seen = new ArrayList<>();

    @Test
    void sharedIntermediateIsBuiltOnceAndReleasedAfterItsLastUser() {
        StageContext ctx = new StageContext(null, null, LocalDate.of(2026, 9, 30), "run", null);
        List<Stage> stages = List.of(stage("clv", true), stage("train", true), stage("impact", false));
        Pipeline.run(runner(ctx), stages);
        // clv builds it, train reuses it; impact (not a user) asks after train released it and gets a new one.
        assertThat(seen).containsExactly("clv:1", "train:1", "impact:2");
        assertThat(builds).hasValue(2);
    }

    @Test
    void intermediatesAreKeyedBySnapshot() {
        StageContext ctx = new StageContext(null, null, LocalDate.of(2026, 9, 30), "run", null);
        Object q3 = ctx.shared(KEY, Object::new);
        assertThat(ctx.forAsOf(LocalDate.of(2026, 6, 30)).shared(KEY, Object::new)).isNotSameAs(q3);
        assertThat(ctx.shared(KEY, Object::new)).isSameAs(q3);
        ctx.releaseAll();
        assertThat(ctx.shared(KEY, Object::new)).isNotSameAs(q3);
    }

    private Stage stage(String name, boolean uses) {
        return new Stage() {
            public String name() { return name; }
            public List<String> reads() { return List.of(); }
            public List<String> publishes() { return List.of(); }
            public List<String> uses() { return uses ? List.of(KEY) : List.of(); }
            public Map<String, Long> run(StageContext ctx) {
                Integer build = ctx.shared(KEY, builds::incrementAndGet);
                seen.add(name + ":" + build);
                return Map.of();
            }
        };
    }

    private static Pipeline.Runner runner(StageContext ctx) {
        return new Pipeline.Runner() {
            public void run(Stage stage) { stage.run(ctx); }
            public StageContext context() { return ctx; }
        };
    }
}
