package io.churnlens.cli;

import io.churnlens.testing.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's run command, exactly as a new user types it, against the packaged thin jar. */
class LauncherIT {
    @TempDir
    Path tmp;

    @Test
    void pipelineOnTheBundledSampleSucceedsAndSaysWhereTheReportsAre() throws Exception {
        try (Processes processes = new Processes(tmp.resolve("logs"))) {
            Path out = tmp.resolve("out");
            Processes.Result result = processes.run("pipeline", List.of("jobs/churnlens", "pipeline", "--output", out.toString()),
                    Map.of(), 600);
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("churnlens pipeline | as of 2026-09-30").contains("done: pipeline")
                    .contains(out.resolve("reports").toString());
            assertThat(out.resolve("transactions/_SUCCESS")).exists();
            try (var runs = Files.list(out.resolve("reports/data_quality/as_of=2026-09-30"))) {
                assertThat(runs.filter(p -> Files.exists(p.resolve("_SUCCESS"))).map(p -> p.getFileName().toString()))
                        .singleElement().asString().startsWith("ingest_run=");
            }
            assertThat(out.resolve("_snapshots/as_of=2026-09-30/_SUCCESS")).exists();
            try (var runs = Files.list(out.resolve("_runs"))) {
                assertThat(runs.filter(p -> p.toString().endsWith(".json")).toList()).hasSize(1);
            }
        }
    }

    @Test
    void helpListsTheSubcommandsAndBadConfigExitsTwoWithOneLine() throws Exception {
        try (Processes processes = new Processes(tmp.resolve("logs"))) {
            Processes.Result help = processes.run("help", List.of("jobs/churnlens", "--help"), Map.of(), 120);
            assertThat(help.exitCode()).isZero();
            assertThat(help.output()).contains("pipeline").contains("ingest").contains("backfill").contains("Exit codes");

            Processes.Result bad = processes.run("bad", List.of("jobs/churnlens", "ingest", "--set", "churn.horizon-dayz=3"),
                    Map.of(), 120);
            assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(bad.output()).contains("unknown configuration key 'churn.horizon-dayz'")
                    .contains("did you mean 'churn.horizon-days'").doesNotContain("\tat ");
        }
    }
}
