package io.churnlens.notebooks;

import io.churnlens.testing.Processes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every notebook under notebooks/ executed end to end on a fresh sample pipeline output, as an analyst runs it: a
 * cell that raises fails the build. Each is rendered to HTML under target/notebooks/ (look at it with
 * jobs/screenshot-report.sh). Needs Debian's jupyter-nbconvert, python3-nbclient, python3-ipykernel, python3-pandas,
 * python3-matplotlib and python3-jpype (.ci/run installs them); without them the test fails under CI (CI set) and is
 * skipped elsewhere, saying what to install. {@code -Dchurnlens.notebooks.output=DIR} reuses an existing output root
 * instead of running the pipeline.
 */
class NotebooksIT {
    static final String SNAPSHOT = "2026-09-30";
    static final String INSTALL = "apt-get install -y --no-install-recommends jupyter-nbconvert python3-nbclient "
            + "python3-ipykernel python3-pandas python3-matplotlib python3-jpype";
    private static final Path TARGET = Path.of("target", "notebooks");
    private static Path output;
    private static Processes processes;

    @BeforeAll
    static void sampleOutput() throws Exception {
        requireJupyter();
        processes = new Processes(TARGET.resolve("logs"));
        String given = System.getProperty("churnlens.notebooks.output", "");
        if (!given.isBlank()) {
            output = Path.of(given).toAbsolutePath();
            return;
        }
        output = TARGET.resolve("sample-output").toAbsolutePath();
        deleteRecursively(output);
        Processes.Result run = processes.run("pipeline", List.of("jobs/churnlens", "pipeline", "--output", output.toString()),
                Map.of(), 900);
        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    @AfterAll
    static void stopProcesses() {
        if (processes != null) processes.close();
    }

    @Test
    void everyNotebookRunsEndToEndOnTheSampleOutput() throws Exception {
        List<Path> notebooks = notebooks();
        assertThat(notebooks).extracting(p -> p.getFileName().toString()).contains("quarterly-churn-impact.ipynb",
                "segments-and-risk.ipynb", "cohorts-and-value.ipynb", "model-diagnostics.ipynb");
        List<String> failures = new ArrayList<>();
        for (Path notebook : notebooks) {
            String name = notebook.getFileName().toString().replace(".ipynb", "");
            Processes.Result r = processes.run(name, List.of(nbconvert(), "--to", "html", "--execute",
                    "--ExecutePreprocessor.timeout=600", "--output-dir", TARGET.toAbsolutePath().toString(),
                    notebook.toString()), environment(), 900);
            Path html = TARGET.resolve(name + ".html");
            if (r.exitCode() != 0) {
                failures.add(name + " failed (exit " + r.exitCode() + "):\n" + tail(r.output(), 4000));
            } else if (!Files.readString(html).contains("<img")) {
                failures.add(name + " ran but drew no chart: " + html);
            }
        }
        if (!failures.isEmpty()) fail(String.join("\n\n", failures));
    }

    @Test
    void theSampleManagementPageShowsTheAcquisitionEconomics() throws IOException {
        // jobs/conf/local-sample.conf sets a marketing spend per quarter (a labelled sample assumption)
        Path page = output.resolve("management/2026-Q3");
        List<String> figures = Files.readAllLines(page.resolve("key_figures.csv"));
        for (String metric : List.of("acquisition_cost_per_customer", "value_to_acquisition_cost")) {
            String row = figures.stream().filter(l -> l.startsWith("2026-Q3," + metric + ",")).findFirst().orElseThrow();
            String[] cells = row.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
            assertThat(cells[5]).as(row).isNotBlank();
            assertThat(Double.parseDouble(cells[5])).as(row).isPositive();
        }
        assertThat(Files.readString(page.resolve("report.html")))
                .contains("Replacing this quarter's departed customers would cost about");
    }

    @Test
    void theSampleGroupsTheQuartersDeparturesByTheSegmentsAtItsStart() throws IOException {
        // jobs/conf/local-sample.conf sets segment.quarter-start: the one-snapshot sample also segments 2026-06-30
        assertThat(output.resolve("reports/customer_segments/as_of=2026-06-30")).isDirectory();
        assertThat(output.resolve("reports/customer_features/as_of=2026-06-30")).isDirectory();
        assertThat(Files.readString(output.resolve("management/2026-Q3/report.html")))
                .doesNotContain("No segments were published for the start of the quarter");
    }

    static List<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("notebooks"))) {
            return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    private static Map<String, String> environment() throws IOException {
        Map<String, String> env = new java.util.HashMap<>(Map.of("CHURNLENS_OUTPUT", output.toString(),
                "CHURNLENS_SNAPSHOT", SNAPSHOT, "PYDEVD_DISABLE_FILE_VALIDATION", "1", "MPLBACKEND", "Agg"));
        try (Stream<Path> jars = Files.list(Path.of("target", "notebook-lib"))) {
            jars.filter(p -> p.getFileName().toString().startsWith("duckdb_jdbc")).findFirst()
                    .ifPresent(jar -> env.put("CHURNLENS_DUCKDB_JAR", jar.toAbsolutePath().toString()));
        } catch (java.nio.file.NoSuchFileException e) {
            // pyarrow may be there instead; the loader says what is missing otherwise
        }
        return env;
    }

    private static String nbconvert() {
        return Files.isExecutable(Path.of("/usr/bin/jupyter-nbconvert")) ? "/usr/bin/jupyter-nbconvert" : "jupyter-nbconvert";
    }

    private static void requireJupyter() throws InterruptedException {
        boolean present;
        try {
            Process p = new ProcessBuilder(nbconvert(), "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            present = p.waitFor() == 0;
        } catch (IOException e) {
            present = false;
        }
        String message = "jupyter-nbconvert not found: the notebooks cannot be executed (" + INSTALL + ")";
        if (!present && System.getenv("CI") != null) fail(message);
        assumeTrue(present, message);
    }

    private static String tail(String s, int chars) {
        return s.length() <= chars ? s : "..." + s.substring(s.length() - chars);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
